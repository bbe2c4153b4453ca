
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

/** The squared normalisation uncertainties (signal, prompt neutrons, steady-state background) of the release. */
export type NuisanceWidths2 = readonly [number, number, number];

/** Precomputed Σ_i n_i ln n_i (the a-independent part of the Poisson term). */
export function nLogN(n: Float64Array): number {
  let s = 0;
  for (let i = 0; i < n.length; i++) if (n[i] > 0) s += n[i] * Math.log(n[i]);
  return s;
}

interface State {
  f: number;
  g: Float64Array; // g0 g1 g2
  H: Float64Array; // h00 h10 h11 h20 h21 h22
}

const newState = (): State => ({ f: 0, g: new Float64Array(3), H: new Float64Array(6) });

const sum = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/**
 * The profile of χ²(a) for fixed observed counts n and background templates B^n, B^ss: everything that does not
 * depend on the signal (Σn, Σ n ln n, ΣB^n, ΣB^ss, the bins with data) is computed once in the constructor, and
 * `minimise` reuses its buffers (no allocation).
 */
export class NuisanceProfile {
  private readonly nSum: number;
  private readonly nln: number;
  private readonly BnSum: number;
  private readonly BsSum: number;
  /** Bins with n_i > 0 (log terms) and with n_i = 0 (only N_i ≥ 0 is required there). */
  private readonly withData: Int32Array;
  private readonly empty: Int32Array;
  private readonly cur = newState();
  private readonly trial = newState();
  private readonly d = new Float64Array(3);
  private readonly a = new Float64Array(3);
  private readonly next = new Float64Array(3);

  constructor(
    readonly n: Float64Array,
    readonly Bn: Float64Array,
    readonly Bs: Float64Array,
    /** σ_s², σ_n², σ_b² of the priors (measurements.json). */
    private readonly sig2: NuisanceWidths2,
  ) {
    this.nSum = sum(n);
    this.nln = nLogN(n);
    this.BnSum = sum(Bn);
    this.BsSum = sum(Bs);
    const idx = [...n.keys()];
    this.withData = Int32Array.from(idx.filter((i) => n[i] > 0));
    this.empty = Int32Array.from(idx.filter((i) => !(n[i] > 0)));
  }

  /**
   * χ², gradient and Hessian at a for signal S (ΣS = SSum) into out; false where χ² is undefined (1 + a_k ≤ 0, or
   * a non-positive prediction in a bin with data, or a negative one anywhere, or NaN).
   */
  private evaluate(a: Float64Array, S: Float64Array, SSum: number, out: State): boolean {
    const s0 = 1 + a[0];
    const s1 = 1 + a[1];
    const s2 = 1 + a[2];
    if (s0 <= 0 || s1 <= 0 || s2 <= 0) return false;
    const { n, Bn, Bs, withData, empty } = this;
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
    for (let k = 0; k < withData.length; k++) {
      const i = withData[k];
      const x = S[i];
      const y = Bn[i];
      const z = Bs[i];
      const N = s0 * x + s1 * y + s2 * z;
      if (!(N > 0)) return false;
      const ni = n[i];
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
    }
    for (let k = 0; k < empty.length; k++) {
      const i = empty[k];
      if (s0 * S[i] + s1 * Bn[i] + s2 * Bs[i] < 0) return false;
    }
    const sumN = s0 * SSum + s1 * this.BnSum + s2 * this.BsSum;
    out.f = 2 * (sumN + f + this.nln - this.nSum) + (2 * (a[0] - Math.log(s0))) / this.sig2[0] + (2 * (a[1] - Math.log(s1))) / this.sig2[1] + (2 * (a[2] - Math.log(s2))) / this.sig2[2];
    out.g[0] = 2 * (SSum + g0) + (2 * (1 - 1 / s0)) / this.sig2[0];
    out.g[1] = 2 * (this.BnSum + g1) + (2 * (1 - 1 / s1)) / this.sig2[1];
    out.g[2] = 2 * (this.BsSum + g2) + (2 * (1 - 1 / s2)) / this.sig2[2];
    out.H[0] = 2 * h00 + 2 / (s0 * s0 * this.sig2[0]);
    out.H[1] = 2 * h10;
    out.H[2] = 2 * h11 + 2 / (s1 * s1 * this.sig2[1]);
    out.H[3] = 2 * h20;
    out.H[4] = 2 * h21;
    out.H[5] = 2 * h22 + 2 / (s2 * s2 * this.sig2[2]);
    return Number.isFinite(out.f);
  }

  /**
   * Minimise χ²(a) for signal S, starting from out.a (a warm start; a fixed point such as the SM optimum keeps the
   * result deterministic; an invalid start falls back to a = 0), and write the optimum into out. Where χ² cannot
   * be evaluated even at a = 0 (a non-positive or NaN prediction), out.chi2 is NaN and out.a is left as it was:
   * the caller reports the point. SSum is ΣS when the caller has it.
   */
  minimise(S: Float64Array, out: Profiled, SSum = sum(S)): Profiled {
    const { a, next, d, cur, trial } = this;
    a[0] = out.a[0];
    a[1] = out.a[1];
    a[2] = out.a[2];
    if (!this.evaluate(a, S, SSum, cur)) {
      a.fill(0);
      if (!this.evaluate(a, S, SSum, cur)) {
        out.chi2 = Number.NaN;
        out.iterations = 0;
        return out;
      }
    }
    let it = 0;
    for (; it < 60; it++) {
      solve3(cur.H, cur.g, d);
      // Newton decrement gᵀH⁻¹g/2 estimates f − min f: stop when it is negligible.
      if (0.5 * (d[0] * cur.g[0] + d[1] * cur.g[1] + d[2] * cur.g[2]) < 1e-10) break;
      let t = 1;
      for (let k = 0; k < 3; k++) next[k] = a[k] - d[k];
      let ok = this.evaluate(next, S, SSum, trial) && trial.f <= cur.f;
      while (!ok && t > 1e-8) {
        t *= 0.5;
        for (let k = 0; k < 3; k++) next[k] = a[k] - t * d[k];
        ok = this.evaluate(next, S, SSum, trial) && trial.f <= cur.f;
      }
      if (!ok) break;
      a.set(next);
      cur.f = trial.f;
      cur.g.set(trial.g);
      cur.H.set(trial.H);
    }
    out.chi2 = cur.f;
    out.a[0] = a[0];
    out.a[1] = a[1];
    out.a[2] = a[2];
    out.iterations = it;
    return out;
  }

  /** The expected counts N_i = (1 + a_s) S_i + (1 + a_n) B^n_i + (1 + a_b) B^ss_i at pulls a, into out. */
  expected(S: Float64Array, a: readonly number[], out: Float64Array): Float64Array {
    const s0 = 1 + a[0];
    const s1 = 1 + a[1];
    const s2 = 1 + a[2];
    for (let i = 0; i < out.length; i++) out[i] = s0 * S[i] + s1 * this.Bn[i] + s2 * this.Bs[i];
    return out;
  }
}

/**
 * Minimise χ²(a) once (allocates a NuisanceProfile; the likelihood keeps one per data set). `start` is a warm
 * start. chi2 is NaN where the prediction cannot be evaluated.
 */
export function profileNuisances(n: Float64Array, S: Float64Array, Bn: Float64Array, Bs: Float64Array, sig2: NuisanceWidths2, start: readonly number[] = [0, 0, 0]): Profiled {
  return new NuisanceProfile(n, Bn, Bs, sig2).minimise(S, { chi2: 0, a: [start[0], start[1], start[2]], iterations: 0 });
}

/** Solve H d = g for symmetric H given as (h00, h10, h11, h20, h21, h22), into d. */
function solve3(H: Float64Array, g: Float64Array, d: Float64Array): void {
  const a = H[0];
  const b = H[1];
  const e = H[2];
  const c = H[3];
  const f = H[4];
  const i = H[5];
  const A = e * i - f * f;
  const B = c * f - b * i;
  const C = b * f - c * e;
  const det = a * A + b * B + c * C;
  const D = a * i - c * c;
  const E = b * c - a * f;
  const F = a * e - b * b;
  d[0] = (A * g[0] + B * g[1] + C * g[2]) / det;
  d[1] = (B * g[0] + D * g[1] + E * g[2]) / det;
  d[2] = (C * g[0] + E * g[1] + F * g[2]) / det;
}
