import type { Couplings } from "../couplings/couplings.js";
import type { Model } from "../models/model.js";
import type { NeutrinoWidths } from "../widths/calculator.js";

/** Options that select a module's inputs (e.g. the g−2 input set) and its configuration. */
export interface LikelihoodOptions {
  /** Named input set (`--inputs`), e.g. "paper2022" or "2025". */
  inputs?: string;
  /** Resonance searches to apply (`--searches`). */
  searches?: string[];
  /** Invisible-width convention (`--neutrinos left|dirac`, default left). */
  neutrinos?: NeutrinoWidths;
}

/** A Δχ² term and the observables behind it. */
export interface TermResult {
  dchi2: number;
  observables?: Record<string, number>;
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
  /** Costly to evaluate (tens of µs): the profiler screens seeds without it first. */
  readonly expensive?: boolean;
  /** Reads files from the data directory (so `chi2` shows its observables only when it is selected). */
  readonly readsData?: boolean;
  /** Where the term's formula holds, in GeV; a mass outside it is refused with this range and reason. */
  readonly massRange?: { min: number; max: number; why: string };
  prepare(model: Model, mX: number, options: LikelihoodOptions): P;
  evaluate(prepared: P, c: Couplings): TermResult;
  /**
   * For step-function terms (vetoes): the largest allowed g_X at a given ε·e/g_X, so that a profile can stay on
   * the allowed side. Infinity when nothing excludes.
   */
  gMax?(prepared: P, epsRatio: number): number;
}
