import { blankCouplings, type Couplings, couplings, couplingsInto, type Mixing } from "../couplings/couplings.js";
import type { Model } from "../models/model.js";
import { DataFileError, NonFiniteError, UserError } from "../errors.js";
import { formatMass } from "../units.js";
import type { Likelihood, LikelihoodOptions, TermResult } from "./types.js";

/** Refuse a mass outside a selected term's range of validity (its `massRange`), naming the range and the reason. */
export function checkMassRange(likelihoods: readonly Likelihood<unknown>[], mX: number): void {
  for (const l of likelihoods) {
    const r = l.massRange;
    if (!r || (mX >= r.min && mX <= r.max)) continue;
    const range = Number.isFinite(r.max) ? `${formatMass(r.min)} ≤ m_X ≤ ${formatMass(r.max)}` : `m_X ≥ ${formatMass(r.min)}`;
    throw new UserError(`likelihood '${l.name}' holds for ${range} (${r.why}); m_X = ${formatMass(mX)} is outside: give a mass in that range or leave '${l.name}' out with --likelihoods`);
  }
}

export interface Evaluation {
  terms: Record<string, number>;
  total: number;
  observables: Record<string, number>;
}

/**
 * The Δχ² of eq. (B.1) for one model at one mass: the sum of the selected terms. Everything that depends only
 * on (model, m_X) is prepared once in the constructor; `at` is the hot path.
 */
export class Chi2 {
  readonly prepared: { l: Likelihood<unknown>; p: unknown }[];
  constructor(
    readonly model: Model,
    readonly mX: number,
    readonly likelihoods: readonly Likelihood<unknown>[],
    readonly options: LikelihoodOptions = {},
  ) {
    checkMassRange(likelihoods, mX);
    this.prepared = likelihoods.map((l) => {
      try {
        return { l, p: l.prepare(model, mX, options) };
      } catch (e) {
        // A missing or damaged data file: the term can also be left out.
        if (e instanceof DataFileError) throw e.withHint(`or leave '${l.name}' out with --likelihoods`);
        throw e;
      }
    });
  }

  /** The couplings at (g_X, mixing), as a new record (to keep: best fits, reports). */
  couplings(gX: number, mix: Mixing): Couplings {
    return couplings(this.model, gX, mix, this.mX);
  }

  private readonly scratchBuffer = blankCouplings();

  /**
   * The same in this Chi2's scratch record, overwritten by the next call: for objectives that evaluate and discard
   * (no allocation per call on the profiler's hot path).
   */
  scratch(gX: number, mix: Mixing): Couplings {
    return couplingsInto(this.scratchBuffer, this.model, gX, mix, this.mX);
  }

  /** One term at couplings c; a non-finite Δχ² is an error that names the term and the point. */
  private term(l: Likelihood<unknown>, p: unknown, c: Couplings): TermResult {
    const r = l.evaluate(p, c);
    if (!Number.isFinite(r.dchi2)) throw new NonFiniteError(`the Δχ² of '${l.name}' (${this.model.name})`, { mX: this.mX, gX: c.gX, eps: c.eps }, r.dchi2);
    return r;
  }

  /** The Δχ² of the i-th selected term alone at couplings c (checked like every term). */
  termAt(i: number, c: Couplings): number {
    const { l, p } = this.prepared[i];
    return this.term(l, p, c).dchi2;
  }

  /** Total Δχ² only (no allocation of the breakdown). */
  total(c: Couplings): number {
    return this.totalAndSteps(c).total;
  }

  /** Whether any selected term is expensive. */
  get hasExpensive(): boolean {
    return this.prepared.some(({ l }) => l.expensive);
  }

  /** Terms, total and observables. */
  evaluate(c: Couplings): Evaluation {
    const terms: Record<string, number> = {};
    const observables: Record<string, number> = {};
    let total = 0;
    for (const { l, p } of this.prepared) {
      const r = this.term(l, p, c);
      terms[l.name] = r.dchi2;
      total += r.dchi2;
      if (r.observables) Object.assign(observables, r.observables);
    }
    return { terms, total, observables };
  }

  /** The ε·e/g_X values where a selected term's X contribution vanishes (each term's `zeros`). */
  zeros(): number[] {
    return this.prepared.flatMap(({ l }) => (l.zeros ? l.zeros(this.model) : []));
  }

  /** The g_X each selected term prefers along couplings at(g) (each term's `preferredCoupling`), where defined. */
  preferredCouplings(at: (g: number) => Couplings, nSigma = 0): number[] {
    const out: number[] = [];
    for (const { l, p } of this.prepared) {
      const g = l.preferredCoupling?.(p, at, nSigma);
      if (g !== undefined && g !== null && Number.isFinite(g) && g > 0) out.push(g);
    }
    return out;
  }

  /**
   * Total Δχ², the part of it from step terms and their largest `excess` past the allowed g_X (for the profiler's guide
   * back to the allowed side); `cheap` leaves out the terms marked expensive (for screening seeds).
   */
  totalAndSteps(c: Couplings, cheap = false): { total: number; steps: number; excess: number } {
    let total = 0;
    let steps = 0;
    let excess = 0;
    for (const { l, p } of this.prepared) {
      if (cheap && l.expensive) continue;
      const r = this.term(l, p, c);
      total += r.dchi2;
      if (r.excess !== undefined) {
        steps += r.dchi2;
        if (r.dchi2 > 0 && r.excess > excess) excess = r.excess;
      }
    }
    return { total, steps, excess };
  }
}
