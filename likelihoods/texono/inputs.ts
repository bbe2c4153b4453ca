/**
 * TEXONO inputs (the measured ξ = 1.08 ± 0.21 ± 0.16 is in measurements.json).
 *
 * - Recoil window: 3 ≤ T ≤ 8 MeV, the window in which M. Deniz et al. (TEXONO), PRD 81 (2010) 072001
 *   [arXiv:0911.1597] measured ξ = R_expt/R_SM (the Bauer et al. limit that DarkCast carries is built on the same
 *   result, TEXONO:2009knm).
 * - Reactor ν̄_e spectrum per fission of each isotope, S_i(E) = exp(Σ_{k=0..5} a_k (E/MeV)^k) ν̄/(MeV·fission):
 *   ²³⁵U, ²³⁹Pu, ²⁴¹Pu: P. Huber, PRC 84 (2011) 024617 [arXiv:1106.0687], Table III;
 *   ²³⁸U: Th.A. Mueller et al., PRC 83 (2011) 054615 [arXiv:1101.2663], Table VI (Huber converts only the ILL
 *   β spectra, so ²³⁸U is always taken from Mueller: the "Huber–Mueller" model). The fits hold for 2 ≤ E ≤ 8 MeV.
 * - Fission fractions ²³⁵U : ²³⁸U : ²³⁹Pu : ²⁴¹Pu = 0.55 : 0.07 : 0.32 : 0.06, typical values for the Kuo-Sheng
 *   reactor (as quoted for it with arXiv:2402.06416). ξ hardly depends on them: a pure single-isotope spectrum moves
 *   the fitted s_w² by < 4·10⁻⁴ and ξ at the B−L limit by ≤ 1% (test/texono.test.ts, README).
 * The normalisation of the flux drops out of ξ; only the shape of Σ_i f_i S_i(E) above E_min(3 MeV) = 3.24 MeV matters.
 */
export interface IsotopeSpectrum {
  readonly isotope: "U235" | "U238" | "Pu239" | "Pu241";
  /** Fraction of fissions. */
  readonly fraction: number;
  /** a_0…a_5 of exp(Σ a_k E^k), E in MeV. */
  readonly coefficients: readonly [number, number, number, number, number, number];
  readonly cite: string;
}

export const REACTOR_SPECTRUM: readonly IsotopeSpectrum[] = [
  { isotope: "U235", fraction: 0.55, coefficients: [4.367, -4.577, 2.1, -5.294e-1, 6.186e-2, -2.777e-3], cite: "Huber, PRC 84 (2011) 024617, Table III" },
  { isotope: "U238", fraction: 0.07, coefficients: [4.833e-1, 1.927e-1, -1.283e-1, -6.762e-3, 2.233e-3, -1.536e-4], cite: "Mueller et al., PRC 83 (2011) 054615, Table VI" },
  { isotope: "Pu239", fraction: 0.32, coefficients: [4.757, -5.392, 2.563, -6.596e-1, 7.82e-2, -3.536e-3], cite: "Huber, PRC 84 (2011) 024617, Table III" },
  { isotope: "Pu241", fraction: 0.06, coefficients: [2.99, -2.882, 1.278, -3.343e-1, 3.905e-2, -1.754e-3], cite: "Huber, PRC 84 (2011) 024617, Table III" },
];

export const TEXONO = {
  /** Recoil window (GeV). */
  Tmin: 3e-3,
  Tmax: 8e-3,
  /**
   * Upper end of the E_ν integral (GeV). The fits are published up to 8 MeV; recoils near T = 8 MeV need
   * E ≥ 8.25 MeV, so the fitted exponential is extrapolated to 10 MeV. Neutrinos above 8 MeV give 0.7% of the SM rate
   * in the window and move ξ by ≤ 2·10⁻³ at the 95% CL limits; going on to 12 MeV changes the rate by 2·10⁻⁵ (README).
   */
  Emax: 10e-3,
} as const;

/** Σ_i f_i S_i(E): reactor ν̄_e per MeV and fission, E in GeV. */
export function reactorSpectrum(E: number, isotopes: readonly IsotopeSpectrum[] = REACTOR_SPECTRUM): number {
  const x = E * 1e3;
  let s = 0;
  for (const iso of isotopes) {
    const a = iso.coefficients;
    s += iso.fraction * Math.exp(a[0] + x * (a[1] + x * (a[2] + x * (a[3] + x * (a[4] + x * a[5])))));
  }
  return s;
}
