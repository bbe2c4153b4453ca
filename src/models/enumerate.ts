import type { ChargeAssignment } from "./anomaly.js";

/**
 * Enumerate the anomaly-free, quark-flavour-universal U(1)_X charge assignments with x_H = 0 (core paper,
 * section 2.2, counting as in Greljo, Stangl, Thomsen, arXiv:2103.13991, section 2.2).
 *
 * With x_Q = x_U = x_D = x_q the six conditions of anomaly.ts reduce to
 *   Σ x_L = Σ x_E = Σ x_N = −9 x_q          (SU(2)²X, Y²X, grav²X)
 *   Σ x_E² = Σ x_L²                          (YX²)
 *   2 Σ x_L³ = Σ x_E³ + Σ x_N³               (X³)
 * SU(3)²X holds identically. All charges (x_q included) are integers with |x| ≤ maxCharge; assignments are
 * counted up to permutations within L, E and N separately, a common factor and an overall sign.
 *
 * The all-zero assignment is kept: it is the pure dark photon (X couples only through kinetic mixing), which the
 * core paper counts separately from U(1)_{N_i−N_j} (section 6: "the dark photon model, which has x_f = 0 for all
 * fermions, and the U(1)_{B−L} and U(1)_{N_i−N_j} models"). With it the counts are 276 = 255 + 21.
 *
 * `only = "vector"` gives the vector-like assignments alone (the same list as filtering by `isVectorLike`, without
 * the E triples of the chiral ones): what a vector model's catalogue entry needs.
 */
export function enumerateAssignments(maxCharge = 10, only?: "vector"): ChargeAssignment[] {
  if (!Number.isInteger(maxCharge) || maxCharge < 1) throw new RangeError(`max charge must be a positive integer, got ${maxCharge}`);
  const triples = sortedTriples(maxCharge);
  // Index triples by (sum, Σx²) for E and by (sum, Σx³) for N.
  const bySumSq = new Map<string, Triple[]>();
  const bySumCube = new Map<string, Triple[]>();
  for (const t of triples) {
    push(bySumSq, `${t.s1},${t.s2}`, t);
    push(bySumCube, `${t.s1},${t.s3}`, t);
  }
  const seen = new Set<string>();
  const out: ChargeAssignment[] = [];
  for (const L of triples) {
    if (L.s1 % 9 !== 0) continue; // x_q = −Σx_L/9 must be an integer
    const xq = -L.s1 / 9 + 0; // "+ 0" normalises −0
    // Vector-like (x_E = x_L as multisets, `isVectorLike`): E is L itself, and X³ reads Σ x_N³ = Σ x_L³.
    for (const E of only === "vector" ? [L] : (bySumSq.get(`${L.s1},${L.s2}`) ?? [])) {
      for (const N of bySumCube.get(`${L.s1},${2 * L.s3 - E.s3}`) ?? []) {
        const a = canonical({ xq, xL: L.v, xE: E.v, xN: N.v });
        const key = assignmentKey(a);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(a);
      }
    }
  }
  out.sort(compareAssignments);
  return out;
}

/** Vector-like: the charged-lepton charges can be paired so that x_{L_i} = x_{E_i} (equal multisets). */
export function isVectorLike(a: ChargeAssignment): boolean {
  return a.xL.every((x, i) => x === a.xE[i]);
}

interface Triple {
  v: readonly [number, number, number];
  s1: number;
  s2: number;
  s3: number;
}

function sortedTriples(m: number): Triple[] {
  const out: Triple[] = [];
  for (let a = -m; a <= m; a++)
    for (let b = a; b <= m; b++)
      for (let c = b; c <= m; c++) out.push({ v: [a, b, c], s1: a + b + c, s2: a * a + b * b + c * c, s3: a ** 3 + b ** 3 + c ** 3 });
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

const sortTriple = (v: readonly number[]) => [...v].sort((x, y) => x - y) as unknown as readonly [number, number, number];

/** Divide by the gcd and fix the overall sign (the lexicographically smaller of ±a, flat order x_q, L, E, N). */
function canonical(a: ChargeAssignment): ChargeAssignment {
  const all = [a.xq, ...a.xL, ...a.xE, ...a.xN];
  const g = all.reduce(gcd, 0) || 1;
  const scale = (s: number): ChargeAssignment => ({
    xq: (s * a.xq) / g + 0,
    xL: sortTriple(a.xL.map((x) => (s * x) / g + 0)),
    xE: sortTriple(a.xE.map((x) => (s * x) / g + 0)),
    xN: sortTriple(a.xN.map((x) => (s * x) / g + 0)),
  });
  const plus = scale(1);
  const minus = scale(-1);
  return compareAssignments(plus, minus) >= 0 ? plus : minus;
}

function flat(a: ChargeAssignment): number[] {
  return [a.xq, ...a.xL, ...a.xE, ...a.xN];
}

export function assignmentKey(a: ChargeAssignment): string {
  return flat(a).join(",");
}

function compareAssignments(a: ChargeAssignment, b: ChargeAssignment): number {
  const fa = flat(a);
  const fb = flat(b);
  for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) return fb[i] - fa[i];
  return 0;
}
