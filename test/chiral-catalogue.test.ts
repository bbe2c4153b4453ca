import { describe, expect, it } from "vitest";
import { modelsCommand } from "../src/cli/commands/models.js";
import { anomalySums } from "../src/models/anomaly.js";
import { catalogue } from "../src/models/catalogue.js";
import { enumerateAssignments, isVectorLike } from "../src/models/enumerate.js";
import { admitsMuoquark } from "../src/models/muoquark.js";

// Reference: Greljo, Stangl, Thomsen, Zupan (2022), section 2.2 (21 chiral assignments at |x| ≤ 10) and
// eq. (5.1): L̃_µ−τ has x_L = (−1, 7, −6), x_E = (1, 6, −7), x_N = (−7, −2, 9), x_q = 0.
// The expansion is re-done here from scratch (nothing from catalogue.ts's chiral code is reused).

type V = readonly number[];
interface Charges {
  xq: number;
  xL: V;
  xE: V;
  xN: V;
}

const LTILDE = { xq: 0, xL: [-1, 7, -6], xE: [1, 6, -7], xN: [-7, -2, 9] };

const sorted = (v: V) => [...v].sort((a, b) => a - b);
const sameList = (a: V, b: V) => a.length === b.length && a.every((x, i) => x === b[i]);
const neg = (v: V) => v.map((x) => -x + 0);
const flat = (c: Charges) => [c.xq, ...c.xL, ...c.xE, ...sorted(c.xN)];
const key = (c: Charges) => flat(c).join(",");
const negKey = (c: Charges) => [-c.xq + 0, ...neg(c.xL), ...neg(c.xE), ...sorted(neg(c.xN))].join(",");

/** All orderings of a list (recursive; no reuse of the catalogue's permutation table). */
function orderings(v: V): number[][] {
  if (v.length <= 1) return [[...v]];
  const out: number[][] = [];
  v.forEach((x, i) => {
    for (const rest of orderings([...v.slice(0, i), ...v.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** Chiral: the L and E multisets differ (no pairing with x_{L_i} = x_{E_i}). */
const isChiral = (a: Charges) => !sameList(sorted(a.xL), sorted(a.xE));

/** Brute force: every ordering of L and E, N sorted, classes {m, −m} keyed by the smaller of the two keys. */
function bruteForce(maxCharge: number) {
  const chiral = enumerateAssignments(maxCharge).filter(isChiral);
  const perAssignment: number[] = [];
  const all = new Set<string>();
  for (const a of chiral) {
    const classes = new Set<string>();
    for (const L of orderings(a.xL))
      for (const E of orderings(a.xE)) {
        const m = { xq: a.xq, xL: L, xE: E, xN: a.xN };
        const k = [key(m), negKey(m)].sort()[0];
        classes.add(k);
        all.add(k);
      }
    perAssignment.push(classes.size);
  }
  return { chiral, perAssignment, total: all.size, all };
}

describe("chiral catalogue: every flavour order and L–E pairing of the 21 chiral assignments", () => {
  const cat = catalogue(10);
  const brute = bruteForce(10);

  it("has 21 chiral assignments and the brute-force number of distinct chiral models (621 = 16 × 36 + 5 × 9)", () => {
    expect(brute.chiral).toHaveLength(21);
    expect(cat.chiralAssignments).toBe(21);
    expect(cat.chiralModels).toBe(cat.chiral.length);
    expect(cat.chiral.length).toBe(brute.total);
    expect(brute.total).toBe(621);
    const per = brute.chiral.map((_, k) => cat.chiral.filter((e) => e.assignment === k + 1).length);
    expect(per).toEqual(brute.perAssignment);
    expect(per.filter((n) => n === 36)).toHaveLength(16);
    expect(per.filter((n) => n === 9)).toHaveLength(5);
    // The same classes, not only the same number.
    const mine = new Set(cat.chiral.map((e) => [key(e), negKey(e)].sort()[0]));
    expect([...mine].sort()).toEqual([...brute.all].sort());
  });

  it("keeps the vector catalogue and the assignment counts unchanged", () => {
    expect(cat.assignments).toHaveLength(276);
    expect(cat.vectorAssignments).toBe(255);
    expect(cat.vector).toHaveLength(419);
  });

  it("contains L̃_µ−τ with exactly the charges of eq. (5.1)", () => {
    const hits = cat.chiral.filter((e) => e.xq === LTILDE.xq && sameList(e.xL, LTILDE.xL) && sameList(e.xE, LTILDE.xE) && sameList(e.xN, LTILDE.xN));
    expect(hits).toHaveLength(1);
    expect(hits[0].name).toBe("Ltilde_mu-tau");
    expect(hits[0].model.name).toBe("Ltilde_mu-tau");
    expect(cat.chiral.filter((e) => e.name === "Ltilde_mu-tau")).toHaveLength(1);
    // It comes from the assignment with its multisets (up to the overall sign; the enumeration lists the negative).
    const a = brute.chiral[hits[0].assignment - 1];
    const multisets = (c: Charges, sg: number) => [[c.xq], c.xL, c.xE, c.xN].map((v) => sorted(v.map((x) => sg * x + 0)).join(",")).join("|");
    expect([multisets(LTILDE, 1), multisets(LTILDE, -1)]).toContain(multisets(a, 1));
  });

  it("has no two entries equal or negatives of each other", () => {
    const keys = new Set<string>();
    for (const e of cat.chiral) {
      expect(keys.has(key(e)), e.id).toBe(false);
      expect(keys.has(negKey(e)), e.id).toBe(false);
      keys.add(key(e));
    }
    expect(keys.size).toBe(cat.chiral.length);
  });

  it("writes every entry with its first non-zero charge negative (the sign convention)", () => {
    for (const e of cat.chiral) expect(flat(e).find((x) => x !== 0)! < 0, e.id).toBe(true);
  });

  it("every entry is anomaly-free and chiral", () => {
    for (const e of cat.chiral) {
      const s = anomalySums({ xq: e.xq, xL: e.xL as never, xE: e.xE as never, xN: e.xN as never });
      for (const [k, x] of Object.entries(s)) expect(Math.abs(x), `${e.id} ${k}`).toBeLessThan(1e-9);
      expect(isChiral(e), e.id).toBe(true);
    }
  });

  it("each entry has its assignment's multisets, with one overall sign", () => {
    for (const e of cat.chiral) {
      const a = brute.chiral[e.assignment - 1];
      expect(a, e.id).toBeDefined();
      const match = (s: number) =>
        s * e.xq + 0 === a.xq &&
        sameList(sorted(e.xL.map((x) => s * x + 0)), a.xL) &&
        sameList(sorted(e.xE.map((x) => s * x + 0)), a.xE) &&
        sameList(sorted(e.xN.map((x) => s * x + 0)), a.xN);
      expect(match(1) || match(-1), e.id).toBe(true);
    }
  });

  it("numbers the entries C1..Cn grouped by assignment, with names and models that carry the charges", () => {
    cat.chiral.forEach((e, i) => {
      expect(e.id).toBe(`C${i + 1}`);
      if (i > 0) expect(e.assignment).toBeGreaterThanOrEqual(cat.chiral[i - 1].assignment);
      if (e.name !== "Ltilde_mu-tau") expect(e.name).toBe(`chiral-${e.id}`);
      expect(e.model.id).toBe(e.id);
      expect(e.model.fields?.L).toEqual(e.xL);
      expect(e.model.fields?.E).toEqual(e.xE);
      expect(e.model.fields?.N).toEqual(e.xN);
      expect(e.model.fields?.Q).toEqual([e.xq, e.xq, e.xq]);
      expect([e.model.charges.e.L, e.model.charges.mu.L, e.model.charges.tau.L]).toEqual([...e.xL]);
      expect([e.model.charges.e.R, e.model.charges.mu.R, e.model.charges.tau.R]).toEqual([...e.xE]);
    });
    expect(new Set(cat.chiral.map((e) => e.assignment)).size).toBe(21);
  });

  it("agrees at smaller bounds with a brute force over all ordered charges that does not use the enumeration", () => {
    // Every ordered (x_L, x_E) with |x| ≤ m, x_q = −Σx_L/9 an integer, every sorted x_N; anomaly-free, chiral,
    // gcd 1; classes under the overall sign.
    for (const m of [4, 5]) {
      const vals: number[] = [];
      for (let x = -m; x <= m; x++) vals.push(x);
      const ordered: number[][] = [];
      for (const a of vals) for (const b of vals) for (const c of vals) ordered.push([a, b, c]);
      const sortedN = ordered.filter((t) => t[0] <= t[1] && t[1] <= t[2]);
      const g = (a: number, b: number): number => (b === 0 ? Math.abs(a) : g(b, a % b));
      const s = (v: V, p: number) => v.reduce((t, x) => t + x ** p, 0);
      const classes = new Set<string>();
      for (const L of ordered) {
        if (s(L, 1) % 9 !== 0) continue;
        const xq = -s(L, 1) / 9 + 0;
        if (Math.abs(xq) > m) continue;
        for (const E of ordered) {
          if (s(E, 1) !== s(L, 1) || s(E, 2) !== s(L, 2) || sameList(sorted(L), sorted(E))) continue;
          for (const N of sortedN) {
            const c = { xq, xL: L, xE: E, xN: N };
            const sums = anomalySums(c as never);
            if (!Object.values(sums).every((x) => Math.abs(x) < 1e-9)) continue;
            if ([xq, ...L, ...E, ...N].reduce(g, 0) !== 1) continue;
            classes.add([key(c), negKey(c)].sort()[0]);
          }
        }
      }
      expect(catalogue(m).chiralModels, `|x| <= ${m}`).toBe(classes.size);
      expect(bruteForce(m).total, `|x| <= ${m}`).toBe(classes.size);
    }
  });
});

describe("u1x models --category chiral", () => {
  it("lists the expanded models as JSON with the contract keys", () => {
    const rows = JSON.parse(modelsCommand({ category: "chiral", maxCharge: 10, format: "json" }));
    expect(rows).toHaveLength(621);
    for (const k of ["id", "xq", "xL", "xE", "xN", "name", "assignment"]) expect(rows[0]).toHaveProperty(k);
    expect(rows[0]).not.toHaveProperty("model");
    expect(rows.find((r: { name: string }) => r.name === "Ltilde_mu-tau")).toMatchObject(LTILDE);
  });
  it("reports chiralModels next to the existing counts", () => {
    const j = JSON.parse(modelsCommand({ maxCharge: 10, format: "json" }));
    expect(j.counts).toEqual({ maxCharge: 10, assignments: 276, vectorAssignments: 255, chiralAssignments: 21, vectorModels: 419, chiralModels: 621 });
    expect(j.chiral).toHaveLength(621);
    expect(j.vector).toHaveLength(419);
  });
  it("renders every text format", () => {
    const table = modelsCommand({ category: "chiral", maxCharge: 10, format: "table" });
    expect(table).toContain("621 distinct chiral models");
    expect(table).toMatch(/id\s+name\s+assignment\s+xq\s+xL\s+xE\s+xN/);
    expect(table).toContain("Ltilde_mu-tau");
    expect(modelsCommand({ maxCharge: 10, format: "table" })).toContain("419 distinct vector models, 621 distinct chiral models");
    const csv = modelsCommand({ category: "chiral", maxCharge: 10, format: "csv" }).trim().split("\n");
    expect(csv[0]).toBe("id,name,assignment,xq,xL,xE,xN");
    expect(csv).toHaveLength(622);
    expect(csv).toContain(`${csv.find((l) => l.includes("Ltilde_mu-tau"))!.split(",")[0]},Ltilde_mu-tau,5,0,"(-1,7,-6)","(1,6,-7)","(-7,-2,9)"`);
    expect(modelsCommand({ category: "chiral", maxCharge: 10, format: "md" })).toContain("| id | name | assignment |");
    const tex = modelsCommand({ category: "chiral", maxCharge: 10, format: "latex" });
    expect(tex).toContain("\\begin{tabular}");
    expect(tex).toContain("Ltilde\\_mu-tau");
    expect(modelsCommand({ category: "vector", maxCharge: 10, format: "csv" }).split("\n")[0]).toBe("id,name,cB,ce,cmu,ctau,alpha,R,assignments");
  });
});

describe("the S₃ muoquark (core paper section 6)", () => {
  it("273 of the 276 assignments admit it (252 + 21); the dark photon, B−L and N_i − N_j do not", () => {
    const all = enumerateAssignments(10);
    const ok = all.filter(admitsMuoquark);
    expect(all.length).toBe(276);
    expect(ok.length).toBe(273);
    expect(ok.filter(isVectorLike).length).toBe(252); // section 1: "252+21 satisfy the muoquark criteria"
    const failing = all.filter((a) => !admitsMuoquark(a));
    const zero = [0, 0, 0];
    expect(failing).toEqual(
      expect.arrayContaining([
        { xq: 0, xL: zero, xE: zero, xN: zero }, // the dark photon
        { xq: 0, xL: zero, xE: zero, xN: [-1, 0, 1] }, // N_i − N_j
        { xq: -1, xL: [3, 3, 3], xE: [3, 3, 3], xN: [3, 3, 3] }, // B − L (×−3)
      ]),
    );
  });
});
