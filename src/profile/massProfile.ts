import type { JobKind } from "../jobs/job.js";
import { Chi2 } from "../likelihood/compose.js";
import { selectLikelihoods } from "../likelihood/registry.js";
import type { Likelihood, LikelihoodOptions } from "../likelihood/types.js";
import type { Model } from "../models/model.js";
import { brentMinimize, type Minimize1dResult } from "../numerics/minimize1d.js";
import { type FitResult, fitModel } from "./profile.js";

export interface MassPoint extends FitResult {
  mX: number;
}

/** What a mass scan computes (plain JSON: the spec of its job, its shards and `u1x merge`). */
export interface ScanMassSpec {
  model: Model;
  likelihoods: string[];
  options: LikelihoodOptions;
  from: number;
  to: number;
  points: number;
}

/** The i-th mass of a scan's log grid. */
export function scanMassAt(s: Pick<ScanMassSpec, "from" | "to" | "points">, i: number): number {
  return s.points === 1 ? s.from : s.from * (s.to / s.from) ** (i / (s.points - 1));
}

/** One (g_X, ε) profile per mass of a log grid (src/jobs): item i is the i-th mass. */
export const scanMassKind: JobKind<ScanMassSpec, MassPoint> = {
  name: "scan-mass",
  count: (s) => s.points,
  key: (s, i) => `mX=${scanMassAt(s, i)}`,
  prepare(s) {
    const ls = selectLikelihoods(s.likelihoods);
    return (i) => {
      const mX = scanMassAt(s, i);
      return { mX, ...fitModel(new Chi2(s.model, mX, ls, s.options), { intervals: false }) };
    };
  },
};

/** Profile (g_X, ε) at each mass of a log grid (`u1x scan-mass`), in this thread. */
export function scanMass(model: Model, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, from: number, to: number, points: number): MassPoint[] {
  const at = scanMassKind.prepare({ model, likelihoods: likelihoods.map((l) => l.name), options, from, to, points });
  return Array.from({ length: points }, (_, i) => at(i));
}

/** Brent's tolerance in ln m_X (absolute: 0.1% in mass at every mass; a relative one would vanish at m_X = 1 GeV). */
const MASS_TOL = 1e-3;
/** A bracket end this much above the best point's Δχ² marks a kink or a step of the profile (see `profileMass`). */
const KINK_DCHI2 = 0.01;
/** The tolerance in ln m_X there: Δχ² on slopes of ~200 per unit ln m_X (a few per MeV at 40 MeV) moves by ≲ 10⁻³. */
const KINK_TOL = 1e-6;

/**
 * Profile m_X too: a coarse log grid of masses, then Brent in ln m_X around the best grid point
 * (`u1x rank --profile-mass`). Each step is a full (g_X, ε) profile.
 *
 * The profile over m_X is not smooth. Where the binding constraint changes (one limit curve's knot or another curve
 * taking over) it has a kink, and where a curve steps in mass, a jump; the lowest Δχ² often lies at one (e.g. at
 * 37.80 MeV for 3B−9Le+10Lmu−10Ltau: slopes of −2 and +5 per MeV on either side). Brent's parabolas do not
 * fit a kink, and at MASS_TOL it stops anywhere within ~0.15 MeV of it, by up to ~0.5 in Δχ², at a point that
 * depends on its path. So where an end of Brent's final bracket lies more than KINK_DCHI2 above the best point (at a
 * smooth minimum they lie ~f''·MASS_TOL² above it), Brent continues on that bracket down to KINK_TOL (golden-section
 * steps, ~15 more fits). Those fits start from Brent's best point (fitModel's `start`, ~4× fewer evaluations than a full
 * fit; the same Δχ² to 10⁻⁴ in tests), and the best mass is fitted in full too.
 */
export function profileMass(model: Model, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, from: number, to: number, gridPoints = 10): MassPoint {
  const full = new Map<number, MassPoint>();
  const warm = new Map<number, MassPoint>();
  const fitAt = (lm: number, start?: { gX: number; epsRatio: number }): MassPoint => {
    const mX = Math.exp(lm);
    return { mX, ...fitModel(new Chi2(model, mX, likelihoods, options), { intervals: false, start }) };
  };
  const at = (lm: number): MassPoint => {
    let p = full.get(lm);
    if (!p) full.set(lm, (p = fitAt(lm)));
    return p;
  };
  // At a kink the masses lie within 0.4% of the best one: each fit continues from that mass's best point (`start`).
  const near = (anchor: number) => (lm: number) => {
    let p = full.get(lm) ?? warm.get(lm);
    if (!p) warm.set(lm, (p = fitAt(lm, warmStart(at(anchor)))));
    return p.dchi2;
  };
  const best = minimizeRoughProfile((lm) => at(lm).dchi2, Math.log(from), Math.log(to), gridPoints, near);
  // The point reported is the lower of the full fit at the best mass and the warm one.
  const point = warm.has(best.x) && warm.get(best.x)!.dchi2 < at(best.x).dchi2 ? warm.get(best.x)! : at(best.x);
  // The best point is converged when its (g_X, ε) fit is and, if it is Brent's, when Brent met its tolerance.
  return { ...point, converged: point.converged && best.converged };
}

/** A charged model's best point as a warm start (none for the dark photon or fixed ε·e/g_X, profiled in 1-D anyway). */
const warmStart = (p: MassPoint) => (p.epsRatio !== null && p.gX > 0 ? { gX: p.gX, epsRatio: p.epsRatio } : undefined);

/**
 * The mass search of `profileMass` on any f(ln m_X) over [lo, hi]: the lowest of a grid of `gridPoints`, Brent on the
 * bracket of its neighbours (again from the grid point where Brent ends above it), and the refinement at a kink or a
 * step, on `near(x)` (the objective near Brent's best point x; f itself by default).
 */
export function minimizeRoughProfile(
  f: (x: number) => number,
  lo: number,
  hi: number,
  gridPoints = 10,
  near: (x: number) => (y: number) => number = () => f,
): { x: number; fx: number; converged: boolean } {
  const what = "the profiled Δχ² over ln m_X";
  const grid = Array.from({ length: gridPoints }, (_, i) => lo + ((hi - lo) * i) / (gridPoints - 1));
  let bi = 0;
  for (let i = 0; i < grid.length; i++) if (f(grid[i]) < f(grid[bi])) bi = i;
  const bracket = [grid[Math.max(0, bi - 1)], grid[Math.min(grid.length - 1, bi + 1)]] as const;
  // Brent at a kink or step: continue on its final bracket down to KINK_TOL.
  const refined = (r: Minimize1dResult): Minimize1dResult => {
    if (!r.bracket.some((end) => f(end) - r.fx > KINK_DCHI2)) return r;
    const g = near(r.x);
    const fine = brentMinimize((y) => (y === r.x ? r.fx : g(y)), r.bracket[0], r.bracket[1], 0, 60, what, KINK_TOL, r.x);
    return fine.fx <= r.fx ? fine : r;
  };
  // Brent on the bracket of the best grid point's neighbours, from its golden point (it explores the bracket). Where
  // it ends above the best grid point (captured by another local minimum), again from that point itself.
  let r = refined(brentMinimize(f, bracket[0], bracket[1], 0, 40, what, MASS_TOL));
  if (!(r.fx < f(grid[bi]))) r = refined(brentMinimize(f, bracket[0], bracket[1], 0, 40, what, MASS_TOL, grid[bi]));
  return r.fx < f(grid[bi]) ? { x: r.x, fx: r.fx, converged: r.converged } : { x: grid[bi], fx: f(grid[bi]), converged: true };
}
