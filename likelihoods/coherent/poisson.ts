import { COHERENT } from "./inputs.js";

/**
 * The test statistic of the 12T×12E analysis (data README; Denton & Gehrlein 2008.06062, section 3):
 *   χ²(a) = 2 Σ_i [N_i − n_i + n_i ln(n_i/N_i)] + Σ_k 2(a_k − ln(1 + a_k))/σ_k²,
 *   N_i = (1 + a_s) S_i + (1 + a_n) B^n_i + (1 + a_b) B^ss_i,
 * minimised over the three normalisation nuisances a = (a_s, a_n, a_b). χ²(a) is convex, so damped Newton
 * converges in a few steps; each step is one pass over the bins that gives value, gradient and Hessian.
 */
export interface Profiled {
  chi2: number;
  a: [number, number, number];
  iterations: number;
}

const SIG2 = [COHERENT.sigmaSignal ** 2, COHERENT.sigmaNeutron ** 2, COHERENT.sigmaBackground ** 2];

/** Precomputed Σ_i n_i ln n_i (the a-independent part of the Poisson term). */
export function nLogN(n: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n.length; i++) if (n[i] > 0) s += n[i] * Math.log(n[i]);
  return s;
}

interface State {
  f: number;
  g: [number, number, number];
  H: [number, number, number, number, number, number]; // h00 h10 h11 h20 h21 h22
}

interface Sums {
  S: number;
  Bn: number;
  Bs: number;
  n: number;
  nln: number;
}

function evaluate(a: readonly number[], n: Float64Array, S: Float64Array, Bn: Float64Array, Bs: Float64Array, sums: Sums, out: State): boolean {
  const s0 = 1 + a[0];
  const s1 = 1 + a[1];
  const s2 = 1 + a[2];
  if (s0 <= 0 || s1 <= 0 || s2 <= 0) return false;
  let f = 0;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let h00 = 0;
  let h10 = 0;
  let h11 = 0;
  let h20 = 0;
  let h21 = 0;
  let h22 = 0;
  for (let i = 0; i < n.length; i++) {
    const x = S[i];
    const y = Bn[i];
    const z = Bs[i];
    const N = s0 * x + s1 * y + s2 * z;
    const ni = n[i];
    if (ni > 0) {
      if (!(N > 0)) return false;
      f -= ni * Math.log(N);
      const r = ni / N;
      g0 -= r * x;
      g1 -= r * y;
      g2 -= r * z;
      const w = r / N;
      h00 += w * x * x;
      h10 += w * y * x;
      h11 += w * y * y;
      h20 += w * z * x;
      h21 += w * z * y;
      h22 += w * z * z;
    } else if (N < 0) return false;
  }
  const sumN = s0 * sums.S + s1 * sums.Bn + s2 * sums.Bs;
  out.f = 2 * (sumN + f + sums.nln - sums.n) + (2 * (a[0] - Math.log(s0))) / SIG2[0] + (2 * (a[1] - Math.log(s1))) / SIG2[1] + (2 * (a[2] - Math.log(s2))) / SIG2[2];
  out.g[0] = 2 * (sums.S + g0) + (2 * (1 - 1 / s0)) / SIG2[0];
  out.g[1] = 2 * (sums.Bn + g1) + (2 * (1 - 1 / s1)) / SIG2[1];
  out.g[2] = 2 * (sums.Bs + g2) + (2 * (1 - 1 / s2)) / SIG2[2];
  out.H[0] = 2 * h00 + 2 / (s0 * s0 * SIG2[0]);
  out.H[1] = 2 * h10;
  out.H[2] = 2 * h11 + 2 / (s1 * s1 * SIG2[1]);
  out.H[3] = 2 * h20;
  out.H[4] = 2 * h21;
  out.H[5] = 2 * h22 + 2 / (s2 * s2 * SIG2[2]);
  return true;
}

const fixedSums = new WeakMap<Float64Array, { n: number; nln: number }>();
const sum = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/** Minimise χ²(a); `start` is a warm start (a fixed point such as the SM optimum keeps the result deterministic). */
export function profileNuisances(n: Float64Array, S: Float64Array, Bn: Float64Array, Bs: Float64Array, start: readonly number[] = [0, 0, 0]): Profiled {
  let fixed = fixedSums.get(n);
  if (!fixed) {
    fixed = { n: sum(n), nln: nLogN(n) };
    fixedSums.set(n, fixed);
  }
  const sums: Sums = { S: sum(S), Bn: sum(Bn), Bs: sum(Bs), n: fixed.n, nln: fixed.nln };
  let a = [start[0], start[1], start[2]];
  const cur: State = { f: 0, g: [0, 0, 0], H: [0, 0, 0, 0, 0, 0] };
  const trial: State = { f: 0, g: [0, 0, 0], H: [0, 0, 0, 0, 0, 0] };
  if (!evaluate(a, n, S, Bn, Bs, sums, cur)) {
    a = [0, 0, 0];
    evaluate(a, n, S, Bn, Bs, sums, cur);
  }
  let it = 0;
  for (; it < 60; it++) {
    const d = solve3(cur.H, cur.g);
    // Newton decrement gᵀH⁻¹g/2 estimates f − min f: stop when it is negligible.
    if (0.5 * (d[0] * cur.g[0] + d[1] * cur.g[1] + d[2] * cur.g[2]) < 1e-10) break;
    let t = 1;
    let next = [a[0] - d[0], a[1] - d[1], a[2] - d[2]];
    let ok = evaluate(next, n, S, Bn, Bs, sums, trial) && trial.f <= cur.f;
    while (!ok && t > 1e-8) {
      t *= 0.5;
      next = [a[0] - t * d[0], a[1] - t * d[1], a[2] - t * d[2]];
      ok = evaluate(next, n, S, Bn, Bs, sums, trial) && trial.f <= cur.f;
    }
    if (!ok) break;
    a = next;
    cur.f = trial.f;
    cur.g = [trial.g[0], trial.g[1], trial.g[2]];
    cur.H = [trial.H[0], trial.H[1], trial.H[2], trial.H[3], trial.H[4], trial.H[5]];
  }
  return { chi2: cur.f, a: a as [number, number, number], iterations: it };
}

/** Solve H d = g for symmetric H given as (h00, h10, h11, h20, h21, h22). */
function solve3(H: readonly number[], g: readonly number[]): [number, number, number] {
  const [a, b, e, c, f, i] = H;
  const A = e * i - f * f;
  const B = c * f - b * i;
  const C = b * f - c * e;
  const det = a * A + b * B + c * C;
  const D = a * i - c * c;
  const E = b * c - a * f;
  const F = a * e - b * b;
  return [(A * g[0] + B * g[1] + C * g[2]) / det, (B * g[0] + D * g[1] + E * g[2]) / det, (C * g[0] + E * g[1] + F * g[2]) / det];
}
