import { gammaResponseMatrices } from "../../src/cevns/gammaResponse.js";
import { KEV } from "../../src/constants.js";
import { type Csi2021Data, efficiencyAt, quenchedKeVee } from "./data.js";
import { CSI2021, NE } from "./inputs.js";

/**
 * The detector response of the release (data README): recoil T → E_ee by the quenching polynomial → PE gamma-
 * distributed about 13.35·E_ee with shape 1 + 9.56·E_ee[keVee] → efficiency ε(PE) of the observed PE → the PE bins of
 * the analysis. One matrix per systematic variant; the signal is computed for all of them at once (signal.ts).
 */

/** The variants, in the order of the response's observed axis: [variant][PE bin]. */
export const VARIANTS = [
  { name: "nominal", quenching: 0, efficiency: 0 },
  { name: "quenching model 0 +1σ", quenching: 1, efficiency: 0 },
  { name: "quenching model 0 −1σ", quenching: 2, efficiency: 0 },
  { name: "quenching model 1 +1σ", quenching: 3, efficiency: 0 },
  { name: "quenching model 1 −1σ", quenching: 4, efficiency: 0 },
  { name: "efficiency +1σ", quenching: 0, efficiency: 1 },
  { name: "efficiency −1σ", quenching: 0, efficiency: 2 },
] as const;
export const NV = VARIANTS.length;

/** The shape nuisances: which variants are their +1σ and −1σ ends. */
export const SHAPES = [
  { name: "quenching model 0", plus: 1, minus: 2 },
  { name: "quenching model 1", plus: 3, minus: 4 },
  { name: "efficiency", plus: 5, minus: 6 },
] as const;
export const NS = SHAPES.length;

/** Fine recoil-energy bin edges (GeV) of the signal integral. */
export function fineEdges(): Float64Array {
  const { fromKeV, toKeV, widthKeV } = CSI2021.fineRecoil;
  const n = Math.round((toKeV - fromKeV) / widthKeV);
  return Float64Array.from({ length: n + 1 }, (_, j) => (fromKeV + j * widthKeV) * KEV);
}

/**
 * The response R[j * (NV·NE) + v·NE + e] from fine recoil bin j to PE bin e in variant v (RecoilSignal's response
 * with nObs = NV × NE).
 */
export function responseMatrix(d: Csi2021Data): Float64Array {
  const edges = fineEdges();
  const nFine = edges.length - 1;
  const nObs = NV * NE;
  const R = new Float64Array(nFine * nObs);
  const efficiencies = d.efficiency.map((c) => (pe: number) => efficiencyAt(c, pe));
  for (let q = 0; q < d.quenching.length; q++) {
    const uses = VARIANTS.map((v, i) => ({ v, i })).filter(({ v }) => v.quenching === q);
    if (!uses.length) continue;
    const coef = d.quenching[q];
    const Rs = gammaResponseMatrices({
      fineEdges: edges,
      observedEdges: CSI2021.peEdges,
      mean: (T) => CSI2021.lightYield * quenchedKeVee(coef, T / KEV),
      shape: (T) => 1 + CSI2021.resolutionB * quenchedKeVee(coef, T / KEV),
      efficiencies: uses.map(({ v }) => efficiencies[v.efficiency]),
    });
    uses.forEach(({ i }, k) => {
      for (let j = 0; j < nFine; j++) for (let e = 0; e < NE; e++) R[j * nObs + i * NE + e] = Rs[k][j * NE + e];
    });
  }
  return R;
}
