import { AVOGADRO, HBARC2_GEV2_CM2 } from "../constants.js";
import type { Model } from "../models/model.js";

/**
 * Pieces of a stopped-pion CEvNS prediction shared by the detectors of a spallation source (the CsI 2017 and 2021 and
 * the argon modules use them): the neutrino fluence, the number of target molecules, and where the X exchange with a
 * nucleus vanishes.
 */

export interface StoppedPionSource {
  /** Neutrinos of each flavour (prompt ν_µ, delayed ν_e, delayed ν̄_µ) per proton on target. */
  nuPerFlavourPerProton: number;
  protonsOnTarget: number;
  /** Source–detector distance (m). */
  baselineM: number;
}

/**
 * Neutrinos per flavour per cm² at the detector times (ħc)², so that events = targets × this × σ[GeV⁻²]
 * (RecoilSignal's `exposure`): isotropic emission, N_ν/(4π L²).
 */
export function fluencePerFlavour(s: StoppedPionSource): number {
  return ((s.nuPerFlavourPerProton * s.protonsOnTarget) / (4 * Math.PI * (s.baselineM * 100) ** 2)) * HBARC2_GEV2_CM2;
}

/** Number of molecules (formula units) in massKg of a compound of molar mass g/mol. */
export function molecules(massKg: number, molarMassGPerMol: number): number {
  return ((massKg * 1000) / molarMassGPerMol) * AVOGADRO;
}

/**
 * The values of ε·e/g_X at which X exchange with each nucleus (Z, N) vanishes: Z (x_p + ε e/g_X) + N x_n = 0 with the
 * vector charges x_p = 2x_u,V + x_d,V and x_n = x_u,V + 2x_d,V (for universal quark charge c_B/3 this is
 * −c_B (Z + N)/Z, core paper eq. 4.5). Kinetic mixing adds e Q_f ε to the proton only.
 */
export function nucleusZeros(model: Model, nuclei: readonly { Z: number; N: number }[]): number[] {
  const { u, d } = model.charges;
  const uV = (u.L + u.R) / 2;
  const dV = (d.L + d.R) / 2;
  return nuclei.map((k) => -(k.Z * (2 * uV + dV) + k.N * (uV + 2 * dV)) / k.Z);
}
