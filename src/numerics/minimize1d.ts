import { NonFiniteError } from "../errors.js";

/** The result of brentMinimize; `converged` is false when maxIter ran out before the bracket shrank below tol. */
export interface Minimize1dResult {
  x: number;
  fx: number;
  evaluations: number;
  converged: boolean;
  /** The final bracket [a, b] around x (both ends evaluated, or the initial ends). */
  bracket: [number, number];
}

/**
 * Brent's minimiser on [a, b]: golden-section steps with parabolic interpolation (Brent 1973, ch. 5;
 * Numerical Recipes §10.3). Returns the abscissa and value of a local minimum, and whether the bracket shrank to
 * tol·|x| + absTol within maxIter iterations (absTol: an absolute tolerance, for coordinates such as ln m whose zero
 * means nothing). `start`, a point inside (a, b) lower than f(a) and f(b) (a bracketing triplet, Numerical Recipes'
 * bx), is the first point instead of the golden one: the result is then never above f(start). f may return +Infinity
 * outside its domain; NaN or −Infinity is a NonFiniteError naming `what` and the point.
 */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  tol = 1e-6,
  maxIter = 100,
  what = "the objective of the Brent minimiser",
  absTol = 1e-12,
  start?: number,
): Minimize1dResult {
  const F = (x: number) => {
    const v = f(x);
    if (Number.isNaN(v) || v === Number.NEGATIVE_INFINITY) throw new NonFiniteError(what, { x }, v);
    return v;
  };
  const CGOLD = 0.381966011250105;
  let x = start !== undefined && start > a && start < b ? start : a + CGOLD * (b - a);
  let w = x;
  let v = x;
  let fx = F(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evals = 1;
  const done = () => Math.abs(x - 0.5 * (a + b)) <= 2 * (tol * Math.abs(x) + absTol) - 0.5 * (b - a);
  for (let i = 0; i < maxIter; i++) {
    const xm = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + absTol;
    const tol2 = 2 * tol1;
    if (done()) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const etemp = e;
      e = d;
      // (p is NaN only when +Infinity values meet in the parabola: take a golden step then.)
      if (!(Number.isNaN(p) || Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = CGOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = F(u);
    evals++;
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evaluations: evals, converged: done(), bracket: [a, b] };
}
