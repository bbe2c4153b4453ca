/** Index lo of the grid interval [xs[lo], xs[lo+1]] that holds x (xs ascending, xs[0] ≤ x ≤ xs[n−1]). */
export function bracket(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Linear interpolation of ys(xs) at x; `outside` beyond the grid. */
export function interpolate(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number, outside = 0): number {
  const n = xs.length;
  if (!(x >= xs[0] && x <= xs[n - 1])) return outside;
  const lo = bracket(xs, x);
  const hi = Math.min(lo + 1, n - 1);
  const f = (x - xs[lo]) / (xs[hi] - xs[lo] || 1);
  return ys[lo] + f * (ys[hi] - ys[lo]);
}
