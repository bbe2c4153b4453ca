import { ALPHA_MZ, M_Z, SW2_MZ } from "../../src/constants.js";
import { epsYHat, tanTheta } from "../../src/couplings/couplings.js";
import type { Likelihood } from "../../src/likelihood/types.js";

/**
 * Electroweak precision (core paper section 3.1). With the Lagrangian ε_Y of eq. (3.19) (derived from the low-energy
 * ε in couplings.ts), ε̂_Y = ε_Y/√(1−ε_Y²) and
 * r_X = m_X/m_Z:
 *   T = −(1/α(m_Z)) s_w² ε̂_Y² / (1 − r_X² + s_w² ε̂_Y²)                                   (eq. 3.12)
 * against T = 0.03 ± 0.12 (PDG 2020 electroweak fit with S, U free; eq. 3.11 text), and lepton universality
 *   δR_µe = 4/(1 − 4s_w² + 8s_w⁴) (t_θ g_X/g_Z) [x_L2 − x_L1 + 2s_w² (x_L1 + x_E1 − x_L2 − x_E2)]   (eq. 3.17)
 * against R_µe = 1.0009 ± 0.0028 (LEP, Phys. Rept. 427 (2006) 257; eq. 3.16). Δχ² is relative to the SM point.
 */
export const EW = { T: 0.03, sigmaT: 0.12, Rmue: 1.0009, sigmaRmue: 0.0028 } as const;

const SW2 = SW2_MZ;
const SW = Math.sqrt(SW2);
const CW = Math.sqrt(1 - SW2);

/** The T parameter of eq. (3.12) for the Lagrangian ε_Y. */
export function tParameter(epsY: number, mX: number): number {
  const hat2 = epsYHat(epsY) ** 2;
  const r2 = (mX / M_Z) ** 2;
  return (-(SW2 * hat2) / (1 - r2 + SW2 * hat2)) / ALPHA_MZ;
}

interface Prepared {
  mX: number;
  /** x_L2 − x_L1 + 2s_w² (x_L1 + x_E1 − x_L2 − x_E2) of eq. (3.17), per unit charge. */
  charge: number;
}

const chi2 = (x: number, c: number, s: number) => ((x - c) / s) ** 2;
/** g_Z = e(m_Z)/(s_w c_w) at the Z pole, where eq. (3.17) applies. */
const G_Z = Math.sqrt(4 * Math.PI * ALPHA_MZ) / (SW * CW);
const SM_CHI2 = chi2(0, EW.T, EW.sigmaT) + chi2(1, EW.Rmue, EW.sigmaRmue);

export const ew: Likelihood<Prepared> = {
  name: "ew",
  cite: "core paper eqs. (3.11)–(3.17); PDG 2020 T parameter; LEP R_µe",
  description: "electroweak precision: T parameter and R_µe",
  prepare(model, mX) {
    const [xL1, xL2] = [model.xL[0], model.xL[1]];
    const [xE1, xE2] = [model.xE[0], model.xE[1]];
    return { mX, charge: xL2 - xL1 + 2 * SW2 * (xL1 + xE1 - xL2 - xE2) };
  },
  evaluate(p, c) {
    const T = tParameter(c.epsY, p.mX);
    const dR = c.epsY === 0 ? 0 : (4 / (1 - 4 * SW2 + 8 * SW2 * SW2)) * ((tanTheta(c.epsY, p.mX) * c.gX) / G_Z) * p.charge;
    const d = chi2(T, EW.T, EW.sigmaT) + chi2(1 + dR, EW.Rmue, EW.sigmaRmue) - SM_CHI2;
    return { dchi2: d, observables: { T, deltaRmue: dR } };
  },
};
