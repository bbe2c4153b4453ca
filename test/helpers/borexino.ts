import { BOREXINO_FLAVOUR_FRACTIONS } from "../../likelihoods/borexino/index.js";
import { SM_GL, SM_GR, tMax } from "../../likelihoods/borexino/crossSection.js";
import { BOREXINO } from "../../likelihoods/borexino/inputs.js";
import { G_F, M_E } from "../../src/constants.js";
import type { Couplings } from "../../src/couplings/couplings.js";

/**
 * Independent reference for R_Be in the contact limit (q² ≪ m_X²): the flavour-weighted closed-form total ν–e cross
 * sections σ ∝ G_L² T_m + G_R² (E/3)(1 − (1 − T_m/E)³) − G_L G_R m_e T_m²/(2E²) with G = g_SM + g_ν g_e/(2√2 G_F m_X²)
 * (Vogel & Engel 1989 integrated over the recoil), over the SM value.
 */
export function closedFormRBe(c: Couplings, mX: number): number {
  const E = BOREXINO.Enu;
  const Tm = tMax(E);
  const sig = (gL: number, gR: number) => gL * gL * Tm + gR * gR * (E / 3) * (1 - (1 - Tm / E) ** 3) - (gL * gR * M_E * Tm * Tm) / (2 * E * E);
  const k = 1 / (2 * Math.SQRT2 * G_F * mX * mX);
  let num = 0;
  let den = 0;
  for (let a = 0; a < 3; a++) {
    const P = BOREXINO_FLAVOUR_FRACTIONS[a];
    num += P * sig(SM_GL[a] + k * c.nu[a] * c.e.L, SM_GR + k * c.nu[a] * c.e.R);
    den += P * sig(SM_GL[a], SM_GR);
  }
  return num / den;
}
