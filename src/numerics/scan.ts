import { brent } from "./roots.js";

/**
 * The first crossing of h on a grid from `from` (exclusive) up to `to` in steps of `step`, refined by Brent:
 * "up" finds the first grid point with h ≥ 0 (h is taken to be < 0 at `from`), "down" the first with h < 0
 * (h ≥ 0 at `from`). Null when the grid reaches `to` without one. The one "log-scan, then Brent" of the engine:
 * recast limits, beam-dump bands and the Δχ² = 4 lines of the exclusion plane.
 */
export function firstCrossing(h: (x: number) => number, from: number, to: number, step: number, tol: number, direction: "up" | "down", what?: string): number | null {
  let prev = from;
  for (let x = from + step; x <= to; x += step) {
    const v = h(x);
    if (direction === "up" ? v >= 0 : v < 0) return brent(h, prev, x, tol, undefined, what);
    prev = x;
  }
  return null;
}

/**
 * firstCrossing for an h that is monotone on the grid, started near a guess of the crossing (h is taken to be on its
 * starting side at `from`, as there): the grid points up to the one a step below `guess` are stepped over unevaluated,
 * the last of them is checked, and the scan goes on from there. The grid, the bracket handed to Brent and the h values
 * Brent sees are firstCrossing's, so the result is the same number; where the check fails (a wrong guess, or an h
 * that is not monotone after all) the result is firstCrossing's own.
 */
export function firstCrossingNear(h: (x: number) => number, from: number, to: number, step: number, tol: number, direction: "up" | "down", guess: number, what?: string): number | null {
  const crossed = (v: number) => (direction === "up" ? v >= 0 : v < 0);
  let prev = from;
  let x = from + step;
  while (x <= to && x < guess - step) {
    prev = x;
    x += step;
  }
  let hPrev = Number.NaN;
  if (prev !== from) {
    hPrev = h(prev);
    if (crossed(hPrev)) return firstCrossing(h, from, to, step, tol, direction, what);
  }
  for (; x <= to; x += step) {
    const v = h(x);
    if (crossed(v)) {
      // Brent evaluates its two ends first: reuse the values just computed (h(from) is not known here).
      const [a, ha, b] = [prev, hPrev, x];
      return brent((y) => (y === b ? v : y === a && !Number.isNaN(ha) ? ha : h(y)), a, b, tol, undefined, what);
    }
    prev = x;
    hPrev = v;
  }
  return null;
}
