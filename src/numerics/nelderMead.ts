/**
 * Nelder–Mead downhill simplex with the standard coefficients (reflection 1, expansion 2, contraction ½,
 * shrink ½; Lagarias et al., SIAM J. Optim. 9 (1998) 112). Written here because fmin 0.0.4 cannot be imported
 * under Node's ESM and its shrink step uses an undeclared variable (see README, "Dependencies").
 */
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
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += opts.step?.[i] ?? (x[i] !== 0 ? 0.1 * Math.abs(x[i]) : 0.1);
    simplex.push(x);
  }
  const fs = simplex.map(F);
  const order = () => {
    const idx = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const s2 = idx.map((i) => simplex[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i <= n; i++) {
      simplex[i] = s2[i];
      fs[i] = f2[i];
    }
  };
  let converged = false;
  while (evals < maxEval) {
    order();
    const size = Math.max(...simplex.slice(1).map((x) => Math.max(...x.map((xi, j) => Math.abs(xi - simplex[0][j])))));
    if (Math.abs(fs[n] - fs[0]) <= ftol * (Math.abs(fs[0]) + 1e-300) + ftol && size <= xtol) {
      converged = true;
      break;
    }
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
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
