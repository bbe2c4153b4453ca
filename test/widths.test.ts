import { describe, expect, it } from "vitest";
import { M_E, M_MU, M_TAU } from "../src/constants.js";
import { type ChiralCoupling, type Couplings, couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { STATES, WidthCalculator } from "../src/widths/calculator.js";
import { HADRONIC_STATES, hadronicRComponents, loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";

// Every width here comes from WidthCalculator (src/widths/calculator.ts), what the engine runs: widthSummary and
// `u1x widths` call it, and so do the resonance searches. The references are closed forms written out in the tests.

const tables = loadHadronicTables();
const chiral = (V: number, A = 0): ChiralCoupling => ({ L: V + A, R: V - A, V, A });
/** Couplings set by hand (everything else zero), to reach one channel at a time. */
const hand = (mX: number, parts: Partial<Couplings>): Couplings => {
  const z = chiral(0);
  const k = { gX: 0, eps: 0, epsY: 0, epsRatio: Number.NaN, mX, e: z, mu: z, tau: z, nu: [0, 0, 0] as const, u: z, d: z, p: 0, n: 0, ...parts };
  // Right-handed partners with the left-handed charges (vector-like), and generation-universal quarks, unless given.
  return { nuR: k.nu, s: k.d, c: k.u, b: k.d, t: k.u, ...k };
};
const unitWidth = (m: number) => m / (12 * Math.PI);

/** Independent re-implementation: Γ(X→ff̄) = m/(12π) β [g_V²(1 + 2µ²) + g_A²(1 − 4µ²)] (one colour), 0 below threshold. */
function pairWidth(m: number, mf: number, gV: number, gA: number): number {
  const x = (mf * mf) / (m * m);
  if (x >= 0.25) return 0;
  return (m / (12 * Math.PI)) * Math.sqrt(1 - 4 * x) * (gV * gV * (1 + 2 * x) + gA * gA * (1 - 4 * x));
}

describe("widths: leptons and neutrinos against closed forms", () => {
  it("Γ(X→ℓℓ̄): g²m/(12π) far above threshold (vector and axial), β(1 + 2µ²) and β³ near it, zero below", () => {
    const far = widthSummary(hand(10, { e: chiral(0.1), tau: chiral(0, 0.1) }), tables).widths;
    expect(far.e_e / (0.01 * unitWidth(10))).toBeCloseTo(1, 7);
    const betaTau = Math.sqrt(1 - 4 * (M_TAU / 10) ** 2);
    expect(far.tau_tau / (0.01 * unitWidth(10) * betaTau ** 3)).toBeCloseTo(1, 12);
    const m = 2 * M_MU * 1.0001;
    const beta = Math.sqrt(1 - 4 * (M_MU / m) ** 2);
    expect(widthSummary(hand(m, { mu: chiral(1) }), tables).widths.mu_mu / (unitWidth(m) * beta * 1.5)).toBeCloseTo(1, 3);
    expect(widthSummary(hand(m, { mu: chiral(0, 1) }), tables).widths.mu_mu / (unitWidth(m) * beta ** 3)).toBeCloseTo(1, 9);
    expect(widthSummary(hand(0.2, { mu: chiral(1, 1) }), tables).widths.mu_mu).toBe(0);
  });

  it("Γ(X→νν̄) = g_ν² m/(24π) per flavour (left-handed), g_ν² m/(12π) for Dirac neutrinos", () => {
    const c = hand(0.05, { nu: [1e-3, 2e-3, -3e-3] });
    const left = widthSummary(c, tables, "left");
    const dirac = widthSummary(c, tables, "dirac");
    expect(left.widths.nutau_nutau / ((9e-6 * 0.05) / (24 * Math.PI))).toBeCloseTo(1, 12);
    expect(left.invisible / ((14e-6 * 0.05) / (24 * Math.PI))).toBeCloseTo(1, 12);
    expect(dirac.invisible / ((14e-6 * 0.05) / (12 * Math.PI))).toBeCloseTo(1, 12);
    expect(left.total).toBe(left.invisible);
  });

  it("an L_µ − L_τ boson below 2m_µ decays only to neutrinos: Γ = 2 g² m/(24π)", () => {
    const s = widthSummary(couplings(resolveModel("Lmu-Ltau"), 1e-3, { eps: 0 }, 0.2), tables);
    expect(s.invisible / s.total).toBeCloseTo(1, 12);
    expect(s.total / ((2 * 1e-6 * 0.2) / (24 * Math.PI))).toBeCloseTo(1, 12);
  });

  it("B − L at 100 MeV: Γ = Γ_ee + 3Γ_νν with g_e = g_ν = −g", () => {
    const g = 1e-4;
    const s = widthSummary(couplings(resolveModel("B-L"), g, { eps: 0 }, 0.1), tables);
    const expected = pairWidth(0.1, M_E, g, 0) + (3 * g * g * 0.1) / (24 * Math.PI);
    expect(s.total / expected).toBeCloseTo(1, 10);
    expect(s.hadrons).toBe(0);
  });
});

describe("widths: free quarks above 2 GeV", () => {
  // PDG 2022 quark masses (MS-bar: u, d, s at 2 GeV; m_c(m_c), m_b(m_b)), u-type or d-type.
  const quarks = [
    { m: 0.00216, up: true },
    { m: 0.00467, up: false },
    { m: 0.0934, up: false },
    { m: 1.27, up: true },
    { m: 4.18, up: false },
  ];
  /** Γ(X→hadrons) = N_c m/(12π) Σ_q β_q [g_V²(1 + 2µ²) + g_A²(1 − 4µ²)] over the open quarks. */
  const freeQuarks = (c: Couplings) => quarks.reduce((s, q) => s + 3 * pairWidth(c.mX, q.m, (q.up ? c.u : c.d).V, (q.up ? c.u : c.d).A), 0);

  it.each([
    [3, { eps: 0 }, "u, d, s, c"],
    [10, { eps: 0 }, "u, d, s, c, b"],
    [10, { epsRatio: -2 }, "with axial couplings from X–Z mixing"],
  ] as const)("B − L at %s GeV (%o): the closed form (%s)", (mX, mix, _what) => {
    const g = 1e-3;
    const c = couplings(resolveModel("B-L"), g, mix, mX);
    if ("eps" in mix) expect(c.u.V / (g / 3)).toBeCloseTo(1, 12); // x_q = 1/3
    const s = widthSummary(c, tables);
    expect(s.hadrons / freeQuarks(c)).toBeCloseTo(1, 12);
    expect(s.widths.other).toBe(s.hadrons);
    // The b quark is closed at 3 GeV: the sum over u, d, s, c alone is N_c m/(12π) g_q² Σ β(1 + 2µ²).
    if (mX === 3) {
      const open = quarks.slice(0, 4).reduce((t, q) => t + Math.sqrt(1 - 4 * (q.m / 3) ** 2) * (1 + 2 * (q.m / 3) ** 2), 0);
      expect(s.hadrons / (3 * unitWidth(3) * (g / 3) ** 2 * open)).toBeCloseTo(1, 12);
    }
    // The total adds the leptons and three neutrinos (left-handed): g_ℓ = g_ν = −g for B − L at ε = 0.
    const leptons = pairWidth(mX, M_E, c.e.V, c.e.A) + pairWidth(mX, M_MU, c.mu.V, c.mu.A) + pairWidth(mX, M_TAU, c.tau.V, c.tau.A);
    const nus = c.nu.reduce((t, x) => t + (x * x * mX) / (24 * Math.PI), 0);
    expect(s.total / (leptons + nus + freeQuarks(c))).toBeCloseTo(1, 12);
  });
});

describe("widths: vector-meson dominance below 2 GeV", () => {
  it("recombines the dark photon's R-components with the model's meson couplings (independent re-implementation)", () => {
    // Γ(X→F) = m/(12π) max(0, Σ_V (c_V/c_V^{A'})² R^{F,V} + (c_ω c_φ)/(c_ω^{A'} c_φ^{A'}) R^{F,ωφ}), with
    // c_ρ = g_u − g_d, c_ω = g_u + g_d, c_φ = g_d and the dark photon's (1, 1/3, −1/3) (DarkCast, 1801.04847).
    const model = resolveModel("3,-7,-1,-1");
    for (const mX of [0.5, 0.78, 0.9, 1.02, 1.6]) {
      const c = couplings(model, 2.3e-4, { epsRatio: -6.96 }, mX);
      const rho = c.u.V - c.d.V;
      const omega = (c.u.V + c.d.V) * 3;
      const phi = -c.d.V * 3;
      const weight: Record<string, number> = { rho0: rho * rho, omega: omega * omega, phi: phi * phi, omega_phi: omega * phi };
      const s = widthSummary(c, tables);
      let hadrons = 0;
      for (const state of HADRONIC_STATES) {
        const R = Object.entries(hadronicRComponents(tables, state, mX)).reduce((t, [v, r]) => t + weight[v] * r, 0);
        const expected = unitWidth(mX) * Math.max(R, 0);
        hadrons += expected;
        if (expected === 0) expect(s.widths[state]).toBe(0);
        else expect(s.widths[state] / expected).toBeCloseTo(1, 12);
      }
      expect(s.hadrons / hadrons).toBeCloseTo(1, 12);
    }
  });

  it("the dark photon's ππ rate near the ρ matches R = β³|F_π|²/4 with the PDG ρ → ee width", () => {
    const unit = (m: number) => couplings(resolveModel("DarkPhoton"), 0, { eps: 1e-2 }, m);
    // R_ππ = Γ(X→ππ)/(m/(12π)) per (e ε)² of the dark photon.
    const R = (m: number) => widthSummary(unit(m), tables).widths["pi+_pi-"] / unitWidth(m) / unit(m).p ** 2;
    // Narrow-ρ estimate: R = (12π/m²) B_ee B_ππ / (4πα²/3m²) = 9 Γ_ee/(α² Γ) with PDG 2022 Γ_ee = 7.04 keV,
    // Γ_ρ = 149.1 MeV: 7.9; the ρ–ω interference and Gounaris–Sakurai shape raise the peak to ~9.
    const alpha = 1 / 137.036;
    const narrow = (9 * 7.04e-6) / (alpha * alpha * 0.1491);
    expect(R(0.775)).toBeGreaterThan(narrow * 0.95);
    expect(R(0.775)).toBeLessThan(narrow * 1.25);
    // Below the ρ the ratio falls with the ρ-pole form factor: R(0.3 GeV) = β³/4 |1/(1 − s/m_ρ²)|².
    const s = 0.09;
    const beta = Math.sqrt(1 - (4 * 0.13957 ** 2) / s);
    const vmd = beta ** 3 / 4 / (1 - s / 0.775 ** 2) ** 2;
    expect(R(0.3) / vmd).toBeCloseTo(1, 1);
  });
});

describe("WidthCalculator", () => {
  it("keeps no state between calls: one calculator at alternating couplings gives each point's widths", () => {
    const model = resolveModel("3,-7,-1,-1");
    for (const mX of [0.9, 5]) {
      const a = couplings(model, 2.3e-4, { epsRatio: -6.96 }, mX);
      const b = couplings(resolveModel("B-L"), 1e-3, { eps: 1e-4 }, mX);
      const calc = new WidthCalculator(mX, tables);
      const out = new Float64Array(STATES.length);
      const fresh = (c: Couplings) => {
        const o = new Float64Array(STATES.length);
        new WidthCalculator(mX, tables).partial(c, o);
        return o;
      };
      for (const c of [a, b, a]) {
        const total = calc.partial(c, out);
        expect([...out]).toEqual([...fresh(c)]);
        expect(total).toBe(out.reduce((s, x) => s + x, 0));
      }
    }
  });
});

describe("Dirac neutrino widths follow the right-handed charges (chiral models)", () => {
  it("Γ(X→νν̄) = (g_L² + g_R²) m/(24π) per flavour, with g_R = g_X x_N", () => {
    // x_L = (1, 0, 0), x_N = (3, 0, 0): left-handed only m/24π · 1; Dirac m/24π · (1 + 9).
    const c = hand(0.05, { nu: [1, 0, 0], nuR: [3, 0, 0] });
    const m = 0.05;
    expect(widthSummary(c, tables, "left").invisible / (m / (24 * Math.PI))).toBeCloseTo(1, 12);
    expect(widthSummary(c, tables, "dirac").invisible / ((10 * m) / (24 * Math.PI))).toBeCloseTo(1, 12);
  });
});
