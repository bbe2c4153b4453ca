/**
 * Gauge-anomaly conditions for SM + 3 right-handed neutrinos with a U(1)_X, x_H = 0 and one universal
 * quark charge x_q (core paper, section 2.2; Allanach, Davighi, Melville, arXiv:1812.04602, eq. 2.2).
 * Fields are counted as left-handed Weyl fermions; right-handed fields enter with a minus sign.
 * With x_H = 0 the quark Yukawas force x_Q = x_U = x_D = x_q for every generation.
 */

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

/** Anomaly coefficients (each field weighted by its colour × isospin multiplicity and hypercharge). */
export function anomalySums(a: ChargeAssignment): AnomalySums {
  const { xq, xL, xE, xN } = a;
  const q = [xq, xq, xq];
  // Hypercharges: Q 1/6, U 2/3, D -1/3, L -1/2, E -1, N 0.
  return {
    su3su3X: sum(q, (x) => 2 * x - x - x),
    su2su2X: sum(q, (x) => 3 * x) + sum(xL),
    yyX: sum(q, (x) => 6 * (1 / 36) * x - 3 * (4 / 9) * x - 3 * (1 / 9) * x) + sum(xL, (x) => 2 * 0.25 * x) - sum(xE),
    yXX: sum(q, (x) => 6 * (1 / 6) * x * x - 3 * (2 / 3) * x * x - 3 * (-1 / 3) * x * x) + sum(xL, (x) => -x * x) + sum(xE, (x) => x * x),
    gravX: sum(q, (x) => 6 * x - 3 * x - 3 * x) + sum(xL, (x) => 2 * x) - sum(xE) - sum(xN),
    xxx: sum(q, (x) => 6 * x ** 3 - 3 * x ** 3 - 3 * x ** 3) + sum(xL, (x) => 2 * x ** 3) - sum(xE, (x) => x ** 3) - sum(xN, (x) => x ** 3),
  };
}

/** True when every anomaly sum vanishes (to rounding). */
export function isAnomalyFree(a: ChargeAssignment, tol = 1e-9): boolean {
  return Object.values(anomalySums(a)).every((s) => Math.abs(s) <= tol);
}
