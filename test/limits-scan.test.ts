import { describe, expect, it } from "vitest";
import { G_FLOOR, RecastAtMass } from "../likelihoods/resonances/recast.js";
import { selectSearches } from "../likelihoods/resonances/searches.js";
import { E_CHARGE } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { resolveModel } from "../src/models/spec.js";
import { firstCrossing, firstCrossingNear } from "../src/numerics/scan.js";
import { WidthCalculator } from "../src/widths/calculator.js";
import { loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";

// The shortcuts of `u1x limits --scan` (issue #19) against the routes they replace.
describe("firstCrossingNear: firstCrossing's number, started near a guess", () => {
  const cases: [string, (x: number) => number][] = [
    ["linear", (x) => 2 * Math.LN10 * (x + 4.3)],
    ["cubic", (x) => (x + 2.1) ** 3],
    ["exp", (x) => Math.exp(x) - 0.37],
  ];
  for (const [name, f] of cases)
    for (const dir of ["up", "down"] as const) {
      const h = dir === "up" ? f : (x: number) => -f(x);
      it(`${name}, ${dir}: equal (===) to the full scan for good, early, late and useless guesses`, () => {
        const full = firstCrossing(h, -9, 0, 0.25, 1e-10, dir);
        expect(full).not.toBeNull();
        for (const guess of [full as number, (full as number) - 0.1, (full as number) + 0.1, -9, -20, 3, 0, Number.POSITIVE_INFINITY, Number.NaN])
          expect(firstCrossingNear(h, -9, 0, 0.25, 1e-10, dir, guess), `guess ${guess}`).toBe(full);
      });
    }
  it("no crossing: null, whatever the guess", () => {
    for (const guess of [-5, 0, 10, Number.POSITIVE_INFINITY]) expect(firstCrossingNear((x) => x - 5, -9, 0, 0.25, 1e-10, "up", guess)).toBeNull();
  });
  it("a guess past the first crossing, where h has crossed already, falls back to the full scan", () => {
    // −cos(0.9 (x + 9)) rises through 0 at x ≈ −7.25, falls at −3.76, rises again at −0.27; at a guess of −5 the first
    // point checked (−5.5) is past the first crossing.
    const h = (x: number) => -Math.cos(0.9 * (x + 9));
    const full = firstCrossing(h, -9, 0, 0.25, 1e-10, "up") as number;
    expect(full).toBeCloseTo(-9 + Math.PI / 1.8, 9);
    expect(firstCrossingNear(h, -9, 0, 0.25, 1e-10, "up", -5)).toBe(full);
  });
});

describe("RecastAtMass.gMaxScan: gMax's root without its scan when S ∝ g_X²", () => {
  const tables = loadHadronicTables("resonances");
  const bl = resolveModel("B-L");
  const at = (m: number) => (g: number) => couplings(bl, g, { eps: 0 }, m);
  const prompt = selectSearches(dataDir(), ["all"]).filter((s) => s.efficiency.type === "prompt");

  it("equals the scan's gMax to 1e-12 for every prompt search at ε = 0 (B−L, 2 MeV to 8 GeV)", () => {
    let checked = 0;
    for (const m of [0.002, 0.011, 0.05, 0.2, 0.6, 1.02, 3, 8]) {
      const width = new WidthCalculator(m, tables);
      for (const s of prompt) {
        const r = new RecastAtMass(s, m, tables, width);
        const scan = r.gMax(at(m));
        const fast = r.gMaxScan(at(m), 0, true);
        if (Number.isFinite(scan) && scan > 0) {
          expect(Math.abs(fast / scan - 1), `${s.name} at ${m}`).toBeLessThan(1e-12);
          checked++;
        } else expect(fast, `${s.name} at ${m}`).toBe(scan); // 0 (at the floor) or none
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("NA64 (invisible, e-bremsstrahlung): g_max = e ε_lim √(0.99/BR_X(inv)) / |x_e| (eq. 3.1 of Ilten et al., arXiv:1801.04847)", () => {
    const [na64] = selectSearches(dataDir(), ["NA64_NA642019imj"]);
    for (const m of [0.003, 0.03, 0.3]) {
      const r = new RecastAtMass(na64, m, tables);
      const w = widthSummary(couplings(bl, 1e-4, { eps: 0 }, m), tables);
      const expected = E_CHARGE * r.epsLim * Math.sqrt(0.99 / (w.invisible / w.total)); // |x_e| = 1 for B−L
      expect(r.gMaxScan(at(m), 0, true) / expected - 1, `m = ${m}`).toBeCloseTo(0, 12);
    }
  });

  it("without proportional couplings (ε ≠ 0) it is gMax itself", () => {
    const [babar] = selectSearches(dataDir(), ["BaBar_Lees2014xha"]);
    const r = new RecastAtMass(babar, 0.5, tables);
    const family = (g: number) => couplings(bl, g, { eps: 1e-4 }, 0.5);
    expect(r.gMaxScan(family, 0, false)).toBe(r.gMax(family));
  });

  it("at the scan's floor: 0, as gMax (excluded already at g_X = G_FLOOR)", () => {
    const [na64] = selectSearches(dataDir(), ["NA64_NA642019imj"]);
    const r = new RecastAtMass(na64, 0.01, tables);
    // A charge large enough that S(G_FLOOR) ≥ 1: the couplings scaled by 1e7 are still proportional to g_X.
    const big = (g: number) => couplings(bl, g * 1e7, { eps: 0 }, 0.01);
    expect(r.gMax(big)).toBe(0);
    expect(r.gMaxScan(big, 0, true)).toBe(0);
    expect(G_FLOOR).toBe(1e-9);
  });
});
