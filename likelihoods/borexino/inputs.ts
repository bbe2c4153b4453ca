/**
 * Borexino ⁷Be inputs (the measured R_Be = 1.06 ± 0.09 is in measurements.json).
 * - E_ν = 0.8618 MeV, the 89.6% ⁷Be line (the 0.384 MeV line is below Borexino's ⁷Be window).
 * - Oscillations: NuFIT 5.2 (2022), normal ordering with SK atmospheric data: sin²θ12 = 0.303, sin²θ13 = 0.02203,
 *   sin²θ23 = 0.572, δ_CP = 197°, Δm²21 = 7.41e-5 eV² (I. Esteban et al., JHEP 09 (2020) 178, www.nu-fit.org v5.2).
 * - Electron density at ⁷Be production: n_e ≈ 85 N_A cm⁻³, the production-weighted value of the standard solar
 *   model (J.N. Bahcall, A.M. Serenelli, S. Basu, ApJ 621 (2005) L85; ⁷Be flux peaks at r ≈ 0.06 R_⊙).
 *   It gives P_ee = 0.53, as measured by Borexino for ⁷Be (0.53 ± 0.05, Nature 562 (2018) 505).
 */
export const BOREXINO = {
  Enu: 0.8618e-3, // GeV
  sin2th12: 0.303,
  sin2th13: 0.02203,
  sin2th23: 0.572,
  deltaCP: (197 * Math.PI) / 180,
  dm21: 7.41e-5 * 1e-18, // GeV²
  neProduction: 85, // N_A cm⁻³
} as const;
