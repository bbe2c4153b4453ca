import type { Couplings } from "../couplings/couplings.js";
import type { TermResult } from "./types.js";

/** Δχ² of an excluded point (appendix B: "a very high value ... 100"); the value of every step term that excludes. */
export const VETO_DCHI2 = 100;

/**
 * Helpers of the step terms that apply a published bound or interval as stated (`borexinoNsi`, `kaonMuNuX`,
 * `whiteDwarf`, `lma`, `lmaDark`): like the resonance veto of appendix B, Δχ² is 0 where the point passes and
 * VETO_DCHI2 where it does not.
 */

/**
 * A step term's result where its observable grows as g_X^k at fixed ε·e/g_X and ratio = |observable|/bound ≥ 1
 * excludes: Δχ² 0 or VETO_DCHI2, and the excess log10(g_X/g_max) = log10(ratio)/k past the boundary (TermResult).
 */
export function powerLawStep(ratio: number, k: number, observables: Record<string, number>): TermResult {
  const r = Math.abs(ratio);
  return r >= 1 ? { dchi2: VETO_DCHI2, excess: Math.log10(r) / k, observables } : { dchi2: 0, excess: 0, observables };
}

/** g_X at which an observable that grows as g_X² along at(g) reaches `target`; null where its sign never gets there. */
export function quadraticCouplingFor(valueAt: (c: Couplings) => number, at: (g: number) => Couplings, target: number): number | null {
  const g0 = 1e-6;
  const v0 = valueAt(at(g0));
  const q = target / v0;
  return v0 !== 0 && q > 0 ? g0 * Math.sqrt(q) : null;
}
