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
