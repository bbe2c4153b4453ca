import { E_CHARGE } from "../constants.js";
import { EPS_PROFILE_MAX } from "../couplings/couplings.js";
import { loopEpsRatio } from "../couplings/loop.js";
import type { Chi2 } from "../likelihood/compose.js";
import { Lru } from "../cache.js";
import { isDarkPhoton } from "../models/model.js";
import { brentMinimize } from "../numerics/minimize1d.js";
import { nelderMead } from "../numerics/nelderMead.js";
import { minimizeOnLine } from "./line.js";

/**
 * Profile Δχ² over (g_X, ε) at fixed m_X (core paper section 4.2 and appendix B), in the coordinates
 * x = (log10 g_X, r = ε e/g_X).
 * - Seeds: a grid in r (uniform, plus the special values where a term vanishes: r = c_e for Borexino, eq. 4.6;
 *   r = −c_B (Z+N)/Z for Cs and I in COHERENT, eq. 4.5; r = 0) times g_X around the value g*(r) that explains
 *   Δa_µ at that r, and far below it (the SM-like corner).
 * - Nelder–Mead from the best distinct seeds, then a restart from the best point (the polish).
 * - Step terms (resonance vetoes) report how far past g_max(r) a point lies (`excess`); the objective grows with it, so that the
 *   simplex is led back to the allowed side. The reported Δχ² is the plain sum of eq. (B.1).
 * - Where the best point lies at a step's edge, Δχ² is also minimised along the edge itself (refineOnEdge).
 * - The dark photon (all SM charges zero) has no g_X direction and is profiled over ε alone.
 */
export interface FitResult {
  gX: number;
  eps: number;
  /** ε e/g_X; null for the dark photon. */
  epsRatio: number | null;
  dchi2: number;
  /** The selected terms' χ² at the SM point (no X); dchi2 − chi2SM is the preference over the SM. */
  chi2SM?: number;
  /** Each term's χ² at the SM point. */
  termsSM?: Record<string, number>;
  terms: Record<string, number>;
  observables: Record<string, number>;
  /** Δχ² = 1 profile intervals; null ends lie beyond the scanned range; `converged` is false if an inner profile hit its cap. */
  intervals: { gX: [number | null, number | null]; epsRatio: [number | null, number | null]; converged: boolean } | null;
  converged: boolean;
  evaluations: number;
}

export interface ProfileOptions {
  /** Compute the Δχ² = 1 intervals (default true). */
  intervals?: boolean;
  /**
   * A warm start (a charged model's best point at a nearby mass): the seed grid and the short runs are skipped and the
   * simplex is continued from there, then polished and refined on an edge as usual; the dark-photon line is not
   * tried (the start carries its basin). For the mass search's refinement at a kink, where the masses lie within 0.4%
   * of the start's (massProfile.ts).
   */
  start?: { gX: number; epsRatio: number };
}

const LG_MIN = -8;
const LG_MAX = Math.log10(Math.sqrt(4 * Math.PI)); // g_X ≤ √(4π): intervals end there

export function fitModel(chi2: Chi2, opts: ProfileOptions = {}): FitResult {
  const m = chi2.model;
  const fit = isDarkPhoton(m) ? fitDarkPhoton(chi2) : m.kineticMixing ? fitFixedRatio(chi2, loopEpsRatio(m.charges, m.kineticMixing), opts) : fitCharged(chi2, opts);
  // The same terms without X (g_X = ε = 0): the SM's own χ² (Δa_µ's pull, (g−2)_e's, …), for Δχ² against the SM.
  const sm = chi2.evaluate(chi2.couplings(0, { eps: 0 }));
  return { ...fit, chi2SM: sm.total, termsSM: sm.terms };
}

/**
 * A model whose ε·e/g_X is fixed (loop-induced mixing, couplings/loop.ts): Δχ² is profiled over g_X alone, along
 * log10 g_X through the windows the step terms leave (minimizeOnLine); the Δχ² = 1 interval of g_X is walked out
 * from the best point and bisected, and the ε·e/g_X "interval" is the fixed value.
 */
function fitFixedRatio(chi2: Chi2, r: number, opts: ProfileOptions): FitResult {
  let evals = 0;
  // Beyond |ε| ≤ EPS_PROFILE_MAX (eq. 3.6 undefined) a point counts as excluded, with a Δχ² that grows with |ε|.
  const probe = (lg: number, cheap: boolean) => {
    evals++;
    const g = 10 ** lg;
    if (Math.abs(r * g) > EPS_PROFILE_MAX * E_CHARGE) return { total: 1e6 * (1 + Math.abs(r * g)), steps: 1e6, excess: 0 };
    return chi2.totalAndSteps(chi2.scratch(g, { epsRatio: r }), cheap);
  };
  const f = (lg: number) => probe(lg, false).total;
  const m = minimizeOnLine(probe, LG_MIN, LG_MAX);
  const lgBest = m.t;
  const c = chi2.couplings(10 ** lgBest, { epsRatio: r });
  const ev = chi2.evaluate(c);
  const converged = m.converged;
  let intervals: FitResult["intervals"] = null;
  if (opts.intervals !== false) {
    const level = ev.total + 1;
    const cross = (dir: 1 | -1): number | null => {
      let inside = lgBest;
      for (let lg = lgBest + dir * 0.02; dir > 0 ? lg <= LG_MAX : lg >= LG_MIN; lg += dir * 0.02) {
        if (f(lg) > level) {
          let [lo, hi] = [inside, lg];
          for (let i = 0; i < 30; i++) {
            const mid = 0.5 * (lo + hi);
            if (f(mid) > level) hi = mid;
            else lo = mid;
          }
          return 10 ** (0.5 * (lo + hi));
        }
        inside = lg;
      }
      return null;
    };
    intervals = { gX: [cross(-1), cross(1)], epsRatio: [r, r], converged: true };
  }
  return { gX: c.gX, eps: c.eps, epsRatio: r, dchi2: ev.total, terms: ev.terms, observables: ev.observables, intervals, converged, evaluations: evals };
}

function fitCharged(chi2: Chi2, opts: ProfileOptions): FitResult {
  let evals = 0;
  // |ε| is bounded far below EPS_PROFILE_MAX by the T parameter (eq. 3.14); beyond it eq. (3.6) is undefined (null).
  const probe = (lg: number, r: number, cheap = false): Probe | null => {
    evals++;
    const g = 10 ** lg;
    return Math.abs(r * g) > EPS_PROFILE_MAX * E_CHARGE ? null : chi2.totalAndSteps(chi2.scratch(g, { epsRatio: r }), cheap);
  };
  const objective = (lg: number, r: number, cheap: boolean): number => {
    const p = probe(lg, r, cheap);
    if (p === null) return 1e6 * (1 + Math.abs(r * 10 ** lg));
    // Where a veto excludes the point, the objective also grows with the distance past g_max (the step terms'
    // `excess`), which leads the simplex back to the allowed side.
    return p.steps > 0 ? p.total + 10 * p.excess : p.total;
  };
  const f = (lg: number, r: number) => objective(lg, r, false);
  const fx = (x: number[]) => f(x[0], x[1]);

  // The seeds, the short runs from the best four and the continuation of the best two.
  const explore = (): { x: number[]; fx: number; converged: boolean } => {
    // Seeds: a grid in r plus the points where a selected term vanishes (its `zeros`), times g_X around the couplings
    // the terms prefer (their `preferredCoupling`, e.g. the g_X that explains Δa_µ) and far below them.
    const m = chi2.model;
    const special = [0, ...chi2.zeros()];
    const lep = [m.charges.e, m.charges.mu, m.charges.tau].flatMap((k) => [Math.abs(k.L), Math.abs(k.R)]);
    const span = Math.max(...special.map(Math.abs), ...lep) + 4;
    const rs = new Set<number>();
    for (let r = -span; r <= span + 1e-9; r += span / 15) rs.add(Number(r.toFixed(6)));
    for (const s of special) for (const d of [0, -0.03, 0.03, -0.1, 0.1, -0.3, 0.3]) rs.add(Number((s + d).toFixed(6)));
    let seeds: { x: number[]; f: number }[] = [];
    for (const r of rs) {
      const preferred = chi2.preferredCouplings((g) => chi2.scratch(g, { epsRatio: r }));
      const centres = preferred.length ? preferred.map((g) => Math.min(-0.5, Math.log10(g))) : [-2];
      for (const lgStar of centres)
        for (const t of [-3, -1.5, -1, -0.6, -0.4, -0.2, -0.1, 0, 0.1, 0.25]) {
          const lg = Math.max(LG_MIN, lgStar + t);
          seeds.push({ x: [lg, r], f: objective(lg, r, chi2.hasExpensive) });
        }
    }
    seeds.sort((a, b) => a.f - b.f);
    if (chi2.hasExpensive) {
      // Screened on the cheap terms; re-rank the most promising with the full Δχ².
      seeds = seeds.slice(0, 30).map((s) => ({ x: s.x, f: f(s.x[0], s.x[1]) }));
      seeds.sort((a, b) => a.f - b.f);
    }
    const starts: number[][] = [];
    for (const s of seeds) {
      if (starts.length >= 4) break;
      if (starts.every((x) => Math.abs(x[1] - s.x[1]) > 0.15 || Math.abs(x[0] - s.x[0]) > 0.25)) starts.push(s.x);
    }
    // Short runs from every start, then the two best continued to convergence, then a polish of the best.
    const short = starts.map((x0) => nelderMead(fx, x0, { step: [0.1, 0.1], maxEvaluations: 90, ftol: 1e-7, xtol: 1e-5 }));
    short.sort((a, b) => a.fx - b.fx);
    let best = { x: short[0].x, fx: short[0].fx, converged: false };
    for (const s0 of short.slice(0, 2)) {
      const r = nelderMead(fx, s0.x, { step: [0.03, 0.05], maxEvaluations: 300, ftol: 1e-5, xtol: 1e-3 });
      if (r.fx < best.fx) best = r;
    }
    return best;
  };
  // From a warm start: the continuation alone. Otherwise the seeds, the short runs and the continuation.
  const start = opts.start;
  let best: { x: number[]; fx: number; converged: boolean } = start
    ? nelderMead(fx, [Math.log10(start.gX), start.epsRatio], { step: [0.03, 0.05], maxEvaluations: 300, ftol: 1e-5, xtol: 1e-3 })
    : explore();
  // The dark-photon direction: g_X → 0 and ε·e/g_X → ±∞ at fixed ε approaches the pure kinetic-mixing line, which
  // the seeds in r do not reach. Where that line does better, continue from a point far out along it.
  // (Not from a warm start: it carries its basin, and a far start would leave it for another.)
  const dp = start ? undefined : darkLine(chi2);
  if (dp && dp.dchi2 < best.fx - 1e-3)
    for (const r0 of [1e3, -1e3]) {
      const lg0 = Math.log10((Math.abs(dp.eps) * E_CHARGE) / Math.abs(r0));
      const far = nelderMead(fx, [lg0, r0], { step: [0.3, 0.3 * Math.abs(r0)], maxEvaluations: 600, ftol: 1e-8, xtol: 1e-6 });
      if (far.fx < best.fx) best = far;
    }
  let polish = nelderMead(fx, best.x, { step: [0.01, 0.01], maxEvaluations: 200, ftol: 1e-8, xtol: 1e-6 });
  // Converged: the polish agrees with the best run. A polish that ran out of steps along a flat valley (the
  // dark-photon direction g_X → 0, ε·e/g_X → ∞ at fixed ε) counts when a second one leaves Δχ² where it was.
  let converged = Math.abs(polish.fx - best.fx) < 1e-3;
  if (converged && !polish.converged) {
    const again = nelderMead(fx, polish.x, { step: [0.01, 0.01], maxEvaluations: 200, ftol: 1e-8, xtol: 1e-6 });
    converged = again.converged || Math.abs(again.fx - polish.fx) < 1e-4;
    if (again.fx < polish.fx) polish = again;
  }
  let x = polish.fx <= best.fx ? polish.x : best.x;
  // An optimum on a veto edge: minimise along the edge itself and keep the better point.
  const edge = refineOnEdge(probe, x);
  if (edge && edge.f < Math.min(polish.fx, best.fx)) x = edge.x;
  const g = 10 ** x[0];
  const c = chi2.couplings(g, { epsRatio: x[1] });
  const ev = chi2.evaluate(c);
  const intervals = opts.intervals === false ? null : profileIntervals(f, x, ev.total);
  return { gX: g, eps: c.eps, epsRatio: x[1], dchi2: ev.total, terms: ev.terms, observables: ev.observables, intervals, converged, evaluations: evals };
}

/** The full Δχ² at (log10 g_X, r) with its step part and their largest `excess`; null beyond |ε| ≤ EPS_PROFILE_MAX. */
type Probe = { total: number; steps: number; excess: number };
type ProbeFn = (lg: number, r: number) => Probe | null;

/** A point is at an edge when the point this much higher in log10 g_X (1%), at the same r, is excluded. */
const AT_EDGE = Math.log10(1.01);

/** How closely an edge is located, in log10 g_X: the allowed point returned lies within 2 EDGE_TOL below the edge. */
const EDGE_TOL = 1e-9;

/**
 * The edge of the allowed region along the ray of fixed r: the largest allowed log10 g_X below the first excluded
 * point at or above lgStart + offset, and Δχ² there (the point is allowed, so that is the plain sum of eq. B.1).
 * A step term's `excess` = log10(g_X/g_max) places the edge from an excluded point (exact where the limiting
 * observable grows as a power of g_X, e.g. prompt resonance searches: one evaluation, and one more to check that the
 * point just above is excluded); where it overestimates (lifetime windows) or is absent (two-sided windows), a secant on
 * the excesses of two excluded points or bisection finishes. null: no excluded point up to LG_MAX or nothing allowed
 * below it (down to LG_MIN).
 */
function edgeAt(probe: ProbeFn, r: number, lgStart: number, offset: number): { lg: number; f: number } | null {
  let hi = lgStart + offset;
  let pHi = probe(hi, r);
  let lo = Number.NEGATIVE_INFINITY;
  let fLo = Number.NaN;
  // Up to the first excluded point.
  for (let step = 0.01; pHi !== null && pHi.steps === 0; step *= 2) {
    [lo, fLo] = [hi, pHi.total];
    if (hi >= LG_MAX) return null;
    hi = Math.min(LG_MAX, hi + step);
    pHi = probe(hi, r);
  }
  if (pHi === null) return null;
  let eHi = pHi.excess;
  let prev: { lg: number; e: number } | null = null;
  let loFromExcess = false;
  let down = 0.01;
  for (let i = 0; i < 80 && hi - lo > 2 * EDGE_TOL; i++) {
    if (!Number.isFinite(eHi)) return null; // no g_X > 0 allowed on this ray
    let c: number;
    // Newton on excess(lg) ≈ s (lg − lg_edge) with s = 1 (exact for S ∝ g_X²) or the secant slope of two excesses.
    const s = prev && prev.e > 0 ? Math.max(1, (prev.e - eHi) / (prev.lg - hi)) : 1;
    const newton = eHi > 0 ? hi - eHi / s - EDGE_TOL : Number.NaN;
    if (newton > lo && newton < hi) c = newton;
    else if (eHi > 0 && loFromExcess) c = lo + 2 * EDGE_TOL; // just above the edge the excess put lo at
    else if (Number.isFinite(lo)) c = 0.5 * (lo + hi);
    else {
      c = hi - down;
      down *= 2;
      if (c < LG_MIN) return null;
    }
    const p = probe(c, r);
    if (p === null) return null;
    if (p.steps === 0) {
      loFromExcess = c === newton;
      [lo, fLo] = [c, p.total];
    } else {
      loFromExcess = false;
      if (eHi > 0) prev = { lg: hi, e: eHi };
      [hi, eHi] = [c, p.excess];
    }
  }
  return Number.isFinite(lo) ? { lg: lo, f: fLo } : null;
}

/**
 * Where the best point x of the simplex lies at an edge (the point 1% above it in g_X at the same r is excluded by a
 * step term), the minimum of h(r) = Δχ² at the edge g_max(r) (edgeAt) by Brent in r, from a bracket around x's r
 * widened downhill as needed. The simplex approaches a 0/100 step only slowly and where it stops depends on its path;
 * this finds the constrained optimum itself. Returns the best edge point visited, or null where x is not at an edge.
 */
function refineOnEdge(probe: ProbeFn, x: number[]): { x: number[]; f: number } | null {
  const above = probe(x[0] + AT_EDGE, x[1]);
  if (above === null || above.steps === 0) return null;
  let lgPrev = x[0];
  let offset = AT_EDGE;
  let best: { x: number[]; f: number } | null = null;
  const h = (r: number): number => {
    const e = edgeAt(probe, r, lgPrev, offset);
    if (!e) return Number.POSITIVE_INFINITY;
    lgPrev = e.lg;
    offset = 1e-3;
    if (!best || e.f < best.f) best = { x: [e.lg, r], f: e.f };
    return e.f;
  };
  const r0 = x[1];
  const h0 = h(r0);
  if (!Number.isFinite(h0)) return null;
  // Bracket: r0 ± d, then downhill with doubling steps until h rises.
  let d = 0.01 * Math.max(1, Math.abs(r0));
  let [a, ha] = [r0 - d, h(r0 - d)];
  let [c, hc] = [r0 + d, h(r0 + d)];
  let [b, hb] = [r0, h0];
  if (ha < hb || hc < hb) {
    const dir = ha < hc ? -1 : 1;
    if (dir < 0) [a, ha, c, hc] = [c, hc, a, ha]; // a: the uphill side, c: downhill
    [b, hb] = [c, hc];
    for (let i = 0; i < 20; i++) {
      d *= 2;
      const rn = b + dir * d;
      const hn = h(rn);
      if (hn >= hb) {
        c = rn;
        break;
      }
      [a, ha, b, hb, c] = [b, hb, rn, hn, rn];
    }
  }
  const lo = Math.min(a, c);
  const hi = Math.max(a, c);
  // In t = 1 + (r − lo): Brent's tolerance tol·|t| is then about tol in r wherever r lies.
  brentMinimize((t) => h(lo + t - 1), 1, 1 + hi - lo, 1e-6, 40);
  return best;
}

/**
 * The dark-photon line (g_X = 0) of one mass, term set and options, shared by every model fitted there: at g_X = 0 the
 * couplings are ε e Q_f whatever the charges. A model whose Δχ² differs there all the same (light scalars in g−2, X–Z
 * mass mixing, …) is caught by a fingerprint, Δχ² at three values of ε, and gets a line of its own.
 */
const DARK_LINES = new Lru<string, { fingerprint: number[]; fit: FitResult }>(64);

export function darkLine(chi2: Chi2): FitResult {
  const fingerprint = [-5, -3.5, -2].map((le) => chi2.total(chi2.scratch(0, { eps: 10 ** le })));
  const key = `${chi2.mX}|${chi2.likelihoods.map((l) => l.name).join(",")}|${JSON.stringify(chi2.options)}`;
  const shared = DARK_LINES.get(key, () => ({ fingerprint, fit: fitDarkPhoton(chi2) }));
  if (shared.fingerprint.every((v, i) => v === fingerprint[i])) return { ...shared.fit, evaluations: fingerprint.length };
  return fitDarkPhoton(chi2);
}

export function fitDarkPhoton(chi2: Chi2): FitResult {
  let evals = 0;
  // Along log10 ε in [−9, −0.5], through the windows the searches leave (minimizeOnLine).
  const m = minimizeOnLine((le, cheap) => {
    evals++;
    return chi2.totalAndSteps(chi2.scratch(0, { eps: 10 ** le }), cheap);
  }, -9, -0.5);
  const c = chi2.couplings(0, { eps: 10 ** m.t });
  const ev = chi2.evaluate(c);
  return { gX: 0, eps: c.eps, epsRatio: null, dchi2: ev.total, terms: ev.terms, observables: ev.observables, intervals: null, converged: m.converged, evaluations: evals };
}

/**
 * Δχ² = 1 intervals of log10 g_X (profiled over r) and of r (profiled over log10 g_X): walk out from the best
 * point with doubling steps until the profile exceeds min + 1, then bisect the crossing.
 */
function profileIntervals(f: (lg: number, r: number) => number, xBest: number[], fmin: number) {
  const level = fmin + 1;
  // Profile over the other coordinate with a local Brent search around its last optimum.
  let rPrev = xBest[1];
  let converged = true;
  const hG = (lg: number) => {
    const m = brentMinimize((r) => f(lg, r), rPrev - 0.6, rPrev + 0.6, 1e-5, 40);
    converged &&= m.converged;
    rPrev = m.x;
    return m.fx;
  };
  let lgPrev = xBest[0];
  const hR = (r: number) => {
    const m = brentMinimize((lg) => f(lg, r), lgPrev - 0.4, lgPrev + 0.4, 1e-5, 40);
    converged &&= m.converged;
    lgPrev = m.x;
    return m.fx;
  };
  const crossing = (h: (x: number) => number, x0: number, dir: number, step0: number, limit: number, reset: () => void): number | null => {
    reset();
    let inside = x0;
    let step = step0;
    for (;;) {
      const x = inside + dir * step;
      if ((dir > 0 && x > limit) || (dir < 0 && x < limit)) return null;
      if (h(x) > level) {
        let lo = inside;
        let hi = x;
        for (let i = 0; i < 12; i++) {
          const mid = 0.5 * (lo + hi);
          if (h(mid) > level) hi = mid;
          else lo = mid;
        }
        return 0.5 * (lo + hi);
      }
      inside = x;
      step *= 2;
    }
  };
  const resetR = () => {
    rPrev = xBest[1];
  };
  const resetG = () => {
    lgPrev = xBest[0];
  };
  const gLo = crossing(hG, xBest[0], -1, 0.02, LG_MIN, resetR);
  const gHi = crossing(hG, xBest[0], 1, 0.02, LG_MAX, resetR);
  const rLo = crossing(hR, xBest[1], -1, 0.02, xBest[1] - 50, resetG);
  const rHi = crossing(hR, xBest[1], 1, 0.02, xBest[1] + 50, resetG);
  const pow = (x: number | null) => (x === null ? null : 10 ** x);
  return { gX: [pow(gLo), pow(gHi)] as [number | null, number | null], epsRatio: [rLo, rHi] as [number | null, number | null], converged };
}
