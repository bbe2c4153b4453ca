import { describe, expect, it } from "vitest";
import { deltaRmue, ew } from "../likelihoods/ew/index.js";
import { G_Z_MZ, M_Z, SW_MZ, SW2_MZ } from "../src/constants.js";
import { couplings, epsYHat, mixingCoefficients, tanTheta } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";

// References: the Z partial widths Γ(Z→ℓℓ) ∝ g_L² + g_R² with g_L = −½ + s_w², g_R = s_w² (PDG, electroweak review),
// shifted by X–Z mixing: eq. (3.10) puts +s_θ Z⁰ into the X eigenstate, so the orthogonal Z eigenstate carries
// −s_θ X⁰ and δg_f = −t_θ g_X x_f/g_Z to first order (core paper section 3.1). R_µe computed from the
// widths directly must agree with eq. (3.17) to first order in t_θ. And eq. (3.6): the two branches of t_θ meet
// continuously where s_w ε̂_Y = 1 − m_X²/m_Z².
describe("R_µe from X–Z mixing (eq. 3.17)", () => {
  it("agrees with the ratio of Z widths computed from shifted couplings, to first order in t_θ", () => {
    for (const [spec, epsY, mX, gX] of [
      ["Lmu-Ltau", 1e-3, 10, 1e-2],
      ["3,-6,7,-10", -2e-3, 30, 5e-3],
      ["Le-Lmu", 5e-4, 60, 2e-2],
    ] as const) {
      const model = resolveModel(spec);
      const t = tanTheta(epsY, mX);
      const gL = -0.5 + SW2_MZ;
      const gR = SW2_MZ;
      const shift = (x: number) => (-t * gX * x) / G_Z_MZ;
      const [xL, xE] = [model.fields!.L, model.fields!.E];
      const width = (i: number) => (gL + shift(xL[i])) ** 2 + (gR + shift(xE[i])) ** 2;
      const exact = width(1) / width(0) - 1;
      const charge = xL[1] - xL[0] + 2 * SW2_MZ * (xL[0] + xE[0] - xL[1] - xE[1]);
      const d = deltaRmue(epsY, gX, mX, charge);
      expect(Math.abs(d)).toBeGreaterThan(0);
      expect(d / exact).toBeCloseTo(1, 2); // O(t_θ g_X/g_Z) corrections
      // and the likelihood reports the same number
      const p = ew.prepare(model, mX, {});
      expect(ew.evaluate(p, couplings(model, gX, { epsY }, mX)).observables!.deltaRmue / d).toBeCloseTo(1, 12);
    }
  });
});

describe("X–Z mixing near m_Z (eqs. 3.6, 3.10)", () => {
  it("the Z-current coefficient grows as ε m_X²/m_Z² at low mass", () => {
    const epsY = 1e-3;
    const z = (m: number) => mixingCoefficients(epsY, m).z;
    // z ≈ c_θ (t_θ − s_w ε̂) with t_θ = s_w ε̂/(1 − r²): z ≈ s_w ε̂ r² for r ≪ 1
    for (const m of [0.1, 1]) expect(z(m) / (SW_MZ * epsYHat(epsY) * (m / M_Z) ** 2)).toBeCloseTo(1, 3);
  });
  it("the two branches of t_θ meet where s_w ε̂_Y = 1 − m_X²/m_Z², and the couplings are continuous there", () => {
    const epsY = 0.05;
    const a = SW_MZ * epsYHat(epsY);
    const mSwitch = M_Z * Math.sqrt(1 - a); // b = 1 − r² = a
    const below = mixingCoefficients(epsY, mSwitch * (1 - 1e-9));
    const above = mixingCoefficients(epsY, mSwitch * (1 + 1e-9));
    expect(Math.abs(tanTheta(epsY, mSwitch))).toBeCloseTo(1, 6);
    expect(below.photon).toBeCloseTo(above.photon, 6);
    expect(below.z).toBeCloseTo(above.z, 6);
    const model = resolveModel("Lmu-Ltau");
    const cb = couplings(model, 1e-2, { epsY }, mSwitch * (1 - 1e-9));
    const ca = couplings(model, 1e-2, { epsY }, mSwitch * (1 + 1e-9));
    expect(cb.mu.V).toBeCloseTo(ca.mu.V, 8);
    expect(cb.e.A).toBeCloseTo(ca.e.A, 8);
  });
});
