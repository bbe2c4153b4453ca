import type { ChargeAssignment } from "./anomaly.js";
import { enumerateAssignments, gcd, isVectorLike } from "./enumerate.js";
import { alphaR, fieldModel, type Model, universalFields, type VectorCoefficients, vectorModel } from "./model.js";

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

/**
 * One distinct chiral model (section 5): a chiral assignment with its L and E charges placed in one flavour order
 * (e, µ, τ) and paired with each other, the N charges as in the assignment (sorted). Models equal up to the overall
 * sign x → −x are one entry; see `catalogue` for the sign and the order.
 */
export interface ChiralEntry {
  id: string;
  /** "chiral-C17", or "Ltilde_mu-tau" for exactly the charges of eq. (5.1). */
  name: string;
  /** 1-based index of the chiral assignment (among `chiralAssignments`) the model comes from. */
  assignment: number;
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
  /** Number of chiral assignments (21 at |x| ≤ 10). */
  chiralAssignments: number;
  /** Number of distinct chiral models (`chiral.length`). */
  chiralModels: number;
  vector: VectorEntry[];
  chiral: ChiralEntry[];
}

/** The L̃_µ−τ model of the core paper, eq. (5.1), with its signs and flavour order (e, µ, τ). */
export const LTILDE_MU_TAU: ChargeAssignment = { xq: 0, xL: [-1, 7, -6], xE: [1, 6, -7], xN: [-7, -2, 9] };
export const LTILDE_MU_TAU_NAME = "Ltilde_mu-tau";

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
  // Written out (no array helpers): the catalogue calls this for every ordering of every vector assignment, at the
  // start of most commands.
  const g = gcd(gcd(gcd(gcd(0, c.cB / 3), c.ce), c.cmu), c.ctau) || 1;
  const first = c.cB || c.ce || c.cmu || c.ctau; // the first non-zero coefficient (0 for the dark photon)
  const s = first < 0 ? -1 : 1;
  return { cB: s * (c.cB / g) + 0, ce: s * (c.ce / g) + 0, cmu: s * (c.cmu / g) + 0, ctau: s * (c.ctau / g) + 0 };
}

const cache = new Map<number, Catalogue>();

/**
 * The model catalogue at a charge bound (section 2.2): 276 = 255 + 21 assignments and 419 vector models at 10.
 *
 * Chiral models: each chiral assignment is expanded into every flavour order of its L charges combined with every
 * flavour order of its E charges (i.e. every order and every L–E pairing), N kept as in the assignment (sorted);
 * repeated charges make some of these equal and they are kept once. Models equal up to the overall sign x → −x
 * (x_q and N included) are one entry, written with the sign whose flat vector (x_q, x_L, x_E, x_N), flavour order
 * e, µ, τ, is lexicographically smaller, i.e. whose first non-zero charge is negative. This keeps x_q ≤ 0 as in the
 * assignments and gives L̃_µ−τ exactly the signs of eq. (5.1) (x_q = 0, x_{L_e} = −1); within an assignment with
 * x_q = 0 the entries can carry either sign of its multisets. At |x| ≤ 10: 621 models = 16 × 36 + 5 × 9 (an
 * assignment with a repeated L and a repeated E charge has 9 orderings). Ids C1..Cn run over the assignments in catalogue
 * order and, within one, over its models in descending lexicographic order of (x_q, x_L, x_E, x_N).
 */
export function catalogue(maxCharge = 10): Catalogue {
  const hit = cache.get(maxCharge);
  if (hit) return hit;
  // The vector models need only the vector-like assignments; the whole list (with the chiral ones) is enumerated when
  // first asked for.
  const vectorAssignments = enumerateAssignments(maxCharge, "vector");
  let assignments: ChargeAssignment[] | undefined;
  const allAssignments = (): ChargeAssignment[] => (assignments ??= enumerateAssignments(maxCharge));
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
  let chiralAssignments: ChargeAssignment[] | undefined;
  const chiralAssignmentList = (): ChargeAssignment[] => (chiralAssignments ??= allAssignments().filter((a) => !isVectorLike(a)));
  // The chiral models are built when first asked for: a vector-like model spec (most commands) never needs them.
  let chiral: ChiralEntry[] | undefined;
  const chiralEntries = (): ChiralEntry[] => {
    if (chiral) return chiral;
    const list: ChiralEntry[] = [];
    chiralAssignmentList().forEach((a, k) => {
      for (const m of chiralModelsOf(a)) {
        const id = `C${list.length + 1}`;
        const name = sameCharges(m, LTILDE_MU_TAU) ? LTILDE_MU_TAU_NAME : `chiral-${id}`;
        const model = fieldModel(name, universalFields(m.xq, m.xL, m.xE, m.xN), { id });
        list.push({ id, name, assignment: k + 1, xq: m.xq, xL: m.xL, xE: m.xE, xN: m.xN, model });
      }
    });
    chiral = list;
    return list;
  };
  const cat: Catalogue = {
    maxCharge,
    get assignments() {
      return allAssignments();
    },
    vectorAssignments: vectorAssignments.length,
    get chiralAssignments() {
      return chiralAssignmentList().length;
    },
    get chiralModels() {
      return chiralEntries().length;
    },
    vector,
    get chiral() {
      return chiralEntries();
    },
  };
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

type Triple3 = readonly [number, number, number];
const permute = (v: Triple3, p: readonly number[]): Triple3 => [v[p[0]], v[p[1]], v[p[2]]];
const negate = (v: Triple3): Triple3 => [-v[0] + 0, -v[1] + 0, -v[2] + 0];
const ascending = (v: Triple3): Triple3 => [...v].sort((x, y) => x - y) as unknown as Triple3;
const flatCharges = (a: ChargeAssignment): number[] => [a.xq, ...a.xL, ...a.xE, ...a.xN];

function sameCharges(a: ChargeAssignment, b: ChargeAssignment): boolean {
  const fa = flatCharges(a);
  const fb = flatCharges(b);
  return fa.every((x, i) => x === fb[i]);
}

/** Descending lexicographic order of (x_q, x_L, x_E, x_N). */
function compareFlat(a: ChargeAssignment, b: ChargeAssignment): number {
  const fa = flatCharges(a);
  const fb = flatCharges(b);
  for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) return fb[i] - fa[i];
  return 0;
}

/**
 * The distinct chiral models of one assignment: every order of x_L times every order of x_E, x_N as given (sorted),
 * each with the sign whose flat vector (x_q, x_L, x_E, x_N) is lexicographically smaller (its first non-zero
 * charge negative), duplicates dropped; sorted in descending lexicographic order. A model and its negative are never
 * both generated (the negative is an ordering of −a, whose multisets differ from a's for every chiral assignment),
 * so each class {m, −m} appears once.
 */
function chiralModelsOf(a: ChargeAssignment): ChargeAssignment[] {
  const out = new Map<string, ChargeAssignment>();
  for (const p of PERMUTATIONS)
    for (const q of PERMUTATIONS) {
      const m: ChargeAssignment = { xq: a.xq, xL: permute(a.xL, p), xE: permute(a.xE, q), xN: ascending(a.xN) };
      const neg: ChargeAssignment = { xq: -a.xq + 0, xL: negate(m.xL), xE: negate(m.xE), xN: ascending(negate(m.xN)) };
      const c = compareFlat(m, neg) > 0 ? m : neg; // the lexicographically smaller of ±m
      out.set(flatCharges(c).join(","), c);
    }
  return [...out.values()].sort(compareFlat);
}
