import type { Couplings } from "../../src/couplings/couplings.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { powerLawStep } from "../../src/likelihood/step.js";
import type { Model } from "../../src/models/model.js";
import { epsElectron } from "../lma/matter.js";

/**
 * Borexino Phase II on ν_µ,τ–electron vector NSI, |ε^e_µµ| = |ε^e_ττ| < 2, as Bernal & Farzan use it (their eq. 34
 * and the text after it), from P. Coloma, M.C. Gonzalez-Garcia, M. Maltoni, J.P. Pinheiro, S. Urrea, JHEP 07 (2022)
 * 138 [arXiv:2204.03011].
 */
export const BOREXINO_NSI_BOUND = 2;

interface Prepared {
  model: Model;
  mX: number;
}

/** max(|ε^e_µµ|, |ε^e_ττ|)/2 (eq. 9): ≥ 1 excludes. */
function ratio(c: Couplings, mX: number): number {
  return Math.max(Math.abs(epsElectron(c, mX, 1)), Math.abs(epsElectron(c, mX, 2))) / BOREXINO_NSI_BOUND;
}

/**
 * A step term: 0 while |ε^e_µµ| and |ε^e_ττ| (eq. 9, the contact interaction at q² → 0) are below 2, the veto value
 * otherwise. It stands beside the engine's own `borexino` term, which keeps the X propagator in the recoil integral.
 */
export const borexinoNsi: Likelihood<Prepared> = {
  name: "borexinoNsi",
  cite: "Bernal, Farzan, PRD 107 (2023) 035007, eq. (34); Coloma et al., JHEP 07 (2022) 138",
  description: "Borexino Phase II as a contact NSI bound, |ε^e_µµ| = |ε^e_ττ| < 2",
  label: "Borexino |ε^e| < 2 (B–F eq. 34)",
  byNameOnly: "a published bound applied as stated, beside the engine's own borexino term",
  // Recoils up to T ≈ 1.3 MeV (pep) give q² = 2 m_e T ≲ 1.4 MeV²: at m_X ≥ 5 MeV the contact form is good to ≈ 5%.
  massRange: { min: 5e-3, max: Number.POSITIVE_INFINITY, why: "a contact-interaction bound: m_X² ≫ q² = 2 m_e T of Borexino's recoils" },
  observables: {
    epsElectronMuMu: { unit: "", latex: "\\varepsilon^{e}_{\\mu\\mu}", description: "ν_µ–electron vector NSI (Bernal–Farzan eq. 9)" },
    epsElectronTauTau: { unit: "", latex: "\\varepsilon^{e}_{\\tau\\tau}", description: "ν_τ–electron vector NSI (Bernal–Farzan eq. 9)" },
  },
  prepare(model, mX) {
    return { model, mX };
  },
  evaluate(p, c) {
    // ε^e ∝ g_X² at fixed ε·e/g_X.
    return powerLawStep(ratio(c, p.mX), 2, { epsElectronMuMu: epsElectron(c, p.mX, 1), epsElectronTauTau: epsElectron(c, p.mX, 2) });
  },
};
