import { describe, expect, it } from "vitest";
import { borexinoNsi } from "../likelihoods/borexinoNsi/index.js";
import { kaonMuNuX } from "../likelihoods/kaonMuNuX/index.js";
import { lma, lmaDark } from "../likelihoods/lma/index.js";
import { bfEpsRatio } from "../likelihoods/lma/matter.js";
import { productionStrength } from "../likelihoods/resonances/production.js";
import { whiteDwarf } from "../likelihoods/whiteDwarf/index.js";
import { bernalFarzanFigures, bernalFarzanModel } from "../src/analyses/bernalFarzan.js";
import { E_CHARGE, G_F, HBAR_GEV_S } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import type { Likelihood } from "../src/likelihood/types.js";
import { ALL_LIKELIHOODS } from "../src/likelihood/registry.js";
import type { Model } from "../src/models/model.js";
import { resolveModel } from "../src/models/spec.js";
import { loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// Bernal & Farzan, PRD 107 (2023) 035007 (../shared/papers/bernal-farzan-2023-nsi-arbitrary-u-d-couplings.published.txt):
// their printed numbers, eqs. (13), (16), (18), (26), (34) and the B−L branching ratio of section III.A, against the
// engine's couplings, widths and the terms lma, lmaDark, borexinoNsi, kaonMuNuX, whiteDwarf.

const MEV = 1e-3;
const YN = 0.54; // N_n/N_p at the Sun's centre (their eq. 15 text)

/** dchi2 of one term for the BF model at (g_X, ε e/g_X). */
function term<P>(l: Likelihood<P>, model: Model, mX: number) {
  const p = l.prepare(model, mX, {});
  return { p, at: (g: number, r: number) => l.evaluate(p, couplings(model, g, { epsRatio: r }, mX)) };
}

/** The g_X (log bisection) where pass(g) turns, between lo (value a) and hi. */
function edge(pass: (g: number) => boolean, lo: number, hi: number): number {
  const a = pass(lo);
  expect(pass(hi)).not.toBe(a);
  for (let i = 0; i < 80; i++) {
    const mid = Math.sqrt(lo * hi);
    if (pass(mid) === a) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

describe("NSI in matter (eqs. 5–13)", () => {
  it("ε^medium is eq. (13), −c g² (N_n+N_p)/(2√2 G_F m² N_e), for any ε; tan η is eq. (11)", () => {
    for (const c of [-0.1, 2 / 3, -1]) {
      const model = bernalFarzanModel(c);
      const { at } = term(lma, model, 30 * MEV);
      for (const r of [-0.2333, 0, 0.7, 3]) {
        const g = 2e-4;
        const o = at(g, r).observables as Record<string, number>;
        // To 1e-5: the engine's couplings carry the X–Z mixing of eq. (3.10), O(ε m_X²/m_Z²).
        expect(o.epsMedium / ((-c * g * g * (1 + YN)) / (2 * Math.SQRT2 * G_F * 0.03 ** 2))).toBeCloseTo(1, 5);
        const eEps = r * g; // e ε
        if (eEps - c * g !== 0) expect(o.tanEta / ((-c * g) / (eEps - c * g))).toBeCloseTo(1, 5);
        // eq. (9): ε^e_µµ = −g e ε/(2√2 G_F m²)
        if (eEps !== 0) expect(o.epsElectronMuMu / ((-g * eEps) / (2 * Math.SQRT2 * G_F * 0.03 ** 2))).toBeCloseTo(1, 5);
        else expect(Math.abs(o.epsElectronMuMu)).toBeLessThan(1e-9);
      }
    }
  });
  it("e ε/g_X = c(1 − 1/tan η) inverts eq. (11) (README example −0.2333 at c = −0.1, tan η = −0.75)", () => {
    expect(bfEpsRatio(-0.1, -0.75)).toBeCloseTo(-0.23333, 5);
  });
});

describe("LMA and LMA-dark (eqs. 15–18)", () => {
  it("eq. (16): LMA-dark is g_X = (6.5–8.0)×10⁻⁵ (m/10 MeV)(−1/c)^{1/2}", () => {
    for (const [c, mX] of [[-0.1, 10 * MEV], [-1, 10 * MEV], [-0.1, 40 * MEV]]) {
      const model = bernalFarzanModel(c);
      const { at, p } = term(lmaDark, model, mX);
      const r = bfEpsRatio(c, -0.75);
      const scale = (mX / (10 * MEV)) * Math.sqrt(-1 / c);
      const lo = edge((g) => at(g, r).dchi2 === 0, 1e-6, 1.1 * 7.25e-5 * scale);
      const hi = edge((g) => at(g, r).dchi2 === 0, 7.25e-5 * scale, 1e-2);
      // Printed to two digits: 6.55 and 8.02 before rounding.
      expect(Math.abs(lo / (6.5e-5 * scale) - 1)).toBeLessThan(0.012);
      expect(Math.abs(hi / (8.0e-5 * scale) - 1)).toBeLessThan(0.012);
      // The band the term offers (n = ±2) is the same interval; past its upper edge the step's excess is log10(g/hi).
      const along = (g: number) => couplings(model, g, { epsRatio: r }, mX);
      expect((lmaDark.preferredCoupling?.(p, along, -2) as number) / lo).toBeCloseTo(1, 6);
      expect((lmaDark.preferredCoupling?.(p, along, 2) as number) / hi).toBeCloseTo(1, 6);
      expect(lmaDark.evaluate(p, along(1.01 * hi)).excess).toBeCloseTo(Math.log10(1.01), 6);
      expect(lmaDark.evaluate(p, along(0.99 * hi)).excess).toBe(0);
    }
  });
  it("eq. (18): LMA is −3×10⁻⁹ < c g² (10 MeV/m)² < 1.7×10⁻¹⁰", () => {
    for (const mX of [10 * MEV, 50 * MEV]) {
      const s = (mX / (10 * MEV)) ** 2;
      // c < 0: ε^medium > 0, bounded by 1.422; c > 0: ε^medium < 0, bounded by −0.081.
      for (const [c, printed] of [[-0.1, -3e-9], [2 / 3, 1.7e-10]]) {
        const model = bernalFarzanModel(c);
        const { at, p } = term(lma, model, mX);
        const r = bfEpsRatio(c, -0.75);
        const g = edge((x) => at(x, r).dchi2 === 0, 1e-7, 1e-1);
        // Printed to one or two digits: −3.05e-9 and 1.735e-10 before rounding.
        expect(Math.abs((c * g * g) / (printed * s) - 1)).toBeLessThan(0.025);
        // Past the edge the step's excess is log10(g_X/g) (ε^medium ∝ g_X²).
        expect(lma.evaluate(p, couplings(model, 1.01 * g, { epsRatio: r }, mX)).excess).toBeCloseTo(Math.log10(1.01), 6);
      }
    }
  });
  it("lma refuses a model with ε_µµ ≠ ε_ττ, and neither hypothesis is in --likelihoods all", () => {
    expect(() => lma.prepare(resolveModel("Lmu-Ltau"), 0.03, {})).toThrow(/ε_µµ = ε_ττ/);
    for (const n of ["lma", "lmaDark", "borexinoNsi", "kaonMuNuX", "whiteDwarf"]) expect(ALL_LIKELIHOODS).not.toContain(n);
  });
});

describe("Borexino, eq. (34): |ε^e_µµ| = |ε^e_ττ| < 2", () => {
  it("LMA-dark (ε^medium = 3) is excluded for −37 < tan η < 0.5", () => {
    const c = -0.1;
    const mX = 30 * MEV;
    const model = bernalFarzanModel(c);
    const bx = term(borexinoNsi, model, mX);
    const med = term(lmaDark, model, mX);
    // At each tan η, the g_X that gives ε^medium = 3 (ε^medium ∝ g_X² at fixed ε e/g_X), then the Borexino step.
    const excludedAt = (tanEta: number) => {
      const r = bfEpsRatio(c, tanEta);
      const e0 = (med.at(1e-4, r).observables as Record<string, number>).epsMedium;
      const g = 1e-4 * Math.sqrt(3 / e0);
      const o = med.at(g, r).observables as Record<string, number>;
      expect(o.epsMedium).toBeCloseTo(3, 9);
      expect(o.tanEta / tanEta).toBeCloseTo(1, 6);
      return bx.at(g, r).dchi2 > 0;
    };
    expect(excludedAt(-0.75)).toBe(true);
    expect(excludedAt(-40)).toBe(false);
    expect(excludedAt(0.6)).toBe(false);
    // The edges, by bisection in tan η: −37.5 and 0.493 (solutions of |1 − 1/tan η| = 2(1 + N_n/N_p)/3).
    let [a, b] = [-100, -1];
    for (let i = 0; i < 60; i++) [a, b] = excludedAt((a + b) / 2) ? [a, (a + b) / 2] : [(a + b) / 2, b];
    expect(Math.abs(a / -37 - 1)).toBeLessThan(0.02);
    [a, b] = [0.1, 1];
    for (let i = 0; i < 60; i++) [a, b] = excludedAt((a + b) / 2) ? [(a + b) / 2, b] : [a, (a + b) / 2];
    expect(Math.abs(a / 0.5 - 1)).toBeLessThan(0.02);
  });
});

describe("X → φφ̄ (eqs. 22–26) and the recasts", () => {
  const tables = loadHadronicTables();
  it("eq. (26): c_φ g_X > 3.3×10⁻⁴ at m_X = 30 MeV for a decay within 1 cm at 30 GeV (τ < 3×10⁻¹⁴ s, eq. 25)", () => {
    const mX = 30 * MEV;
    for (const mPhi of [1e-6, 10 * MEV]) {
      const model = bernalFarzanModel(-0.1, { charge: 40, mass: mPhi });
      const r = bfEpsRatio(-0.1, -0.75);
      // The lifetime from the engine's total width (φφ̄ and the SM channels), against the 3×10⁻¹⁴ s of eq. (25).
      const fast = (g: number) => HBAR_GEV_S / widthSummary(couplings(model, g, { epsRatio: r }, mX), tables, "left", model.decays).total < 3e-14;
      const g = edge(fast, 1e-7, 1e-2);
      const printed = 3.3e-4 * (1 - 4 * (mPhi / mX) ** 2) ** -0.75;
      // Within 2%: eq. (26) neglects the SM widths (≈ 1/c_φ² of the total) and rounds to two digits.
      expect(Math.abs((40 * g) / printed - 1)).toBeLessThan(0.02);
    }
  });
  it("B−L below 2m_µ: BR(invisible) = 3/5 (section III.A), as the NA64 recast of Bernal–Farzan assumes", () => {
    const bl = resolveModel("B-L");
    for (const mX of [20 * MEV, 100 * MEV]) {
      const w = widthSummary(couplings(bl, 1e-4, { eps: 0 }, mX), tables);
      expect(w.invisible / w.total).toBeCloseTo(3 / 5, 3);
    }
  });
  it("NA48/2: π⁰ → γX goes with ε − c g/e (the π⁰ isovector trace), not the paper's ε − c g/(5e)", () => {
    // Independent of production.ts: the π⁰ = (uū − dd̄)/√2 anomaly amplitude into γX is N_c (Q_u g_u − Q_d g_d),
    // into γγ' of a dark photon eε N_c (Q_u² − Q_d²); the ratio of rates is the production ratio of the recast.
    const c = -0.1;
    const model = bernalFarzanModel(c);
    for (const tanEta of [-0.75, 0.6, -3]) {
      const r = bfEpsRatio(c, tanEta);
      const g = 3e-4;
      const x = couplings(model, g, { epsRatio: r }, 30 * MEV);
      const [qu, qd] = [2 / 3, -1 / 3];
      const trace = (qu * x.u.V - qd * x.d.V) / (qu * qu - qd * qd);
      expect(productionStrength("pi0_gamma", x, 0.03) / trace ** 2).toBeCloseTo(1, 9);
      // That is e(ε − c g/e) with the engine's ε …
      expect(trace / (E_CHARGE * x.eps - c * g)).toBeCloseTo(1, 6);
      // … and the paper's (ε − c g/(5e))² is a different rate: ×0.39 at tan η = −0.75.
      if (tanEta === -0.75) expect((E_CHARGE * x.eps - c * g) ** 2 / (E_CHARGE * x.eps - (c * g) / 5) ** 2).toBeCloseTo(0.39, 2);
    }
  });
});

describe("K⁺ → µ⁺νX (eq. 32) and white dwarfs (eq. 35)", () => {
  it("eq. (32): g_X < 0.003 (m/5 MeV) for Bernal–Farzan's ν_µ charge 1", () => {
    for (const mX of [5 * MEV, 40 * MEV]) {
      const model = bernalFarzanModel(-0.1);
      const { p } = term(kaonMuNuX, model, mX);
      const bound = 0.003 * (mX / (5 * MEV));
      const at = (g: number) => kaonMuNuX.evaluate(p, couplings(model, g, { epsRatio: -0.2333 }, mX));
      expect(at(0.99 * bound).dchi2).toBe(0);
      expect(at(1.01 * bound).dchi2).toBe(100);
      // 1e-7: the ν_µ coupling departs from g_X scaling at O(ε r_X²) (X–Z mixing, eq. 3.10).
      expect(at(1.01 * bound).excess).toBeCloseTo(Math.log10(1.01), 7);
    }
  });
  it("eq. (35) is 'considerably weaker than the other relevant bounds': above Borexino's at every mass of Fig. 1", () => {
    const model = bernalFarzanModel(-0.1);
    const r = bfEpsRatio(-0.1, -0.75);
    for (const mX of [5 * MEV, 30 * MEV, 100 * MEV]) {
      // Each term's largest allowed g_X from its excess at an excluded point: g_max = g 10^(−excess).
      const gMax = (l: Likelihood<unknown>) => {
        const g = 1;
        const res = l.evaluate(l.prepare(model, mX, {}), couplings(model, g, { epsRatio: r }, mX));
        expect(res.dchi2).toBe(100);
        return g * 10 ** -(res.excess as number);
      };
      const wd = gMax(whiteDwarf as Likelihood<unknown>);
      const bx = gMax(borexinoNsi as Likelihood<unknown>);
      expect(wd / bx).toBeGreaterThan(3);
      // At its edge the term's ratio is the left side of eq. (35) over 1.12e-5 GeV⁻²: check the formula directly.
      const x = couplings(model, wd, { epsRatio: r }, mX);
      expect((2 * wd * wd * Math.abs(x.eps)) / (3 * mX * mX) / 1.12e-5).toBeCloseTo(1, 6);
    }
  });
});

describe("Figs. 1–4 through the engine (`u1x tables` writes bernal-farzan.json)", () => {
  const f = bernalFarzanFigures();
  const near = (rows: { mX: number }[], m: number) => rows.reduce((a, b) => (Math.abs(Math.log(b.mX / m)) < Math.abs(Math.log(a.mX / m)) ? b : a));
  it("without φ the invisible searches exclude the (g−2)_µ band near 40 MeV; with φ they do not (section III, Fig. 1)", () => {
    const [plain, withPhi] = f.massPlane.filter((p) => p.c === -0.1);
    const a = near(plain.rows, 0.04);
    const b = near(withPhi.rows, 0.04);
    const amu = a.bands.amu.central as number;
    expect(a.bounds.resonances as number).toBeLessThan(amu);
    expect(b.bounds.resonances as number).toBeGreaterThan(amu);
    // Borexino as eq. (34) allows it there ("ε^medium ~ 1 … compatible with the Borexino bound at tan η ~ −0.7").
    expect(b.bounds.borexinoNsi as number).toBeGreaterThan(amu);
  });
  it("the (ε^medium, tan η) plane: the Borexino edge is 2(1 + N_n/N_p)/|1 − 1/tan η| (eq. 34); nothing non-finite", () => {
    const plane = f.tanEtaPlane.find((p) => p.c === -0.1 && !p.phi);
    for (const row of plane?.rows ?? []) {
      // At tan η = 1 the mixing vanishes (ε = 0): no ν–e NSI, no bound.
      if (row.tanEta === 1) expect(row.bounds.borexinoNsi).toBeNull();
      else expect(Math.abs(row.bounds.borexinoNsi as number) / ((2 * (1 + YN)) / Math.abs(1 - 1 / row.tanEta))).toBeCloseTo(1, 4);
    }
    // No NaN or ±∞ anywhere (JSON.stringify would have turned them into null): walk the numbers themselves.
    const nonFinite: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (typeof v === "number" && !Number.isFinite(v)) nonFinite.push(path);
      else if (Array.isArray(v)) for (const [i, e] of v.entries()) walk(e, `${path}[${i}]`);
      else if (v && typeof v === "object") for (const [k, e] of Object.entries(v)) walk(e, `${path}.${k}`);
    };
    walk(f, "f");
    expect(nonFinite).toEqual([]);
    expect(f.phiMassFloor.mX).toBeCloseTo(0.03, 9);
  });
  it("the CLI: lma and lmaDark are selected by name and report ε^medium and tan η", () => {
    const r = u1x(["chi2", "--model", "models/bernal-farzan.json", "--mx", "30MeV", "--g", "3e-4", "--eps-ratio", "-0.2333", "--likelihoods", "lma,lmaDark,borexinoNsi", "--format", "json"]);
    const j = JSON.parse(r.stdout);
    expect(j.terms).toEqual({ lma: 0, lmaDark: 100, borexinoNsi: 0 });
    expect(j.observables.tanEta).toBeCloseTo(-0.75, 3);
    expect(j.observables.epsMedium).toBeCloseTo((0.1 * 9e-8 * 1.54) / (2 * Math.SQRT2 * G_F * 9e-4), 6);
    expectCleanFailure(["chi2", "--model", "Lmu-Ltau", "--mx", "30MeV", "--g", "3e-4", "--eps", "0", "--likelihoods", "lma"], /ε_µµ = ε_ττ/);
    expectCleanFailure(["chi2", "--model", "models/bernal-farzan.json", "--mx", "200MeV", "--g", "3e-4", "--eps", "0", "--likelihoods", "kaonMuNuX"], /kaonMuNuX.*holds for/);
  });
});
