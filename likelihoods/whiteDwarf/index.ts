import type { Couplings } from "../../src/couplings/couplings.js";
import { UserError } from "../../src/errors.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { powerLawStep } from "../../src/likelihood/step.js";
import type { Model } from "../../src/models/model.js";

/**
 * White-dwarf cooling, exactly as Bernal & Farzan state it (eq. 35, citing Bauer, Foldenauer, Jaeckel, JHEP 07
 * (2018) 094, on the bound of Dreiner et al., PRD 88 (2013) 043517):
 *   2 g_X² ε / (3 m_X²) < 1.12×10⁻⁵ GeV⁻²
 * with g_X the gauge coupling and ε the kinetic mixing (|ε| taken). The formula is theirs for a model whose electron
 * couples through ε alone and whose ν_µ, ν_τ have charge 1; a model with an electron charge is refused.
 */
export const WD_BOUND = 1.12e-5; // GeV⁻²

interface Prepared {
  model: Model;
  mX: number;
}

/** The left side of eq. (35) over its bound: ≥ 1 excludes. */
function ratio(c: Couplings, mX: number): number {
  return (2 * c.gX * c.gX * Math.abs(c.eps)) / (3 * mX * mX) / WD_BOUND;
}

export const whiteDwarf: Likelihood<Prepared> = {
  name: "whiteDwarf",
  cite: "Bernal, Farzan, PRD 107 (2023) 035007, eq. (35); Bauer, Foldenauer, Jaeckel, JHEP 07 (2018) 094",
  description: "white-dwarf cooling as Bernal–Farzan state it: 2g_X²ε/(3m_X²) < 1.12×10⁻⁵ GeV⁻²",
  label: "white dwarfs",
  byNameOnly: "a published bound applied as stated, for Bernal–Farzan's model",
  // A contact interaction in a plasma of T ≲ keV and plasmon energies ≲ 30 keV: m_X ≥ 1 MeV is safely heavy.
  massRange: { min: 1e-3, max: Number.POSITIVE_INFINITY, why: "a contact interaction: m_X far above the white dwarf's plasmon energies (≲ 30 keV)" },
  observables: { whiteDwarfRatio: { unit: "", latex: "\\frac{2g^2\\epsilon}{3m^2}/1.12\\times10^{-5}", description: "the left side of Bernal–Farzan eq. (35) over its bound (≥ 1 excludes)" } },
  prepare(model, mX) {
    const { e } = model.charges;
    if (e.L !== 0 || e.R !== 0) throw new UserError(`whiteDwarf: eq. (35) of Bernal–Farzan is for an electron that couples through ε alone; model '${model.name}' gives the electron a charge`);
    // Its g_X is the ν_µ and ν_τ coupling: charges ±1 for both and none for ν_e, as in L_µ + L_τ − c(…).
    const nu = model.charges.nu;
    if (nu[0] !== 0 || Math.abs(nu[1]) !== 1 || Math.abs(nu[2]) !== 1)
      throw new UserError(`whiteDwarf: eq. (35) of Bernal–Farzan takes g_X as the ν_µ and ν_τ coupling (charges ±1, none for ν_e); model '${model.name}' has (${nu.join(", ")})`);
    return { model, mX };
  },
  evaluate(p, c) {
    const r = ratio(c, p.mX);
    // g_X² ε ∝ g_X³ at fixed ε·e/g_X.
    return powerLawStep(r, 3, { whiteDwarfRatio: r });
  },
};
