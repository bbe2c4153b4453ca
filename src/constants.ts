/**
 * Physical constants in natural units (GeV, GeV⁻¹ for lengths and times unless the name says otherwise).
 * Sources: PDG = R.L. Workman et al. (Particle Data Group), PTEP 2022 (2022) 083C01, "Physical constants"
 * and the particle listings; CODATA 2018 = E. Tiesinga et al., Rev. Mod. Phys. 93 (2021) 025010.
 */

/** Fine-structure constant at q² = 0 (CODATA 2018). */
export const ALPHA = 1 / 137.035999084;
/** Elementary charge in natural (Heaviside–Lorentz) units, e = √(4πα). */
export const E_CHARGE = Math.sqrt(4 * Math.PI * ALPHA);
/** α(m_Z) in the MS-bar scheme, 1/127.952 (PDG 2022, Electroweak model review, Table 10.2 inputs). */
export const ALPHA_MZ = 1 / 127.952;

/** Fermi constant G_F / (ħc)³ = 1.1663788e-5 GeV⁻² (PDG 2022). */
export const G_F = 1.1663788e-5;

/** Lepton masses (PDG 2022). */
export const M_E = 0.51099895e-3;
export const M_MU = 0.1056583755;
export const M_TAU = 1.77686;

/**
 * Quark masses (PDG 2022 MS-bar: u, d, s at 2 GeV, m_c(m_c), m_b(m_b); top pole mass). The free-quark widths above
 * the VMD tables and the quark loops of the loop-induced mixing use them (light-quark loops are only logarithmically
 * sensitive to them, and are an O(1) estimate there: hadrons, not quarks, run in those loops).
 */
export const M_QUARK = { u: 0.00216, d: 0.00467, s: 0.0934, c: 1.27, b: 4.18, t: 172.69 } as const;

/** Z boson mass (PDG 2022). */
export const M_Z = 91.1876;
/** sin²θ_W in MS-bar at m_Z, 0.23121 (PDG 2022). */
export const SW2_MZ = 0.23121;
/** sin θ_W and cos θ_W in MS-bar at m_Z (from SW2_MZ). */
export const SW_MZ = Math.sqrt(SW2_MZ);
export const CW_MZ = Math.sqrt(1 - SW2_MZ);
/** g_Z = e/(s_w c_w) with e at q² = 0 (the X–Z mixing of eq. 3.10 at low energy). */
export const G_Z = E_CHARGE / (SW_MZ * CW_MZ);
/** g_Z at the Z pole, e(m_Z)/(s_w c_w) (R_µe of eq. 3.17). */
export const G_Z_MZ = Math.sqrt(4 * Math.PI * ALPHA_MZ) / (SW_MZ * CW_MZ);
/** sin²θ_W at low energy (q → 0), 0.23857 (PDG 2022, Electroweak model review, eq. 10.22 running). */
export const SW2_LOW = 0.23857;

/** Nucleon and meson masses (PDG 2022). */
export const M_PROTON = 0.93827208816;
export const M_NEUTRON = 0.93956542052;
/** Atomic mass unit in GeV (CODATA 2018). */
export const AMU = 0.93149410242;
export const M_PI0 = 0.1349768;
export const M_PI_CHARGED = 0.13957039;
export const M_ETA = 0.547862;
export const M_PHI = 1.019461;

/** Conversion constants (CODATA 2018). */
export const HBAR_GEV_S = 6.582119569e-25; // ħ in GeV·s
export const HBARC_GEV_M = 1.973269804e-16; // ħc in GeV·m
export const HBARC_GEV_CM = 1.973269804e-14; // ħc in GeV·cm
/** (ħc)² in GeV² cm²: converts a cross section in GeV⁻² to cm². */
export const HBARC2_GEV2_CM2 = HBARC_GEV_CM * HBARC_GEV_CM;
export const C_M_PER_S = 299792458;
export const AVOGADRO = 6.02214076e23;

/** Unit helpers: multiply to convert into GeV. */
export const MEV = 1e-3;
export const KEV = 1e-6;
export const EV = 1e-9;
