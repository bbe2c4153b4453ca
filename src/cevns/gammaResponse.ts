import { gaussLegendre } from "../numerics/gaussLegendre.js";
import { gammaP } from "./special.js";

/**
 * Detector response of a light-counting detector whose observed signal (photoelectrons, PE) for a recoil of mean
 * signal µ follows a gamma distribution of shape k (mean µ, variance µ²/k), as COHERENT's CsI[Na] 2021 analysis
 * models it (coherent-csi-2021 README: shape 1 + b, scale 1/(a(1 + b)), so mean 1/a). Generic: the detector supplies
 * µ(T) and k(T) of the recoil energy and efficiencies of the observed value.
 */

/** An efficiency of the observed value (PE); null means 1. */
export type ObservedEfficiency = ((x: number) => number) | null;

/**
 * Probability that a gamma(mean, shape) variable lands in each bin [edges[e], edges[e+1]), weighted by each
 * efficiency of the observed value: Σ over sub-bins of at most `step` of ΔP × ε(sub-bin centre), ΔP from the
 * regularised incomplete gamma function (the CDF is computed once and shared by the efficiencies). Adds
 * w × probability into outs[k][offset + e] for efficiency k.
 */
export function addGammaBinProbabilities(
  mean: number,
  shape: number,
  edges: ArrayLike<number>,
  efficiencies: readonly ObservedEfficiency[],
  step: number,
  w: number,
  outs: readonly Float64Array[],
  offset = 0,
): void {
  if (!(mean > 0) || !(shape > 0)) return;
  const scale = mean / shape;
  let prev = gammaP(shape, edges[0] / scale);
  for (let e = 0; e + 1 < edges.length; e++) {
    if (prev >= 1) return; // the rest of the distribution is below every later bin's resolution
    const lo = edges[e];
    const hi = edges[e + 1];
    const m = Math.max(1, Math.ceil((hi - lo) / step - 1e-9));
    const h = (hi - lo) / m;
    for (let k = 0; k < m; k++) {
      const x1 = k === m - 1 ? hi : lo + (k + 1) * h;
      const next = gammaP(shape, x1 / scale);
      const dP = w * (next - prev);
      prev = next;
      if (dP === 0) continue;
      const xm = x1 - 0.5 * h;
      for (let q = 0; q < efficiencies.length; q++) {
        const f = efficiencies[q];
        const eff = f ? f(xm) : 1;
        if (eff > 0) outs[q][offset + e] += dP * eff;
      }
    }
  }
}

export interface GammaResponseSpec {
  /** Edges of the fine recoil-energy bins (as RecoilSignal's), length nFine + 1. */
  fineEdges: ArrayLike<number>;
  /** Edges of the observed bins (e.g. PE). */
  observedEdges: ArrayLike<number>;
  /** Mean observed signal and gamma shape at recoil energy T (same unit as fineEdges); a mean ≤ 0 gives nothing. */
  mean: (T: number) => number;
  shape: (T: number) => number;
  /** Efficiencies of the observed value: one matrix per entry (null: efficiency 1). */
  efficiencies: readonly ObservedEfficiency[];
  /** Recoil points per fine bin, averaged with Gauss–Legendre weights (default 4). */
  points?: number;
  /** Sub-bin width of the efficiency weighting, in observed units (default 0.5). */
  step?: number;
}

/**
 * Response matrices R[j * nObs + e] from fine recoil bin j to observed bin e (RecoilSignal's `response`), one per
 * efficiency: the gamma-smeared, efficiency-weighted bin probabilities averaged over the fine bin (uniform weight in
 * T, Gauss–Legendre points).
 */
export function gammaResponseMatrices(spec: GammaResponseSpec): Float64Array[] {
  const nFine = spec.fineEdges.length - 1;
  const nObs = spec.observedEdges.length - 1;
  const Rs = spec.efficiencies.map(() => new Float64Array(nFine * nObs));
  const gl = gaussLegendre(spec.points ?? 4);
  const step = spec.step ?? 0.5;
  for (let j = 0; j < nFine; j++) {
    const lo = spec.fineEdges[j];
    const h = 0.5 * (spec.fineEdges[j + 1] - lo);
    for (let q = 0; q < gl.x.length; q++) {
      const T = lo + h * (1 + gl.x[q]);
      addGammaBinProbabilities(spec.mean(T), spec.shape(T), spec.observedEdges, spec.efficiencies, step, 0.5 * gl.w[q], Rs, j * nObs);
    }
  }
  return Rs;
}
