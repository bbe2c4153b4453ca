/**
 * Adaptive Gauss–Kronrod (7–15) quadrature with a global error estimate.
 * Nodes and weights: Piessens et al., QUADPACK (1983), routine QK15.
 */
import { NonFiniteError, SolverError } from "../errors.js";

const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function qk15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let resK = fc * WGK[7];
  let resG = fc * WG[3];
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    const s = f(c - dx) + f(c + dx);
    resK += WGK[j] * s;
    if (j % 2 === 1) resG += WG[(j - 1) / 2] * s;
  }
  return { value: resK * h, error: Math.abs((resK - resG) * h) };
}

export interface IntegrateOptions {
  /** Relative tolerance (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Maximum number of subintervals (default 2000). */
  maxIntervals?: number;
  /** Interior points where the integrand changes fast (split there first). */
  breakpoints?: number[];
  /** What the integrand is, for a NonFiniteError or SolverError (default "the integrand"). */
  what?: string;
}

/** The result of integrateReport: the estimate, its error estimate, whether it met the tolerance, and the intervals used. */
export interface IntegrateResult {
  value: number;
  error: number;
  converged: boolean;
  intervals: number;
}

/**
 * ∫_a^b f(x) dx by adaptive bisection of the interval with the largest error, reporting whether the error estimate
 * met max(atol, rtol·|value|) before maxIntervals subintervals. A non-finite integrand value (NaN or ±Infinity at a
 * node; the nodes are interior, so integrable end-point singularities are fine) is a NonFiniteError naming the point.
 */
export function integrateReport(f: (x: number) => number, a: number, b: number, opts: IntegrateOptions = {}): IntegrateResult {
  const rtol = opts.rtol ?? 1e-10;
  const atol = opts.atol ?? 0;
  const maxN = opts.maxIntervals ?? 2000;
  if (a === b) return { value: 0, error: 0, converged: true, intervals: 0 };
  const what = opts.what ?? "the integrand";
  const g = (x: number) => {
    const v = f(x);
    if (!Number.isFinite(v)) throw new NonFiniteError(`${what} of integrate on [${a}, ${b}]`, { x }, v);
    return v;
  };
  const pts = [a, ...(opts.breakpoints ?? []).filter((x) => x > Math.min(a, b) && x < Math.max(a, b)).sort((x, y) => (a < b ? x - y : y - x)), b];
  const iv: { a: number; b: number; value: number; error: number }[] = [];
  for (let i = 0; i + 1 < pts.length; i++) iv.push({ a: pts[i], b: pts[i + 1], ...qk15(g, pts[i], pts[i + 1]) });
  for (;;) {
    let total = 0;
    let err = 0;
    let worst = 0;
    for (let i = 0; i < iv.length; i++) {
      total += iv[i].value;
      err += iv[i].error;
      if (iv[i].error > iv[worst].error) worst = i;
    }
    if (err <= Math.max(atol, rtol * Math.abs(total))) return { value: total, error: err, converged: true, intervals: iv.length };
    if (iv.length >= maxN) return { value: total, error: err, converged: false, intervals: iv.length };
    const w = iv[worst];
    const m = 0.5 * (w.a + w.b);
    iv[worst] = { a: w.a, b: m, ...qk15(g, w.a, m) };
    iv.push({ a: m, b: w.b, ...qk15(g, m, w.b) });
  }
}

/**
 * ∫_a^b f(x) dx (integrateReport). Throws a SolverError when maxIntervals subintervals do not bring the error
 * estimate below max(atol, rtol·|value|).
 */
export function integrate(f: (x: number) => number, a: number, b: number, opts: IntegrateOptions = {}): number {
  const r = integrateReport(f, a, b, opts);
  if (!r.converged) {
    const tol = `rtol ${opts.rtol ?? 1e-10}${opts.atol ? `, atol ${opts.atol}` : ""}`;
    throw new SolverError("adaptive Gauss–Kronrod integration", `[${a}, ${b}] to ${tol}${opts.what ? ` (${opts.what})` : ""}`, `${r.intervals} subintervals (value ${r.value} ± ${r.error})`);
  }
  return r.value;
}
