import { describe, expect, it } from "vitest";
import { closedFormRBe } from "./helpers/borexino.js";
import { borexino, BOREXINO_FLAVOUR_FRACTIONS } from "../likelihoods/borexino/index.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";

describe("Borexino ⁷Be (eq. B.3)", () => {
  const model = resolveModel("3,-6,7,-10");
  it("gives 0.44 at the SM point (appendix B)", () => {
    const p = borexino.prepare(model, 0.2, {});
    expect(borexino.evaluate(p, couplings(model, 0, { eps: 0 }, 0.2)).dchi2).toBeCloseTo(0.0036 / 0.0081, 10);
  });
  it("uses P_ee = 0.53 at 862 keV, as Borexino measured (0.53 ± 0.05)", () => {
    expect(BOREXINO_FLAVOUR_FRACTIONS[0]).toBeGreaterThan(0.48);
    expect(BOREXINO_FLAVOUR_FRACTIONS[0]).toBeLessThan(0.58);
    expect(BOREXINO_FLAVOUR_FRACTIONS.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it("has no new physics when the electron's X charge vanishes (εe/g_X = c_e, eq. 4.6)", () => {
    const p = borexino.prepare(model, 0.2, {});
    // The charge shift of eq. (2.2) is εe/(g_X√(1−ε²)): at g_X = 5e-5 (ε ≈ 1e-3) the O(ε²) residual is ~1e-6.
    const r = borexino.evaluate(p, couplings(model, 5e-5, { epsRatio: -6 }, 0.2)).observables!.RBe;
    expect(r).toBeCloseTo(1, 5);
    const off = borexino.evaluate(p, couplings(model, 5e-5, { epsRatio: -5 }, 0.2)).observables!.RBe;
    expect(Math.abs(off - 1)).toBeGreaterThan(1e-3);
  });
  it("reaches the contact limit for heavy X: the closed-form total cross-section with constant couplings", () => {
    const mX = 50;
    const g = 0.05;
    const c = couplings(model, g, { epsRatio: 1 }, mX);
    const p = borexino.prepare(model, mX, {});
    const R = borexino.evaluate(p, c).observables!.RBe;
    // σ ∝ G_L² T_m + … in closed form (test/helpers/borexino.ts).
    expect(R / closedFormRBe(c, mX)).toBeCloseTo(1, 4); // q²/m_X² ~ 1e-9 corrections
    expect(Math.abs(R - 1)).toBeGreaterThan(1e-3); // the test is not trivial
  });
  it("is even in g_X", () => {
    const p = borexino.prepare(model, 0.1, {});
    const a = borexino.evaluate(p, couplings(model, 3e-4, { epsRatio: -5 }, 0.1)).dchi2;
    const b = borexino.evaluate(p, couplings(model, -3e-4, { epsRatio: -5 }, 0.1)).dchi2;
    expect(a).toBeCloseTo(b, 12);
  });
});
