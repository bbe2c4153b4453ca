import type { ChargeAssignment } from "./anomaly.js";
import { enumerateAssignments, gcd, isVectorLike } from "./enumerate.js";
import { alphaR, type Model, type VectorCoefficients, vectorModel } from "./model.js";

/** One phenomenologically distinct vector-like model (section 2.2): a lepton ordering of a vector assignment. */
export interface VectorEntry extends VectorCoefficients {
  id: string;
  name: string;
  /** (α, R) of eq. (4.4); null for the dark photon, R = Infinity for L_µ − L_τ-type models. */
  alpha: number | null;
  R: number | null;
  /** How many of the vector assignments (with their N charges) give this SM charge vector. */
  assignments: number;
  model: Model;
}

export interface ChiralEntry {
  id: string;
  xq: number;
  xL: readonly number[];
  xE: readonly number[];
  xN: readonly number[];
  model: Model;
}

export interface Catalogue {
  maxCharge: number;
  assignments: ChargeAssignment[];
  vectorAssignments: number;
  chiralAssignments: number;
  vector: VectorEntry[];
  chiral: ChiralEntry[];
}

const PERMUTATIONS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

/**
 * Normalise a Table 1 coefficient vector: field charges (x_q = cB/3, x_ℓ) integer with gcd 1, and the first
 * non-zero coefficient positive (Table 1's sign convention).
 */
export function normaliseVector(c: VectorCoefficients): VectorCoefficients {
  const g = [c.cB / 3, c.ce, c.cmu, c.ctau].reduce(gcd, 0) || 1;
  let v = [c.cB / g, c.ce / g, c.cmu / g, c.ctau / g];
  const first = v.find((x) => x !== 0);
  if (first !== undefined && first < 0) v = v.map((x) => -x);
  const [cB, ce, cmu, ctau] = v.map((x) => x + 0);
  return { cB, ce, cmu, ctau };
}

const cache = new Map<number, Catalogue>();

/** The model catalogue at a charge bound (section 2.2): 276 = 255 + 21 assignments and 419 vector models at 10. */
export function catalogue(maxCharge = 10): Catalogue {
  const hit = cache.get(maxCharge);
  if (hit) return hit;
  const assignments = enumerateAssignments(maxCharge);
  const vectorAssignments = assignments.filter(isVectorLike);
  const byKey = new Map<string, { c: VectorCoefficients; from: Set<number> }>();
  vectorAssignments.forEach((a, k) => {
    for (const p of PERMUTATIONS) {
      const c = normaliseVector({ cB: 3 * a.xq, ce: a.xL[p[0]], cmu: a.xL[p[1]], ctau: a.xL[p[2]] });
      const key = vectorKey(c);
      const e = byKey.get(key);
      if (e) e.from.add(k);
      else byKey.set(key, { c, from: new Set([k]) });
    }
  });
  const vectors = [...byKey.values()].sort((a, b) => compareVectors(a.c, b.c));
  const vector: VectorEntry[] = vectors.map(({ c, from }, i) => {
    const n = from.size;
    const id = `V${i + 1}`;
    const ar = alphaR(c);
    const model = vectorModel(c, id);
    return { id, name: model.name, ...c, alpha: ar ? ar.alpha : null, R: ar ? ar.R : null, assignments: n, model };
  });
  const chiral: ChiralEntry[] = assignments
    .filter((a) => !isVectorLike(a))
    .map((a, i) => {
      const id = `C${i + 1}`;
      const name = `chiral-${id}`;
      return { id, xq: a.xq, xL: a.xL, xE: a.xE, xN: a.xN, model: { id, name, xq: a.xq, xL: a.xL, xE: a.xE, xN: a.xN } };
    });
  const cat = { maxCharge, assignments, vectorAssignments: vectorAssignments.length, chiralAssignments: chiral.length, vector, chiral };
  cache.set(maxCharge, cat);
  return cat;
}

export function vectorKey(c: VectorCoefficients): string {
  return `${c.cB},${c.ce},${c.cmu},${c.ctau}`;
}

/** Order: by the largest charge, then Table 1's columns descending (dark photon first). */
function compareVectors(a: VectorCoefficients, b: VectorCoefficients): number {
  const ma = Math.max(Math.abs(a.cB / 3), Math.abs(a.ce), Math.abs(a.cmu), Math.abs(a.ctau));
  const mb = Math.max(Math.abs(b.cB / 3), Math.abs(b.ce), Math.abs(b.cmu), Math.abs(b.ctau));
  if (ma !== mb) return ma - mb;
  const va = [a.cB, a.ce, a.cmu, a.ctau];
  const vb = [b.cB, b.ce, b.cmu, b.ctau];
  for (let i = 0; i < 4; i++) if (va[i] !== vb[i]) return vb[i] - va[i];
  return 0;
}
