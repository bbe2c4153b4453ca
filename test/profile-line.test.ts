import { describe, expect, it } from "vitest";
import { Chi2 } from "../src/likelihood/compose.js";
import { selectLikelihoods } from "../src/likelihood/registry.js";
import { resolveModel } from "../src/models/spec.js";
import { minimizeOnLine } from "../src/profile/line.js";
import { darkLine, fitDarkPhoton, fitModel } from "../src/profile/profile.js";

// The 1-D profile through the windows step terms leave (src/profile/line.ts), used for the dark photon (over ε) and for
// a fixed ε·e/g_X (over g_X).
describe("minimizeOnLine: windows between step terms", () => {
  // Δχ² = (t + 3.2)²; a two-sided term (no excess) excludes −6 < t ≤ −3.31, a bound that grows as 10^t excludes
  // t > −3.30 with excess t + 3.30. The allowed window (−3.31, −3.30] is five times narrower than the grid step.
  const probe = (lo: number, hi: number, min: number) => (t: number) => {
    const total = (t - min) ** 2;
    if (t > hi) return { total: total + 100, steps: 100, excess: t - hi };
    if (t > -6 && t <= lo) return { total: total + 100, steps: 100, excess: 0 };
    return { total, steps: 0, excess: 0 };
  };

  it("finds a window narrower than its grid from the bound's excess; the optimum is its upper edge (analytic)", () => {
    const m = minimizeOnLine(probe(-3.31, -3.3, -3.2), -9, -0.5);
    expect(m.t).toBeCloseTo(-3.3, 7);
    expect(m.f).toBeCloseTo(0.01, 7);
  });

  it("an optimum inside a window: Brent finds the analytic minimum", () => {
    const m = minimizeOnLine(probe(-3.7, -3.0, -3.42), -9, -0.5);
    expect(m.t).toBeCloseTo(-3.42, 6);
    expect(m.f).toBeLessThan(1e-12);
  });

  it("the best of several windows: the low window (t ≤ −6) where the middle one is far off", () => {
    const m = minimizeOnLine(probe(-3.31, -3.3, -6.5), -9, -0.5);
    expect(m.t).toBeCloseTo(-6.5, 6);
  });
});

// The dark photon near 20.5 MeV with the current data (default terms of --preset current): the beam dumps exclude
// ε ≲ 4.6×10⁻⁴ and the prompt searches ε ≳ 5.3×10⁻⁴, an allowed window 0.065 wide in log10 ε. A grid of 0.25 in
// log10 ε (the profiler until this check) stepped over it and returned the SM-like corner (Δχ² 0.81 instead of 0.52).
// Independent reference: a brute-force scan of log10 ε in steps of 10⁻⁴.
describe("dark photon at 20.52 MeV: the narrow window between beam dumps and prompt searches", () => {
  const names = ["amu", "borexino", "nsi", "coherent2021", "coherentAr", "resonances", "trident", "ew"];
  const chi2 = new Chi2(resolveModel("0,0,0,0"), 0.020519711, selectLikelihoods(names), { inputs: "2025", searches: ["all"] });
  it("the fit equals the brute-force minimum over ε (to 10⁻³; the optimum lies on the window's edge)", () => {
    let brute = Number.POSITIVE_INFINITY;
    let at = 0;
    for (let le = -6; le <= -2; le += 1e-4) {
      const v = chi2.total(chi2.couplings(0, { eps: 10 ** le }));
      if (v < brute) [brute, at] = [v, le];
    }
    expect(brute).toBeLessThan(0.6); // the window exists: well below the SM-like corner's 0.81
    const fit = fitModel(chi2, { intervals: false });
    expect(fit.dchi2).toBeLessThanOrEqual(brute + 1e-9);
    expect(fit.dchi2).toBeGreaterThan(brute - 1e-3);
    expect(Math.log10(fit.eps)).toBeCloseTo(at, 3);
  });
});

// The dark-photon line is shared by every model fitted at one mass (src/profile/profile.ts, darkLine): at g_X = 0 the
// couplings are ε e Q_f whatever the charges. Reference: the same line fitted for each model on its own (fitDarkPhoton).
// A model with light scalars (models/U1B.json: a fixed one-loop part of a_µ, so a different Δχ² at g_X = 0) must not
// get the shared line.
describe("the shared dark-photon line", () => {
  const mX = 0.05;
  const at = (spec: string) => new Chi2(resolveModel(spec), mX, selectLikelihoods(), {});
  const first = darkLine(at("B-L"));
  it("a second model without scalars gets the shared line, which is its own fit", () => {
    const lmt = at("Lmu-Ltau");
    const shared = darkLine(lmt);
    expect(shared.evaluations).toBe(3); // the fingerprint only
    expect(shared.dchi2).toBe(first.dchi2);
    expect(shared.dchi2).toBeCloseTo(fitDarkPhoton(lmt).dchi2, 12);
  });
  it("a model with light scalars gets a line of its own, equal to its own fit", () => {
    const u1b = at("models/U1B.json");
    const own = darkLine(u1b);
    expect(own.evaluations).toBeGreaterThan(3);
    expect(own.dchi2).toBeCloseTo(fitDarkPhoton(u1b).dchi2, 12);
    expect(Math.abs(own.dchi2 - first.dchi2)).toBeGreaterThan(1e-6);
  });
});
