import { describe, expect, it } from "vitest";
import { tParameter } from "../likelihoods/ew/index.js";
import { ALPHA_MZ, M_Z, SW_MZ } from "../src/constants.js";
import { epsYHat } from "../src/couplings/couplings.js";

// Core paper eq. (3.15): where X and Z are degenerate, |s_w ε̂_Y| > |1 − r_X²|, the T parameter bounds
// |s_w ε̂_Y| < α|T|/(1 − α|T|) ⇒ |ε_Y| < 4.7×10⁻³.
// Independent derivation: with a = s_w ε̂_Y, eq. (3.11) gives ρ₀ − 1 = −a²/(1 − r_X² + a²), whose smallest size in the
// degenerate window is at its edge |1 − r_X²| = |a|: |ρ₀ − 1| = |a|/(1 + |a|), i.e. α|T| = |a|/(1 + |a|).

describe("eq. (3.15): the T parameter where X and Z are degenerate", () => {
  it("at the edge of the degenerate window the engine's T (eq. 3.12) is −(1/α) a/(1 + a)", () => {
    for (const epsY of [1e-3, 4.7e-3, 2e-2]) {
      const a = SW_MZ * epsYHat(epsY);
      const mX = M_Z * Math.sqrt(1 - a);
      expect(tParameter(epsY, mX) / (-(a / (1 + a)) / ALPHA_MZ)).toBeCloseTo(1, 10);
      // Inside the window T only grows.
      expect(Math.abs(tParameter(epsY, M_Z * Math.sqrt(1 - a / 2)))).toBeGreaterThan(Math.abs(tParameter(epsY, mX)));
    }
  });
  it("with |T| < 0.27 (T = 0.03 ± 0.12 at 2σ) the bound is |ε_Y| < 4.4e-3; the paper prints 4.7e-3", () => {
    const aT = ALPHA_MZ * 0.27;
    const a = aT / (1 - aT);
    const eps = a / SW_MZ; // ε̂_Y ≈ ε_Y at this size
    expect(eps).toBeCloseTo(4.4e-3, 4);
    // The paper's 4.7e-3 needs |T| = 0.29 (α(m_Z)) — its T input for eq. (3.15) is not stated; 7% apart.
    expect(Math.abs(eps / 4.7e-3 - 1)).toBeLessThan(0.08);
    // The window where this applies: |1 − r_X²| < 2.2e-3 (the paper's "within 0.2%").
    expect(a).toBeCloseTo(2.1e-3, 4);
  });
});
