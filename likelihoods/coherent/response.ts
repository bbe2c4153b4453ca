import { COHERENT } from "./inputs.js";
import { NE, NFINE } from "./data.js";

/** Signal acceptance of the data release as a function of the observed PE count. */
export function acceptance(pe: number): number {
  if (pe < 5) return 0;
  const { A, k, x0 } = COHERENT.acceptance;
  const a = A / (1 + Math.exp(-k * (pe - x0)));
  return pe < 6 ? 0.5 * a : a;
}

/**
 * Detector response [fine mean-PE bin j][observed 2-PE bin e]: the mean PE of fine bin j is its integer label
 * 4 … 36 plus COHERENT.finePEMeanOffset (inputs.ts); the observed count is Poisson-distributed about it, weighted
 * by the acceptance and summed into the bins [6,8), …, [28,30).
 */
export function responseMatrix(): Float64Array {
  const R = new Float64Array(NFINE * NE);
  for (let j = 0; j < NFINE; j++) {
    const mu = COHERENT.finePE.from + j + COHERENT.finePEMeanOffset;
    let p = Math.exp(-mu); // P(0)
    for (let n = 0; n < COHERENT.observedPE.to; n++) {
      if (n > 0) p *= mu / n;
      if (n < COHERENT.observedPE.from) continue;
      const e = Math.floor((n - COHERENT.observedPE.from) / COHERENT.observedPE.width);
      R[j * NE + e] += p * acceptance(n);
    }
  }
  return R;
}
