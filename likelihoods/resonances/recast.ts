import { E_CHARGE, HBAR_GEV_S } from "../../src/constants.js";
import { blankCouplings, type Couplings, couplingsInto } from "../../src/couplings/couplings.js";
import { NonFiniteError } from "../../src/errors.js";
import { vectorModel } from "../../src/models/model.js";
import { bracket, interpolate } from "../../src/numerics/interpolate.js";
import { brent } from "../../src/numerics/roots.js";
import { firstCrossing, firstCrossingNear } from "../../src/numerics/scan.js";
import { WidthCalculator } from "../../src/widths/calculator.js";
import type { HadronicTables } from "../../src/widths/vmd.js";
import { productionStrength } from "./production.js";
import { epsLimit, epsUpper, loadFractions, loadLimit, loadRGrid, type RGrid, type Search } from "./searches.js";

/** The smallest g_X the recast scans (gMax = 0: excluded already there, "down to the floor"). */
export const G_FLOOR = 1e-9;

const DARK_PHOTON = vectorModel({ cB: 0, ce: 0, cmu: 0, ctau: 0 });

/**
 * One search recast at one mass (Ilten et al., arXiv:1801.04847, eq. 3.1): the model is excluded where
 *   S = [σ_X/σ_A'(ε)] × [BR_X(F)/BR_A'(F)] × [ε_X/ε_A'] ≥ 1
 * against the dark photon at the limiting ε of the search. For invisible searches the reference dark photon has
 * an invisible width 99× its visible one (BR_A'(inv) = 0.99). Everything that depends only on the mass is
 * computed once here.
 *
 * The model's extra decay channels (`Model.decays`) come with the width calculator (`new WidthCalculator(m, tables,
 * neutrinos, model.decays)`): they enter the total width, hence every BR, lifetime, beam-dump window and displaced
 * comparison, and BR_X(F) counts those whose class the search's decays name ("invisible", "e_e", "mu_mu";
 * `WidthCalculator.indices`). Class `unseen` enters the total width only. The reference dark photon has none.
 *
 * A non-finite S (from a NaN coupling or width) is a NonFiniteError naming the search, the mass and the couplings,
 * never "allowed": every comparison below that a NaN would fail is guarded.
 */
export class RecastAtMass {
  readonly epsLim: number;
  readonly epsUp: number;
  private readonly width: WidthCalculator;
  private readonly stateIdx: number[];
  private readonly brDp: number;
  private readonly tauDp: number;
  private readonly t1: number;
  private readonly mechanisms: { key: string; f: number }[];
  /** (e ε_lim)² and the dark photon's lifetime window 1 − e^{−t1/τ_A'}, the per-mass constants of S. */
  private readonly limScale: number;
  private readonly windowDp: number;
  private readonly buf: Float64Array;
  /** Displaced searches: the dark photon's r(ε) at the nearest grid mass, and Γ_A'(ε=1). */
  private readonly displaced?: { eps: Float64Array; logEps: Float64Array; logR: Float64Array; gammaUnit: number };
  /** Beam dumps: κ = t0 Γ_A'(ε=1)/ħ fixed by the two edges, the decay-volume ratio and Γ_A'(ε=1). */
  private readonly dump?: { kappa: number; rho: number; gammaUnit: number; logWindowLimit: number };

  constructor(
    readonly search: Search,
    readonly m: number,
    tables: HadronicTables,
    width: WidthCalculator = new WidthCalculator(m, tables),
  ) {
    // Displaced searches hold r-value grids: off the grid's masses they set no limit.
    const displacedSearch = search.efficiency.type === "displaced";
    const folder = search.folder ?? "limits";
    const grid = displacedSearch ? displacedRow(loadRGrid(search.name, folder), m) : undefined;
    const curve = displacedSearch ? undefined : loadLimit(search.name, folder);
    this.epsLim = grid ? grid.epsMin : curve ? epsLimit(curve, m) : Number.POSITIVE_INFINITY;
    this.epsUp = curve ? epsUpper(curve, m) : Number.POSITIVE_INFINITY;
    this.width = width;
    this.buf = scratchFor(width.states.length);
    const invisible = search.decays.includes("invisible");
    // The search's states (the neutrinos for "invisible") plus the model's extra channels of the matching class.
    this.stateIdx = width.indices(search.decays);
    // The dark photon's widths scale as ε² (its couplings are linear in ε, X–Z mixing included), so they are
    // computed at a small reference ε and scaled: limits near |ε| ~ 1 (old or edge-of-table curves) stay finite.
    const { widths: ref, total: totalRef } = referenceWidths(width, m);
    const totalDp = totalRef * (Number.isFinite(this.epsLim) ? (this.epsLim / EPS_REF) ** 2 : 1);
    let visibleRef = 0;
    for (let k = 0; k < this.stateIdx.length; k++) visibleRef += ref[this.stateIdx[k]];
    // A NaN here would make the search silently inactive (brDp > 0 fails). A dark photon with no open channel at all
    // (total width 0, far below 2m_e) has no visible decays: BR 0, the search is inactive.
    if (Number.isNaN(totalRef) || Number.isNaN(visibleRef) || Number.isNaN(this.epsLim))
      throw new NonFiniteError(`the reference dark photon's ${Number.isNaN(this.epsLim) ? "limiting ε" : "width"} for search ${search.name}`, { m, eps: EPS_REF });
    this.brDp = invisible ? 0.99 : totalRef > 0 ? visibleRef / totalRef : 0;
    this.tauDp = HBAR_GEV_S / (invisible ? 100 * totalDp : totalDp);
    this.t1 = search.efficiency.type === "lifetime" ? search.efficiency.t1(m) : Number.POSITIVE_INFINITY;
    if (Number.isNaN(this.t1)) throw new NonFiniteError(`the lifetime window t1(m) of search ${search.name}`, { m });
    this.mechanisms =
      search.production === "pp" ? ppFractions(search.fractionsFile!, m) : search.fixedFractions ? search.fixedFractions.filter((x) => x.f > 0) : [{ key: search.production, f: 1 }];
    this.limScale = (E_CHARGE * this.epsLim) ** 2;
    this.windowDp = -Math.expm1(-this.t1 / this.tauDp);
    if (grid && Number.isFinite(this.epsLim)) this.displaced = { eps: grid.eps, logEps: grid.eps.map(Math.log), logR: grid.logR, gammaUnit: totalDp / this.epsLim ** 2 };
    if (search.efficiency.type === "beamdump" && Number.isFinite(this.epsLim)) this.dump = beamDump(this.epsLim, this.epsUp, 1 + search.efficiency.ratio, totalDp / this.epsLim ** 2);
  }

  /** Two-sided (beam-dump) limits exclude a band in g_X; the others exclude everything above g_max. */
  get twoSided(): boolean {
    return this.dump !== undefined;
  }

  /**
   * The excluded band [lo, hi] in g_X along a family of couplings: the first crossing of S = 1 from below and the
   * next crossing back (null hi: excluded up to the scan's end).
   */
  excludedBand(at: (g: number) => Couplings, lgMax = 0): [number, number | null] | null {
    const lo = this.gMax(at, lgMax);
    if (!Number.isFinite(lo)) return null;
    // ratio() is finite and ≥ 0 (or throws), so h is finite and the comparisons below see no NaN.
    const h = (lg: number) => Math.log(this.ratio(at(10 ** lg)) + 1e-300);
    // lo = 0: already excluded at the scan's floor g_X = 1e-9 (gMax), so the upper edge is sought from there.
    const hi = firstCrossing(h, Math.log10(Math.max(lo, G_FLOOR)), lgMax, 0.05, 1e-10, "down", `ln S of search ${this.search.name} at m = ${this.m} (upper edge)`);
    return [lo, hi === null ? null : 10 ** hi];
  }

  /** The model's total width at couplings c (GeV). */
  totalWidth(c: Couplings): number {
    return this.width.partial(c, this.buf);
  }

  /**
   * Whether this search constrains anything at this mass. A lifetime window t1 ≤ 0 accepts nothing: LHCb's prompt
   * selection t1 = (a/(m − 2m_µ) + b) ps (arXiv:1603.08926) is negative for 2m_µ − a/b < m < 2m_µ, where DarkCast's
   * di-electron projections (Craik et al.) still use it.
   */
  get active(): boolean {
    return Number.isFinite(this.epsLim) && this.brDp > 0 && this.t1 > 0 && (this.search.efficiency.type !== "beamdump" || this.dump !== undefined);
  }

  /**
   * A prompt search (no lifetime window, beam dump or displaced grid) has S = P(c) · F(c)/Γ(c) · k: production strength
   * P, width F into its final states and total width Γ, all fixed by its mechanisms and states, times k = 1/((e ε_lim)²
   * BR_A'(F)). Searches with the same mechanisms and states (the key) have S in the ratio of their k at any couplings:
   * only the one with the largest k can be the largest S. Undefined for the others.
   */
  get promptGroup(): { key: string; k: number } | undefined {
    if (!this.active || this.t1 !== Number.POSITIVE_INFINITY || this.dump || this.displaced) return undefined;
    const key = `${this.mechanisms.map((x) => `${x.key}:${x.f}`).join(",")}|${this.stateIdx.join(",")}`;
    return { key, k: 1 / ((E_CHARGE * this.epsLim) ** 2 * this.brDp) };
  }

  /** The signal ratio S of the model at couplings c (≥ 1 means excluded); finite, or a NonFiniteError. */
  ratio(c: Couplings): number {
    if (!this.active) return 0;
    return this.ratioWithWidths(c, this.buf, this.width.partial(c, this.buf));
  }

  /**
   * S from partial widths already computed at this mass (shared by the searches of one veto). Throws a
   * NonFiniteError when S, the production strength or the total width is not finite (a NaN coupling or width).
   */
  ratioWithWidths(c: Couplings, widths: Float64Array, total: number): number {
    if (!this.active) return 0;
    const s = this.signalRatio(c, widths, total);
    if (!Number.isFinite(s)) this.nonFinite(c, "", s);
    return s;
  }

  private nonFinite(c: Couplings, part: string, value: number): never {
    throw new NonFiniteError(`the signal ratio S${part} of search ${this.search.name}`, { m: this.m, g_X: c.gX, eps: c.eps }, value);
  }

  private signalRatio(c: Couplings, widths: Float64Array, total: number): number {
    let prod = 0;
    const mech = this.mechanisms;
    for (let k = 0; k < mech.length; k++) prod += mech[k].f * productionStrength(mech[k].key, c, this.m);
    // The early returns below (prod === 0, total ≤ 0, ε* off the grid) would read a NaN as "not excluded".
    if (!Number.isFinite(prod)) this.nonFinite(c, " (production strength)", prod);
    if (Number.isNaN(total)) this.nonFinite(c, " (total width)", total);
    if (this.displaced) {
      // Compare with the dark photon of the same lifetime, ε*² = Γ_X/Γ_A'(1): same decay-length efficiency.
      const d = this.displaced;
      const epsStar = Math.sqrt(total / d.gammaUnit);
      if (!(epsStar >= d.eps[0] && epsStar <= d.eps[d.eps.length - 1]) || prod === 0) return 0;
      let num = 0;
      for (const i of this.stateIdx) num += widths[i];
      const logR = interpolate(d.logEps, d.logR, Math.log(epsStar));
      return (prod / (E_CHARGE * epsStar) ** 2) * (num / total / this.brDp) * Math.exp(-logR);
    }
    prod /= this.limScale;
    if (prod === 0) return 0;
    if (!(total > 0)) return 0;
    const d = this.dump;
    // A beam dump whose X decays long before the detector: the window e^{−x} − e^{−ρx} ≤ e^{−x} underflows to 0.
    const x = d ? (d.kappa * total) / d.gammaUnit : 0;
    if (d && -x - d.logWindowLimit < -746) return 0;
    let num = 0;
    const idx = this.stateIdx;
    for (let k = 0; k < idx.length; k++) num += widths[idx[k]];
    let s = (prod * num) / total / this.brDp;
    // Yield ratio against the dark photon at the lower edge: window e^{−x} − e^{−ρx} with x = κ Γ_X/Γ_A'(1).
    if (d) return s * Math.exp(logWindow(x, d.rho) - d.logWindowLimit);
    if (this.t1 < Number.POSITIVE_INFINITY) {
      const tau = HBAR_GEV_S / total;
      s *= -Math.expm1(-this.t1 / tau) / this.windowDp;
    }
    return s;
  }

  /**
   * The largest allowed g_X along a family of couplings (at fixed ε e/g_X, or fixed ε): the first crossing of
   * S = 1 from below on a log grid, refined by Brent. Infinity when nothing up to g_X = 10^lgMax is excluded.
   * `scaling` says that the couplings scale with g_X (fixed ε e/g_X): then prompt searches and lifetime windows are
   * solved from S at one coupling g0 = 10^(lgMax − 3).
   */
  gMax(at: (g: number) => Couplings, lgMax = 0, scaling = false): number {
    if (!this.active) return Number.POSITIVE_INFINITY;
    if (scaling && this.width.scalesWithG && !this.dump && !this.displaced) {
      const g0 = 10 ** (lgMax - 3);
      const c0 = at(g0);
      const total = this.width.partial(c0, this.buf);
      const s0 = this.ratioWithWidths(c0, this.buf, total);
      if (this.t1 === Number.POSITIVE_INFINITY) {
        // Prompt and invisible searches: the BRs do not depend on g_X and S ∝ g_X² (not so when an extra channel has a
        // fixed coupling: then the scan below).
        const g = s0 > 0 ? g0 / Math.sqrt(s0) : Number.POSITIVE_INFINITY;
        return g <= 10 ** lgMax ? g : Number.POSITIVE_INFINITY;
      }
      // A lifetime window: with u = (g_X/g0)², S(u) = S(g0) u w(k0 u)/w(k0), w(x) = 1 − e^{−x} and k0 = t1 Γ_X(g0)/ħ,
      // which rises monotonically in u: its one root is solved in ln u, no scan.
      if (!(s0 > 0)) return Number.POSITIVE_INFINITY;
      const k0 = (this.t1 * total) / HBAR_GEV_S;
      const lnW0 = Math.log(-Math.expm1(-k0));
      const lnS = (lu: number) => Math.log(s0) + lu + Math.log(-Math.expm1(-k0 * Math.exp(lu))) - lnW0;
      const lo = 2 * Math.log(G_FLOOR / g0);
      const hi = 2 * Math.log(10 ** lgMax / g0);
      if (lnS(lo) >= 0) return 0;
      if (lnS(hi) < 0) return Number.POSITIVE_INFINITY;
      return g0 * Math.exp(0.5 * brent(lnS, lo, hi, 1e-12, undefined, `ln S of search ${this.search.name} at m = ${this.m}`));
    }
    const h = (lg: number) => Math.log(this.ratio(at(10 ** lg)) + 1e-300);
    if (h(Math.log10(G_FLOOR)) >= 0) return 0;
    const lg = firstCrossing(h, Math.log10(G_FLOOR), lgMax, 0.25, 1e-10, "up", `ln S of search ${this.search.name} at m = ${this.m}`);
    return lg === null ? Number.POSITIVE_INFINITY : 10 ** lg;
  }

  /**
   * Whether S ∝ g_X² along couplings proportional to g_X: a prompt or invisible search (no lifetime window, beam dump
   * or displaced grid) whose widths all scale as g_X² (no extra channel with a fixed coupling).
   */
  get quadratic(): boolean {
    return this.width.scalesWithG && this.t1 === Number.POSITIVE_INFINITY && !this.dump && !this.displaced;
  }

  /**
   * gMax for couplings `proportional` to g_X (no kinetic or mass mixing) and a `quadratic` search: S ∝ g_X², so
   * g_max = g₀/√S(g₀) from one evaluation (core paper appendix B's prompt and invisible searches at ε = 0). gMax's scan
   * finds the same root (its Brent steps on ln S, linear in log g_X, end within rounding of it). Near the ends of the
   * scan (half a decade from G_FLOOR or 10^lgMax), where the scan's grid decides between 0, a value and none, the scan
   * itself, started a grid step below the root (firstCrossingNear: its grid, bracket and Brent, fewer evaluations).
   * Otherwise gMax itself.
   */
  gMaxScan(at: (g: number) => Couplings, lgMax = 0, proportional = false): number {
    if (!(proportional && this.active && this.quadratic)) return this.gMax(at, lgMax);
    const from = Math.log10(G_FLOOR);
    const lg0 = lgMax - 3;
    const s0 = this.ratio(at(10 ** lg0));
    const g = s0 > 0 ? 10 ** lg0 / Math.sqrt(s0) : Number.POSITIVE_INFINITY;
    const guess = Math.log10(g);
    if (guess > from + 0.5 && guess < lgMax - 0.5) return g;
    const h = (lg: number) => Math.log(this.ratio(at(10 ** lg)) + 1e-300);
    if (h(from) >= 0) return 0;
    const lg = firstCrossingNear(h, from, lgMax, 0.25, 1e-10, "up", guess, `ln S of search ${this.search.name} at m = ${this.m}`);
    return lg === null ? Number.POSITIVE_INFINITY : 10 ** lg;
  }
}

/** The reference ε of the dark photon's widths (they scale as ε²: its couplings are linear in ε, X–Z mixing included). */
const EPS_REF = 1e-6;

const REF_MIXING = { eps: EPS_REF };
/** The reference dark photon's couplings, rewritten at each mass (used at once, never kept). */
const refCouplings = blankCouplings();

/**
 * The reference dark photon's partial widths at ε = EPS_REF (no extra channels: the dark photon has none) and their
 * total, for the last calculator and mass asked: the searches of one mass, constructed one after the other, compute
 * them once. The constructor reads them at once and keeps nothing.
 */
const reference = { width: undefined as WidthCalculator | undefined, m: Number.NaN, widths: new Float64Array(0), total: 0 };

function referenceWidths(width: WidthCalculator, m: number): { widths: Float64Array; total: number } {
  if (reference.width === width && reference.m === m) return reference;
  if (reference.widths.length !== width.states.length) reference.widths = new Float64Array(width.states.length);
  reference.total = width.partial(couplingsInto(refCouplings, DARK_PHOTON, 0, REF_MIXING, m), reference.widths, false);
  reference.width = width;
  reference.m = m;
  return reference;
}

/**
 * Scratch partial widths, one buffer per length, shared by every recast: ratio and totalWidth fill them and read them
 * at once (no allocation per search and mass).
 */
const scratchWidths = new Map<number, Float64Array>();

function scratchFor(n: number): Float64Array {
  let b = scratchWidths.get(n);
  if (!b) {
    b = new Float64Array(n);
    scratchWidths.set(n, b);
  }
  return b;
}

/** The grid row at the nearest mass (rows are 1.5 MeV apart), with the smallest excluded ε; null off the grid. */
function displacedRow(g: RGrid, m: number): { eps: Float64Array; logR: Float64Array; epsMin: number } | undefined {
  const n = g.masses.length;
  if (!(m >= g.masses[0] && m <= g.masses[n - 1])) return undefined;
  const lo = bracket(g.masses, m);
  const i = lo + 1 < n && g.masses[lo + 1] - m < m - g.masses[lo] ? lo + 1 : lo;
  const row = g.rows[i];
  let epsMin = Number.POSITIVE_INFINITY;
  for (let k = 0; k < row.r.length; k++) if (row.r[k] < 1) epsMin = Math.min(epsMin, row.eps[k]);
  return { eps: row.eps, logR: row.r.map(Math.log), epsMin };
}

/** ln(e^{−x} − e^{−ρx}), stable for small and large x. */
function logWindow(x: number, rho: number): number {
  return -x + Math.log(-Math.expm1(-x * (rho - 1)));
}

/**
 * DarkCast's beam-dump recast (Ilten et al. 1801.04847, section 3): the dark photon's yield
 * Y(ε) ∝ ε² [e^{−x} − e^{−ρx}], x = κ ε², ρ = 1 + L_decay/L_shield, must be equal at the lower and upper edges of
 * the excluded band; that fixes κ = t0 Γ_A'(ε=1)/ħ (t0 the lab time to the end of the shield). A model at the same
 * mass then has x_X = κ Γ_X/Γ_A'(1) and is excluded where its yield exceeds the edge's.
 */
function beamDump(epsLo: number, epsUp: number, rho: number, gammaUnit: number) {
  if (!Number.isFinite(epsUp) || !(epsUp > epsLo)) return undefined;
  const lnY = (eps: number, kappa: number) => 2 * Math.log(eps) + logWindow(kappa * eps * eps, rho);
  const f = (lk: number) => lnY(epsLo, 10 ** lk) - lnY(epsUp, 10 ** lk);
  // f < 0 for small κ (both edges prompt-free, the larger ε wins) and > 0 for large κ (the upper edge decays early).
  const lo = -2 * Math.log10(epsLo) - 8;
  const hi = -2 * Math.log10(epsUp) + 8;
  const [flo, fhi] = [f(lo), f(hi)];
  if (Number.isNaN(flo) || Number.isNaN(fhi)) throw new NonFiniteError("the beam-dump yield difference of DarkCast's recast", { epsLo, epsUp, rho, log10_kappa: Number.isNaN(flo) ? lo : hi });
  if (!(flo < 0 && fhi > 0)) return undefined;
  const kappa = 10 ** brent(f, lo, hi, 1e-12, undefined, "the beam-dump yield difference of DarkCast's recast");
  return { kappa, rho, gammaUnit, logWindowLimit: logWindow(kappa * epsLo * epsLo, rho) };
}

/**
 * The pp → X production fractions of a .prd file at mass m: linear interpolation between its rows, constant
 * continuation beyond them; mechanisms with fraction 0 are left out.
 */
export function ppFractions(file: string, m: number): { key: string; f: number }[] {
  const t = loadFractions(file);
  const n = t.m.length;
  const at = Math.min(Math.max(m, t.m[0]), t.m[n - 1]); // constant continuation beyond the table
  return t.columns.map((k, j) => ({ key: k, f: interpolate(t.m, t.f[j], at) })).filter((x) => x.f > 0);
}
