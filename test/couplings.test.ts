import { describe, expect, it } from "vitest";
import { E_CHARGE } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";

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

// The widths (src/widths/) are tested in test/widths.test.ts.
