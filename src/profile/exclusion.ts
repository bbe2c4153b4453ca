import { couplings, logGCeiling } from "../couplings/couplings.js";
import { Chi2 } from "../likelihood/compose.js";
import type { Likelihood, LikelihoodOptions } from "../likelihood/types.js";
import type { Model } from "../models/model.js";
import { firstCrossing } from "../numerics/scan.js";

/**
 * The (m_X, g_X) plane of the core paper's Figs. 3, 5 and 6 at fixed ε e/g_X: for each term, the smallest g_X where
 * its Δχ² reaches 4 (scanning up from g_X = 1e-7); for each term that prefers a coupling (its `preferredCoupling`,
 * e.g. the g−2), the band of that coupling at its central value and ±2σ.
 */
export interface ExclusionRow {
  mX: number;
  bounds: Record<string, number | null>;
  bands: Record<string, { central: number | null; lo: number | null; hi: number | null }>;
}

export function exclusionPlane(model: Model, epsRatio: number, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, masses: number[]): ExclusionRow[] {
  // Up to g_X = 0.3 or |ε| = EPS_PROFILE_MAX.
  const lgMax = logGCeiling({ epsRatio }, -0.5);
  return masses.map((mX) => {
    const at = (g: number) => couplings(model, g, { epsRatio }, mX);
    const bounds: Record<string, number | null> = {};
    const bands: ExclusionRow["bands"] = {};
    for (const l of likelihoods) {
      const chi2 = new Chi2(model, mX, [l], options);
      const p = chi2.prepared[0].p;
      if (l.preferredCoupling) {
        const g = (n: number) => l.preferredCoupling?.(p, at, n) ?? null;
        bands[l.name] = { central: g(0), lo: g(-2), hi: g(2) };
        continue;
      }
      bounds[l.name] = firstAllowedCrossing((lg) => l.evaluate(p, at(10 ** lg)).dchi2 - 4, -7, lgMax);
    }
    return { mX, bounds, bands };
  });
}

/**
 * The first g_X (log-scan in 0.1 steps, then Brent) where h turns from allowed (< 0) to excluded, starting at the
 * first allowed coupling above 10^lo (beam dumps exclude bands at tiny couplings); null when none below 10^hi.
 */
function firstAllowedCrossing(h: (lg: number) => number, lo: number, hi: number): number | null {
  let start = lo;
  while (start <= hi && h(start) >= 0) start += 0.1;
  const lg = firstCrossing(h, start, hi, 0.1, 1e-6, "up");
  return lg === null ? null : 10 ** lg;
}
