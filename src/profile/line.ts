import { brentMinimize } from "../numerics/minimize1d.js";

/** Δχ² at t along a line (cheap: without the expensive terms), the part of it from step terms and their `excess`. */
export type LineProbe = (t: number, cheap: boolean) => { total: number; steps: number; excess: number };

/** Grid step in t = log10(coupling): windows narrower than this are found only from a step term's `excess`. */
const GRID_STEP = 0.05;
/** Window edges are bisected to this width in t. */
const EDGE_WIDTH = 1e-8;

/**
 * Minimise Δχ² along a line in t = log10 of a coupling over [tMin, tMax], where step terms (the resonance veto)
 * cut the allowed set into windows: e.g. for a dark photon near 20 MeV the beam dumps exclude ε up to ~4.6×10⁻⁴ and
 * the prompt searches from ~5.3×10⁻⁴, a window 0.065 wide in log10 ε that a coarse grid steps over.
 * 1. A grid of step 0.05 on the cheap terms. An excluded point whose `excess` (log10 of the coupling past a one-sided
 *    bound, exact for S ∝ coupling²) puts that bound above the point below it is followed by probes just under the
 *    bound (up to three Newton steps): a window narrower than the grid step whose upper edge is that bound.
 * 2. Each maximal run of allowed points is a window; its edges are bisected to 10⁻⁸.
 * 3. Brent on the full Δχ² inside every window; the best point is returned.
 * Where nothing is allowed, the best grid point of the full Δχ².
 */
export function minimizeOnLine(probe: LineProbe, tMin: number, tMax: number): { t: number; f: number; converged: boolean } {
  const allowed = (t: number) => probe(t, true).steps === 0;
  const pts: { t: number; ok: boolean }[] = [];
  const n = Math.ceil((tMax - tMin) / GRID_STEP);
  for (let i = 0; i <= n; i++) {
    const t = tMin + ((tMax - tMin) * i) / n;
    const p = probe(t, true);
    // A window under a one-sided bound between this excluded point and the excluded one below it.
    if (p.steps > 0 && i > 0 && !pts[pts.length - 1].ok) {
      const below = pts[pts.length - 1].t;
      let e = p.excess;
      for (let k = 0, edge = t - e - 1e-9; k < 3 && e > 0 && edge > below; k++, edge -= e + 1e-9) {
        const q = probe(edge, true);
        if (q.steps === 0) {
          pts.push({ t: edge, ok: true });
          break;
        }
        e = q.excess;
      }
    }
    pts.push({ t, ok: p.steps === 0 });
  }
  // Bisect the edge between an allowed point a and an excluded point b; returns the allowed end.
  const edge = (a: number, b: number) => {
    while (Math.abs(b - a) > EDGE_WIDTH) {
      const c = 0.5 * (a + b);
      if (allowed(c)) a = c;
      else b = c;
    }
    return a;
  };
  const full = (t: number) => probe(t, false).total;
  let best = { t: Number.NaN, f: Number.POSITIVE_INFINITY, converged: false };
  for (let i = 0; i < pts.length; i++) {
    if (!pts[i].ok) continue;
    let j = i;
    while (j + 1 < pts.length && pts[j + 1].ok) j++;
    const lo = i > 0 ? edge(pts[i].t, pts[i - 1].t) : pts[i].t;
    const hi = j + 1 < pts.length ? edge(pts[j].t, pts[j + 1].t) : pts[j].t;
    const m = hi > lo ? brentMinimize(full, lo, hi, 1e-9, 100) : { x: lo, fx: full(lo), converged: true };
    // Brent never evaluates the ends of its bracket: an optimum on an edge is the edge itself.
    for (const c of [{ x: m.x, fx: m.fx }, { x: lo, fx: full(lo) }, { x: hi, fx: full(hi) }])
      if (c.fx < best.f) best = { t: c.x, f: c.fx, converged: m.converged };
    i = j;
  }
  if (Number.isFinite(best.f)) return best;
  for (const { t } of pts) {
    const f = full(t);
    if (f < best.f) best = { t, f, converged: false };
  }
  return best;
}
