import { G_F, M_E, SW2_LOW } from "../../src/constants.js";
import { integrate } from "../../src/numerics/integrate.js";
import { type Beam, yWindow } from "./inputs.js";

/**
 * ν_µ e → ν_µ e and ν̄_µ e → ν̄_µ e with an X boson, core paper eqs. (5.8)–(5.10) (electron mass neglected):
 *   dσ/dy(ν_µ e)  = (2 G_F² m_e E/π) [G_L² + G_R² (1 − y)²],
 *   dσ/dy(ν̄_µ e) = (2 G_F² m_e E/π) [G_R² + G_L² (1 − y)²],
 *   G_{L,R}(y) = g_{L,R} + g_νµ g_{eL,eR} K(y),   K(y) = 1/(2√2 G_F (2 m_e E y + m_X²)),
 * with g_L = −½ + s_w², g_R = s_w² (low-energy s_w², as in likelihoods/borexino) and the absolute X couplings of
 * src/couplings (g_νµ = c.nu[1], the left-handed ν_µ coupling; g_eL = c.e.L, g_eR = c.e.R; L = V + A in the
 * convention g X̄ (q_V − q_A γ5) f). Both vertices come from the same sign of the gauge coupling as the Z's, so the X
 * adds to g_{L,R} with the sign of g_νµ g_e (eqs. 5.9, 5.10: g_X² x_{L2} x_{L1}, g_X² x_{L2} x_{E1}; the same
 * convention as likelihoods/borexino/crossSection.ts). The m_e y/E interference term of the full cross-section
 * (−G_L G_R m_e y/E) is left out: it is 2×10⁻⁵ at these energies.
 *
 * The y integral over the analysis window reduces to six moments per beam,
 *   M[w][k] = ∫ dy w(y) K(y)^k,   w ∈ {1, (1 − y)²},  k = 0, 1, 2,
 * that depend only on m_X (prepare); a rate is then a dozen multiplications (evaluate).
 */
export type Moments = number[][]; // [w][k]

/** SM chiral ν_µ–e couplings at low energy. */
export const SM_GL = -0.5 + SW2_LOW;
export const SM_GR = SW2_LOW;

/** K(y) at beam energy E (GeV) and mass m_X (GeV): the X propagator in units of the Fermi coupling. */
export function kernel(E: number, mX: number): (y: number) => number {
  return (y) => 1 / (2 * Math.SQRT2 * G_F * (2 * M_E * E * y + mX * mX));
}

export function moments(beam: Beam, mX: number): Moments {
  const [y0, y1] = yWindow(beam);
  const K = kernel(beam.E, mX);
  const ws = [(_y: number) => 1, (y: number) => (1 - y) ** 2];
  return ws.map((w, i) => [0, 1, 2].map((k) => integrate((y) => w(y) * K(y) ** k, y0, y1, { rtol: 1e-12, what: `CHARM-II ${beam.name} moment w${i}·K^${k}` })));
}

/**
 * ∫ dy [G_1² + G_2² (1 − y)²] over the window, divided by 2 G_F² m_e E/π, with G_i = g_i + a_i K(y). For ν_µ e
 * (G_1, G_2) = (G_L, G_R); for ν̄_µ e (G_R, G_L).
 */
export function reducedRate(M: Moments, g1: number, g2: number, a1: number, a2: number): number {
  return g1 * g1 * M[0][0] + 2 * g1 * a1 * M[0][1] + a1 * a1 * M[0][2] + g2 * g2 * M[1][0] + 2 * g2 * a2 * M[1][1] + a2 * a2 * M[1][2];
}

/** The two window-integrated reduced rates (ν_µ e, ν̄_µ e) for X-exchange coefficients aL = g_νµ g_eL, aR = g_νµ g_eR. */
export function rates(Mnu: Moments, Mnubar: Moments, aL: number, aR: number): [number, number] {
  return [reducedRate(Mnu, SM_GL, SM_GR, aL, aR), reducedRate(Mnubar, SM_GR, SM_GL, aR, aL)];
}

/**
 * The constant (g_L, g_R) whose SM-form cross-sections, integrated over the same windows, give the rates (S_ν, S_ν̄):
 *   S_ν = g_L² A_ν + g_R² B_ν,   S_ν̄ = g_R² A_ν̄ + g_L² B_ν̄,   A = ∫dy, B = ∫(1 − y)² dy,
 * two linear equations in (g_L², g_R²). The signs are those of the SM (g_L < 0 < g_R), the branch CHARM-II quotes; a
 * squared coupling driven below zero (rates no constant couplings give, far outside any allowed region) counts as 0.
 * Exact for couplings that do not depend on y (heavy X): then it returns g_{L,R} + a_{L,R} K.
 */
export function effectiveCouplings(Mnu: Moments, Mnubar: Moments, Snu: number, Snubar: number): { gL: number; gR: number } {
  const det = Mnu[0][0] * Mnubar[0][0] - Mnu[1][0] * Mnubar[1][0];
  const L2 = (Snu * Mnubar[0][0] - Snubar * Mnu[1][0]) / det;
  const R2 = (Snubar * Mnu[0][0] - Snu * Mnubar[1][0]) / det;
  return { gL: -Math.sqrt(Math.max(L2, 0)), gR: Math.sqrt(Math.max(R2, 0)) };
}
