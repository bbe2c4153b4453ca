import { describe, expect, it } from "vitest";
import { E_CHARGE, M_MU } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { leptonWidth, neutrinoWidth } from "../src/widths/fermion.js";
import { hadronicR, loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";

describe("couplings (eq. 2.2)", () => {
  const m = resolveModel("3,-6,7,-10");
  it("kinetic mixing shifts charges by (εe/g_X) Q at low mass; the neutron is unshifted", () => {
    const g = 1e-4;
    const r = -6.26;
    const c = couplings(m, g, { epsRatio: r }, 0.2);
    const eps = (r * g) / E_CHARGE;
    const shift = r / Math.sqrt(1 - eps * eps);
    // X–Z mixing (eq. 3.18) adds O(r ε m_X²/m_Z²) ≈ 1e-5 here: relative tolerance 1e-4.
    expect(c.e.V / g / (-6 - shift)).toBeCloseTo(1, 4);
    expect(c.p / g / (3 + shift)).toBeCloseTo(1, 4);
    expect(c.n / g / 3).toBeCloseTo(1, 4);
    expect(c.nu[1] / g / 7).toBeCloseTo(1, 4);
    // and it vanishes as m_X → 0
    const c0 = couplings(m, g, { epsRatio: r }, 1e-6);
    expect(c0.n / g).toBeCloseTo(3, 10);
    expect(c.e.A / g).toBeCloseTo(0, 4); // axial only through X–Z mixing
  });
  it("--eps and --eps-ratio describe the same point", () => {
    const a = couplings(m, 2e-4, { epsRatio: -7 }, 0.2);
    const b = couplings(m, 2e-4, { eps: (-7 * 2e-4) / E_CHARGE }, 0.2);
    expect(a.mu.V).toBeCloseTo(b.mu.V, 15);
  });
  it("a pure dark photon couples as εeQ", () => {
    const c = couplings(resolveModel("DarkPhoton"), 0, { eps: 1e-3 }, 0.1);
    // eq. (2.2): e ε/√(1−ε²) up to O(ε²) and O(m_X²/m_Z²)
    expect(c.e.V / (-1e-3 * E_CHARGE)).toBeCloseTo(1, 5);
    expect(c.p / (1e-3 * E_CHARGE)).toBeCloseTo(1, 5);
    expect(c.nu[0]).toBeCloseTo(0, 9);
  });
});

describe("widths", () => {
  it("fermion widths match closed forms", () => {
    // m ≫ m_f: Γ → g² m/(12π) (vector) and the same for axial.
    expect(leptonWidth(10, 1e-6, 0.1, 0) / ((0.01 * 10) / (12 * Math.PI))).toBeCloseTo(1, 9);
    expect(leptonWidth(10, 1e-6, 0, 0.1) / ((0.01 * 10) / (12 * Math.PI))).toBeCloseTo(1, 9);
    // Axial width vanishes as β³ at threshold, vector as β.
    const m = 2 * M_MU * 1.0001;
    const beta = Math.sqrt(1 - 4 * (M_MU / m) ** 2);
    expect(leptonWidth(m, M_MU, 1, 0) / ((m / (12 * Math.PI)) * beta * 1.5)).toBeCloseTo(1, 3);
    expect(leptonWidth(m, M_MU, 0, 1) / ((m / (12 * Math.PI)) * beta ** 3)).toBeCloseTo(1, 9);
    expect(leptonWidth(0.2, M_MU, 1, 1)).toBe(0);
    expect(neutrinoWidth(1, 1)).toBeCloseTo(1 / (24 * Math.PI), 15);
  });
  it("the dark photon's ππ rate near the ρ matches R = β³|F_π|²/4 with the PDG ρ → ee width", () => {
    const t = loadHadronicTables();
    const unit = (m: number) => couplings(resolveModel("DarkPhoton"), 0, { eps: 1e-2 }, m);
    const norm = (m: number) => unit(m).p ** 2; // (e ε)² of the dark photon
    const R = hadronicR(t, "pi+_pi-", 0.775, unit(0.775)) / norm(0.775);
    // Narrow-ρ estimate: R = (12π/m²) B_ee B_ππ / (4πα²/3m²) = 9 Γ_ee/(α² Γ) with PDG 2022 Γ_ee = 7.04 keV,
    // Γ_ρ = 149.1 MeV: 7.9; the ρ–ω interference and Gounaris–Sakurai shape raise the peak to ~9.
    const alpha = 1 / 137.036;
    const narrow = (9 * 7.04e-6) / (alpha * alpha * 0.1491);
    expect(R).toBeGreaterThan(narrow * 0.95);
    expect(R).toBeLessThan(narrow * 1.25);
    // Below the ρ the ratio falls with the ρ-pole form factor: R(0.3 GeV) = β³/4 |1/(1 − s/m_ρ²)|².
    const s = 0.09;
    const beta = Math.sqrt(1 - (4 * 0.13957 ** 2) / s);
    const vmd = (beta ** 3 / 4) / (1 - s / 0.775 ** 2) ** 2;
    expect(hadronicR(t, "pi+_pi-", 0.3, unit(0.3)) / norm(0.3) / vmd).toBeCloseTo(1, 1);
  });
  it("an L_µ − L_τ boson below 2m_µ decays only to neutrinos", () => {
    const s = widthSummary(couplings(resolveModel("Lmu-Ltau"), 1e-3, { eps: 0 }, 0.2), loadHadronicTables());
    expect(s.invisible / s.total).toBeCloseTo(1, 12);
    expect(s.total).toBeCloseTo((2 * 1e-6 * 0.2) / (24 * Math.PI), 15);
  });
});
