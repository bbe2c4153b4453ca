import type { ChargeAssignment } from "./anomaly.js";

/**
 * Whether an assignment admits the S₃ muoquark (core paper section 6; Greljo, Stangl, Thomsen, arXiv:2103.13991): S₃ in
 * (3̄, 3, 1/3) with x_S3 = −x_L2 − x_q couples to the muon but not to e and τ when x_L2 ≠ x_L1, x_L3, and the diquark
 * operator qqS₃† is forbidden when x_L2 ≠ −3x_q. With the lepton ordering free, some L charge must occur once and
 * differ from −3x_q. Section 6: 273 of the 276 assignments do; the dark photon, B−L and N_i − N_j do not.
 */
export function admitsMuoquark(a: ChargeAssignment): boolean {
  return a.xL.some((l) => a.xL.filter((y) => y === l).length === 1 && l !== -3 * a.xq);
}
