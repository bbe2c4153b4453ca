import { AMU } from "../../src/constants.js";

/**
 * COHERENT CsI[Na] 2017 inputs, as used by the 12T×12E analysis of P.B. Denton & J. Gehrlein, JHEP 04 (2021) 266
 * [2008.06062], from the data release (COHERENT, arXiv:1804.09459; Science 357 (2017) 1123) — see
 * ../shared/data/coherent-csi-2017/README.md.
 */
export const COHERENT = {
  detectorMassKg: 14.6,
  liveDays: 308.1,
  baselineM: 19.3,
  protonsOnTarget: 1.76e23,
  nuPerFlavourPerProton: 0.08,
  /** Quenching factor and light yield: mean PE = T[keVnr] × 0.0878 × 13.348. */
  quenching: 0.0878,
  lightYieldPEperKeV: 13.348,
  /** Acceptance a(PE) = A / (1 + exp(−k (PE − x0))), ×½ for 5 ≤ PE < 6, 0 below 5 (data release). */
  acceptance: { A: 0.6655, k: 0.4942, x0: 10.4512 },
  /** Prompt ν_µ from π⁺ decay at rest (MeV → GeV). */
  promptEnergy: 29.79e-3,
  // The normalisation uncertainties (signal 28%, prompt neutrons 25%, steady-state background 17.1%) are in measurements.json.
  /** Beam-off exposure of the steady-state samples: 308.1 beam-on + 2 × 153.5 days. */
  backgroundScale: 308.1 / (308.1 + 2 * 153.5),
  /** Mean-PE fine bins [4, 37) and observed bins of 2 PE from 6 to 30 (centres 7..29), 12 time bins of 0.5 µs. */
  finePE: { from: 4, to: 37 },
  /**
   * The Poisson mean of fine bin k is its integer label k (offset 0), as the release tabulates the neutron
   * prediction at integer mean PE. The method text does not say; with the bin centre (offset 0.5) the SM signal
   * is 171 instead of 160 events. The integer reading reproduces Table 1's best fits (README, "Table 1").
   */
  finePEMeanOffset: 0,
  observedPE: { from: 6, to: 30, width: 2 },
  timeBins: 12,
};

/** Isotopes of CsI (masses: AME2020, M. Wang et al., Chin. Phys. C 45 (2021) 030003; natural I and Cs are monoisotopic). */
export const ISOTOPES = [
  { name: "Cs133", Z: 55, N: 78, A: 133, mass: 132.905452 * AMU },
  { name: "I127", Z: 53, N: 74, A: 127, mass: 126.904473 * AMU },
] as const;

/** CsI molar mass (g/mol) for the number of target molecules. */
export const CSI_MOLAR_MASS = 132.905452 + 126.904473;
