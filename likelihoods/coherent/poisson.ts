
/**
 * The test statistic of the 12T×12E analysis (data README; Denton & Gehrlein 2008.06062, section 3):
 *   χ²(a) = 2 Σ_i [N_i − n_i + n_i ln(n_i/N_i)] + Σ_k 2(a_k − ln(1 + a_k))/σ_k²,
 *   N_i = (1 + a_s) S_i + (1 + a_n) B^n_i + (1 + a_b) B^ss_i,
 * minimised over the three normalisation nuisances a = (a_s, a_n, a_b). χ²(a) is convex, so damped Newton
 * converges in a few steps; each step is one pass over the bins that gives value, gradient and Hessian.
 *
 * χ²(a) is also self-concordant: each term is c·(−ln u) with u affine in a and c = 2n_i or 2/σ_k² (plus linear
 * terms), so |d³χ²| ≤ 2M (d²χ²)^{3/2} along any line with M = max(1/√(2 n_min), σ_max/√2) (Nesterov, Introductory
 * Lectures on Convex Optimization, 2004, sec. 4.1). With the Newton decrement λ² = gᵀH⁻¹g at a, M²(χ²(a) − χ²_min)
 * lies between ω(Mλ) = Mλ − ln(1 + Mλ) and ω*(Mλ) = −Mλ − ln(1 − Mλ) (ibid., Theorems 4.1.11 and 4.1.13), so the
 * minimum of the quadratic model, χ²(a) − λ²/2, is the profiled χ² to within Mλ³/3 (+ O(λ⁴)). The profile stops
 * there once Mλ³/3 ≤ 1e-7 (below the ~1e-6 by which a fit's Δχ² already moves with the simplex's tolerances; issue #19
 * relaxed it from 1e-11: 1.85 → 1.47 passes per call along the ranking's fits, Δχ² within 2e-8) and reports that value at the
 * Newton step a − H⁻¹g: one pass over the bins for a warm start near the optimum, instead of one more to confirm it.
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

/** Most bins in one product of the grouped log sum (see `NuisanceProfile`); 32 keeps it far from overflow for counts ≲ 10⁹. */
const CHUNK = 32;
/** A product outside this range falls back to one log per bin (no overflow, no subnormal loss of precision). */
const PRODUCT_MIN = 1e-280;
const PRODUCT_MAX = 1e280;

/**
 * The profile of χ²(a) for fixed observed counts n and background templates B^n, B^ss: everything that does not
 * depend on the signal (Σn, Σ n ln n, ΣB^n, ΣB^ss, the bins with data) is computed once in the constructor, and
 * `minimise` reuses its buffers (no allocation).
 *
 * Speed: the counts are small integers (11 distinct values in the CsI 2017 release), so the bins with data are
 * grouped by n_i, and Σ_i n_i ln N_i = Σ_v v ln Π_{n_i = v} N_i takes one log per group (of at most CHUNK bins)
 * instead of one per bin; the product's rounding (≲ CHUNK ulp) moves χ² by ~1e-14. Within a group the gradient
 * and Hessian are v Σ T_i/N_i and v Σ T_i T_iᵀ/N_i² (T_i = (S_i, B^n_i, B^ss_i)): one division per bin.
 */
export class NuisanceProfile {
  private readonly nSum: number;
  private readonly nln: number;
  private readonly BnSum: number;
  private readonly BsSum: number;
  /** Bins with n_i > 0 in groups of equal n_i: bin indices, and the templates in that order. */
  private readonly order: Int32Array;
  private readonly BnOrd: Float64Array;
  private readonly BsOrd: Float64Array;
  /** Group k covers order[groupStart[k]] … order[groupStart[k + 1] − 1], all with n_i = groupN[k]. */
  private readonly groupStart: Int32Array;
  private readonly groupN: Float64Array;
  /** Bins with n_i = 0 (only N_i ≥ 0 is required there). */
  private readonly empty: Int32Array;
  /** The self-concordance constant M of χ²(a) (see above). */
  private readonly M: number;
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
    const withData = idx.filter((i) => n[i] > 0).sort((i, j) => n[i] - n[j] || i - j);
    this.order = Int32Array.from(withData);
    this.BnOrd = Float64Array.from(withData, (i) => Bn[i]);
    this.BsOrd = Float64Array.from(withData, (i) => Bs[i]);
    const starts: number[] = [];
    for (let k = 0; k < withData.length; k++) if (k === 0 || n[withData[k]] !== n[withData[k - 1]] || k - starts[starts.length - 1] === CHUNK) starts.push(k);
    this.groupN = Float64Array.from(starts, (k) => n[withData[k]]);
    starts.push(withData.length);
    this.groupStart = Int32Array.from(starts);
    this.empty = Int32Array.from(idx.filter((i) => !(n[i] > 0)));
    const nMin = withData.reduce((m, i) => Math.min(m, n[i]), Number.POSITIVE_INFINITY);
    this.M = Math.max(1 / Math.sqrt(2 * nMin), Math.sqrt(Math.max(...sig2) / 2));
  }

  /** Whether χ²(a) is defined where it has no barrier: 1 + a_k > 0 and N_i ≥ 0 in the bins without data. */
  private inDomain(a: Float64Array, S: Float64Array): boolean {
    const s0 = 1 + a[0];
    const s1 = 1 + a[1];
    const s2 = 1 + a[2];
    if (!(s0 > 0 && s1 > 0 && s2 > 0)) return false;
    const { empty, Bn, Bs } = this;
    for (let k = 0; k < empty.length; k++) {
      const i = empty[k];
      if (s0 * S[i] + s1 * Bn[i] + s2 * Bs[i] < 0) return false;
    }
    return true;
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
    const { order, BnOrd, BsOrd, groupStart, groupN } = this;
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
    for (let grp = 0; grp < groupN.length; grp++) {
      const lo = groupStart[grp];
      const hi = groupStart[grp + 1];
      let prod = 1;
      let u0 = 0;
      let u1 = 0;
      let u2 = 0;
      let v00 = 0;
      let v10 = 0;
      let v11 = 0;
      let v20 = 0;
      let v21 = 0;
      let v22 = 0;
      for (let k = lo; k < hi; k++) {
        const x = S[order[k]];
        const y = BnOrd[k];
        const z = BsOrd[k];
        const N = s0 * x + s1 * y + s2 * z;
        if (!(N > 0)) return false;
        prod *= N;
        const q = 1 / N;
        const xq = x * q;
        const yq = y * q;
        const zq = z * q;
        u0 += xq;
        u1 += yq;
        u2 += zq;
        v00 += xq * xq;
        v10 += yq * xq;
        v11 += yq * yq;
        v20 += zq * xq;
        v21 += zq * yq;
        v22 += zq * zq;
      }
      let logProd = 0;
      if (prod > PRODUCT_MIN && prod < PRODUCT_MAX) logProd = Math.log(prod);
      else for (let k = lo; k < hi; k++) logProd += Math.log(s0 * S[order[k]] + s1 * BnOrd[k] + s2 * BsOrd[k]);
      const v = groupN[grp];
      f -= v * logProd;
      g0 -= v * u0;
      g1 -= v * u1;
      g2 -= v * u2;
      h00 += v * v00;
      h10 += v * v10;
      h11 += v * v11;
      h20 += v * v20;
      h21 += v * v21;
      h22 += v * v22;
    }
    if (!this.inDomain(a, S)) return false;
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
      // λ²/2 = gᵀH⁻¹g/2 estimates f − min f to Mλ³/3 (see above): stop when that is below 1e-7, at the minimum of
      // the quadratic model (the Newton step, where χ² is defined).
      const half = 0.5 * (d[0] * cur.g[0] + d[1] * cur.g[1] + d[2] * cur.g[2]);
      if (this.M * (2 * half) ** 1.5 <= 3e-7) {
        for (let k = 0; k < 3; k++) next[k] = a[k] - d[k];
        if (this.inDomain(next, S)) {
          a.set(next);
          cur.f -= half;
          break;
        }
      }
      if (half < 1e-10) break;
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
