import type { Couplings } from "../couplings/couplings.js";
import type { Model } from "../models/model.js";
import type { NeutrinoWidths } from "../widths/calculator.js";
import type { UserInputs } from "./measurements.js";

/** Options that select a module's inputs (e.g. the g−2 input set) and its configuration. */
export interface LikelihoodOptions {
  /** Named input set (`--inputs`), e.g. "paper2022" or "2025": selects that set wherever a term has one. */
  inputs?: string;
  /** The user's own measurement sets (`--inputs-file`), validated (measurements.ts). */
  userInputs?: UserInputs;
  /** Resonance searches to apply (`--searches`). */
  searches?: string[];
  /** Invisible-width convention (`--neutrinos left|dirac`, default left). */
  neutrinos?: NeutrinoWidths;
  /**
   * How the CCFR trident ratio is computed: the equivalent-photon kernel with the X propagator (default) or the
   * contact-interaction formula of eq. (3.21), which Fig. 1 uses (valid for m_X ≳ 1 GeV).
   */
  trident?: "kernel" | "eft";
}

/** What an observable is, for tables and plots (declared once by its module). */
export interface ObservableInfo {
  /** Unit as text ("" for a ratio or a pure number). */
  unit: string;
  latex: string;
  description: string;
}

/** A Δχ² term and the observables behind it. */
export interface TermResult {
  dchi2: number;
  observables?: Record<string, number>;
  /**
   * Step terms only (vetoes, and bounds or intervals applied as stated; src/likelihood/step.ts): how far the point lies
   * past the largest g_X the term allows along its ray of fixed ε·e/g_X, log10(g_X/g_max) (0 where it is not past it;
   * +∞ where no g_X > 0 is allowed). Where a step excludes, the profiler adds 10 × the largest excess, which leads a
   * simplex back to the allowed side. A term that reports it is a step term.
   */
  excess?: number;
}

/**
 * One experimental constraint, as a Δχ² term (STYLE.md, "A sketch of the seam"). `prepare` does everything
 * that depends only on the model and the mass; `evaluate` is the hot path.
 */
export interface Likelihood<P = unknown> {
  /** Name used on the CLI (`--likelihoods`) and as the key of `terms`. */
  readonly name: string;
  /** The measurement and the analysis it follows. */
  readonly cite: string;
  readonly description: string;
  /** A short label for figure legends (default: the name). */
  readonly label?: string;
  /** Costly to evaluate (tens of µs): the profiler screens seeds without it first. */
  readonly expensive?: boolean;
  /** Reads files from the data directory (so `chi2` shows its observables only when it is selected). */
  readonly readsData?: boolean;
  /**
   * Selected by name only, never implicitly (`--likelihoods all`, the observables `chi2` adds from unselected terms):
   * the reason (a hypothesis such as LMA-dark, or a published bound applied as stated for one paper's model).
   */
  readonly byNameOnly?: string;
  /** Where the term's formula holds, in GeV; a mass outside it is refused with this range and reason. */
  readonly massRange?: { min: number; max: number; why: string };
  /** The observables the term reports, with their metadata. */
  readonly observables?: Readonly<Record<string, ObservableInfo>>;
  /**
   * The values of ε·e/g_X at which the term's X contribution vanishes for this model (where a profile should look),
   * e.g. r = c_e for ν–e scattering (eq. 4.6).
   */
  zeros?(model: Model): number[];
  /**
   * The g_X at which the term's prediction sits at its measured value + nSigma σ, along couplings at(g) that scale
   * with g_X (fixed ε·e/g_X); null where there is none. Profiles are seeded there; plots draw it as a band.
   */
  preferredCoupling?(prepared: P, at: (g: number) => Couplings, nSigma?: number): number | null;
  prepare(model: Model, mX: number, options: LikelihoodOptions): P;
  evaluate(prepared: P, c: Couplings): TermResult;
}
