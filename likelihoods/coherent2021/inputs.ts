import { SNS_TIMING, type StoppedPionTiming } from "../../src/cevns/timing.js";

/**
 * COHERENT CsI[Na] 2021 (full data set), arXiv:2110.07730, Phys. Rev. Lett. 129 (2022) 081801, and its data release
 * (../shared/data/coherent-csi-2021/README.md, "the data README" below). The measured normalisations with their
 * uncertainties are in measurements.json (set `paper2021`).
 */
export const CSI2021 = {
  /** CsI[Na] mass (data README). */
  detectorMassKg: 14.6,
  /** 13.99 GWh ≈ 3.2×10²³ protons on target; 0.0848 ν per flavour per proton; baseline 19.3 m (data README). */
  protonsOnTarget: 3.2e23,
  nuPerFlavourPerProton: 0.0848,
  baselineM: 19.3,
  /** Prompt ν_µ line of π⁺ decay at rest (GeV). */
  promptEnergy: 29.79e-3,
  /** Light yield, PE per keVee (data README). */
  lightYield: 13.35,
  /**
   * Gamma-distributed PE for mean 13.35·E_ee: shape 1 + b, scale 1/(a(1 + b)) with a = resolutionA/E_ee,
   * b = resolutionB·E_ee, E_ee in keVee (data README). The mean 1/a = E_ee/0.0749 is the light yield.
   */
  resolutionA: 0.0749,
  resolutionB: 9.56,
  /**
   * Time-dependent efficiency of the release: ε_T(t) = 1 for t < 0.52 µs, exp(−0.0494 µs⁻¹ (t − 0.52 µs)) after
   * (the supplemental material of arXiv:2110.07730, Paper_CEvNSCsI_FullDataset_SupMaterials.pdf; used as such by
   * e.g. M. Atzori Corona et al., JHEP 05 (2022) 109 [2202.11002]). The data README does not list it; without it the
   * SM expectation is 374 events instead of the published 341 (README, "Checks"), and the anti-coincidence sample
   * itself falls by the same factor over 0–6 µs (703 events in 0–3 µs, 592 in 3–6 µs; ε_T predicts a ratio 0.86).
   */
  timeEfficiency: { flatUntil: 0.52, slope: 0.0494 },
  /** SNS pulse and parent lifetimes (src/cevns/timing.ts; pulse from the data README). */
  timing: SNS_TIMING as StoppedPionTiming,
  /** Analysis region of the release: 0 ≤ PE < 60 and 0 ≤ t < 6 µs (60–250 PE and 6–12 µs are not used). */
  roi: { pe: [0, 60], time: [0, 6] },
  /**
   * Analysis bins (README, "Binning"): PE edges, 4-PE bins over 8–32 PE where the signal is, wider above; time edges
   * in µs, 0.25 µs over the prompt pulse, then 0.5, 1 and 2 µs following the µ⁺ decay curve.
   */
  peEdges: [0, 8, 12, 16, 20, 24, 28, 32, 40, 50, 60],
  timeEdges: [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6],
  /** Fine recoil-energy bins for the signal integral (keVnr): 0.5 keV from 1 to 49 keV (the kinematic end is 47 keV for I). */
  fineRecoil: { fromKeV: 1, toKeV: 49, widthKeV: 0.5 },
};

/** Number of analysis bins: PE × time, flattened as e * NT + t. */
export const NE = CSI2021.peEdges.length - 1;
export const NT = CSI2021.timeEdges.length - 1;

/** The time-dependent efficiency ε_T(t) (t in µs). */
export function timeEfficiency(t: number): number {
  const { flatUntil, slope } = CSI2021.timeEfficiency;
  return t < flatUntil ? 1 : Math.exp(-slope * (t - flatUntil));
}
