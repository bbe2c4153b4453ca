/**
 * CHARM-II ν_µ e and ν̄_µ e inputs (the measured couplings and the normalisation priors are in measurements.json).
 *
 * - Mean beam energies E_ν = 23.7 ± 0.3 GeV (ν_µ) and 19.1 ± 0.2 GeV (ν̄_µ) of the horn-focused SPS wide-band beams,
 *   as quoted by the core paper, section 5.3, from P. Vilain et al. (CHARM-II), PLB 302 (1993) 351 and
 *   PLB 335 (1994) 246. As in the core paper, the flux is replaced by its mean energy.
 * - Analysis window: electromagnetic showers of 3 GeV ≤ E_e ≤ 24 GeV, the CHARM-II ν_µ e selection
 *   (D. Geiregat et al., PLB 232 (1989) 539; P. Vilain et al., PLB 335 (1994) 246). At the mean energies this is
 *   y = E_e/E_ν ∈ [0.127, 1] (ν_µ) and [0.157, 1] (ν̄_µ); E_e ≤ 24 GeV does not cut at these energies. The window is
 *   quoted from the publications as we know them (no copy of them is stored with this package); the README gives
 *   the limits for y_min = 0.10 as well: only m_X ≲ 100 MeV feels the lower edge.
 */
export interface Beam {
  readonly name: "nu" | "nubar";
  /** Mean ν energy (GeV). */
  readonly E: number;
  /** Electron-energy window (GeV). */
  readonly EeMin: number;
  readonly EeMax: number;
}

export const CHARM2_BEAMS: readonly [Beam, Beam] = [
  { name: "nu", E: 23.7, EeMin: 3, EeMax: 24 },
  { name: "nubar", E: 19.1, EeMin: 3, EeMax: 24 },
];

/** The y window of a beam at its mean energy: [E_e,min/E, min(1, E_e,max/E)]. */
export function yWindow(b: Beam): [number, number] {
  return [b.EeMin / b.E, Math.min(1, b.EeMax / b.E)];
}
