import { M_E, M_MU, M_TAU } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import type { ExtraDecay } from "../models/model.js";
import { checkExtraDecays, EXTRA_CLASSES, type ExtraClass, extraWidthFactor } from "./extra.js";
import { type FermionFactor, fermionFactor, fermionWidth, N_C, type NeutrinoWidths, NEUTRINO_WIDTHS, neutrinoFactor } from "./fermion.js";
import { componentR, HADRONIC_STATES, type HadronicTables, hadronicComponents, MESONS, mesonWeights, QUARKS, VMD_MAX_MASS } from "./vmd.js";

export { NEUTRINO_WIDTHS, type NeutrinoWidths };

/** Decay states in a fixed order: leptons, neutrinos, hadrons (DarkCast names). */
export const STATES = ["e_e", "mu_mu", "tau_tau", "nue_nue", "numu_numu", "nutau_nutau", ...HADRONIC_STATES] as const;
export const INVISIBLE = [3, 4, 5];
const OTHER = 6 + HADRONIC_STATES.indexOf("other");
/** The parts of a calculator without extra channels, shared (never written). */
const NO_CLASSES: Readonly<Record<ExtraClass, readonly number[]>> = Object.freeze(Object.fromEntries(EXTRA_CLASSES.map((k) => [k, Object.freeze([] as number[])])) as Record<ExtraClass, readonly number[]>);
const NO_EXTRAS = new Float64Array(0);
/** The meson weights of `partial`, shared scratch (written and read within one call). */
const WEIGHTS = new Float64Array(MESONS.length);

/**
 * Partial widths of X at a fixed mass m, the one implementation the engine runs: the fermion factors
 * (fermion.ts) and the VMD R-components (vmd.ts) are computed once in the constructor; `partial` combines them
 * with the couplings (fermionWidth, mesonWeights) in a few multiplications and allocates nothing.
 *
 * A model's extra channels (`Model.decays`, widths in extra.ts) follow the standard states: `states` is
 * [...STATES, ...their names], the caller's `out` must have room for all of them, and `classes` lists the indices of
 * the extras of each class (invisible, e_e, mu_mu, unseen). Their Γ/g² is computed once here as well.
 */
export class WidthCalculator {
  /** The states of `partial`'s out: STATES, then the extra channels by name. */
  readonly states: readonly string[];
  /** The extra channels, in the order of `states` after STATES. */
  readonly decays: readonly ExtraDecay[];
  /** Indices (into `states`) of the extra channels of each class. */
  readonly classes: Readonly<Record<ExtraClass, readonly number[]>>;
  /**
   * Whether every width scales as g_X² at fixed ε e/g_X: false when an open extra channel has a fixed coupling
   * (then branching ratios depend on g_X).
   */
  readonly scalesWithG: boolean;
  /** Per extra channel: Γ/g² at this mass, the charge (coupling g_X × charge) and the fixed coupling (one is 0). */
  private readonly xFactor: Float64Array;
  private readonly xCharge: Float64Array;
  private readonly xFixed: Float64Array;
  private readonly lep: FermionFactor[];
  private readonly nu: number;
  private readonly dirac: boolean;
  /** Non-zero R-components: the state's index in STATES, the meson's in MESONS, and R^{F,V}(m). */
  private readonly had: { state: number; meson: number; R: number }[] = [];
  private readonly quarks: { name: (typeof QUARKS)[number]["name"]; f: FermionFactor }[] = [];
  private readonly pre: number;

  constructor(
    readonly m: number,
    tables: HadronicTables,
    neutrinos: NeutrinoWidths = "left",
    decays: readonly ExtraDecay[] = [],
  ) {
    this.decays = decays;
    if (decays.length === 0) {
      // No extra channels (every catalogue model): the shared constant parts, nothing allocated per mass.
      this.states = STATES;
      this.classes = NO_CLASSES;
      this.xFactor = this.xCharge = this.xFixed = NO_EXTRAS;
      this.scalesWithG = true;
    } else {
      checkExtraDecays(decays, STATES);
      this.states = [...STATES, ...decays.map((d) => d.name)];
      const classes = Object.fromEntries(EXTRA_CLASSES.map((k) => [k, [] as number[]])) as Record<ExtraClass, number[]>;
      for (const [i, d] of decays.entries()) classes[d.class].push(STATES.length + i);
      this.classes = classes;
      this.xFactor = Float64Array.from(decays, (d) => extraWidthFactor(d.formula, m, d.mass));
      this.xCharge = Float64Array.from(decays, (d) => d.charge ?? 0);
      this.xFixed = Float64Array.from(decays, (d) => (d.charge === undefined ? (d.coupling ?? 0) : 0));
      this.scalesWithG = decays.every((_, i) => this.xFactor[i] === 0 || this.xFixed[i] === 0);
    }
    this.lep = [fermionFactor(m, M_E), fermionFactor(m, M_MU), fermionFactor(m, M_TAU)];
    this.nu = neutrinoFactor(m);
    this.dirac = neutrinos === "dirac";
    this.pre = m / (12 * Math.PI);
    if (m > VMD_MAX_MASS) for (const q of QUARKS) this.quarks.push({ name: q.name, f: fermionFactor(m, q.m) });
    else {
      const components = hadronicComponents(tables);
      for (let i = 0; i < components.length; i++) {
        const c = components[i];
        const R = componentR(c, m);
        if (R !== 0) this.had.push({ state: 6 + c.state, meson: c.meson, R });
      }
    }
  }

  /**
   * Fill out[i] with the width of states[i] (GeV); returns the total. `extras = false` leaves the extra channels at
   * zero (the standard widths alone, e.g. for the reference dark photon of a recast).
   */
  partial(c: Couplings, out: Float64Array, extras = true): number {
    if (out.length < this.states.length) throw new Error(`WidthCalculator.partial: out has ${out.length} entries for ${this.states.length} states`);
    out.fill(0);
    const lep = this.lep;
    out[0] = fermionWidth(lep[0], c.e.V, c.e.A);
    out[1] = fermionWidth(lep[1], c.mu.V, c.mu.A);
    out[2] = fermionWidth(lep[2], c.tau.V, c.tau.A);
    // Left-handed only: g_L² m/(24π); Dirac: (g_L² + g_R²) m/(24π), = g² m/(12π) when x_N = x_L (DarkCast 2.1).
    for (let i = 0; i < 3; i++) out[3 + i] = this.nu * (c.nu[i] * c.nu[i] + (this.dirac ? c.nuR[i] * c.nuR[i] : 0));
    if (this.quarks.length) {
      // Free quarks above the VMD tables (u, d, s and c, b above threshold), all in the state "other".
      let w = 0;
      for (let i = 0; i < this.quarks.length; i++) {
        const q = this.quarks[i];
        const k = c[q.name];
        w += N_C * fermionWidth(q.f, k.V, k.A);
      }
      out[OTHER] = w;
    } else if (this.had.length) {
      // Γ(X→F) = m/(12π) Σ_V weight_V R^{F,V}(m) (vmd.ts), clipped at zero (the ωφ interference can be negative).
      const w = mesonWeights(c, WEIGHTS);
      const had = this.had;
      for (let i = 0; i < had.length; i++) {
        const h = had[i];
        out[h.state] += this.pre * w[h.meson] * h.R;
      }
      for (let i = 6; i < STATES.length; i++) if (out[i] < 0) out[i] = 0;
    }
    if (extras)
      for (let i = 0; i < this.xFactor.length; i++) {
        const g = c.gX * this.xCharge[i] + this.xFixed[i];
        out[STATES.length + i] = this.xFactor[i] * g * g;
      }
    let total = 0;
    for (let i = 0; i < out.length; i++) total += out[i];
    return total;
  }

  /**
   * The indices (into `states`) of the final states a search selects, given as in its descriptor: DarkCast state
   * names, or "invisible" for the neutrinos; extra channels join when their class is listed ("invisible", "e_e",
   * "mu_mu"; "unseen" channels join none).
   */
  indices(decays: readonly string[]): number[] {
    const out: number[] = [];
    for (const d of decays) {
      if (d === "invisible") out.push(...INVISIBLE);
      else {
        const i = (STATES as readonly string[]).indexOf(d);
        if (i >= 0) out.push(i);
      }
    }
    for (const k of EXTRA_CLASSES) if (k !== "unseen" && decays.includes(k)) out.push(...this.classes[k]);
    return out;
  }
}
