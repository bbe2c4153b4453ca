import type { Couplings } from "../../src/couplings/couplings.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { powerLawStep } from "../../src/likelihood/step.js";
import type { Model } from "../../src/models/model.js";

/**
 * K⁺ → µ⁺ν X with X invisible, from NA62's K⁺ → µ⁺ + missing energy search (E. Cortina Gil et al., PLB 816 (2021)
 * 136259 [arXiv:2101.12304]), as Bernal & Farzan state it (eq. 32, after Bakhti & Farzan, PRD 95 (2017) 095008):
 *   g_νµ < 0.003 (m_X / 5 MeV)    for m_X² ≪ m_K².
 * The bound is on the X coupling to ν_µ (the emission from the neutrino line grows as (g/m_X)², the longitudinal mode).
 */
export const KAON_BOUND = { coupling: 0.003, mass: 5e-3 } as const;

interface Prepared {
  model: Model;
  mX: number;
  bound: number;
}

/** |g_νµ| over the bound of eq. (32) at this mass: ≥ 1 excludes. */
function ratio(c: Couplings, bound: number): number {
  return Math.abs(c.nu[1]) / bound;
}

export const kaonMuNuX: Likelihood<Prepared> = {
  name: "kaonMuNuX",
  cite: "Bernal, Farzan, PRD 107 (2023) 035007, eq. (32); NA62, PLB 816 (2021) 136259; Bakhti, Farzan, PRD 95 (2017) 095008",
  description: "K⁺ → µ⁺νX (NA62): g_νµ < 0.003 (m_X/5 MeV)",
  label: "K⁺ → µ⁺νX",
  byNameOnly: "a published bound applied as stated, for m_X ≪ m_K",
  // The m_X scaling of eq. (32) holds for m_X² ≪ m_K²; the range stops at 100 MeV (m_X²/m_K² = 0.04). Below 5 MeV
  // Bernal & Farzan do not use it (BBN excludes m_X < 5 MeV in their model).
  massRange: { min: 5e-3, max: 0.1, why: "eq. (32) holds for m_X² ≪ m_K²; Bernal–Farzan use it from 5 MeV" },
  observables: { kaonRatio: { unit: "", latex: "g_{\\nu_\\mu}/g_{\\max}", description: "ν_µ coupling over the K⁺ → µ⁺νX bound of Bernal–Farzan eq. (32) (≥ 1 excludes)" } },
  prepare(model, mX) {
    return { model, mX, bound: (KAON_BOUND.coupling * mX) / KAON_BOUND.mass };
  },
  evaluate(p, c) {
    const r = ratio(c, p.bound);
    // g_νµ ∝ g_X.
    return powerLawStep(r, 1, { kaonRatio: r });
  },
};
