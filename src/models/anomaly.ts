/**
 * Gauge-anomaly conditions for SM + 3 right-handed neutrinos with a U(1)_X, x_H = 0 and one universal
 * quark charge x_q (core paper, section 2.2; Allanach, Davighi, Melville, arXiv:1812.04602, eq. 2.2).
 * Fields are counted as left-handed Weyl fermions; right-handed fields enter with a minus sign.
 * With x_H = 0 the quark Yukawas force x_Q = x_U = x_D = x_q for every generation.
 */

import type { FieldCharges, Triple } from "./model.js";

/** One U(1)_X charge assignment of the chiral SM fields plus N_i. */
export interface ChargeAssignment {
  /** Universal quark charge (x_Q = x_U = x_D). */
  xq: number;
  /** Lepton doublets L_1..3, right-handed charged leptons E_1..3 and right-handed neutrinos N_1..3. */
  xL: readonly [number, number, number];
  xE: readonly [number, number, number];
  xN: readonly [number, number, number];
}

/** The six anomaly sums; all vanish for an anomaly-free assignment. */
export interface AnomalySums {
  su3su3X: number;
  su2su2X: number;
  yyX: number;
  yXX: number;
  gravX: number;
  xxx: number;
}

const sum = (v: readonly number[], f: (x: number) => number = (x) => x) => v.reduce((s, x) => s + f(x), 0);

/** Anomaly coefficients of a catalogue assignment (universal quark charge). */
export function anomalySums(a: ChargeAssignment): AnomalySums {
  const q: Triple = [a.xq, a.xq, a.xq];
  return fieldAnomalySums({ Q: q, u: q, d: q, L: a.xL, E: a.xE, N: a.xN });
}

/**
 * The six anomaly sums of gauge charges per field and generation, each field weighted by its colour × isospin
 * multiplicity and its hypercharge (Q 1/6, u 2/3, d −1/3, L −1/2, E −1, N 0); right-handed fields enter with a minus
 * sign. Missing N fields count as absent (zero).
 */
export function fieldAnomalySums(f: FieldCharges): AnomalySums {
  const { Q, u, d, L, E } = f;
  const N = f.N ?? [0, 0, 0];
  const both = (fq: (x: number) => number, fu: (x: number) => number, fd: (x: number) => number) => sum(Q, fq) - sum(u, fu) - sum(d, fd);
  return {
    su3su3X: both((x) => 2 * x, (x) => x, (x) => x),
    su2su2X: sum(Q, (x) => 3 * x) + sum(L),
    yyX: both((x) => 6 * (1 / 36) * x, (x) => 3 * (4 / 9) * x, (x) => 3 * (1 / 9) * x) + sum(L, (x) => 2 * 0.25 * x) - sum(E),
    yXX: both((x) => 6 * (1 / 6) * x * x, (x) => 3 * (2 / 3) * x * x, (x) => 3 * (-1 / 3) * x * x) + sum(L, (x) => -x * x) + sum(E, (x) => x * x),
    gravX: both((x) => 6 * x, (x) => 3 * x, (x) => 3 * x) + sum(L, (x) => 2 * x) - sum(E) - sum(N),
    xxx: both((x) => 6 * x ** 3, (x) => 3 * x ** 3, (x) => 3 * x ** 3) + sum(L, (x) => 2 * x ** 3) - sum(E, (x) => x ** 3) - sum(N, (x) => x ** 3),
  };
}

/** True when every anomaly sum vanishes (to rounding). */
export function isAnomalyFree(a: ChargeAssignment, tol = 1e-9): boolean {
  return sumsVanish(anomalySums(a), tol);
}

/** True when every sum vanishes relative to the size of the charges. */
export function sumsVanish(s: AnomalySums, tol = 1e-9): boolean {
  return Object.values(s).every((x) => Math.abs(x) <= tol);
}
