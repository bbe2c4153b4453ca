import { NonFiniteError, SolverError } from "../errors.js";

/** The result of brentRoot: the last iterate, f there, whether the tolerance was met, and the iterations used. */
export interface RootResult {
  x: number;
  fx: number;
  converged: boolean;
  iterations: number;
}

/**
 * Brent's root finder on a bracketing interval [a, b] (R.P. Brent, Algorithms for Minimization without
 * Derivatives, 1973, ch. 4), reporting whether the bracket shrank below tol within maxIter iterations (one
 * evaluation of f each, after f(a) and f(b)). Throws a RangeError when f(a) and f(b) have the same sign, and a
 * NonFiniteError when f returns NaN (infinite values are kept: they carry a sign).
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxIter = 200, what = "the function of the Brent root finder"): RootResult {
  const F = (x: number) => {
    const v = f(x);
    if (Number.isNaN(v)) throw new NonFiniteError(what, { x }, v);
    return v;
  };
  let fa = F(a);
  let fb = F(b);
  if (fa === 0) return { x: a, fx: fa, converged: true, iterations: 0 };
  if (fb === 0) return { x: b, fx: fb, converged: true, iterations: 0 };
  if (fa * fb > 0) throw new RangeError(`brent: root not bracketed in [${a}, ${b}]`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; ; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { x: b, fx: fb, converged: true, iterations: i };
    if (i >= maxIter) return { x: b, fx: fb, converged: false, iterations: i };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = F(b);
  }
}

/**
 * The root of f in the bracketing interval [a, b] to tolerance tol (brentRoot). Throws a SolverError when maxIter
 * iterations do not shrink the bracket below tol, besides brentRoot's errors.
 */
export function brent(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxIter = 200, what?: string): number {
  const r = brentRoot(f, a, b, tol, maxIter, what);
  if (!r.converged) throw new SolverError("Brent root finder", `[${a}, ${b}] to tol ${tol}${what ? ` (${what})` : ""}`, `${maxIter} iterations (last x = ${r.x}, f = ${r.fx})`);
  return r.x;
}
