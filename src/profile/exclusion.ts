import { amuCoefficients } from "../../likelihoods/amu/loop.js";
import { AMU_INPUTS, DEFAULT_INPUTS } from "../../likelihoods/amu/inputs.js";
import { E_CHARGE, M_MU } from "../constants.js";
import { couplings } from "../couplings/couplings.js";
import type { Likelihood, LikelihoodOptions } from "../likelihood/types.js";
import type { Model } from "../models/model.js";
import { brent } from "../numerics/roots.js";

/**
 * The (m_X, g_X) plane of the core paper's Figs. 3, 5 and 6 at fixed ε e/g_X: for each term, the smallest g_X
 * where its Δχ² reaches 4 (scanning up from g_X = 1e-7), and the g_X that gives the central Δa_µ and its ±2σ band.
 */
export interface ExclusionRow {
  mX: number;
  bounds: Record<string, number | null>;
  amuCentral: number | null;
  amuLow: number | null;
  amuHigh: number | null;
}

export function exclusionPlane(model: Model, epsRatio: number, likelihoods: Likelihood<unknown>[], options: LikelihoodOptions, masses: number[]): ExclusionRow[] {
  const set = AMU_INPUTS[options.inputs ?? DEFAULT_INPUTS];
  return masses.map((mX) => {
    const bounds: Record<string, number | null> = {};
    for (const l of likelihoods) {
      if (l.name === "amu") continue;
      const p = l.prepare(model, mX, options);
      const h = (lg: number) => l.evaluate(p, couplings(model, 10 ** lg, { epsRatio }, mX)).dchi2 - 4;
      let found: number | null = null;
      // up to g_X = 0.3 or |ε| = 0.5 (eq. 3.6 needs |ε_Y| < 1)
      const lgMax = Math.min(-0.5, Math.log10((0.5 * E_CHARGE) / Math.max(Math.abs(epsRatio), 1e-300)));
      // Start at the first allowed coupling above 1e-7 (beam dumps exclude bands at tiny couplings).
      let prev = -7;
      while (prev <= lgMax && h(prev) >= 0) prev += 0.1;
      for (let lg = prev + 0.1; lg <= lgMax; lg += 0.1) {
        if (h(lg) >= 0) {
          found = 10 ** brent(h, prev, lg, 1e-6);
          break;
        }
        prev = lg;
      }
      bounds[l.name] = found;
    }
    const { kV, kA } = amuCoefficients(M_MU, mX);
    const g0 = 1e-6;
    const c1 = couplings(model, g0, { epsRatio }, mX);
    const perG2 = (kV * c1.mu.V ** 2 + kA * c1.mu.A ** 2) / (g0 * g0);
    const g = (da: number) => (perG2 > 0 && da > 0 ? Math.sqrt(da / perG2) : null);
    return { mX, bounds, amuCentral: g(set.central * 1e-11), amuLow: g((set.central - 2 * set.sigma) * 1e-11), amuHigh: g((set.central + 2 * set.sigma) * 1e-11) };
  });
}
