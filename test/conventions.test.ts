import { describe, expect, it } from "vitest";
import { RecastAtMass } from "../likelihoods/resonances/recast.js";
import { selectSearches } from "../likelihoods/resonances/searches.js";
import { E_CHARGE } from "../src/constants.js";
import { couplings, epsFromEpsY, epsYFromEps, mixingCoefficients } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { Chi2 } from "../src/likelihood/compose.js";
import { ALL_LIKELIHOODS, selectLikelihoods } from "../src/likelihood/registry.js";
import { resolveModel } from "../src/models/spec.js";
import { WidthCalculator } from "../src/widths/calculator.js";
import { loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";
import { u1x } from "./helpers/cli.js";

// Models are taken exactly as typed, and the conventions of ε and of the neutrino widths are those stated in the
// README (issue "Trust", sections 2–3). References: the rescaling identities of the charges, eq. (2.2) of the core
// paper, and the closed-form branching ratios of Γ(X→ff̄) = g²x²m/(12π) and Γ(X→νν̄) = g²x²m/(24π or 12π).
const every = selectLikelihoods(ALL_LIKELIHOODS);
const opts = { searches: ["all"] };

function allOf(spec: string, mX: number, g: number, r: number) {
  const model = resolveModel(spec);
  const e = new Chi2(model, mX, every, opts).evaluate(couplings(model, g, { epsRatio: r }, mX));
  return { ...e.terms, ...e.observables };
}

function expectSame(a: Record<string, number>, b: Record<string, number>) {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(a)) {
    const scale = Math.max(Math.abs(a[k]), Math.abs(b[k]), 1e-300);
    expect(Math.abs(a[k] - b[k]) / scale, `${k}: ${a[k]} vs ${b[k]}`).toBeLessThan(1e-9);
  }
}

describe("a model is taken as typed", () => {
  it("(1,−3,0,0) at (g, r) equals (3,−9,0,0) at (g/3, 3r): every term and observable", () => {
    for (const mX of [0.05, 0.2, 1.5]) expectSame(allOf("1,-3,0,0", mX, 3e-4, 0.4), allOf("3,-9,0,0", mX, 1e-4, 1.2));
  });
  it("(−3,4,4,1) at (g, r) equals (3,−4,−4,−1) at (g, −r): the overall sign is the model's", () => {
    for (const mX of [0.05, 0.2, 1.5]) expectSame(allOf("-3,4,4,1", mX, 2e-4, 1.5), allOf("3,-4,-4,-1", mX, 2e-4, -1.5));
  });
  it("and is not replaced by the catalogue's normalisation at the same (g, r)", () => {
    const a = allOf("1,-3,0,0", 0.2, 3e-4, 0);
    const b = allOf("3,-9,0,0", 0.2, 3e-4, 0);
    // Δa_µ ∝ g² q_µ² is zero for both; the NSI vector ∝ g² x_e (x_B(1+Ȳ_n)...) scales by 9 at ε = 0.
    expect(b.nsiEe / a.nsiEe).toBeCloseTo(9, 9);
  });
  it("widths and recast limits follow the typed charges", () => {
    const t = loadHadronicTables();
    const a = widthSummary(couplings(resolveModel("1,-3,0,0"), 3e-4, { epsRatio: 0.4 }, 0.5), t);
    const b = widthSummary(couplings(resolveModel("3,-9,0,0"), 1e-4, { epsRatio: 1.2 }, 0.5), t);
    expect(a.total / b.total).toBeCloseTo(1, 12);
    const [babar] = selectSearches(dataDir(), ["BaBar_Lees2014xha"]);
    const rec = new RecastAtMass(babar, 0.5, t);
    const gA = rec.gMax((g) => couplings(resolveModel("1,-3,0,0"), g, { epsRatio: 0.4 }, 0.5), 0, true);
    const gB = rec.gMax((g) => couplings(resolveModel("3,-9,0,0"), g, { epsRatio: 1.2 }, 0.5), 0, true);
    expect(gA / gB).toBeCloseTo(3, 9);
  });
  it("the CLI names the catalogue model and the factor", () => {
    const j = JSON.parse(u1x(["couplings", "--model", "1,-3,0,0", "--eps-ratio", "0", "--format", "json"]).stdout);
    expect(j.catalogue).toMatch(/^V\d+ ×1\/3$/);
    expect(j.couplings.e.V).toBeCloseTo(-3, 12);
    expect(j.couplings.u.V).toBeCloseTo(1 / 3, 12);
    const k = JSON.parse(u1x(["couplings", "--model", "B-L", "--eps-ratio", "0", "--format", "json"]).stdout);
    expect(k.couplings.mu.V).toBeCloseTo(-1, 12);
    expect(k.couplings.d.V).toBeCloseTo(1 / 3, 12);
    expect(k.catalogue).toMatch(/×1\/3$/);
    const n = JSON.parse(u1x(["couplings", "--model", "-3,4,4,1", "--eps-ratio", "0", "--format", "json"]).stdout);
    expect(n.couplings.e.V).toBeCloseTo(4, 12);
    expect(n.catalogue).toMatch(/×−1$/);
    expect(JSON.parse(u1x(["couplings", "--model", "V4", "--eps-ratio", "0", "--format", "json"]).stdout).catalogue).toBe("V4");
  });
});

describe("kinetic mixing: ε is the coefficient of e·Q_f (eq. 2.2, DarkCast)", () => {
  it("a dark photon couples as −eε to the electron, exactly, even at large ε", () => {
    for (const eps of [1e-6, 0.05, 0.3, -0.5]) {
      const c = couplings(resolveModel("DarkPhoton"), 0, { eps }, 1e-3);
      // X–Z mixing corrections are O(ε m_X²/m_Z²) ≈ 1e-10 here.
      expect(c.e.V / (-E_CHARGE * eps)).toBeCloseTo(1, 9);
      expect(c.p / (E_CHARGE * eps)).toBeCloseTo(1, 9);
      expect(c.e.A / (E_CHARGE * eps)).toBeCloseTo(0, 9);
    }
  });
  it("ε·e/g_X = c_e removes the electron's vector coupling at any g_X", () => {
    const model = resolveModel("Le-Lmu");
    for (const g of [1e-5, 1e-3, 0.03, 0.15]) {
      const c = couplings(model, g, { epsRatio: 1 }, 0.2);
      // Only the X–Z term of eq. (3.10) remains: O(ε m_X²/m_Z² (1/4 − s_w²)) ≈ 1e-7 ε at 200 MeV.
      expect(Math.abs(c.e.V) / g).toBeLessThan(1e-6);
      expect(c.mu.V / g).toBeCloseTo(-2, 6);
    }
  });
  it("the Lagrangian ε_Y of eq. (3.19) follows from ε and back", () => {
    for (const eps of [1e-4, 0.1, -0.4, 0.99]) {
      expect(epsFromEpsY(epsYFromEps(eps)) / eps).toBeCloseTo(1, 12);
      // eq. (3.10) at m_X → 0: the photon coefficient c_w c_θ ε̂_Y is ε.
      expect(mixingCoefficients(epsYFromEps(eps), 1e-6).photon / eps).toBeCloseTo(1, 12);
    }
    // small ε: ε = c_w ε_Y (eq. 3.19)
    expect(epsYFromEps(1e-5) * Math.sqrt(1 - 0.23121) / 1e-5).toBeCloseTo(1, 9);
  });
});

describe("neutrino widths: --neutrinos left|dirac", () => {
  const bl = resolveModel("B-L");
  const c = couplings(bl, 1e-4, { eps: 0 }, 0.1); // below 2m_µ and m_π0: only e⁺e⁻ and νν̄
  it("B−L below 2m_µ has BR(invisible) = 3/5 (left-handed) and 3/4 (Dirac)", () => {
    const t = loadHadronicTables();
    const left = widthSummary(c, t, "left");
    const dirac = widthSummary(c, t, "dirac");
    // Γ_ee = m/12π (m_e ≪ m), Γ_νν = 3 m/24π or 3 m/12π per unit g²
    expect(left.invisible / left.total).toBeCloseTo(3 / 5, 6);
    expect(dirac.invisible / dirac.total).toBeCloseTo(3 / 4, 6);
  });
  it("the invisible recast scales with the invisible branching ratio: NA64 g_max ∝ BR(inv)^(−1/2)", () => {
    const t = loadHadronicTables();
    const [na64] = selectSearches(dataDir(), ["NA64_NA642019imj"]);
    const g = (nu: "left" | "dirac") => new RecastAtMass(na64, 0.1, t, new WidthCalculator(0.1, t, nu)).gMax((x) => couplings(bl, x, { eps: 0 }, 0.1), 0, true);
    expect(g("dirac") / g("left")).toBeCloseTo(Math.sqrt(0.6 / 0.75), 6);
  });
  it("the CLI passes the convention to widths, limits and the Δχ²", () => {
    const w = (nu: string) => JSON.parse(u1x(["widths", "--model", "B-L", "--mx", "0.1", "--g", "1e-4", "--eps", "0", "--neutrinos", nu, "--format", "json"]).stdout);
    expect(w("left").invisible / w("left").total).toBeCloseTo(0.6, 6);
    expect(w("dirac").invisible / w("dirac").total).toBeCloseTo(0.75, 6);
    const lim = (nu: string) =>
      JSON.parse(u1x(["limits", "--model", "B-L", "--mx", "0.1", "--eps", "0", "--searches", "NA64_NA642019imj", "--neutrinos", nu, "--format", "json"]).stdout).searches.NA64_NA642019imj.gMax;
    expect(lim("dirac") / lim("left")).toBeCloseTo(Math.sqrt(0.6 / 0.75), 5);
    const ratio = (nu: string) =>
      JSON.parse(u1x(["chi2", "--model", "B-L", "--mx", "0.1", "--g", "1e-4", "--eps", "0", "--likelihoods", "resonances", "--searches", "NA64_NA642019imj", "--neutrinos", nu, "--format", "json"]).stdout).observables.resonanceRatioMax;
    expect(ratio("dirac") / ratio("left")).toBeCloseTo(0.75 / 0.6, 5);
  });
});
