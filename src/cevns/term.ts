import type { Couplings } from "../couplings/couplings.js";
import { NonFiniteError } from "../errors.js";

/**
 * Pieces that every COHERENT CEvNS term (likelihoods/coherent, coherent2021, coherentAr) shares around its own
 * prediction and statistic: the state built once per data set, the check of the SM fit, the error of a point that
 * cannot be evaluated, and the summary of a fit against the SM.
 */

/** A term's state per data set and inputs (files read and validated, templates built, the SM fitted), built once per key. */
export function perDataSet<B>(cache: Map<string, B>, key: string, build: () => B): B {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const b = build();
  cache.set(key, b);
  return b;
}

/** The χ² of the SM fit, which must be finite: else the term cannot describe its data at all (an error naming it). */
export function checkSM(term: string, chi2: number): number {
  if (!Number.isFinite(chi2)) throw new NonFiniteError(`likelihood '${term}' (the SM χ² of the data)`, { gX: 0 }, chi2);
  return chi2;
}

/**
 * The error of a CEvNS term whose χ² is not finite at a point (`what`: the term and the quantity): it names the
 * mass, the couplings the signal uses and the expected signal.
 */
export function nonFiniteAt(what: string, mX: number, c: Couplings, signal: number, value: number): NonFiniteError {
  return new NonFiniteError(what, { mX, gX: c.gX, eps: c.eps, gNuE: c.nu[0], gNuMu: c.nu[1], gP: c.p, gN: c.n, signal }, value);
}

/** The fit at a point against the SM fit: both χ², their difference, the named pulls of both, the expected CEvNS events. */
export interface FitSummary<P> {
  chi2: number;
  chi2SM: number;
  dchi2: number;
  pulls: P;
  pullsSM: P;
  /** Expected CEvNS events at the point, before nuisance scaling. */
  signalTotal: number;
}
