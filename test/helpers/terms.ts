import { expect } from "vitest";
import { couplings, type Mixing } from "../../src/couplings/couplings.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { resolveModel } from "../../src/models/spec.js";

/**
 * A term that warm-starts its nuisance profile from the previous call must give the same Δχ² and observable from a
 * reused prepared point (moved elsewhere first) as from a fresh one: the identity every stateful term keeps.
 */
export function expectWarmStartIdentity(term: Likelihood<unknown>, observable: string, points: readonly { model: string; mX: number; g: number; mix: Mixing }[]): void {
  for (const r of points) {
    const model = resolveModel(r.model);
    const c = couplings(model, r.g, r.mix, r.mX);
    const reused = term.prepare(model, r.mX, {});
    term.evaluate(reused, couplings(model, 3 * r.g, r.mix, r.mX)); // move the warm start elsewhere first
    const a = term.evaluate(reused, c);
    const b = term.evaluate(term.prepare(model, r.mX, {}), c);
    expect(Math.abs(a.dchi2 - b.dchi2), r.model).toBeLessThan(1e-7);
    expect(a.observables?.[observable], r.model).toBe(b.observables?.[observable]);
  }
}
