/**
 * Nelder–Mead downhill simplex with the standard coefficients (reflection 1, expansion 2, contraction ½,
 * shrink ½; Lagarias et al., SIAM J. Optim. 9 (1998) 112). Written here because fmin 0.0.4 cannot be imported
 * under Node's ESM and its shrink step uses an undeclared variable (see README, "Dependencies").
 *
 * The objective may return +Infinity for points outside its domain (they lose every comparison); NaN or −Infinity
 * is an error (NonFiniteError naming the objective and the point), since either would silently corrupt the ordering
 * of the simplex. `converged` is false when maxEvaluations ran out before the tolerances were met.
 */
import { NonFiniteError } from "../errors.js";

export interface MinimizeResult {
  x: number[];
  fx: number;
  evaluations: number;
  converged: boolean;
}

export interface NelderMeadOptions {
  /** Initial simplex step per coordinate (default 0.1 or 10% of |x0|). */
  step?: number[];
  /** Stop when the simplex's f-spread and size fall below these (defaults 1e-10, 1e-9). */
  ftol?: number;
  xtol?: number;
  maxEvaluations?: number;
  /** What the objective is, for a NonFiniteError (default "the objective of nelderMead"). */
  what?: string;
  /** Names of the coordinates, for a NonFiniteError (default x0, x1, …). */
  names?: readonly string[];
}

/** A point as named coordinates (names[i] or x<i>), for error messages. */
export function namedPoint(x: readonly number[], names?: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  x.forEach((v, i) => {
    out[names?.[i] ?? `x${i}`] = v;
  });
  return out;
}

export function nelderMead(f: (x: number[]) => number, x0: number[], opts: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const ftol = opts.ftol ?? 1e-10;
  const xtol = opts.xtol ?? 1e-9;
  const maxEval = opts.maxEvaluations ?? 400 * n;
  let evals = 0;
  const F = (x: number[]) => {
    evals++;
    const v = f(x);
    if (Number.isNaN(v) || v === Number.NEGATIVE_INFINITY) throw new NonFiniteError(opts.what ?? "the objective of nelderMead", namedPoint(x, opts.names), v);
    return v;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += opts.step?.[i] ?? (x[i] !== 0 ? 0.1 * Math.abs(x[i]) : 0.1);
    simplex.push(x);
  }
  const fs = simplex.map(F);
  // Stable insertion sort by f (the order Array.prototype.sort gives, without allocating: this runs once per step).
  const order = () => {
    for (let i = 1; i <= n; i++) {
      const xi = simplex[i];
      const fi = fs[i];
      let j = i - 1;
      for (; j >= 0 && fs[j] > fi; j--) {
        simplex[j + 1] = simplex[j];
        fs[j + 1] = fs[j];
      }
      simplex[j + 1] = xi;
      fs[j + 1] = fi;
    }
  };
  const centroid = new Float64Array(n);
  const along = (t: number) => {
    const x = new Array<number>(n);
    for (let j = 0; j < n; j++) x[j] = centroid[j] + t * (simplex[n][j] - centroid[j]);
    return x;
  };
  let converged = false;
  while (evals < maxEval) {
    order();
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
    if (Math.abs(fs[n] - fs[0]) <= ftol * (Math.abs(fs[0]) + 1e-300) + ftol && size <= xtol) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const xr = along(-1);
    const fr = F(xr);
    if (fr < fs[0]) {
      const xe = along(-2);
      const fe = F(xe);
      if (fe < fr) {
        simplex[n] = xe;
        fs[n] = fe;
      } else {
        simplex[n] = xr;
        fs[n] = fr;
      }
    } else if (fr < fs[n - 1]) {
      simplex[n] = xr;
      fs[n] = fr;
    } else {
      const outside = fr < fs[n];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = F(xc);
      if (fc < (outside ? fr : fs[n])) {
        simplex[n] = xc;
        fs[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]));
          fs[i] = F(simplex[i]);
        }
      }
    }
  }
  order();
  return { x: simplex[0], fx: fs[0], evaluations: evals, converged };
}
