import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALPHA, E_CHARGE, G_Z, M_E, M_MU, M_TAU, SW2_MZ } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { loopEpsRatio } from "../src/couplings/loop.js";
import { Chi2 } from "../src/likelihood/compose.js";
import { selectLikelihoods } from "../src/likelihood/registry.js";
import { readModelFile } from "../src/models/file.js";
import { catalogueLabel, resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// Model files (README "Model files") and the physics that follows the couplings of any model: the core paper's
// chiral L̃_µ−τ (eq. 5.1), loop-induced mixing (core eq. 5.5, Coy–Xu eq. 2.12), X–Z mass mixing (Coy–Xu eqs. 2.4–2.6).

const LTILDE = repoPath("models/Ltilde_mu-tau.json");
const dir = mkdtempSync(join(tmpdir(), "u1x-models-"));
const file = (name: string, doc: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === "string" ? doc : JSON.stringify(doc));
  return p;
};

/** Δa_µ of a vector X with g X̄(q_V − q_A γ5)µ, by Simpson's rule on the Feynman-parameter integrals (Leveille 1978). */
function amuSimpson(mX: number, gV: number, gA: number): number {
  const l2 = (M_MU / mX) ** 2;
  const n = 200000;
  let sV = 0;
  let sA = 0;
  for (let i = 0; i <= n; i++) {
    const x = i / n;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    const D = l2 * x * x - x + 1;
    sV += (w * x * x * (1 - x)) / D;
    sA += (w * (x * (1 - x) * (x - 4) - 2 * l2 * x ** 3)) / D;
  }
  return ((l2 / (4 * Math.PI ** 2)) * (gV * gV * sV + gA * gA * sA)) / (3 * n);
}

describe("L̃_µ−τ from a model file (core paper section 5)", () => {
  const m = resolveModel(LTILDE);
  it("has the couplings of eq. (5.1), with ε e Q_f added on the charged fields", () => {
    const [g, r, mX] = [1e-3, 0.1, 1e-3];
    const c = couplings(m, g, { epsRatio: r }, mX);
    const close = (x: number, y: number) => expect(x / g).toBeCloseTo(y, 6);
    close(c.e.L, -1 - r);
    close(c.e.R, 1 - r);
    close(c.mu.L, 7 - r);
    close(c.mu.R, 6 - r);
    close(c.tau.L, -6 - r);
    close(c.tau.R, -7 - r);
    for (const [i, x] of [-1, 7, -6].entries()) close(c.nu[i], x);
    for (const [i, x] of [-7, -2, 9].entries()) close(c.nuR[i], x);
    close(c.u.V, (2 / 3) * r);
    close(c.d.V, (-1 / 3) * r);
    close(c.u.A, 0);
    expect(m.anomalous).toBeUndefined();
  });
  it("gives Δa_µ of the one-loop vector plus axial formula with q_V = 6.5 − r, q_A = 0.5 (opposite signs)", () => {
    const chi2At = (mX: number) => new Chi2(m, mX, selectLikelihoods("amu"), {});
    for (const [mX, g, r] of [
      [0.2, 1e-4, 0],
      [0.05, 3e-5, 6.5],
      [1, 1e-3, -2],
    ] as const) {
      const da = chi2At(mX).evaluate(couplings(m, g, { epsRatio: r }, mX)).observables.deltaAmu;
      // The X–Z term of eq. (3.10) shifts the couplings by O(ε r_X²) (2e-6 at 1 GeV): hence 1e-5.
      expect(da / amuSimpson(mX, g * (6.5 - r), g * 0.5)).toBeCloseTo(1, 5);
    }
    // At ε e/g_X = 6.5 the vector coupling vanishes and the axial part alone makes Δa_µ negative.
    expect(chi2At(0.05).evaluate(couplings(m, 3e-5, { epsRatio: 6.5 }, 0.05)).observables.deltaAmu).toBeLessThan(0);
    // Heavy-X limit of eq. (2.5): (g²/8π²)(2/3) r_µ² (q_V² − 5 q_A²).
    const mX = 80;
    const da = chi2At(mX).evaluate(couplings(m, 0.01, { epsRatio: 0 }, mX)).observables.deltaAmu;
    const limit = ((0.01 ** 2 / (8 * Math.PI ** 2)) * (2 / 3) * (M_MU / mX) ** 2 * (6.5 ** 2 - 5 * 0.25));
    expect(da / limit).toBeCloseTo(1, 3);
  });
  it("is written down as fields and reports vanishing anomaly sums", () => {
    const r = u1x(["couplings", "--model", LTILDE, "--eps-ratio", "0", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.model.fields.L).toEqual([-1, 7, -6]);
    expect(Object.values(j.model.anomalies).every((x) => x === 0)).toBe(true);
    expect(j.model.source.cite).toMatch(/5\.1/);
  });
});

describe("loop-induced kinetic mixing", () => {
  it("L_µ−L_τ: ε e/g_X = (2α/3π) ln(m_τ/m_µ) ≈ 4.4e-3 (Coy–Xu eq. 2.12)", () => {
    const coyXu = ((2 * ALPHA) / (3 * Math.PI)) * Math.log(M_TAU / M_MU);
    expect(coyXu).toBeCloseTo(4.4e-3, 4);
    const r = loopEpsRatio(resolveModel("Lmu-Ltau").charges);
    expect(r / coyXu).toBeCloseTo(1, 12);
    // The effective-couplings file with "kineticMixing": "loop" fixes the same ratio.
    const f = resolveModel(repoPath("models/coy-xu_Lmu-Ltau_loop.json"));
    expect(loopEpsRatio(f.charges, f.kineticMixing)).toBeCloseTo(r, 15);
  });
  it("L̃_µ−τ: ε(m_µ) − ε(m_τ) = 13 e g_X/(12π²) ln(m_τ/m_µ) = 0.31 e g_X (core eq. 5.5)", () => {
    const x = resolveModel(LTILDE).charges;
    // ε e/g_X differences over e² are the coefficient of e g_X.
    const run = (loopEpsRatio(x, {}, M_MU) - loopEpsRatio(x, {}, M_TAU)) / E_CHARGE ** 2;
    expect(run / ((13 / (12 * Math.PI ** 2)) * Math.log(M_TAU / M_MU))).toBeCloseTo(1, 12);
    expect(run).toBeCloseTo(0.31, 2);
    // The electron's x_V = 0: nothing runs below m_µ.
    expect(loopEpsRatio(x, {}, 0)).toBeCloseTo(loopEpsRatio(x, {}, M_E / 2), 15);
  });
  it("a divergent loop (Σ N_c Q_f x_V,f ≠ 0) needs the scale Λ; --eps loop reaches every point command", () => {
    expect(() => loopEpsRatio(resolveModel("B-L").charges)).toThrow(/diverges.*scale/);
    const r12 = loopEpsRatio(resolveModel("B-L").charges, { scale: 1e3 });
    const r13 = loopEpsRatio(resolveModel("B-L").charges, { scale: 1e4 });
    // dε/d ln Λ = −(e²/6π²) Σ N_c Q x_V with Σ = 3 × (3 × (2/3 − 1/3) × 1/3) + 3 × (−1)(−1) = 4 for B−L.
    expect((r13 - r12) / Math.log(10)).toBeCloseTo((-(E_CHARGE ** 2) / (6 * Math.PI ** 2)) * 4, 12);
    // Below Λ only: with Λ = 1 GeV the c, b, t and τ loops do not run; e, µ, u, d, s do (masses of constants.ts).
    const lnL = (m: number) => Math.log(1 / m);
    // N_c Q x_V: e, µ (−1)(−1) = 1; u 3 (2/3)(1/3) = 2/3; d, s 3 (−1/3)(1/3) = −1/3.
    const sum = lnL(M_E) + lnL(M_MU) + (2 / 3) * lnL(0.00216) - (1 / 3) * (lnL(0.00467) + lnL(0.0934));
    expect(loopEpsRatio(resolveModel("B-L").charges, { scale: 1 }) / ((-(E_CHARGE ** 2) / (6 * Math.PI ** 2)) * sum)).toBeCloseTo(1, 12);
    const r = u1x(["couplings", "--model", "Lmu-Ltau", "--eps", "loop", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).epsRatio).toBeCloseTo(loopEpsRatio(resolveModel("Lmu-Ltau").charges), 12);
    expectCleanFailure(["couplings", "--model", "B-L", "--eps", "loop"], /diverges/);
  });
});

describe("X–Z mass mixing (Coy–Xu eqs. 2.3–2.6)", () => {
  const base = { name: "mass-mixed", couplings: { mu: 1, numu: 1 } };
  it("adds g_Z sin θ (T3 − Q s_w²) to every chiral coupling, and nothing when it vanishes (core eq. 3.10)", () => {
    const plain = readModelFile(file("plain.json", base));
    const zero = readModelFile(file("zero.json", { ...base, massMixing: 0 }));
    const mixed = readModelFile(file("mixed.json", { ...base, massMixing: 1e-4 }));
    const at = (m: typeof plain) => couplings(m, 1e-3, { eps: 2e-4 }, 0.3);
    expect(at(zero)).toEqual(at(plain));
    const [p, x] = [at(plain), at(mixed)];
    const s = 1e-4 * G_Z;
    // Coy–Xu: g_ℓL += ½ g_Z (2s_w² − 1) sin θ, g_ℓR += g_Z s_w² sin θ, g_νL += ½ g_Z sin θ.
    expect(x.e.L - p.e.L).toBeCloseTo(0.5 * s * (2 * SW2_MZ - 1), 15);
    expect(x.e.R - p.e.R).toBeCloseTo(s * SW2_MZ, 15);
    expect(x.nu[0] - p.nu[0]).toBeCloseTo(0.5 * s, 15);
    expect(x.u.L - p.u.L).toBeCloseTo(s * (0.5 - (2 / 3) * SW2_MZ), 15);
  });
  it("a coupling independent of g_X: the g−2 band is still found, and there are no charges per unit g_X", () => {
    const m = readModelFile(file("mm.json", { name: "mm", couplings: { mu: 1, tau: -1, numu: 1, nutau: -1 }, massMixing: 1e-5 }));
    const chi2 = new Chi2(m, 0.1, selectLikelihoods("amu"), {});
    const [g] = chi2.preferredCouplings((x) => chi2.couplings(x, { epsRatio: 0 }));
    expect(g).toBeGreaterThan(0);
    // At that g_X, Δa_µ is the measured central value (paper2022: 251e-11).
    expect(chi2.evaluate(chi2.couplings(g, { epsRatio: 0 })).observables.deltaAmu / 2.51e-9).toBeCloseTo(1, 6);
    expectCleanFailure(["couplings", "--model", file("mm2.json", { name: "mm", couplings: { mu: 1 }, massMixing: 1e-3 }), "--eps-ratio", "0"], /give --g: .*mass mixing/);
  });
});

describe("model files: both forms, the catalogue, anomalies", () => {
  it("a catalogue vector written as a file gives the results of the same vector as a spec", () => {
    const p = file("bl.yaml", 'name: B-L\ncharges:\n  q: "1/3"\n  L: [-1, -1, -1]\n  E: [-1, -1, -1]\n  N: [-1, -1, -1]\n');
    const fromFile = resolveModel(p);
    const spec = resolveModel("B-L");
    expect(catalogueLabel(fromFile)).toBe(catalogueLabel(spec));
    const args = ["chi2", "--mx", "150MeV", "--g", "2e-4", "--eps-ratio", "0.3", "--format", "json"];
    const a = JSON.parse(u1x(["chi2", "--model", p, ...args.slice(1)]).stdout);
    const b = JSON.parse(u1x(["chi2", "--model", "B-L", ...args.slice(1)]).stdout);
    expect(a.total).toBe(b.total);
    expect(a.terms).toEqual(b.terms);
  });
  it("effective couplings {V, A} per unit g_X equal the same charges given as fields", () => {
    const eff = readModelFile(file("eff.json", { name: "eff", couplings: { e: { V: 0, A: -1 }, mu: { V: 6.5, A: 0.5 }, tau: { V: -6.5, A: 0.5 }, nue: -1, numu: 7, nutau: -6 } }));
    const fields = resolveModel(LTILDE);
    const [ce, cf] = [couplings(eff, 1e-3, { epsRatio: 0.2 }, 0.1), couplings(fields, 1e-3, { epsRatio: 0.2 }, 0.1)];
    for (const k of ["e", "mu", "tau", "u", "d"] as const) expect(ce[k]).toEqual(cf[k]);
    expect(ce.nu).toEqual(cf.nu);
  });
  it("U(1)_B runs with \"anomalous\": true; without it the error shows the anomaly sums", () => {
    const doc = { name: "U(1)_B", charges: { q: "1/3", L: [0, 0, 0], E: [0, 0, 0] } };
    expectCleanFailure(["couplings", "--model", file("b.json", doc), "--eps-ratio", "0"], /anomalous \(su3su3X = 0, su2su2X = 3, .*"anomalous": true/);
    const r = u1x(["chi2", "--model", file("b-ok.json", { ...doc, anomalous: true }), "--mx", "100MeV", "--g", "1e-4", "--eps", "0", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).total).toBeGreaterThan(0);
  });
  it("refuses unknown keys, wrong shapes, missing files with one line naming the key", () => {
    expectCleanFailure(["couplings", "--model", file("typo.json", { name: "x", charges: { q: 0, L: [1, -1, 0], E: [1, -1, 0], Nu: [0, 0, 0] } }), "--eps-ratio", "0"], /unknown key "Nu"/);
    expectCleanFailure(["couplings", "--model", file("short.json", { name: "x", charges: { q: 0, L: [1, -1], E: [1, -1, 0] } }), "--eps-ratio", "0"], /charges\.L.*three charges/);
    expectCleanFailure(["couplings", "--model", file("both.json", { name: "x", charges: { q: 0, L: [0, 0, 0], E: [0, 0, 0] }, couplings: {} }), "--eps-ratio", "0"], /exactly one of "charges"/);
    expectCleanFailure(["couplings", "--model", join(dir, "absent.json"), "--eps-ratio", "0"], /absent\.json': not found/);
    expectCleanFailure(["couplings", "--model", file("bad.json", "{ name: "), "--eps-ratio", "0"], /not valid JSON/);
  });
});

describe("the seed papers' model files (models/)", () => {
  it("Bernal–Farzan: per-generation quark charges; tan η = ε^n/ε^p = −c g/(eε − c g) of their eq. (11)", () => {
    const m = resolveModel(repoPath("models/bernal-farzan.json"));
    const c = -0.1;
    expect(m.fields!.Q).toEqual([-c / 3, -c / 3, (-2 * (1 - c)) / 3].map((x) => expect.closeTo(x, 14)));
    // Their benchmark tan η = −0.75 fixes eε = c g (1 − 1/tan η) (their eq. 19): ε e/g_X = −0.2333.
    const tanEta = -0.75;
    const g = 1e-4;
    const r = c * (1 - 1 / tanEta);
    const k = couplings(m, g, { epsRatio: r }, 0.03);
    // NSI on neutrons and protons are ∝ the nucleon vector couplings (the neutrino coupling is common); the X–Z term
    // of eq. (3.10) adds O(r_X²) = 1e-7 at 30 MeV.
    expect(k.n / k.p).toBeCloseTo(tanEta, 6);
    expect(k.n / k.p).toBeCloseTo((-c * g) / (r * g - c * g), 6);
    // Their eq. (4): g_µ = g − eε, g_e = −eε; ν_µ couples with g.
    expect(k.mu.V / g).toBeCloseTo(1 - r, 6);
    expect(k.e.V / g).toBeCloseTo(-r, 6);
    expect(k.nu[1] / g).toBeCloseTo(1, 6);
    // The strange quark has the first generation's charge, the b quark the third's.
    expect(k.s.V - k.d.V).toBeCloseTo(0, 15);
    expect((k.b.V - k.d.V) / g).toBeCloseTo((-2 * (1 - c)) / 3 - -c / 3, 10);
  });
  it("Bernal–Farzan without N_2 = N_3 = +1 is anomalous in grav²X and X³ (= 2): the file adds them", () => {
    const doc = JSON.parse(JSON.stringify({ name: "bf-noN", charges: { Q: ["1/30", "1/30", "-11/15"], u: ["1/30", "1/30", "-11/15"], d: ["1/30", "1/30", "-11/15"], L: [0, 1, 1], E: [0, 1, 1] } }));
    expect(() => readModelFile(file("bf-noN.json", doc))).toThrow(/gravX = 2, xxx = 2/);
  });
  it("Abdallah–Gandhi–Roy: X decays almost only to the dark pair, Γ = g_d² m β(1 + 2r)/(12π) (172 MeV at 800 MeV)", () => {
    for (const f of ["U1B.json", "B-3Ltau.json"]) {
      const r = u1x(["widths", "--model", repoPath(`models/${f}`), "--mx", "800MeV", "--g", "3e-4", "--eps", "0", "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      const w = JSON.parse(r.stdout);
      const x = (0.05 / 0.8) ** 2;
      const dark = ((2.85 ** 2 * 0.8) / (12 * Math.PI)) * (1 + 2 * x) * Math.sqrt(1 - 4 * x);
      expect(dark).toBeCloseTo(0.172, 3);
      expect(w.widths.nu4_nu4 / dark).toBeCloseTo(1, 10);
      expect(w.invisible / w.total).toBeGreaterThan(1 - 1e-6);
    }
  });
});
