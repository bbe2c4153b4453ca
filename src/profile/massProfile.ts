import { Chi2 } from "../likelihood/compose.js";
import type { Likelihood, LikelihoodOptions } from "../likelihood/types.js";
import type { Model } from "../models/model.js";
import { brentMinimize } from "../numerics/minimize1d.js";
import { type FitResult, fitModel } from "./profile.js";

export interface MassPoint extends FitResult {
  mX: number;
}

/** Profile (g_X, ε) at each mass of a log grid (`u1x scan-mass`). */
export function scanMass(model: Model, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, from: number, to: number, points: number): MassPoint[] {
  return Array.from({ length: points }, (_, i) => {
    const mX = points === 1 ? from : from * (to / from) ** (i / (points - 1));
    return { mX, ...fitModel(new Chi2(model, mX, likelihoods, options), { intervals: false }) };
  });
}

/**
 * Profile m_X too: a coarse log grid of masses, then Brent in log m_X around the best grid point
 * (`u1x rank --profile-mass`). Each step is a full (g_X, ε) profile.
 */
export function profileMass(model: Model, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, from: number, to: number, gridPoints = 10): MassPoint {
  const cache = new Map<number, MassPoint>();
  const at = (lm: number): MassPoint => {
    const hit = cache.get(lm);
    if (hit) return hit;
    const mX = Math.exp(lm);
    const p = { mX, ...fitModel(new Chi2(model, mX, likelihoods, options), { intervals: false }) };
    cache.set(lm, p);
    return p;
  };
  const lo = Math.log(from);
  const hi = Math.log(to);
  const grid = Array.from({ length: gridPoints }, (_, i) => lo + ((hi - lo) * i) / (gridPoints - 1));
  let bi = 0;
  for (let i = 0; i < grid.length; i++) if (at(grid[i]).dchi2 < at(grid[bi]).dchi2) bi = i;
  const a = grid[Math.max(0, bi - 1)];
  const b = grid[Math.min(grid.length - 1, bi + 1)];
  const r = brentMinimize((lm) => at(lm).dchi2, a, b, 1e-3, 40);
  // The best point is converged when its (g_X, ε) fit is and, if it is Brent's, when Brent met its tolerance.
  if (at(r.x).dchi2 < at(grid[bi]).dchi2) return { ...at(r.x), converged: at(r.x).converged && r.converged };
  return at(grid[bi]);
}
