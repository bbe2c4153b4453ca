import { type Couplings, couplings, type Mixing } from "../couplings/couplings.js";
import type { Model } from "../models/model.js";
import type { Likelihood, LikelihoodOptions } from "./types.js";

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
    this.prepared = likelihoods.map((l) => ({ l, p: l.prepare(model, mX, options) }));
  }

  couplings(gX: number, mix: Mixing): Couplings {
    return couplings(this.model, gX, mix, this.mX);
  }

  /** Total Δχ² only (no allocation of the breakdown). */
  total(c: Couplings): number {
    let s = 0;
    for (const { l, p } of this.prepared) s += l.evaluate(p, c).dchi2;
    return s;
  }

  /** The sum of the terms that are not marked expensive (for screening seeds). */
  cheapTotal(c: Couplings): number {
    let s = 0;
    for (const { l, p } of this.prepared) if (!l.expensive) s += l.evaluate(p, c).dchi2;
    return s;
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
      const r = l.evaluate(p, c);
      terms[l.name] = r.dchi2;
      total += r.dchi2;
      if (r.observables) Object.assign(observables, r.observables);
    }
    return { terms, total, observables };
  }

  /** The largest allowed g_X at ε·e/g_X from the step-function terms (Infinity when none excludes). */
  gMax(epsRatio: number): number {
    let g = Number.POSITIVE_INFINITY;
    for (const { l, p } of this.prepared) if (l.gMax) g = Math.min(g, l.gMax(p, epsRatio));
    return g;
  }
}
