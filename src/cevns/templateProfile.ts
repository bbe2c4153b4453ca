/**
 * The binned Poisson likelihood of a sum of templates with constrained normalisations and linear shape nuisances,
 * profiled by Newton's method: the statistic of both COHERENT releases that have one (argon 2020,
 * likelihoods/coherentAr; CsI 2021, likelihoods/coherent2021), generic for any detector whose prediction is a sum of
 * components, each a normalisation times a template plus shape shifts:
 *
 *   N_i = Σ_c [u_c T_ci + Σ_k v_ck Δ_cki],
 *   χ² = 2 Σ_i [N_i − n_i + n_i ln(n_i/N_i)] + Σ_c prior_c(u_c) + Σ_ck θ_ck²,
 *
 * with u_c the normalisation of component c relative to its template and θ_ck its shape nuisances in units of their
 * ±1σ shifts Δ_ck (linear interpolation, unit Gaussian priors). A component's shifts either scale with its
 * normalisation, N_c = u_c (T_c + Σ_k θ_ck Δ_ck), so v_ck = u_c θ_ck (argon), or are added at the nominal
 * normalisation, N_c = u_c T_c + Σ_k θ_ck Δ_ck, so v_ck = θ_ck (CsI 2021's vertical morphing: `additiveShifts`).
 * The normalisation priors are Gaussian, (u − µ)²/σ², or gamma, 2(u/µ − 1 − ln(u/µ))/σ² (−2 ln of a gamma density
 * with mode µ and relative width σ: the prior of the CsI analyses, likelihoods/coherent/poisson.ts), or absent.
 * In the variables (u, v) the prediction is linear, so the Poisson part's Hessian is Σ_i (n_i/N_i²) A_i A_iᵀ with
 * A_i the template values of bin i; the priors add their analytic terms.
 *
 * Domain. Bins with data keep N > 0 (their logarithm). Bins without data contribute 2N, linear, and must keep
 * N ≥ 0: where the optimum presses such a bin to 0 (additive shifts can cancel a vanishing signal), the minimisation
 * holds it there (an active set: Newton steps projected onto N = 0, released when its multiplier turns negative) and
 * finds the constrained minimum. A bin where no template can contribute must have no counts (the constructor
 * refuses it).
 *
 * Speed.
 * - Bins with data are grouped by the set of templates that are non-zero in them; each group stores its template
 *   values bin by bin, padded with zero templates to a width of 4 or 8, and every pass sweeps it with one plain loop
 *   that keeps the eight (or four) templates of a bin and their gradient sums in local variables, about 2.5× faster
 *   than loops over the templates; wider groups use plain loops over the templates, the Hessian one sweep per 2 × 4
 *   block. There is no generated code, so the engine runs under a strict Content-Security-Policy. A group with a
 *   single fixed template (e.g. steady-state-only bins) is summed in closed form; bins without data need only their
 *   column sums, and their N ≥ 0 is re-checked only when the parameters may have moved an N by its margin.
 * - Variable components (the signal) are updated per evaluation, either by replacing their templates
 *   (`setTemplates`) or, cheaper, by a per-bin factor on the templates given at construction (`setScale`).
 * - `minimise` reuses the Hessian of the last exact evaluation (the chord method): from a warm start a pass needs
 *   only the gradient (no logarithms, no Hessian); the value (logarithms) is computed once, at the optimum. The
 *   Hessian is recomputed, with a line search on the value, whenever the Newton decrement is not small or stops
 *   falling fast. The optimum is the same (to the tolerance) whatever the history.
 */

/**
 * A normalisation prior on u (relative to the template): centre µ and width σ, Gaussian (the default) or gamma;
 * null leaves u free.
 */
export type Prior = { centre: number; sigma: number; kind?: "gaussian" | "gamma" } | null;

export interface TemplateComponent {
  name: string;
  /** Nominal expected counts per bin. */
  template: ArrayLike<number>;
  /** Per-bin change at θ = +1 of each shape nuisance (unit Gaussian prior, linear in θ). */
  shifts?: readonly ArrayLike<number>[];
  /** The shifts enter at the nominal normalisation (N = u T + Σ θ Δ) instead of scaling with it (N = u (T + Σ θ Δ)). */
  additiveShifts?: boolean;
  prior: Prior;
  /**
   * Updated per evaluation (`setTemplates`, `setScale`). Its template and shifts given here fix where they may be
   * non-zero: later values outside that support are ignored.
   */
  variable?: boolean;
}

/** The profiled state: χ², the parameters and the passes over the bins used. */
export interface TemplateFit {
  chi2: number;
  /** Per component: normalisation u_c and shape nuisances θ_ck. */
  norms: Float64Array;
  thetas: Float64Array[];
  /** Passes over the bins in the last minimisation. */
  iterations: number;
  /** Internal parameters (u, v), the warm start of the next minimisation. */
  x: Float64Array;
}

/** A copy of a state (e.g. to keep it while the original is reused as a warm start). */
export function copyFit(f: TemplateFit): TemplateFit {
  return { chi2: f.chi2, norms: Float64Array.from(f.norms), thetas: f.thetas.map((t) => Float64Array.from(t)), iterations: f.iterations, x: Float64Array.from(f.x) };
}

/**
 * Cholesky factor L of M + λ(diag M + 1) (p × p, row-major; λ = 0: of M itself); false when that is not positive
 * definite, or a pivot falls below `relPivot` times its diagonal entry (dependent rows).
 */
function cholesky(M: Float64Array, p: number, L: Float64Array, lambda = 0, relPivot = 0): boolean {
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) {
      let s = M[i * p + j] + (i === j && lambda > 0 ? lambda * (Math.abs(M[i * p + i]) + 1) : 0);
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(s > 0 && s > relPivot * Math.abs(M[i * p + i]))) return false;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j];
    }
  return true;
}

/** Solve L Lᵀ z = r (L from cholesky) into z. */
function choleskySolve(L: Float64Array, p: number, r: Float64Array, z: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = r[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * z[k];
    z[i] = s / L[i * p + i];
  }
}

/** What a pass computes. */
const VALUE = 1;
const GRAD = 2;
const HESS = 4;

interface Group {
  /** Global column (= parameter) index of each of the group's m templates. */
  cols: Int32Array;
  bins: Int32Array;
  /** Template values, bin by bin with stride w (≥ m, zero-padded): A[b * w + j]; base: the construction-time values (setScale). */
  A: Float64Array;
  w: number;
  base: Float64Array;
  n: Float64Array;
  /** Closed form for a single fixed template: Σ A, Σ n, Σ n ln A. */
  closed: { sumA: number; sumN: number; sumNlnA: number } | null;
  /**
   * Bins without data: their χ² is 2 Σ N, linear, so a pass needs only the column sums Σ_b A_bj (and N ≥ 0); with
   * the largest |A_bj| of each column, and the parameters where N ≥ 0 was last checked with the smallest N there
   * (NaN: unchecked since the templates changed).
   */
  empty: { sum: Float64Array; max: Float64Array; checked: Float64Array; minN: number } | null;
  /** Positions (within the group) of the columns of variable components. */
  variableCols: Int32Array;
}

export class TemplateProfile {
  readonly nParams: number;
  readonly components: readonly TemplateComponent[];
  /** First parameter index of each component (its u; its v's follow). */
  private readonly offset: Int32Array;
  private readonly nShifts: Int32Array;
  private readonly additive: boolean[];
  /** Components whose u must stay positive (scaled shifts, gamma prior). */
  private readonly positive: boolean[];
  private readonly component: Int32Array;
  private readonly priors: Prior[];
  /** Column values per parameter at construction, full length. */
  private readonly baseColumns: Float64Array[];
  /** The current columns of variable components (setTemplates) or their per-bin factor (setScale). */
  private readonly current: (ArrayLike<number> | null)[];
  private readonly scale: (ArrayLike<number> | null)[];
  private readonly groups: Group[];
  private readonly variableGroups: Group[];
  /** The groups with data, and those without (their bins are constraints N ≥ 0). */
  private readonly dataGroups: Group[];
  private readonly emptyGroups: Group[];
  /** Each bin without data: its group and row. */
  private readonly emptyGroup: Group[];
  private readonly emptyRow: Int32Array;
  /** Per parameter: Σ of its template values over the bins without data. */
  private readonly emptySum: Float64Array;
  /** The empty bins held at N = 0 in the current minimisation (the active set). */
  private readonly active: number[] = [];
  /** 2 (Σ n ln n − Σ n): the part of χ² that depends on the data alone. */
  private readonly constant: number;
  // The chord method's Hessian: its Cholesky factor and whether it is usable.
  private readonly Lstale: Float64Array;
  private staleValid = false;
  /** Where the stale Hessian was computed: each component's events u_c·ΣT_c and shape pulls θ (its validity check). */
  private readonly staleEvents: Float64Array;
  private readonly staleSum: Float64Array;
  private readonly staleTheta: Float64Array;
  /** Σ of each component's current template. */
  private readonly templateSum: Float64Array;
  // Work buffers (no allocation in minimise): parameters, a group's parameters (zero-padded), per bin of the
  // largest group the prediction N and the Hessian weight n/N², and eight sums.
  private readonly g: Float64Array;
  private readonly H: Float64Array;
  private readonly gT: Float64Array;
  private readonly L: Float64Array;
  private readonly d: Float64Array;
  private readonly xs: Float64Array;
  private readonly xPrev: Float64Array;
  private readonly trial: Float64Array;
  private readonly xLocal: Float64Array;
  private readonly N: Float64Array;
  private readonly Wt: Float64Array;
  private readonly sums = new Float64Array(8);

  constructor(
    readonly observed: Float64Array,
    components: readonly TemplateComponent[],
  ) {
    this.components = components;
    this.priors = components.map((c) => (c.prior ? { ...c.prior } : null));
    const nBins = observed.length;
    this.offset = new Int32Array(components.length);
    this.nShifts = new Int32Array(components.length);
    this.additive = components.map((c) => c.additiveShifts === true);
    this.positive = components.map(() => false);
    this.baseColumns = [];
    const variableCol: boolean[] = [];
    const owner: number[] = [];
    let p = 0;
    components.forEach((c, ci) => {
      this.offset[ci] = p;
      this.nShifts[ci] = c.shifts?.length ?? 0;
      for (const col of [c.template, ...(c.shifts ?? [])]) {
        if (col.length !== nBins) throw new Error(`TemplateProfile: component '${c.name}' has ${col.length} bins, the data ${nBins}`);
        const a = Float64Array.from(col);
        if (a.some((x) => !Number.isFinite(x))) throw new Error(`TemplateProfile: component '${c.name}' has a non-finite template value`);
        this.baseColumns.push(a);
        variableCol.push(c.variable === true);
        owner.push(ci);
        p++;
      }
    });
    this.nParams = p;
    this.component = Int32Array.from(owner);
    this.current = this.baseColumns.map(() => null);
    this.scale = components.map(() => null);
    for (let ci = 0; ci < components.length; ci++) this.updatePositive(ci);
    // Group the bins by their set of non-zero columns.
    const byKey = new Map<string, number[]>();
    let constant = 0;
    for (let i = 0; i < nBins; i++) {
      const active: number[] = [];
      for (let k = 0; k < p; k++) if (this.baseColumns[k][i] !== 0) active.push(k);
      const ni = observed[i];
      if (!(ni >= 0 && Number.isFinite(ni))) throw new Error(`TemplateProfile: bin ${i} has ${ni} counts`);
      if (active.length === 0) {
        if (ni > 0) throw new Error(`TemplateProfile: bin ${i} has ${ni} counts where no template can contribute`);
        continue;
      }
      if (ni > 0) constant += ni * Math.log(ni);
      constant -= ni;
      const key = `${active.join(",")}${ni > 0 ? "" : "|empty"}`;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
    this.constant = 2 * constant;
    this.groups = [...byKey.entries()].map(([key, bins]) => {
      const cols = Int32Array.from(key.split("|")[0].split(",").map(Number));
      const m = cols.length;
      const nb = bins.length;
      const w = m <= 4 ? 4 : 4 * Math.ceil(m / 4);
      const A = new Float64Array(nb * w);
      bins.forEach((i, b) => {
        for (let j = 0; j < m; j++) A[b * w + j] = this.baseColumns[cols[j]][i];
      });
      const n = Float64Array.from(bins, (i) => observed[i]);
      const variableCols = Int32Array.from([...cols.keys()].filter((j) => variableCol[cols[j]]));
      let closed: Group["closed"] = null;
      const empty = n.every((x) => x === 0) ? { sum: new Float64Array(m), max: new Float64Array(m), checked: new Float64Array(m), minN: Number.NaN } : null;
      if (m === 1 && variableCols.length === 0 && !empty) {
        let sumA = 0;
        let sumN = 0;
        let sumNlnA = 0;
        for (let b = 0; b < nb; b++) {
          sumA += A[b * w];
          sumN += n[b];
          if (n[b] > 0) sumNlnA += n[b] * Math.log(A[b * w]);
        }
        closed = { sumA, sumN, sumNlnA };
      }
      return { cols, bins: Int32Array.from(bins), A, w, base: Float64Array.from(A), n, closed, empty, variableCols };
    });
    this.variableGroups = this.groups.filter((gr) => gr.variableCols.length > 0);
    this.dataGroups = this.groups.filter((gr) => !gr.empty);
    this.emptyGroups = this.groups.filter((gr) => gr.empty);
    this.emptyGroup = this.emptyGroups.flatMap((gr) => Array.from(gr.bins, () => gr));
    this.emptyRow = Int32Array.from(this.emptyGroups.flatMap((gr) => Array.from(gr.bins, (_, b) => b)));
    this.emptySum = new Float64Array(p);
    for (const gr of this.emptyGroups) this.columnSums(gr);
    this.refreshEmpty();
    const maxW = Math.max(8, ...this.groups.map((gr) => gr.w));
    this.Lstale = new Float64Array(p * p);
    this.staleEvents = new Float64Array(components.length);
    this.staleSum = new Float64Array(components.length);
    this.staleTheta = new Float64Array(p);
    this.templateSum = Float64Array.from(components, (_, ci) => this.baseColumns[this.offset[ci]].reduce((a, b) => a + b, 0));
    this.g = new Float64Array(p);
    this.H = new Float64Array(p * p);
    this.gT = new Float64Array(p);
    this.L = new Float64Array(p * p);
    this.d = new Float64Array(p);
    this.xs = new Float64Array(p);
    this.xPrev = new Float64Array(p);
    this.trial = new Float64Array(p);
    this.xLocal = new Float64Array(maxW);
    const maxBins = Math.max(...this.groups.map((gr) => gr.bins.length));
    this.N = new Float64Array(maxBins);
    this.Wt = new Float64Array(maxBins);
  }

  /** Refresh the column sums and largest values of a group without data (its check is then due). */
  private columnSums(gr: Group): void {
    const { empty, A, w } = gr;
    if (!empty) return;
    empty.minN = Number.NaN;
    empty.sum.fill(0);
    empty.max.fill(0);
    for (let b = 0, o = 0; b < gr.bins.length; b++, o += w)
      for (let j = 0; j < gr.cols.length; j++) {
        empty.sum[j] += A[o + j];
        empty.max[j] = Math.max(empty.max[j], Math.abs(A[o + j]));
      }
  }

  /** Gather the groups' column sums per parameter (after the templates changed). */
  private refreshEmpty(): void {
    this.emptySum.fill(0);
    for (const gr of this.emptyGroups) {
      const e = gr.empty as NonNullable<Group["empty"]>;
      for (let j = 0; j < gr.cols.length; j++) this.emptySum[gr.cols[j]] += e.sum[j];
    }
  }

  private updatePositive(ci: number): void {
    this.positive[ci] = (this.nShifts[ci] > 0 && !this.additive[ci]) || this.priors[ci]?.kind === "gamma";
  }

  /** The bin groups: their number of templates and of bins. */
  layout(): { sizes: number[]; bins: number[] } {
    return { sizes: this.groups.map((g) => g.cols.length), bins: this.groups.map((g) => g.bins.length) };
  }

  /** Replace the template and shifts of variable component c (full-length; values outside its support are ignored). */
  setTemplates(c: number, template: ArrayLike<number>, shifts: readonly ArrayLike<number>[] = []): void {
    const first = this.offset[c];
    const cols = [template, ...shifts];
    this.scale[c] = null;
    for (let k = 0; k <= this.nShifts[c]; k++) this.current[first + k] = cols[k] ?? null;
    let sum = 0;
    for (let i = 0; i < template.length; i++) if (this.baseColumns[first][i] !== 0) sum += template[i];
    this.templateSum[c] = sum;
    for (const gr of this.variableGroups) {
      const { bins, A, w } = gr;
      for (let jj = 0; jj < gr.variableCols.length; jj++) {
        const j = gr.variableCols[jj];
        const src = this.current[gr.cols[j]];
        if (this.component[gr.cols[j]] !== c || !src) continue;
        for (let b = 0, o = j; b < bins.length; b++, o += w) A[o] = src[bins[b]];
      }
      this.columnSums(gr);
    }
    this.refreshEmpty();
  }

  /** Multiply the construction-time template and shifts of variable component c by a per-bin factor (full length). */
  setScale(c: number, factor: ArrayLike<number>): void {
    this.scale[c] = factor;
    const first = this.offset[c];
    for (let k = 0; k <= this.nShifts[c]; k++) this.current[first + k] = null;
    let sum = 0;
    for (const gr of this.variableGroups) {
      const { bins, A, base, w, cols } = gr;
      // The component's templates are consecutive in the group: positions j0 … j1 − 1.
      let j0 = 0;
      while (j0 < cols.length && this.component[cols[j0]] !== c) j0++;
      let j1 = j0;
      while (j1 < cols.length && this.component[cols[j1]] === c) j1++;
      if (j0 === j1) continue;
      const nominal = cols[j0] === first;
      for (let b = 0, o = j0; b < bins.length; b++, o += w) {
        const f = factor[bins[b]];
        const a = base[o] * f;
        A[o] = a;
        if (nominal) sum += a;
        for (let j = o + 1; j < o + j1 - j0; j++) A[j] = base[j] * f;
      }
      this.columnSums(gr);
    }
    this.refreshEmpty();
    this.templateSum[c] = sum;
  }

  /** Replace the normalisation prior of component c (null: unconstrained). */
  setPrior(c: number, prior: Prior): void {
    this.priors[c] = prior ? { ...prior } : null;
    this.updatePositive(c);
    this.staleValid = false;
  }

  /** The index of component c's normalisation u_c among the parameters (for `fixed` in minimise). */
  normIndex(c: number): number {
    return this.offset[c];
  }

  /** A fresh state at the priors' centres (u = µ or 1, θ = 0). */
  start(): TemplateFit {
    return this.fitAt(
      this.components.map((_, ci) => this.priors[ci]?.centre ?? 1),
      this.components.map(() => []),
    );
  }

  /** The state at given normalisations u_c and shape pulls θ_ck (missing pulls are 0), with χ² not yet computed. */
  fitAt(norms: ArrayLike<number>, thetas: readonly ArrayLike<number>[]): TemplateFit {
    const x = new Float64Array(this.nParams);
    this.components.forEach((_, ci) => {
      const o = this.offset[ci];
      x[o] = norms[ci];
      for (let k = 0; k < this.nShifts[ci]; k++) x[o + 1 + k] = (thetas[ci]?.[k] ?? 0) * (this.additive[ci] ? 1 : norms[ci]);
    });
    const fit: TemplateFit = { chi2: Number.NaN, norms: new Float64Array(this.components.length), thetas: this.components.map((_, ci) => new Float64Array(this.nShifts[ci])), iterations: 0, x };
    this.unpack(fit);
    return fit;
  }

  /** Shape pull k (1-based) of component ci at the parameters x. */
  private theta(ci: number, k: number, x: Float64Array): number {
    const o = this.offset[ci];
    return this.additive[ci] ? x[o + k] : x[o + k] / x[o];
  }

  private unpack(fit: TemplateFit): void {
    this.components.forEach((_, ci) => {
      fit.norms[ci] = fit.x[this.offset[ci]];
      for (let k = 0; k < this.nShifts[ci]; k++) fit.thetas[ci][k] = this.theta(ci, k + 1, fit.x);
    });
  }

  /**
   * The gradient pass over a group of width 4 or 8 (x: its parameters, zero-padded): Σ (1 − n/N) A_j added into g,
   * and N into this.N. The templates of a bin and the sums stay in local variables (one loop per width: a test
   * inside the loop costs 20%). False where some N ≤ 0.
   */
  private gradientSweep(gr: Group, x: Float64Array, g: Float64Array): boolean {
    const { A, n, cols } = gr;
    const nb = n.length;
    const Nb = this.N;
    const x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
    let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
    if (gr.w === 4)
      for (let b = 0, o = 0; b < nb; b++, o += 4) {
        const a0 = A[o], a1 = A[o + 1], a2 = A[o + 2], a3 = A[o + 3];
        const N = x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3;
        if (!(N > 0)) return false;
        Nb[b] = N;
        const q = 1 - n[b] / N;
        g0 += q * a0; g1 += q * a1; g2 += q * a2; g3 += q * a3;
      }
    else
      for (let b = 0, o = 0; b < nb; b++, o += 8) {
        const a0 = A[o], a1 = A[o + 1], a2 = A[o + 2], a3 = A[o + 3];
        const a4 = A[o + 4], a5 = A[o + 5], a6 = A[o + 6], a7 = A[o + 7];
        const N = x0 * a0 + x1 * a1 + x2 * a2 + x3 * a3 + x4 * a4 + x5 * a5 + x6 * a6 + x7 * a7;
        if (!(N > 0)) return false;
        Nb[b] = N;
        const q = 1 - n[b] / N;
        g0 += q * a0; g1 += q * a1; g2 += q * a2; g3 += q * a3;
        g4 += q * a4; g5 += q * a5; g6 += q * a6; g7 += q * a7;
      }
    const sums = [g0, g1, g2, g3, g4, g5, g6, g7];
    for (let j = 0; j < cols.length; j++) g[cols[j]] += sums[j];
    return true;
  }

  /** The prediction N in each bin of a group into this.N (x: its parameters, zero-padded). */
  private predict(gr: Group, x: Float64Array): void {
    const { A, n, w } = gr;
    const N = this.N;
    for (let b = 0, o = 0; b < n.length; b++, o += w) {
      let s = 0;
      for (let j = 0; j < w; j++) s += x[j] * A[o + j];
      N[b] = s;
    }
  }

  /**
   * One pass over one group (x: its parameters, zero-padded): Σ N − n ln N (returned with VALUE, else 0),
   * Σ (1 − n/N) A_j into g (GRAD) and Σ (n/N²) A_j A_k into H (HESS). The gradient of a group of width ≤ 8 comes with
   * its predictions N from gradientSweep (wider groups: the predictions, then plain loops); the Hessian takes one
   * sweep per eight sums (`block`). NaN where some N ≤ 0.
   */
  private groupPass(gr: Group, x: Float64Array, what: number, g: Float64Array, H: Float64Array): number {
    const { A, n, cols } = gr;
    const nb = n.length;
    const m = cols.length;
    const { N, Wt, sums } = this;
    // Groups of width ≤ 8 take their predictions from gradientSweep (a value-only pass discards the gradient).
    const fast = gr.w <= 8;
    if (fast) {
      if (!this.gradientSweep(gr, x, what & GRAD ? g : this.gT)) return Number.NaN;
    } else {
      this.predict(gr, x);
      for (let b = 0; b < nb; b++) if (!(N[b] > 0)) return Number.NaN;
    }
    if (!fast && what & GRAD)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let b = 0, o = j; b < nb; b++, o += gr.w) s += (1 - n[b] / N[b]) * A[o];
        g[cols[j]] += s;
      }
    if (what & HESS) {
      const p = this.nParams;
      for (let b = 0; b < nb; b++) Wt[b] = n[b] / (N[b] * N[b]);
      for (let j = 0; j < m; j += 2)
        for (let k = 0; k <= j + 1 && k < m; k += 4) {
          this.block(gr, Wt, j, k);
          for (let jj = j; jj < j + 2 && jj < m; jj++)
            for (let kk = k; kk <= jj && kk < k + 4; kk++) {
              const v = sums[4 * (jj - j) + kk - k];
              H[cols[jj] * p + cols[kk]] += v;
              if (kk !== jj) H[cols[kk] * p + cols[jj]] += v;
            }
        }
    }
    return what & VALUE ? this.poissonSum(gr) : 0;
  }

  /**
   * Whether every bin without data has N ≥ 0 at x, beyond the rounding of its sum (an empty bin held at N = 0 by the
   * active set stays within it). A group whose parameters cannot have moved any N by as much as its smallest N at
   * its last check passes without a sweep: |ΔN| ≤ Σ_j |Δx_j| max_b |A_bj|.
   */
  private emptyFeasible(x: Float64Array): boolean {
    const { N, xLocal: xl } = this;
    for (const gr of this.emptyGroups) {
      const { A, w, cols } = gr;
      const e = gr.empty as NonNullable<Group["empty"]>;
      let move = 0;
      for (let j = 0; j < cols.length; j++) move += Math.abs(x[cols[j]] - e.checked[j]) * e.max[j];
      if (move < e.minN) continue;
      for (let j = 0; j < w; j++) xl[j] = j < cols.length ? x[cols[j]] : 0;
      this.predict(gr, xl);
      let min = Number.POSITIVE_INFINITY;
      for (let b = 0; b < gr.bins.length; b++) {
        min = Math.min(min, N[b]);
        if (N[b] >= 0) continue;
        let scale = 0;
        for (let j = 0; j < cols.length; j++) scale += Math.abs(xl[j] * A[b * w + j]);
        if (N[b] < -1e-12 * scale) return false;
      }
      for (let j = 0; j < cols.length; j++) e.checked[j] = x[cols[j]];
      e.minN = min;
    }
    return true;
  }

  /** Σ N − n ln N over a group's bins, with N in this.N. */
  private poissonSum(gr: Group): number {
    const { n } = gr;
    const N = this.N;
    let f = 0;
    for (let b = 0; b < n.length; b++) {
      const ni = n[b];
      f += ni > 0 ? N[b] - ni * Math.log(N[b]) : N[b];
    }
    return f;
  }

  /**
   * Σ_b u[b] A_j A_k over a group's bins for the templates j, j + 1 (rows) and k … k + 3 (columns) into
   * this.sums[4·row + column], the eight sums in local variables. Templates past the group's m are its zero padding
   * (the width is a multiple of 4; an odd m pads the last row pair with a zero row).
   */
  private block(gr: Group, u: Float64Array, j: number, k: number): void {
    const { A, n, w } = gr;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (let b = 0, oj = j, ok = k; b < n.length; b++, oj += w, ok += w) {
      const r0 = u[b] * A[oj], r1 = u[b] * A[oj + 1];
      const c0 = A[ok], c1 = A[ok + 1], c2 = A[ok + 2], c3 = A[ok + 3];
      s0 += r0 * c0; s1 += r0 * c1; s2 += r0 * c2; s3 += r0 * c3;
      t0 += r1 * c0; t1 += r1 * c1; t2 += r1 * c2; t3 += r1 * c3;
    }
    this.sums.set([s0, s1, s2, s3, t0, t1, t2, t3]);
  }

  /**
   * One pass at x: the χ² (with VALUE; else NaN-free 0 for the Poisson logs), its gradient into g (GRAD) and
   * Hessian into H (HESS). Returns NaN where the prediction is not positive in some bin or a normalisation that must
   * stay positive (scaled shifts, gamma prior) is not.
   */
  private pass(x: Float64Array, what: number, g: Float64Array, H: Float64Array): number {
    const p = this.nParams;
    const value = (what & VALUE) !== 0;
    const grad = (what & GRAD) !== 0;
    const hess = (what & HESS) !== 0;
    if (hess) H.fill(0);
    let f = 0;
    const xl = this.xLocal;
    if (!this.emptyFeasible(x)) return Number.NaN;
    for (let k = 0; k < p; k++) f += x[k] * this.emptySum[k];
    if (grad) g.set(this.emptySum); // (and so zero elsewhere)
    for (const gr of this.dataGroups) {
      const { cols } = gr;
      if (gr.closed) {
        const c = cols[0];
        const u = x[c];
        if (!(u > 0)) return Number.NaN;
        const { sumA, sumN, sumNlnA } = gr.closed;
        if (value) f += u * sumA - sumN * Math.log(u) - sumNlnA;
        if (grad) g[c] += sumA - sumN / u;
        if (hess) H[c * p + c] += sumN / (u * u);
        continue;
      }
      for (let j = 0; j < gr.w; j++) xl[j] = j < cols.length ? x[cols[j]] : 0;
      const fg = this.groupPass(gr, xl, what, g, H);
      if (Number.isNaN(fg)) return Number.NaN;
      f += fg;
    }
    // Poisson part in χ² units.
    let chi2 = value ? 2 * f + this.constant : 0;
    if (grad) for (let k = 0; k < p; k++) g[k] *= 2;
    if (hess) for (let k = 0; k < p * p; k++) H[k] *= 2;
    // Priors.
    for (let ci = 0; ci < this.components.length; ci++) {
      const o = this.offset[ci];
      const u = x[o];
      if (this.positive[ci] && !(u > 0)) return Number.NaN;
      const prior = this.priors[ci];
      if (prior) {
        const s2 = prior.sigma * prior.sigma;
        if (prior.kind === "gamma") {
          // 2(u/µ − 1 − ln(u/µ))/σ²: ∂/∂u = 2(1/µ − 1/u)/σ², ∂²/∂u² = 2/(u²σ²).
          const r = u / prior.centre;
          chi2 += (2 * (r - 1 - Math.log(r))) / s2;
          if (grad) g[o] += (2 * (1 / prior.centre - 1 / u)) / s2;
          if (hess) H[o * p + o] += 2 / (u * u * s2);
        } else {
          chi2 += ((u - prior.centre) * (u - prior.centre)) / s2;
          if (grad) g[o] += (2 * (u - prior.centre)) / s2;
          if (hess) H[o * p + o] += 2 / s2;
        }
      }
      const ns = this.nShifts[ci];
      if (ns === 0) continue;
      if (this.additive[ci]) {
        for (let k = 1; k <= ns; k++) {
          const v = x[o + k];
          chi2 += v * v;
          if (grad) g[o + k] += 2 * v;
          if (hess) H[(o + k) * p + (o + k)] += 2;
        }
        continue;
      }
      // Σ_k (v_k/u)²: ∂/∂v = 2v/u², ∂/∂u = −2v²/u³, ∂²/∂v² = 2/u², ∂²/∂u∂v = −4v/u³, ∂²/∂u² = 6v²/u⁴.
      const u2 = u * u;
      for (let k = 1; k <= ns; k++) {
        const v = x[o + k];
        chi2 += (v * v) / u2;
        if (grad) {
          g[o + k] += (2 * v) / u2;
          g[o] -= (2 * v * v) / (u2 * u);
        }
        if (hess) {
          H[(o + k) * p + (o + k)] += 2 / u2;
          const c = (-4 * v) / (u2 * u);
          H[o * p + (o + k)] += c;
          H[(o + k) * p + o] += c;
          H[o * p + o] += (6 * v * v) / (u2 * u2);
        }
      }
    }
    return chi2;
  }

  /**
   * Minimise χ² from the warm start in `fit` (fit.x; an invalid start falls back to `start()`), writing the optimum
   * into `fit`. Stops when the Newton decrement gᵀH⁻¹g/2 (the estimated distance to the minimum in χ²) is below
   * `tol`. Far from the optimum (decrement ≥ 0.1) each step is damped Newton with the exact Hessian (a Levenberg
   * shift where it is not positive definite) and a backtracking line search; close to it, the chord method: full
   * steps with the last exact Hessian, recomputed when the decrement falls by less than a factor 10 per step.
   * Parameters listed in `fixed` (indices, e.g. normIndex(c)) keep their starting values: a profile at fixed
   * normalisation (always the exact-Hessian path). Where χ² cannot be evaluated even at the start, fit.chi2 is NaN
   * and the caller reports the point.
   */
  minimise(fit: TemplateFit, tol = 1e-9, fixed: readonly number[] = []): TemplateFit {
    const { g, H, d, trial, xPrev } = this;
    const p = this.nParams;
    const x = this.xs;
    x.set(fit.x);
    let passes = 0;
    const fail = () => {
      fit.chi2 = Number.NaN;
      fit.iterations = passes;
      return fit;
    };
    const W = this.active;
    W.length = 0;
    const chord = fixed.length === 0 && this.staleValid && this.staleUsable(x);
    // f: the χ² at x when known (NaN: not computed); g always holds the gradient at x.
    let f = Number.NaN;
    passes++;
    if (chord) {
      if (!Number.isFinite(this.pass(x, GRAD, g, H))) {
        x.set(this.start().x);
        passes++;
        if (!Number.isFinite(this.pass(x, GRAD, g, H))) return fail();
      }
    } else {
      f = this.pass(x, VALUE | GRAD | HESS, g, H);
      if (!Number.isFinite(f)) {
        x.set(this.start().x);
        passes++;
        f = this.pass(x, VALUE | GRAD | HESS, g, H);
        if (!Number.isFinite(f)) return fail();
      }
    }
    // `exact`: H is the Hessian at x (else the stale factor Lstale is used).
    let exact = !chord;
    let lastDec = Number.POSITIVE_INFINITY;
    // A chord step that left the domain is not tried again in this minimisation (its optimum is on the boundary).
    let chordFailed = false;
    for (let it = 0; it < 200; it++) {
      let damped = false;
      if (exact) {
        for (const k of fixed) {
          for (let j = 0; j < p; j++) H[k * p + j] = H[j * p + k] = 0;
          H[k * p + k] = 1;
          g[k] = 0;
        }
        let lambda = 0;
        while (!cholesky(H, p, this.L, lambda)) lambda = lambda === 0 ? 1e-6 : lambda * 10;
        choleskySolve(this.L, p, g, d);
        damped = lambda > 0;
        if (!damped && fixed.length === 0) {
          this.Lstale.set(this.L);
          this.staleValid = true;
          this.markStale(x);
        }
      } else choleskySolve(this.Lstale, p, g, d);
      // With empty bins held at N = 0 (exact is then always true), the step keeps them there.
      if (W.length > 0 && !this.project(W, d, fixed)) break;
      let dec = 0;
      for (let k = 0; k < p; k++) dec += d[k] * g[k];
      dec *= 0.5;
      if (!damped && dec < tol) break;
      if (!damped && dec < 0.1 && fixed.length === 0 && W.length === 0 && !chordFailed && (exact || dec < 0.1 * lastDec)) {
        // Chord step: full step, gradient only at the new point, and the value too where the decrement, falling as
        // it did in the last step, will then be below tol (that pass is then the last).
        const last = Number.isFinite(lastDec) && dec * (dec / lastDec) < tol;
        lastDec = dec;
        xPrev.set(x);
        for (let k = 0; k < p; k++) x[k] -= d[k];
        passes++;
        const fx = this.pass(x, last ? VALUE | GRAD : GRAD, g, H);
        if (Number.isFinite(fx)) {
          f = last ? fx : Number.NaN;
          exact = false;
          continue;
        }
        x.set(xPrev); // the full step left the domain: back, and take the careful path
        exact = false;
        chordFailed = true;
      }
      // Careful step: exact Hessian at x (if not already), then a backtracking line search on χ².
      if (!exact || !Number.isFinite(f)) {
        passes++;
        const known = Number.isFinite(f);
        const fx = this.pass(x, known ? GRAD | HESS : VALUE | GRAD | HESS, g, H);
        if (!Number.isFinite(fx)) return fail();
        if (!known) f = fx;
        exact = true;
        lastDec = Number.POSITIVE_INFINITY;
        continue;
      }
      lastDec = dec;
      // Fraction to the boundary: a step never takes a normalisation that must stay positive below a tenth of its
      // value (a signal far above the data needs u → 0, which plain halving would approach too slowly).
      let t = 1;
      for (let ci = 0; ci < this.components.length; ci++) {
        const o = this.offset[ci];
        if (this.positive[ci] && d[o] > 0) t = Math.min(t, (0.9 * x[o]) / d[o]);
      }
      // An empty bin the step would take below N = 0: step onto N = 0 and hold it there (or at once, if already there).
      const [tBlock, blocking] = this.ratioTest(x, d, W);
      if (blocking >= 0 && tBlock <= 1e-12) {
        W.push(blocking);
        continue;
      }
      const tMax = blocking >= 0 && tBlock < t ? tBlock : -1;
      if (tMax > 0) t = tMax;
      // Halving stops where a step could gain less than tol (about 2t·dec), and a step that gains less than tol ends
      // the minimisation: nothing is left to gain along the Newton direction (a safety net; the boundary of the
      // empty bins is handled above).
      let ft = Number.NaN;
      for (let tries = 0; tries < 60 && t * dec > tol; tries++) {
        for (let k = 0; k < p; k++) trial[k] = x[k] - t * d[k];
        passes++;
        ft = this.pass(trial, VALUE, this.gT, H);
        if (Number.isFinite(ft) && ft <= f + 1e-12) break;
        ft = Number.NaN;
        t *= 0.5;
      }
      if (Number.isNaN(ft)) break;
      if (t === tMax) W.push(blocking);
      x.set(trial);
      const gain = f - ft;
      f = ft;
      if (gain < tol) break;
      // The value at x is ft: this pass needs no logarithms.
      passes++;
      if (!Number.isFinite(this.pass(x, GRAD | HESS, g, H))) return fail();
      exact = true;
    }
    if (!Number.isFinite(f)) {
      passes++;
      f = this.pass(x, VALUE, this.gT, H);
      if (!Number.isFinite(f)) return fail();
    }
    fit.chi2 = f;
    fit.x.set(x);
    fit.iterations = passes;
    this.unpack(fit);
    return fit;
  }

  /** The row of template values of empty bin e (its N = row · x), with the fixed parameters' entries zeroed. */
  private emptyRowInto(e: number, out: Float64Array, fixed: readonly number[]): void {
    const gr = this.emptyGroup[e];
    const o = this.emptyRow[e] * gr.w;
    out.fill(0);
    for (let j = 0; j < gr.cols.length; j++) out[gr.cols[j]] = gr.A[o + j];
    for (const k of fixed) out[k] = 0;
  }

  /**
   * The largest step t along −d that keeps every empty bin outside W at N ≥ 0, and the bin that limits it
   * ([∞, −1] where none does).
   */
  private ratioTest(x: Float64Array, d: Float64Array, W: readonly number[]): [number, number] {
    let t = Number.POSITIVE_INFINITY;
    let which = -1;
    for (let e = 0; e < this.emptyRow.length; e++) {
      if (W.includes(e)) continue;
      const gr = this.emptyGroup[e];
      const o = this.emptyRow[e] * gr.w;
      let N = 0;
      let D = 0;
      for (let j = 0; j < gr.cols.length; j++) {
        N += gr.A[o + j] * x[gr.cols[j]];
        D += gr.A[o + j] * d[gr.cols[j]];
      }
      if (D > 0 && N / D < t) {
        t = Math.max(0, N / D);
        which = e;
      }
    }
    return [t, which];
  }

  /**
   * Project the Newton step d = H⁻¹g (H factored in L) onto the empty bins of W staying at N = 0: d − Y λ with
   * Y = H⁻¹ Aᵀ and (A Y) λ = A d, A the rows of W. A bin whose multiplier λ is negative would rather leave N = 0:
   * it is released (the most negative first) and the projection repeated. False where A Y is singular (the rows
   * are dependent).
   */
  private project(W: number[], d: Float64Array, fixed: readonly number[]): boolean {
    const p = this.nParams;
    for (;;) {
      const k = W.length;
      if (k === 0) return true;
      const rows = W.map(() => new Float64Array(p));
      const Y = W.map(() => new Float64Array(p));
      W.forEach((e, i) => {
        this.emptyRowInto(e, rows[i], fixed);
        choleskySolve(this.L, p, rows[i], Y[i]);
      });
      // M = A Y (k × k, symmetric positive definite for independent rows), solved by Cholesky.
      const M = new Float64Array(k * k);
      const rhs = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) for (let q = 0; q < p; q++) M[i * k + j] += rows[i][q] * Y[j][q];
        for (let q = 0; q < p; q++) rhs[i] += rows[i][q] * d[q];
      }
      const Lk = new Float64Array(k * k);
      if (!cholesky(M, k, Lk, 0, 1e-14)) return false;
      const lambda = new Float64Array(k);
      choleskySolve(Lk, k, rhs, lambda);
      let worst = -1;
      for (let i = 0; i < k; i++) if (lambda[i] < 0 && (worst < 0 || lambda[i] < lambda[worst])) worst = i;
      if (worst >= 0) {
        W.splice(worst, 1);
        continue;
      }
      for (let i = 0; i < k; i++) for (let q = 0; q < p; q++) d[q] -= Y[i][q] * lambda[i];
      return true;
    }
  }

  /**
   * The stale Hessian is used only near where it was computed: every component's template sum ΣT_c and expected
   * events u_c·ΣT_c within a factor 1.5 and every shape pull within 0.5 of their values then. The Poisson Hessian
   * Σ (n/N²) A Aᵀ then differs by a bounded factor, so the decrement it gives (the stopping test) stays a faithful
   * bound.
   */
  private staleUsable(x: Float64Array): boolean {
    for (let ci = 0; ci < this.components.length; ci++) {
      const o = this.offset[ci];
      const ev = x[o] * this.templateSum[ci];
      const r = ev / this.staleEvents[ci];
      const rs = this.templateSum[ci] / this.staleSum[ci];
      if (!(r > 1 / 1.5 && r < 1.5 && rs > 1 / 1.5 && rs < 1.5)) return false;
      for (let k = 1; k <= this.nShifts[ci]; k++) if (!(Math.abs(this.theta(ci, k, x) - this.staleTheta[o + k]) < 0.5)) return false;
    }
    return true;
  }

  private markStale(x: Float64Array): void {
    for (let ci = 0; ci < this.components.length; ci++) {
      const o = this.offset[ci];
      this.staleEvents[ci] = x[o] * this.templateSum[ci];
      this.staleSum[ci] = this.templateSum[ci];
      for (let k = 1; k <= this.nShifts[ci]; k++) this.staleTheta[o + k] = this.theta(ci, k, x);
    }
  }

  /** The current value of column k (parameter k's template) in bin i. */
  private column(k: number, i: number): number {
    const cur = this.current[k];
    if (cur) return cur[i];
    const s = this.scale[this.component[k]];
    return s ? this.baseColumns[k][i] * s[i] : this.baseColumns[k][i];
  }

  /** Expected counts per bin at the fit's parameters, of component c (or of all, c = null), into out (full length). */
  expected(fit: TemplateFit, out: Float64Array, c: number | null = null): Float64Array {
    out.fill(0);
    const from = c === null ? 0 : this.offset[c];
    const to = c === null ? this.nParams : from + 1 + this.nShifts[c];
    for (let k = from; k < to; k++) {
      const xk = fit.x[k];
      for (let i = 0; i < out.length; i++) out[i] += xk * this.column(k, i);
    }
    return out;
  }

  /** χ² at the fit's parameters, recomputed from scratch (a check of `minimise`; NaN where undefined). */
  chi2At(fit: TemplateFit): number {
    return this.pass(fit.x, VALUE, this.gT, this.H);
  }
}
