import { describe, expect, it } from "vitest";
import { amu } from "../likelihoods/amu/index.js";
import { checkInputSet, measurement } from "../src/likelihood/measurements.js";
import { amuCoefficients } from "../likelihoods/amu/loop.js";
import { M_MU } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { integrate } from "../src/numerics/integrate.js";

// References: core paper eq. (2.5) (limits) and eq. (B.2); Pospelov, PRD 80 (2009) 095002, eq. (9) for the vector part.
describe("Δa_µ at one loop", () => {
  it("reproduces both limits of eq. (2.5) to 1e-6", () => {
    const gV = 0.7;
    const gA = 0.3;
    for (const [mX, limit] of [
      [M_MU * 1e5, (r: number) => (2 / 3) * r * r * (gV * gV - 5 * gA * gA)], // m_X ≫ m_µ
      [M_MU * 1e-8, (r: number) => gV * gV - 2 * r * r * gA * gA], // m_X ≪ m_µ
    ] as const) {
      const { kV, kA } = amuCoefficients(M_MU, mX);
      const r = M_MU / mX;
      const full = kV * gV * gV + kA * gA * gA;
      expect(full / (limit(r) / (8 * Math.PI * Math.PI))).toBeCloseTo(1, 6);
    }
  });
  it("agrees with the independent Feynman-parameter form of the vector part at all masses", () => {
    // Pospelov (2009): Δa_µ = (g²/8π²) ∫₀¹ dz 2z(1−z)² / ((1−z)² + z m_X²/m_µ²)
    for (const mX of [0.001, 0.02, 0.1, 0.2, 0.5, 3, 100]) {
      const ref = integrate((z) => (2 * z * (1 - z) ** 2) / ((1 - z) ** 2 + (z * mX * mX) / (M_MU * M_MU)), 0, 1, { rtol: 1e-13 }) / (8 * Math.PI * Math.PI);
      expect(amuCoefficients(M_MU, mX).kV / ref).toBeCloseTo(1, 9);
    }
  });
  const model = resolveModel("Lmu-Ltau");
  const p = amu.prepare(model, 0.2, {});
  it("gives (251/59)² at the SM point and is even in g_X", () => {
    expect(amu.evaluate(p, couplings(model, 0, { eps: 0 }, 0.2)).dchi2).toBeCloseTo((251 / 59) ** 2, 10);
    const a = amu.evaluate(p, couplings(model, 1.3e-3, { epsRatio: 0.2 }, 0.2)).dchi2;
    const b = amu.evaluate(p, couplings(model, -1.3e-3, { epsRatio: 0.2 }, 0.2)).dchi2;
    expect(a).toBeCloseTo(b, 12);
  });
  it("selects the 2025 input set, Δa_µ = 38.5 ± 63.7", () => {
    // 116 592 071.5(14.5) − 116 592 033(62), in units of 10⁻¹¹ (arXiv:2506.03069, 2505.21476)
    const m = measurement("amu", "deltaAmu", { inputs: "2025" });
    expect(m.value / 1e-11).toBeCloseTo(116592071.5 - 116592033, 6);
    expect(m.sigma / 1e-11).toBeCloseTo(Math.hypot(14.5, 62), 8);
    const q = amu.prepare(model, 0.2, { inputs: "2025" });
    expect(amu.evaluate(q, couplings(model, 0, { eps: 0 }, 0.2)).dchi2).toBeCloseTo((38.5 / Math.hypot(14.5, 62)) ** 2, 8);
    expect(() => checkInputSet("nope", ["amu", "borexino"])).toThrow(/unknown --inputs 'nope'/);
  });
});
