import { normalCdf } from "../../src/cevns/special.js";
import { interpolate } from "../../src/numerics/interpolate.js";
import { type ArgonData, ENERGY_EDGE0, ENERGY_WIDTH, NE } from "./data.js";

/**
 * The CENNS-10 detector response from nuclear-recoil energy T (keVnr) to the release's 12 reconstructed-energy
 * bins (10 keVee wide from 0), all from LArParametersAnlA.yaml and CENNS10AnlAEfficiency.txt:
 * - quenching: E_ee = QF(T)·T with QF = a + b·T (a = 0.246, b = 0.00078 /keVnr);
 * - resolution: the reconstructed energy is Gaussian about E_ee with σ = a_res·√E_ee (σ/E = 0.58/√E[keVee]);
 * - acceptance: the efficiency table (0.5 keVee bins to 40 keVee) as a function of the reconstructed energy,
 *   linear between its bin centres, 0 below the first centre (where the table is 0) and the last value (0.963)
 *   above 40 keVee, where the table stops (argon recoils reach ~54 keVee; the release's CEvNS template has
 *   0.08 of its 128 events above 40 keVee).
 * R[j][e] = ∫_bin e dE ε(E) G(E; E_ee(T_j), σ), integrated in 0.05 keVee steps with exact Gaussian masses.
 */

/** Fine recoil bins: 0.25 keVnr from 0 to 150 keVnr (argon's largest recoil from 52.8 MeV ν is 149.5 keVnr). */
export const FINE = { fromKeV: 0, toKeV: 150, widthKeV: 0.25 };
export const NFINE = Math.round((FINE.toKeV - FINE.fromKeV) / FINE.widthKeV);

/** Where the acceptance applies: the reconstructed energy (default) or the quenched energy before smearing. */
export type EfficiencyAt = "reconstructed" | "quenched";

export function quenchedEnergy(T: number, a: number, b: number): number {
  return (a + b * T) * T;
}

/** The acceptance ε(E[keVee]) of the release's table (see above for the ends). */
export function acceptance(data: ArgonData, E: number): number {
  const { keVee, value } = data.efficiency;
  if (E <= keVee[0]) return value[0];
  if (E >= keVee[keVee.length - 1]) return value[value.length - 1];
  return interpolate(keVee, value, E);
}

/** R[j * NE + e] for the fine recoil bins of FINE (bin centres). */
export function responseMatrix(data: ArgonData, options: { efficiencyAt?: EfficiencyAt; step?: number; fine?: typeof FINE } = {}): Float64Array {
  const fine = options.fine ?? FINE;
  const nFine = Math.round((fine.toKeV - fine.fromKeV) / fine.widthKeV);
  const p = data.parameters;
  const step = options.step ?? 0.05;
  const top = ENERGY_EDGE0 + NE * ENERGY_WIDTH;
  const nSub = Math.round((top - ENERGY_EDGE0) / step);
  // Acceptance at each sub-bin centre, and the observed bin of each sub-bin.
  const eps = new Float64Array(nSub);
  const bin = new Int32Array(nSub);
  for (let k = 0; k < nSub; k++) {
    const E = ENERGY_EDGE0 + (k + 0.5) * step;
    eps[k] = acceptance(data, E);
    bin[k] = Math.min(NE - 1, Math.floor((E - ENERGY_EDGE0) / ENERGY_WIDTH));
  }
  const R = new Float64Array(nFine * NE);
  for (let j = 0; j < nFine; j++) {
    const T = fine.fromKeV + (j + 0.5) * fine.widthKeV;
    const mu = quenchedEnergy(T, p.qfA, p.qfB);
    const sigma = p.resolutionA * Math.sqrt(mu);
    const lo = Math.max(0, Math.floor((mu - 9 * sigma - ENERGY_EDGE0) / step));
    const hi = Math.min(nSub, Math.ceil((mu + 9 * sigma - ENERGY_EDGE0) / step));
    const atTrue = options.efficiencyAt === "quenched" ? acceptance(data, mu) : 1;
    let prev = normalCdf((ENERGY_EDGE0 + lo * step - mu) / sigma);
    for (let k = lo; k < hi; k++) {
      const next = normalCdf((ENERGY_EDGE0 + (k + 1) * step - mu) / sigma);
      const w = options.efficiencyAt === "quenched" ? atTrue : eps[k];
      R[j * NE + bin[k]] += w * (next - prev);
      prev = next;
    }
  }
  return R;
}
