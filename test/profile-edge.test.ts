import { describe, expect, it } from "vitest";
import { RecastAtMass } from "../likelihoods/resonances/recast.js";
import { selectSearches } from "../likelihoods/resonances/searches.js";
import { couplings } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { Chi2 } from "../src/likelihood/compose.js";
import { selectLikelihoods } from "../src/likelihood/registry.js";
import { resolveModel } from "../src/models/spec.js";
import { fitModel } from "../src/profile/profile.js";
import { loadHadronicTables } from "../src/widths/vmd.js";

// The profiler's edge refinement (src/profile/profile.ts, refineOnEdge) against an independent solution of the same
// constrained problem. 3B−2Le−3Lmu−4Ltau at 200 MeV (default terms and searches): Δa_µ pulls g_X up into BaBar 2014's
// prompt e⁺e⁻ → γX limit, so the best fit lies on the veto's edge g = g_max(r). Independently: g_max(r) is the smallest
// crossing S = 1 over the one-sided searches, each found by RecastAtMass.gMax's scan and Brent in g_X (no use of the
// terms' `excess`), and the unvetoed Δχ² (every term but the veto) on that edge is minimised by a brute grid in r.
describe("edge refinement: the constrained optimum on a prompt search's edge", () => {
  const mX = 0.2;
  const model = resolveModel("3,-2,-3,-4");
  const chi2 = new Chi2(model, mX, selectLikelihoods(), {});
  const fit = fitModel(chi2, { intervals: false });
  const tables = loadHadronicTables();
  const oneSided = selectSearches(dataDir(), ["all"])
    .map((s) => new RecastAtMass(s, mX, tables))
    .filter((r) => r.active && !r.twoSided);
  const gMax = (r: number) => Math.min(...oneSided.map((s) => s.gMax((g) => couplings(model, g, { epsRatio: r }, mX), 0, false)));
  const unvetoed = (r: number) => {
    const e = chi2.evaluate(chi2.couplings(gMax(r) * (1 - 1e-9), { epsRatio: r }));
    return e.total - e.terms.resonances;
  };
  const argmin = (rs: number[]) => rs.reduce((b, r) => (unvetoed(r) < unvetoed(b) ? r : b));
  const grid = (c: number, half: number, n: number) => Array.from({ length: n + 1 }, (_, i) => c - half + (2 * half * i) / n);

  it("the fit lies on the edge: allowed, and 1e-6 above it in g_X excluded", () => {
    expect(model.name).toBe("3B-2Le-3Lmu-4Ltau");
    expect(fit.terms.resonances).toBe(0);
    const r = fit.epsRatio as number;
    expect(chi2.evaluate(chi2.couplings(fit.gX * (1 + 1e-6), { epsRatio: r })).terms.resonances).toBe(100);
    expect(fit.gX / gMax(r)).toBeCloseTo(1, 6);
  });

  it("Δχ² equals the brute-force minimum of the unvetoed Δχ² along g_max(r) within 1e-6, at the same r within 1e-3", () => {
    const r0 = fit.epsRatio as number;
    const coarse = argmin(grid(r0, 2, 200));
    const fine = argmin(grid(coarse, 0.02, 200));
    const finest = argmin(grid(fine, 2e-4, 100));
    const brute = unvetoed(finest);
    expect(Math.abs(fit.dchi2 - brute)).toBeLessThan(1e-6);
    expect(Math.abs(r0 - finest)).toBeLessThan(1e-3);
  });
});
