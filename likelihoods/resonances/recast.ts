import { E_CHARGE, HBAR_GEV_S } from "../../src/constants.js";
import { type Couplings, couplings } from "../../src/couplings/couplings.js";
import type { Model } from "../../src/models/model.js";
import { interpolate } from "../../src/numerics/interpolate.js";
import { brent } from "../../src/numerics/roots.js";
import { INVISIBLE, STATES, WidthCalculator } from "../../src/widths/calculator.js";
import type { HadronicTables } from "../../src/widths/vmd.js";
import { productionStrength } from "./production.js";
import { epsLimit, loadFractions, loadLimit, type Search } from "./searches.js";

const DARK_PHOTON: Model = { name: "DarkPhoton", xq: 0, xL: [0, 0, 0], xE: [0, 0, 0] };

/**
 * One search recast at one mass (Ilten et al., arXiv:1801.04847, eq. 3.1): the model is excluded where
 *   S = [σ_X/σ_A'(ε)] × [BR_X(F)/BR_A'(F)] × [ε_X/ε_A'] ≥ 1
 * against the dark photon at the limiting ε of the search. For invisible searches the reference dark photon has
 * an invisible width 99× its visible one (BR_A'(inv) = 0.99). Everything that depends only on the mass is
 * computed once here.
 */
export class RecastAtMass {
  readonly epsLim: number;
  private readonly width: WidthCalculator;
  private readonly stateIdx: number[];
  private readonly brDp: number;
  private readonly tauDp: number;
  private readonly t1: number;
  private readonly mechanisms: { key: string; f: number }[];
  private readonly buf = new Float64Array(STATES.length);

  constructor(
    readonly search: Search,
    readonly m: number,
    tables: HadronicTables,
    width: WidthCalculator = new WidthCalculator(m, tables),
  ) {
    this.epsLim = epsLimit(loadLimit(search.name), m);
    this.width = width;
    const invisible = search.decays.includes("invisible");
    this.stateIdx = invisible ? INVISIBLE : search.decays.map((d) => STATES.indexOf(d as (typeof STATES)[number])).filter((i) => i >= 0);
    const dp = couplings(DARK_PHOTON, 0, { eps: Number.isFinite(this.epsLim) ? this.epsLim : 1e-3 }, m);
    const totalDp = this.width.partial(dp, this.buf);
    this.brDp = invisible ? 0.99 : this.stateIdx.reduce((s, i) => s + this.buf[i], 0) / totalDp;
    this.tauDp = HBAR_GEV_S / (invisible ? 100 * totalDp : totalDp);
    this.t1 = search.efficiency.type === "lifetime" ? search.efficiency.t1(m) : Number.POSITIVE_INFINITY;
    this.mechanisms = search.production === "pp" ? ppFractions(search.fractionsFile!, m) : [{ key: search.production, f: 1 }];
  }

  /** The model's total width at couplings c (GeV). */
  totalWidth(c: Couplings): number {
    return this.width.partial(c, this.buf);
  }

  /** Whether this search constrains anything at this mass. */
  get active(): boolean {
    return Number.isFinite(this.epsLim) && this.brDp > 0;
  }

  /** The signal ratio S of the model at couplings c (≥ 1 means excluded). */
  ratio(c: Couplings): number {
    if (!this.active) return 0;
    return this.ratioWithWidths(c, this.buf, this.width.partial(c, this.buf));
  }

  /** S from partial widths already computed at this mass (shared by the searches of one veto). */
  ratioWithWidths(c: Couplings, widths: Float64Array, total: number): number {
    if (!this.active) return 0;
    let prod = 0;
    for (const { key, f } of this.mechanisms) prod += f * productionStrength(key, c, this.m);
    prod /= (E_CHARGE * this.epsLim) ** 2;
    if (prod === 0) return 0;
    if (!(total > 0)) return 0;
    let num = 0;
    for (const i of this.stateIdx) num += widths[i];
    let s = (prod * num) / total / this.brDp;
    if (this.t1 < Number.POSITIVE_INFINITY) {
      const tau = HBAR_GEV_S / total;
      s *= -Math.expm1(-this.t1 / tau) / -Math.expm1(-this.t1 / this.tauDp);
    }
    return s;
  }

  /**
   * The largest allowed g_X along a family of couplings (at fixed ε e/g_X, or fixed ε): the first crossing of
   * S = 1 from below on a log grid, refined by Brent. Infinity when nothing up to g_X = 10^lgMax is excluded.
   * `scaling` says that the couplings scale with g_X (fixed ε e/g_X): then prompt searches are solved exactly.
   */
  gMax(at: (g: number) => Couplings, lgMax = 0, scaling = false): number {
    if (!this.active) return Number.POSITIVE_INFINITY;
    if (scaling && this.t1 === Number.POSITIVE_INFINITY) {
      // Prompt and invisible searches at fixed ε e/g_X: the BRs do not depend on g_X and S ∝ g_X².
      const g0 = 10 ** (lgMax - 3);
      const s0 = this.ratio(at(g0));
      const g = s0 > 0 ? g0 / Math.sqrt(s0) : Number.POSITIVE_INFINITY;
      return g <= 10 ** lgMax ? g : Number.POSITIVE_INFINITY;
    }
    const h = (lg: number) => Math.log(this.ratio(at(10 ** lg)) + 1e-300);
    let prev = -9;
    let hp = h(prev);
    if (hp >= 0) return 0;
    for (let lg = -8.75; lg <= lgMax; lg += 0.25) {
      const v = h(lg);
      if (v >= 0) return 10 ** brent(h, prev, lg, 1e-10);
      prev = lg;
      hp = v;
    }
    return Number.POSITIVE_INFINITY;
  }
}

function ppFractions(file: string, m: number): { key: string; f: number }[] {
  const t = loadFractions(file);
  const n = t.m.length;
  const at = Math.min(Math.max(m, t.m[0]), t.m[n - 1]); // constant continuation beyond the table
  return t.columns.map((k, j) => ({ key: k, f: interpolate(t.m, t.f[j], at) })).filter((x) => x.f > 0);
}
