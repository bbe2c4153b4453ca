/**
 * Gauss–Legendre nodes and weights on [−1, 1] by Newton iteration on P_n (Golub–Welsch-free classic; e.g.
 * Press et al., Numerical Recipes, 3rd ed., section 4.6). Exact for polynomials of degree ≤ 2n − 1.
 */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new Error(`gaussLegendre: n must be a positive integer, got ${n}`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = 0;
      for (let j = 0; j < n; j++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * j + 1) * z * p1 - j * p2) / (j + 1);
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/** Nodes and weights of an n-point Gauss–Legendre rule mapped to [a, b]. */
export function gaussLegendreOn(n: number, a: number, b: number): { x: Float64Array; w: Float64Array } {
  const g = gaussLegendre(n);
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  return { x: g.x.map((t) => c + h * t), w: g.w.map((t) => h * t) };
}
