import { describe, expect, it } from "vitest";
import { anomalySums, isAnomalyFree } from "../src/models/anomaly.js";
import { catalogue } from "../src/models/catalogue.js";
import { alphaR, fromAlphaR } from "../src/models/model.js";
import { catalogueLabel, resolveModel } from "../src/models/spec.js";

// Reference: Greljo, Stangl, Thomsen, Zupan (2022), section 2.2 and Table 1; eq. (5.1) for the chiral L̃µ−τ.
const TABLE1 = [
  [0, 0, 1, -1],
  [3, -7, -1, -1],
  [3, -6, 7, -10],
  [3, -6, 6, -9],
  [3, -6, 5, -8],
  [3, -6, 4, -7],
  [3, -6, 3, -6],
];

describe("model catalogue (section 2.2)", () => {
  const cat = catalogue(10);

  it("every assignment has all six anomaly sums zero", () => {
    for (const a of cat.assignments) expect(isAnomalyFree(a), JSON.stringify(a)).toBe(true);
    const s = anomalySums({ xq: 1, xL: [-3, -3, -3], xE: [-3, -3, -3], xN: [-3, -3, -3] }); // B−L
    expect(Object.values(s).every((x) => x === 0)).toBe(true);
    expect(isAnomalyFree({ xq: 0, xL: [1, 0, 0], xE: [1, 0, 0], xN: [1, 0, 0] })).toBe(false); // L_e alone
  });

  it("counts 276 = 255 vector-like + 21 chiral assignments and 419 vector models", () => {
    expect(cat.assignments.length).toBe(276);
    expect(cat.vectorAssignments).toBe(255);
    expect(cat.chiralAssignments).toBe(21);
    expect(cat.vector.length).toBe(419);
    expect(cat.vector.filter((v) => v.cB === 0 && v.ce === 0 && v.cmu === 0 && v.ctau === 0)).toHaveLength(1);
  });

  it("contains Table 1's seven models", () => {
    for (const [cB, ce, cmu, ctau] of TABLE1) expect(cat.vector.some((v) => v.cB === cB && v.ce === ce && v.cmu === cmu && v.ctau === ctau), `${cB},${ce},${cmu},${ctau}`).toBe(true);
  });

  it("contains the chiral L̃µ−τ assignment of eq. (5.1), up to sign and permutations", () => {
    const sort = (v: readonly number[]) => [...v].sort((a, b) => a - b).join(",");
    const target = { L: sort([-1, 7, -6]), E: sort([1, 6, -7]), N: sort([-7, -2, 9]) };
    const neg = (v: readonly number[]) => v.map((x) => -x);
    const hit = cat.chiral.some(
      (c) => c.xq === 0 && ((sort(c.xL) === target.L && sort(c.xE) === target.E && sort(c.xN) === target.N) || (sort(neg(c.xL)) === target.L && sort(neg(c.xE)) === target.E && sort(neg(c.xN)) === target.N)),
    );
    expect(hit).toBe(true);
  });

  it("agrees with an independent brute-force enumeration at a smaller bound", () => {
    // Brute force over all ordered charge vectors with |x| ≤ 3: no hashing, canonical form by sorting.
    const m = 3;
    const found = new Set<string>();
    const vals: number[] = [];
    for (let x = -m; x <= m; x++) vals.push(x);
    const triples: number[][] = [];
    for (const a of vals) for (const b of vals) for (const c of vals) if (a <= b && b <= c) triples.push([a, b, c]);
    const s = (v: number[], p: number) => v.reduce((t, x) => t + x ** p, 0);
    const g = (a: number, b: number): number => (b === 0 ? Math.abs(a) : g(b, a % b));
    for (const L of triples)
      for (const E of triples)
        for (const N of triples) {
          if (s(L, 1) % 9 !== 0) continue;
          const xq = -s(L, 1) / 9;
          if (!isAnomalyFree({ xq, xL: L as never, xE: E as never, xN: N as never })) continue;
          const all = [xq, ...L, ...E, ...N];
          const d = all.reduce(g, 0) || 1;
          const key = (sg: number) => [[xq], L, E, N].map((v) => v.map((x) => (sg * x) / d + 0).sort((a, b) => a - b).join(",")).join("|");
          found.add([key(1), key(-1)].sort()[0]);
        }
    expect(catalogue(m).assignments.length).toBe(found.size);
  });

  it("reports its own counts at another bound", () => {
    const c5 = catalogue(5);
    expect(c5.assignments.length).toBe(c5.vectorAssignments + c5.chiralAssignments);
    expect(c5.assignments.length).toBeLessThan(276);
    expect(c5.vector.length).toBeLessThan(419);
  });

  it("(α, R) of eq. (4.4) maps back to the same charges", () => {
    for (const v of cat.vector) {
      const ar = alphaR(v);
      if (!ar) continue;
      const back = fromAlphaR(ar.alpha, ar.R);
      const a = [v.cB, v.ce, v.cmu, v.ctau];
      const b = [back.cB, back.ce, back.cmu, back.ctau];
      const na = Math.hypot(...a);
      const nb = Math.hypot(...b);
      const dot = a.reduce((t, x, i) => t + x * b[i], 0) / (na * nb);
      expect(Math.abs(dot), v.name).toBeCloseTo(1, 12); // models are defined up to an overall sign
    }
    expect(alphaR({ cB: 0, ce: 0, cmu: 1, ctau: -1 })?.R).toBe(Number.POSITIVE_INFINITY);
    // The class 3B − 6Le − 3Ltau + N(Lmu − Ltau) sits on tan α = −2/3 (section 4.2).
    const ar = alphaR({ cB: 3, ce: -6, cmu: 5, ctau: -8 })!;
    expect(Math.tan(ar.alpha)).toBeCloseTo(-2 / 3, 12);
  });
});

describe("model specs", () => {
  it("takes names and lists exactly as typed and names the catalogue model they are a multiple of", () => {
    expect(resolveModel("Lmu-Ltau")).toMatchObject({ name: "Lmu-Ltau", id: "V4", catalogue: { id: "V4", factor: 1 } });
    expect(resolveModel("3,-7,-1,-1").name).toBe("3B-7Le-Lmu-Ltau");
    // B−L is x_q = 1/3, x_ℓ = −1 (not the catalogue's 3B−3L); the catalogue entry and the factor are recorded.
    const bl = resolveModel("B-L");
    expect(bl.fields!.Q[0]).toBeCloseTo(1 / 3, 15);
    expect(bl.fields!.L).toEqual([-1, -1, -1]);
    expect(bl.id).toBeUndefined();
    expect(catalogueLabel(bl)).toMatch(/^V\d+ ×1\/3$/);
    expect(resolveModel(bl.catalogue!.id).name).toBe("3B-3Le-3Lmu-3Ltau");
    expect(resolveModel("B-3Le").fields!.L).toEqual([-3, 0, 0]);
    expect(resolveModel("1,-3,0,0").fields!.L).toEqual([-3, 0, 0]);
    // The overall sign is kept.
    const neg = resolveModel("-3,4,4,1");
    expect(neg.fields!.u).toEqual([-1, -1, -1]);
    expect(neg.fields!.L).toEqual([4, 4, 1]);
    expect(catalogueLabel(neg)).toMatch(/^V\d+ ×−1$/);
    // Only an id uses the catalogue's normalisation.
    expect(resolveModel("V4")).toMatchObject({ id: "V4", fields: { L: [0, 1, -1] } });
  });
  it("rejects unknown names, malformed lists and anomalous vectors", () => {
    expect(() => resolveModel("foo")).toThrow(/unknown model/);
    expect(() => resolveModel("1,2,x,3")).toThrow();
    expect(() => resolveModel("1,0,0,0")).toThrow(/anomaly-free/);
    expect(() => resolveModel("V9999")).toThrow(/unknown model id/);
  });
});
