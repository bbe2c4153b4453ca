import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resonances } from "../likelihoods/resonances/index.js";
import { RecastAtMass } from "../likelihoods/resonances/recast.js";
import { selectSearches } from "../likelihoods/resonances/searches.js";
import { widthsCommand } from "../src/cli/commands/widths.js";
import { couplings } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { UserError } from "../src/errors.js";
import { type ExtraDecay, type Model, vectorModel } from "../src/models/model.js";
import { INVISIBLE, STATES, WidthCalculator } from "../src/widths/calculator.js";
import { extraWidth, extraWidthFactor } from "../src/widths/extra.js";
import { loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";

// Extra decay channels of a model (`Model.decays`, src/widths/extra.ts): a Dirac fermion pair,
// Γ = g² m_X/(12π)(1 + 2r)√(1 − 4r), and a complex scalar pair, Γ = g² m_X/(48π)(1 − 4r)^{3/2} (Bernal & Farzan
// eq. 23), r = m²/m_X², with a class saying how the searches see the final state.

const tables = loadHadronicTables();
const BL = vectorModel({ cB: 1, ce: -1, cmu: -1, ctau: -1 });
const with_ = (m: Model, decays: ExtraDecay[]): Model => ({ ...m, decays });
const chi = (charge: number, cls: ExtraDecay["class"] = "invisible", mass = 0.01): ExtraDecay => ({ name: `chi_${cls}`, formula: "fermion", mass, charge, class: cls });
const phi = (charge: number, cls: ExtraDecay["class"] = "unseen", mass = 0.02): ExtraDecay => ({ name: `phi_${cls}`, formula: "scalar", mass, charge, class: cls });

/** Minkowski product, metric (+, −, −, −). */
const dot = (a: number[], b: number[]) => a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];

/**
 * From scratch, in the X rest frame with the decay axis along a generic direction n: the three polarisation vectors
 * of a massive vector at rest are the spatial unit vectors, so Σ_λ |M_λ|² is computed directly from the amplitudes.
 * Scalar pair (current vertex g (p₁ − p₂)^µ): M_λ = g ε_λ·(p₁ − p₂). Dirac pair (vertex g γ^µ): Σ_spins |M_λ|² =
 * g² ε_µ ε_ν Tr[(p̸₁ + m)γ^µ(p̸₂ − m)γ^ν] = 4g² [2(ε·p₁)(ε·p₂) − ε²(p₁·p₂ + m²)]. Then Γ = |p|/(8π m_X²) × (1/3) Σ.
 */
function independentWidth(kind: "scalar" | "fermion", mX: number, m: number, g: number): number {
  if (mX <= 2 * m) return 0;
  const p = Math.sqrt((mX * mX) / 4 - m * m);
  const E = mX / 2;
  const [th, ph] = [0.7, 2.1];
  const n = [Math.sin(th) * Math.cos(ph), Math.sin(th) * Math.sin(ph), Math.cos(th)];
  const p1 = [E, p * n[0], p * n[1], p * n[2]];
  const p2 = [E, -p * n[0], -p * n[1], -p * n[2]];
  const eps = [
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  let sum = 0;
  for (const e of eps) {
    if (kind === "scalar") {
      const a = g * dot(e, p1.map((x, i) => x - p2[i]));
      sum += a * a;
    } else sum += 4 * g * g * (2 * dot(e, p1) * dot(e, p2) - dot(e, e) * (dot(p1, p2) + m * m));
  }
  return (p / (8 * Math.PI * mX * mX)) * (sum / 3);
}

describe("extra-channel widths (src/widths/extra.ts)", () => {
  it("heavy limit m ≪ m_X: g² m_X/(12π) (fermion) and g² m_X/(48π) (scalar) (analytic)", () => {
    const mX = 0.3;
    expect(extraWidthFactor("fermion", mX, 0) / (mX / (12 * Math.PI))).toBeCloseTo(1, 14);
    expect(extraWidthFactor("scalar", mX, 0) / (mX / (48 * Math.PI))).toBeCloseTo(1, 14);
    // first corrections: fermion (1 + 2r)(1 − 2r + …) = 1 − 6r² …, scalar (1 − 4r)^{3/2} = 1 − 6r …
    const r = 1e-4;
    const m = Math.sqrt(r) * mX;
    expect(extraWidthFactor("fermion", mX, m) / (mX / (12 * Math.PI)) - 1).toBeCloseTo(-6 * r * r, 10);
    expect((extraWidthFactor("scalar", mX, m) / (mX / (48 * Math.PI)) - 1) / (-6 * r)).toBeCloseTo(1, 3);
  });

  it("threshold: zero at and below 2m, ∝ β (fermion, S wave) and ∝ β³ (scalar, P wave) just above (analytic)", () => {
    const m = 0.05;
    for (const f of ["fermion", "scalar"] as const) {
      expect(extraWidthFactor(f, 2 * m, m)).toBe(0);
      expect(extraWidthFactor(f, 2 * m * 0.999, m)).toBe(0);
    }
    // m_X = 2m/√(1 − β²): fermion m_X/(12π) β (1 + 2r) with r = (1 − β²)/4; scalar m_X/(48π) β³
    for (const beta of [1e-3, 1e-2, 0.1]) {
      const mX = (2 * m) / Math.sqrt(1 - beta * beta);
      const r = (1 - beta * beta) / 4;
      expect(extraWidthFactor("fermion", mX, m) / ((mX / (12 * Math.PI)) * beta * (1 + 2 * r))).toBeCloseTo(1, 9);
      expect(extraWidthFactor("scalar", mX, m) / ((mX / (48 * Math.PI)) * beta ** 3)).toBeCloseTo(1, 9);
    }
  });

  it("both formulas agree with |M|² summed over polarisations from scratch (Bernal–Farzan eq. 23 for the scalar)", () => {
    for (const [mX, m] of [
      [0.1, 0.02],
      [0.3, 0.1],
      [1, 0.49],
      [2, 0.001],
    ]) {
      for (const kind of ["scalar", "fermion"] as const) {
        const d: ExtraDecay = { name: "x", formula: kind, mass: m, coupling: 0.03, class: "unseen" };
        expect(extraWidth(d, mX, 123) / independentWidth(kind, mX, m, 0.03), `${kind} ${mX} ${m}`).toBeCloseTo(1, 12);
      }
    }
  });

  it("Bernal–Farzan eq. (24): with eqs. (21) and (23) BR(inv) → 4/(c_φ²(1 − 4r)^{3/2}), not the printed 8", () => {
    // L_µ − L_τ at ε = 0 below 2m_µ: Γ(inv) = 2 × g²m/(24π) (eq. 21); add X → φφ̄ with c_φ = 30.
    const Lmt = vectorModel({ cB: 0, ce: 0, cmu: 1, ctau: -1 });
    const [mX, mPhi, cPhi] = [0.05, 0.015, 30];
    const c = couplings(Lmt, 1e-4, { eps: 0 }, mX);
    const s = widthSummary(c, tables, "left", [phi(cPhi, "unseen", mPhi)]);
    const b3 = (1 - (4 * mPhi * mPhi) / (mX * mX)) ** 1.5;
    const brInv = s.invisible / s.total;
    // exact: 1/(1 + c²β³/4); the leading term of eq. (24) with 4 in place of 8
    expect(brInv).toBeCloseTo(1 / (1 + (cPhi * cPhi * b3) / 4), 12);
    expect(brInv / (4 / (cPhi * cPhi * b3))).toBeCloseTo(1, 1);
    expect(Math.abs(brInv / (8 / (cPhi * cPhi * b3)) - 0.5)).toBeLessThan(0.01);
  });
});

describe("WidthCalculator with extra channels", () => {
  const decays = [chi(3, "invisible"), phi(5, "unseen"), { ...chi(2, "e_e"), mass: 0.005 }, { ...phi(4, "mu_mu"), mass: 0.001 }, { name: "dark", formula: "fermion" as const, mass: 0, coupling: 1e-5, class: "unseen" as const }];

  it("states, classes and search indices: the extras follow STATES and join the searches of their class", () => {
    const w = new WidthCalculator(0.3, tables, "left", decays);
    expect(w.states).toEqual([...STATES, ...decays.map((d) => d.name)]);
    const n = STATES.length;
    expect(w.classes).toEqual({ invisible: [n], unseen: [n + 1, n + 4], e_e: [n + 2], mu_mu: [n + 3] });
    expect(w.indices(["invisible"])).toEqual([...INVISIBLE, n]);
    expect(w.indices(["e_e"])).toEqual([0, n + 2]);
    expect(w.indices(["e_e", "mu_mu"])).toEqual([0, 1, n + 2, n + 3]);
    expect(w.indices(["pi+_pi-"])).toEqual([STATES.indexOf("pi+_pi-")]);
    expect(w.scalesWithG).toBe(false); // "dark" has a fixed coupling
    expect(new WidthCalculator(0.3, tables, "left", decays.slice(0, 4)).scalesWithG).toBe(true);
    // a fixed-coupling channel below threshold does not break the scaling
    expect(new WidthCalculator(0.3, tables, "left", [{ ...decays[4], mass: 0.2 }]).scalesWithG).toBe(true);
  });

  it("allocation-free partial(): same as partialWidths, standard states unchanged, extras = g² × factor; too short out refused", () => {
    const mX = 0.3;
    const c = couplings(BL, 2e-4, { epsRatio: 0.3 }, mX);
    const w = new WidthCalculator(mX, tables, "left", decays);
    const out = new Float64Array(w.states.length);
    const total = w.partial(c, out);
    const plain = new Float64Array(STATES.length);
    const totalSM = new WidthCalculator(mX, tables).partial(c, plain);
    expect([...out.subarray(0, STATES.length)]).toEqual([...plain]);
    decays.forEach((d, i) => {
      expect(out[STATES.length + i]).toBe(extraWidth(d, mX, c.gX));
    });
    expect(total).toBeCloseTo(totalSM + decays.reduce((s, d) => s + extraWidth(d, mX, c.gX), 0), 18);
    // the standard widths alone (the recasts' reference dark photon)
    expect(w.partial(c, out, false)).toBe(totalSM);
    expect(() => w.partial(c, new Float64Array(STATES.length))).toThrow(/out has/);
  });

  it("refuses names of standard states, repeated names, and a channel with both or neither of charge and coupling", () => {
    const bad = (d: Partial<ExtraDecay>) => () => new WidthCalculator(0.1, tables, "left", [{ ...chi(1), ...d } as ExtraDecay]);
    expect(bad({ name: "e_e" })).toThrow(UserError);
    expect(bad({ coupling: 0.1 })).toThrow(/exactly one/);
    expect(bad({ charge: undefined })).toThrow(/exactly one/);
    expect(bad({ mass: -1 })).toThrow(/mass/);
    expect(() => new WidthCalculator(0.1, tables, "left", [chi(1), chi(2)])).toThrow(/twice/);
  });
});

describe("branching ratios with extra channels (bookkeeping)", () => {
  const mX = 0.3;
  const c = couplings(BL, 2e-4, { epsRatio: 0.3 }, mX);
  const base = widthSummary(c, tables);

  it("BRs sum to 1; invisible includes invisible-class extras; unseen and classWidths add up", () => {
    const decays = [chi(3, "invisible"), phi(5, "unseen"), { ...chi(2, "e_e"), mass: 0.005 }, { ...phi(4, "mu_mu"), mass: 0.001 }];
    const s = widthSummary(c, tables, "left", decays);
    expect(Object.values(s.branchingRatios).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(s.invisible).toBeCloseTo(base.invisible + s.widths.chi_invisible, 20);
    expect(s.unseen).toBe(s.widths.phi_unseen);
    expect(s.hadrons).toBe(base.hadrons);
    expect(s.classes).toEqual({ chi_invisible: "invisible", phi_unseen: "unseen", chi_e_e: "e_e", phi_mu_mu: "mu_mu" });
    expect(s.classWidths.e_e).toBeCloseTo(base.widths.e_e + s.widths.chi_e_e, 20);
    expect(s.classWidths.mu_mu).toBeCloseTo(base.widths.mu_mu + s.widths.phi_mu_mu, 20);
    expect(s.total).toBeCloseTo(base.total + ["chi_invisible", "phi_unseen", "chi_e_e", "phi_mu_mu"].reduce((a, k) => a + s.widths[k], 0), 20);
    expect(base.unseen).toBe(0);
    expect(base.classes).toEqual({});
  });

  it("an unseen channel scales every standard BR by Γ_SM/(Γ_SM + Γ_unseen)", () => {
    const s = widthSummary(c, tables, "left", [phi(8)]);
    const f = base.total / (base.total + s.unseen);
    expect(f).toBeLessThan(0.5);
    for (const k of STATES) expect(s.branchingRatios[k]).toBeCloseTo(base.branchingRatios[k] * f, 14);
    expect(s.invisible / s.total).toBeCloseTo((base.invisible / base.total) * f, 14);
  });
});

describe("recasts with extra channels (likelihoods/resonances)", () => {
  const m = 0.1;
  const at = (model: Model) => (g: number) => couplings(model, g, { epsRatio: 0 }, m);
  const gMax = (name: string, model: Model, scaling = true) => {
    const [s] = selectSearches(dataDir(), [name]);
    const r = new RecastAtMass(s, m, tables, new WidthCalculator(m, tables, "left", model.decays));
    expect(r.active).toBe(true);
    return r.gMax(at(model), 0, scaling);
  };
  const sm = widthSummary(couplings(BL, 1e-4, { epsRatio: 0 }, m), tables);

  it("a dominant unseen channel raises an e_e prompt search's g_max by √((Γ_SM + Γ_unseen)/Γ_SM) (S ∝ g² BR, Ilten et al. eq. 3.1)", () => {
    // A1 (Merkel 2014): electron bremsstrahlung, X → e⁺e⁻, prompt; at fixed ε e/g_X the limit scales as BR(ee)^(−1/2).
    const model = with_(BL, [phi(10)]);
    const s = widthSummary(couplings(model, 1e-4, { epsRatio: 0 }, m), tables, "left", model.decays);
    expect(s.unseen / s.total).toBeGreaterThan(0.8);
    const expected = Math.sqrt(s.total / sm.total);
    expect(gMax("A1_Merkel2014avp", model) / gMax("A1_Merkel2014avp", BL)).toBeCloseTo(expected, 9);
    // the scan path agrees with the exact solution
    expect(gMax("A1_Merkel2014avp", model, false) / gMax("A1_Merkel2014avp", BL)).toBeCloseTo(expected, 7);
    // and the likelihood's g_max (prepare reads model.decays) likewise, from its excess past it: g_max = g 10^(−excess)
    const lik = (mod: Model) => {
      const g = 1e-2;
      const res = resonances.evaluate(resonances.prepare(mod, m, { searches: ["A1_Merkel2014avp"] }), couplings(mod, g, { epsRatio: 0 }, m));
      expect(res.dchi2).toBe(100);
      return g * 10 ** -(res.excess as number);
    };
    expect(lik(model) / lik(BL)).toBeCloseTo(expected, 9);
  });

  it("an invisible-class channel adds to NA64's BR(inv), an e_e-class one to A1's BR(ee); unseen to neither", () => {
    const inv = with_(BL, [chi(2, "invisible")]);
    const si = widthSummary(couplings(inv, 1e-4, { epsRatio: 0 }, m), tables, "left", inv.decays);
    // NA64 (invisible): g_max ∝ BR(inv)^(−1/2)
    expect(gMax("NA64_NA642019imj", inv) / gMax("NA64_NA642019imj", BL)).toBeCloseTo(Math.sqrt(sm.invisible / sm.total / (si.invisible / si.total)), 9);
    const ee = with_(BL, [{ ...chi(2, "e_e"), mass: 0.02 }]);
    const se = widthSummary(couplings(ee, 1e-4, { epsRatio: 0 }, m), tables, "left", ee.decays);
    expect(gMax("A1_Merkel2014avp", ee) / gMax("A1_Merkel2014avp", BL)).toBeCloseTo(Math.sqrt(sm.widths.e_e / sm.total / (se.classWidths.e_e / se.total)), 9);
    // an unseen channel lowers NA64's BR(inv) too (it enters the total width only)
    const un = with_(BL, [phi(10)]);
    const su = widthSummary(couplings(un, 1e-4, { epsRatio: 0 }, m), tables, "left", un.decays);
    expect(gMax("NA64_NA642019imj", un) / gMax("NA64_NA642019imj", BL)).toBeCloseTo(Math.sqrt(su.total / sm.total), 9);
  });

  it("a fixed-coupling unseen channel: BRs depend on g_X, g_max solves (g/g₀)² Γ_SM/(Γ_SM + Γ_f) = 1 (analytic)", () => {
    const g0 = gMax("A1_Merkel2014avp", BL);
    const gf = 5 * g0; // a fixed coupling comparable with the limit: the channel matters there
    const gammaF = (mX: number) => extraWidthFactor("scalar", mX, 0.02) * gf * gf;
    const model = with_(BL, [{ name: "phi", formula: "scalar", mass: 0.02, coupling: gf, class: "unseen" }]);
    const a = sm.total / 1e-8; // Γ_SM = a g²
    const x = (g0 * g0 * a + Math.sqrt(g0 ** 4 * a * a + 4 * a * g0 * g0 * gammaF(m))) / (2 * a);
    expect(gMax("A1_Merkel2014avp", model) / Math.sqrt(x)).toBeCloseTo(1, 6);
    expect(Math.sqrt(x) / g0).toBeGreaterThan(1.05);
  });

  it("the reference dark photon ignores the model's channels: ε_lim and activity are unchanged", () => {
    const [s] = selectSearches(dataDir(), ["A1_Merkel2014avp"]);
    const model = with_(BL, [{ name: "phi", formula: "scalar", mass: 0.02, coupling: 0.3, class: "unseen" }]);
    const a = new RecastAtMass(s, m, tables);
    const b = new RecastAtMass(s, m, tables, new WidthCalculator(m, tables, "left", model.decays));
    expect(b.epsLim).toBe(a.epsLim);
    expect(b.active).toBe(a.active);
    // a dark photon at ε_lim is still at S = 1 against its own reference
    const dp = vectorModel({ cB: 0, ce: 0, cmu: 0, ctau: 0 });
    expect(a.ratio(couplings(dp, 0, { eps: a.epsLim }, m))).toBeCloseTo(1, 3);
  });

  it("the total width, hence the lifetime, includes every class", () => {
    const [s] = selectSearches(dataDir(), ["A1_Merkel2014avp"]);
    const model = with_(BL, [phi(10)]);
    const r = new RecastAtMass(s, m, tables, new WidthCalculator(m, tables, "left", model.decays));
    const c = couplings(model, 1e-4, { epsRatio: 0 }, m);
    expect(r.totalWidth(c)).toBeCloseTo(widthSummary(c, tables, "left", model.decays).total, 20);
  });
});

describe("u1x widths with extra channels (src/cli/commands/widths.ts)", () => {
  it("shows the extra states with width, BR and class; JSON keeps its keys and adds unseen, classes, classWidths", () => {
    const dir = mkdtempSync(join(tmpdir(), "u1x-extra-"));
    const file = join(dir, "bl-phi.json");
    const doc = { name: "B-L+phi", charges: { q: 1 / 3, L: [-1, -1, -1], E: [-1, -1, -1], N: [-1, -1, -1] }, decays: [{ name: "phi_phi", formula: "scalar", mass: 0.02, charge: 10, class: "unseen" }] };
    writeFileSync(file, JSON.stringify(doc));
    const args = { model: file, mx: "0.1", g: "1e-4", eps: "0", maxCharge: 10 };
    const j = JSON.parse(widthsCommand({ ...args, format: "json" }));
    for (const k of ["widths", "total", "invisible", "hadrons", "branchingRatios", "lifetimeSeconds"]) expect(j).toHaveProperty(k);
    expect(j.classes).toEqual({ phi_phi: "unseen" });
    expect(j.unseen).toBe(j.widths.phi_phi);
    expect(j.classWidths.unseen).toBe(j.unseen);
    expect(j.widths.phi_phi).toBeCloseTo(extraWidth(doc.decays[0] as ExtraDecay, 0.1, 1e-4), 20);
    expect(j.total).toBeGreaterThan(j.widths.phi_phi);
    const table = widthsCommand({ ...args, format: "csv" });
    expect(table.split("\n")[0]).toMatch(/class/);
    expect(table).toMatch(/phi_phi,.*,unseen/);
    // without extra channels: no class column
    expect(widthsCommand({ ...args, model: "B-L", format: "csv" }).split("\n")[0]).not.toMatch(/class/);
  });
});
