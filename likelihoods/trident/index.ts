import { G_F, SW2_MZ } from "../../src/constants.js";
import type { Likelihood } from "../../src/likelihood/types.js";

/**
 * Neutrino trident production ν_µ N → ν_µ N µ⁺µ⁻ at CCFR (core paper section 3.2):
 *   σ/σ_SM = [(½ + 2s_w² + C_V)² + 1.13 (½ + C_A)²] / [(½ + 2s_w²)² + 1.13/4]            (eq. 3.21)
 *   C_{V,A} = g_νµ g_{µ,V/A} / (√2 G_F (m_X² + Q_eff²))                                   (eq. 3.22)
 * measured σ/σ_SM = 0.82 ± 0.28 (CCFR, S.R. Mishra et al., PRL 66 (1991) 3117; eq. 3.20).
 * Eq. (3.21) is the EFT limit (Q_eff = 0), valid for m_X ≳ 1 GeV. For lighter X the momentum flowing through
 * the X line is not negligible; this module replaces 1/m_X² by 1/(m_X² + Q_eff²) with one effective momentum
 * Q_eff = 1.4 GeV, fixed so that the L_µ − L_τ (g−2) band is excluded above m_X ≈ 0.5 GeV (0.475), as published
 * (core paper eq. 4.1; Altmannshofer, Gori, Pospelov, Yavin, PRL 113 (2014) 091801). This is an approximation
 * in the light regime, not the equivalent-photon calculation (see README).
 */
export const TRIDENT = { ratio: 0.82, sigma: 0.28, qEff2: 1.4 ** 2, axialFactor: 1.13 } as const;

const A0 = 0.5 + 2 * SW2_MZ;
const DEN = A0 * A0 + TRIDENT.axialFactor / 4;
const SM_CHI2 = ((1 - TRIDENT.ratio) / TRIDENT.sigma) ** 2;

/** σ/σ_SM of eq. (3.21) for given C_V, C_A. */
export function tridentRatio(CV: number, CA: number): number {
  return ((A0 + CV) ** 2 + TRIDENT.axialFactor * (0.5 + CA) ** 2) / DEN;
}

interface Prepared {
  /** 1/(√2 G_F (m_X² + Q_eff²)). */
  k: number;
}

export const trident: Likelihood<Prepared> = {
  name: "trident",
  cite: "core paper eqs. (3.20)–(3.23); CCFR PRL 66 (1991) 3117",
  description: "CCFR neutrino trident production",
  prepare(_model, mX) {
    return { k: 1 / (Math.SQRT2 * G_F * (mX * mX + TRIDENT.qEff2)) };
  },
  evaluate(p, c) {
    const R = tridentRatio(p.k * c.nu[1] * c.mu.V, p.k * c.nu[1] * c.mu.A);
    const z = (R - TRIDENT.ratio) / TRIDENT.sigma;
    return { dchi2: z * z - SM_CHI2, observables: { RTrident: R } };
  },
};
