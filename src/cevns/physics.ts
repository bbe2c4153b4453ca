import { G_F, M_MU, SW2_LOW } from "../constants.js";
import { gaussLegendre } from "../numerics/gaussLegendre.js";

/**
 * CEvNS on a spin-0 nucleus (Freedman 1974; e.g. Denton & Gehrlein 2008.06062, eq. 2.1):
 *   dσ/dT = (G_F² M/4π) Q_eff² (1 − M T/2E²) F²(q²),  q² = 2 M T,
 *   Q_W = N − (1 − 4 s_w²) Z  (tree level with the low-energy s_w²),
 *   Q_eff = Q_W − √2 g_ν (Z g_p + N g_n) / (G_F (q² + m_X²)).
 * The X term comes from the same matching as the Z: with L ⊃ −(4G_F/√2)[ν̄γP_Lν][ΣV_f f̄γf] the Z gives the
 * nuclear vector charge −Q_W/4 and X exchange adds g_ν(Zg_p+Ng_n)/(4G_F/√2 · (q²+m_X²)) (the same sign
 * convention as the core paper's eqs. 5.9–5.10, where X adds to g_L with a plus sign).
 */
export function weakCharge(Z: number, N: number): number {
  return N - (1 - 4 * SW2_LOW) * Z;
}

/** Normalised Michel spectra of µ⁺ decay at rest (E ≤ m_µ/2), in GeV⁻¹. */
export const MICHEL = {
  nue: (E: number) => (E > M_MU / 2 ? 0 : (192 / M_MU) * (E / M_MU) ** 2 * (0.5 - E / M_MU)),
  numubar: (E: number) => (E > M_MU / 2 ? 0 : (64 / M_MU) * (E / M_MU) ** 2 * (0.75 - E / M_MU)),
};

/** (G_F² M/4π): the prefactor of dσ/dT. */
export function xsPrefactor(M: number): number {
  return (G_F * G_F * M) / (4 * Math.PI);
}

/** Minimum neutrino energy for recoil T on mass M (exact kinematics): E_min = (T + √(T² + 2MT))/2. */
export function eMin(T: number, M: number): number {
  return 0.5 * (T + Math.sqrt(T * T + 2 * M * T));
}

/**
 * Flux-averaged kinematic kernel of flavour fl at recoil T: ∫ dE φ(E) (1 − MT/2E²) over E ≥ E_min(T)
 * (φ normalised to one neutrino). The Michel integrands are polynomials in E after the 1/E² factor, so
 * 6-point Gauss–Legendre is exact.
 */
const GL6 = gaussLegendre(6);

export function kinematicKernel(flavour: 0 | 1 | 2, T: number, M: number, promptE: number): number {
  const emin = eMin(T, M);
  if (flavour === 0) return promptE >= emin ? 1 - (M * T) / (2 * promptE * promptE) : 0;
  const emax = M_MU / 2;
  if (emin >= emax) return 0;
  const phi = flavour === 1 ? MICHEL.nue : MICHEL.numubar;
  const h = 0.5 * (emax - emin);
  const c = 0.5 * (emax + emin);
  let s = 0;
  for (let i = 0; i < 6; i++) {
    const E = c + h * GL6.x[i];
    s += GL6.w[i] * phi(E) * (1 - (M * T) / (2 * E * E));
  }
  return s * h;
}
