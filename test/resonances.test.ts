import { describe, expect, it } from "vitest";
import { resonances } from "../likelihoods/resonances/index.js";
import { productionStrength } from "../likelihoods/resonances/production.js";
import { RecastAtMass } from "../likelihoods/resonances/recast.js";
import { allSearches, selectSearches } from "../likelihoods/resonances/searches.js";
import { amuCoefficients } from "../likelihoods/amu/loop.js";
import { E_CHARGE, M_MU } from "../src/constants.js";
import { couplings, logGCeiling } from "../src/couplings/couplings.js";
import { dataDir } from "../src/data/dataDir.js";
import { resolveModel } from "../src/models/spec.js";
import { loadHadronicTables } from "../src/widths/vmd.js";
import { widthSummary } from "../src/widths/widths.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// Reference: Ilten, Soreq, Williams, Xue, arXiv:1801.04847 (the recasting identity and production ratios).
describe("resonance recasting", () => {
  const tables = loadHadronicTables();
  const dp = resolveModel("DarkPhoton");

  it("the dark photon reproduces every visible input curve (S = 1 at the limiting ε)", () => {
    let checked = 0;
    for (const s of selectSearches(dataDir(), ["all"])) {
      if (s.decays.includes("invisible") || s.production === "pp") continue;
      for (const m of [0.015, 0.05, 0.2, 0.5, 0.9, 1.5]) {
        const r = new RecastAtMass(s, m, tables);
        if (!r.active) continue;
        // O(ε²) from eq. (2.2)'s √(1−ε²) and the lifetime windows: 1e-3
        expect(r.ratio(couplings(dp, 0, { eps: r.epsLim }, m)), `${s.name} at ${m}`).toBeCloseTo(1, 3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("beam dumps: the dark photon reproduces both edges of each two-sided limit and is excluded between them", () => {
    let checked = 0;
    for (const s of selectSearches(dataDir(), ["all"]).filter((x) => x.efficiency.type === "beamdump")) {
      for (const m of [0.002, 0.01, 0.05, 0.2]) {
        const r = new RecastAtMass(s, m, tables);
        if (!r.active) continue;
        const S = (eps: number) => r.ratio(couplings(dp, 0, { eps }, m));
        expect(S(r.epsLim), `${s.name} lower edge at ${m}`).toBeCloseTo(1, 6);
        expect(Math.abs(S(r.epsUp) - 1), `${s.name} upper edge at ${m}`).toBeLessThan(3e-3); // O(ε²) at the upper edge
        expect(S(Math.sqrt(r.epsLim * r.epsUp)), `${s.name} inside at ${m}`).toBeGreaterThan(1);
        expect(S(r.epsLim / 3), `${s.name} below at ${m}`).toBeLessThan(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("displaced searches: the dark photon reproduces the r-value grid (S = 1/r at the first excluded ε)", () => {
    for (const name of ["LHCb_Aaij2017rft_displaced", "LHCb_Aaij2019bvg_displaced"]) {
      const s = selectSearches(dataDir(), [name])[0];
      const r = new RecastAtMass(s, 0.3, tables);
      expect(r.active).toBe(true);
      const S = (eps: number) => r.ratio(couplings(dp, 0, { eps }, 0.3));
      expect(Math.abs(S(r.epsLim) - 1), name).toBeLessThan(0.02); // grid interpolation
      expect(S(0.5 * r.epsLim), name).toBeLessThan(1);
    }
  });

  it("an invisible search gives g_max = e ε_lim √(0.99/BR_inv) / |g_e/g_X| (analytic)", () => {
    const s = selectSearches(dataDir(), ["NA64_NA642019imj"])[0];
    const m = 0.1;
    const r = new RecastAtMass(s, m, tables);
    const model = resolveModel("Lmu-Ltau"); // below 2m_µ: only neutrinos, electron coupling from ε alone
    const ratio = 1;
    const g = r.gMax((x) => couplings(model, x, { epsRatio: ratio }, m));
    // |g_e| = g·ratio; Γ(ee) = g² m/12π equals Γ(ν_µν̄_µ) + Γ(ν_τν̄_τ) = 2 g² m/24π, so BR_inv = 1/2.
    expect(g / ((E_CHARGE * r.epsLim * Math.sqrt(0.99 / 0.5)) / ratio)).toBeCloseTo(1, 3);
  });

  it("BaBar's 4µ search excludes the L_µ−L_τ (g−2) band above 2m_µ (Coy & Xu 2021, section 2; core paper section 4.2)", () => {
    const s = selectSearches(dataDir(), ["BaBar_TheBABAR2016rlg"])[0];
    const model = resolveModel("Lmu-Ltau");
    for (const m of [0.3, 1, 3]) {
      const gBand = Math.sqrt(251e-11 / amuCoefficients(M_MU, m).kV);
      const r = new RecastAtMass(s, m, tables);
      expect(r.ratio(couplings(model, gBand, { eps: 0 }, m)), `m_X = ${m}`).toBeGreaterThan(1);
    }
    // and below 2m_µ it has nothing to say (X → µµ closed)
    expect(new RecastAtMass(s, 0.15, tables).active).toBe(false);
  });

  it("BaBar and LHCb exclude every Table 1 model's (g−2) explanation above 2m_µ (core paper section 4.2, Fig. 5)", () => {
    // "for m_X above the dimuon threshold, resonance searches, in particular from BaBar and LHCb, prevent an
    // explanation of (g−2)_µ". The models carry baryon number (proton bremsstrahlung, meson decays, pp → X).
    const names = ["BaBar_TheBABAR2016rlg", "LHCb_Aaij2017rft_prompt", "LHCb_Aaij2019bvg_prompt", "LHCb_Aaij2017rft_displaced", "LHCb_Aaij2019bvg_displaced"];
    const searches = selectSearches(dataDir(), names);
    const table1: [string, number][] = [["Lmu-Ltau", 0.00143], ["3,-7,-1,-1", -6.96], ["3,-6,7,-10", -6.26], ["3,-6,6,-9", -6.19], ["3,-6,5,-8", -6.14], ["3,-6,4,-7", -6.09], ["3,-6,3,-6", -6.06]];
    for (const [spec, r] of table1) {
      const model = resolveModel(spec);
      for (const m of [0.3, 0.5, 1, 2]) {
        const qMu = couplings(model, 1e-4, { epsRatio: r }, m).mu.V / 1e-4; // g_µ,V per unit g_X
        const g = Math.sqrt(251e-11 / amuCoefficients(M_MU, m).kV) / Math.abs(qMu);
        const c = couplings(model, g, { epsRatio: r }, m);
        const worst = Math.max(...searches.map((s) => new RecastAtMass(s, m, tables).ratio(c)));
        expect(worst, `${spec} at ${m} GeV`).toBeGreaterThan(1);
      }
    }
  });

  it("limits that reach |ε| ~ 1 at a table edge still recast (the reference dark photon scales as ε²)", () => {
    const recasts = selectSearches(dataDir(), ["all"]).map((s) => new RecastAtMass(s, 4, tables));
    expect(Math.max(...recasts.filter((r) => r.active).map((r) => r.epsLim))).toBeGreaterThan(0.5);
    const c = couplings(resolveModel("Lmu-Ltau"), 0.01, { eps: 0 }, 4);
    for (const r of recasts) expect(Number.isFinite(r.ratio(c))).toBe(true);
  });

  it("models without an electron coupling have no electron-beam limit", () => {
    const s = selectSearches(dataDir(), ["NA64_NA642019imj"])[0];
    const r = new RecastAtMass(s, 0.1, tables);
    expect(r.gMax((x) => couplings(resolveModel("Lmu-Ltau"), x, { epsRatio: 0 }, 0.1))).toBe(Number.POSITIVE_INFINITY);
  });

  it("production ratios: meson decays follow the quark-charge traces", () => {
    const c = couplings(dp, 0, { eps: 1e-3 }, 0.1);
    const e2 = (E_CHARGE * 1e-3) ** 2;
    for (const mech of ["e_brem", "e_e", "mu_brem", "p_brem", "pi0_gamma", "eta_gamma", "phi_eta", "rho0", "omega", "phi", "u_u", "d_d"])
      expect(productionStrength(mech, c, 0.1) / e2, mech).toBeCloseTo(1, 4);
    // B−L has no isovector coupling: no ρ mixing, no π⁰ → γX via the isovector part.
    const bl = couplings(resolveModel("B-L"), 1e-3, { eps: 0 }, 0.1);
    expect(productionStrength("rho0", bl, 0.1)).toBeCloseTo(0, 15);
    expect(productionStrength("pi0_gamma", bl, 0.1)).toBeGreaterThan(0);
  });

  it("branching ratios cross the µµ and ππ thresholds", () => {
    const model = resolveModel("B-L");
    const br = (m: number) => widthSummary(couplings(model, 1e-3, { epsRatio: 0.5 }, m), tables).widths;
    expect(br(2 * M_MU * 0.999).mu_mu).toBe(0);
    const above = 2 * M_MU * 1.05;
    const beta = Math.sqrt(1 - (2 * M_MU / above) ** 2);
    const gmu = couplings(model, 1e-3, { epsRatio: 0.5 }, above).mu;
    expect(br(above).mu_mu / ((above / (12 * Math.PI)) * beta * gmu.V ** 2 * (1 + 2 * (M_MU / above) ** 2))).toBeCloseTo(1, 6);
    // ππ through ρ mixing needs an isovector coupling: only kinetic mixing gives one in B−L.
    expect(br(0.27)["pi+_pi-"]).toBe(0);
    expect(br(0.5)["pi+_pi-"]).toBeGreaterThan(0);
  });

  it("the veto is 0 or 100 and reports how far past g_max a point lies (its excess, for the profile)", () => {
    const model = resolveModel("3,-6,7,-10");
    const p = resonances.prepare(model, 0.2, {});
    const at = (g: number) => couplings(model, g, { epsRatio: -5 }, 0.2);
    // g_max from the searches themselves (RecastAtMass.gMax), the smallest one-sided one: a prompt search here.
    const limiting = p.recasts.filter((r) => !r.twoSided).map((r) => ({ r, g: r.gMax(at, logGCeiling({ epsRatio: -5 }), true) })).sort((a, b) => a.g - b.g)[0];
    expect(limiting.r.search.efficiency.type).toBe("prompt");
    const gm = limiting.g;
    expect(gm).toBeGreaterThan(0);
    expect(resonances.evaluate(p, at(gm * 0.99)).dchi2).toBe(0);
    expect(resonances.evaluate(p, at(gm * 0.99)).excess).toBe(0);
    expect(resonances.evaluate(p, at(gm * 1.01)).dchi2).toBe(100);
    // A prompt search's S ∝ g_X²: the excess ½ log10 S is log10(g_X/g_max).
    expect(resonances.evaluate(p, at(gm * 1.5)).excess).toBeCloseTo(Math.log10(1.5), 6);
  });

  it("a lifetime window's g_max solved in ln u (KLOE) agrees with the first-crossing scan of S", () => {
    let checked = 0;
    for (const name of ["Lmu-Ltau", "B-L", "3B-7Le-Lmu-Ltau", "Le-Lmu"])
      for (const mX of [0.03, 0.2, 0.5, 0.9]) {
        const model = resolveModel(name);
        for (const r of resonances.prepare(model, mX, {}).recasts.filter((x) => x.search.efficiency.type === "lifetime"))
          for (const ratio of [-2, -0.3, 0, 0.4, 1.5]) {
            const at = (g: number) => couplings(model, g, { epsRatio: ratio }, mX);
            const solved = r.gMax(at, 0, true);
            const scanned = r.gMax(at, 0, false);
            if (scanned === Number.POSITIVE_INFINITY) expect(solved).toBe(scanned);
            // 1e-7: the scan's tolerance (1e-10 in log10 g) and the O(ε²) departure of the couplings from g_X scaling.
            else expect(solved / scanned, `${r.search.name}, ${name} at ${mX}, ε e/g_X = ${ratio}`).toBeCloseTo(1, 7);
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(40);
  });

  // Reference: S of every active search, each from its own RecastAtMass.ratio, and their maximum.
  it("keeping only the strongest prompt search of each production and final state leaves the largest S unchanged", () => {
    let dropped = 0;
    for (const name of ["B-L", "Lmu-Ltau", "3,-6,7,-10", "Le-Lmu"])
      for (const mX of [0.01, 0.05, 0.2, 0.5, 1, 3]) {
        const model = resolveModel(name);
        const p = resonances.prepare(model, mX, {});
        const every = selectSearches(dataDir(), ["all"]).map((s) => new RecastAtMass(s, mX, tables)).filter((r) => r.active);
        dropped += every.length - p.recasts.length;
        for (const ratio of [-3, 0, 0.5, 4])
          for (const g of [1e-5, 3e-4, 1e-2]) {
            const c = couplings(model, g, { epsRatio: ratio }, mX);
            const max = Math.max(0, ...every.map((r) => r.ratio(c)));
            expect(resonances.evaluate(p, c).observables?.resonanceRatioMax, `${name} at ${mX}, g = ${g}, r = ${ratio}`).toBeCloseTo(max, 12);
          }
      }
    expect(dropped).toBeGreaterThan(10);
  });

  it("models without extra channels share one mass's recasts; a model with decays gets its own", () => {
    const a = resonances.prepare(resolveModel("B-L"), 0.31, {});
    const b = resonances.prepare(resolveModel("Lmu-Ltau"), 0.31, {});
    expect(b.recasts).toBe(a.recasts);
    expect(resonances.prepare(resolveModel("B-L"), 0.31, { searches: ["paper"] }).recasts).not.toBe(a.recasts);
    const withDecays = { ...resolveModel("B-L"), decays: [{ name: "chi_chi", class: "invisible" as const, formula: "fermion" as const, mass: 0.01, charge: 1 }] };
    expect(resonances.prepare(withDecays, 0.31, {}).recasts).not.toBe(a.recasts);
  });

  it("reads every search of limits.tsv and says which cannot be recast", () => {
    const all = allSearches(dataDir());
    expect(all.length).toBeGreaterThan(50);
    for (const n of ["NA64_NA642019imj", "BaBar_Lees2014xha", "BaBar_Lees2017lec", "BaBar_TheBABAR2016rlg", "LHCb_Aaij2019bvg_prompt", "NA48_Batley2015lha", "KLOE_Anastasi2018azp_mumu"])
      expect(all.find((s) => s.name === n)?.notRecastable, n).toBeUndefined();
    expect(() => selectSearches(dataDir(), ["ATLAS_Aad2019tua"])).toThrow(/cannot be recast/);
    expect(() => selectSearches(dataDir(), ["Borexino_Bauer2018onh"])).toThrow(/cannot be recast/);
    // every resonance search of the compilation: all but the 5 g−2, 3 ν-scattering and 5 h → XX entries
    expect(selectSearches(dataDir(), ["all"]).length).toBe(allSearches(dataDir()).length - 13);
  });
});

describe("u1x limits", () => {
  it("gives gMax per search (contract keys) and says when the electron coupling vanishes", () => {
    const j = JSON.parse(u1x(["limits", "--model", "Lmu-Ltau", "--mx", "200MeV", "--eps-ratio", "0", "--format", "json"]).stdout);
    const na64 = j.searches.NA64_NA642019imj;
    expect(na64).toHaveProperty("gMax");
    expect(na64.gMax).toBeNull();
    expect(na64.note).toMatch(/vanishing coupling/);
    for (const k of ["production", "decays", "prompt"]) expect(na64).toHaveProperty(k);
  });
  it("writes recast curves over a mass range", () => {
    const j = JSON.parse(u1x(["limits", "--model", "B-L", "--eps", "0", "--scan", "10MeV:1GeV", "--points", "5", "--searches", "NA64_NA642019imj,BaBar_Lees2014xha", "--format", "json"]).stdout);
    expect(j.curves).toHaveLength(5);
    expect(j.curves[0].searches.NA64_NA642019imj.gMax).toBeGreaterThan(0);
  });
  it("scans g_X only up to |ε| = 0.5 at large ε e/g_X (3B−7L_e−L_µ−L_τ at its Table 1 ratio)", () => {
    const r = u1x(["limits", "--model", "3,-7,-1,-1", "--mx", "1GeV", "--eps-ratio=-6.96", "--searches", "BaBar_TheBABAR2016rlg,NA64_NA642019imj", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.searches.BaBar_TheBABAR2016rlg.gMax).toBeGreaterThan(0);
  });
  it("rejects unknown searches", () => {
    expectCleanFailure(["limits", "--model", "B-L", "--mx", "0.2", "--eps", "0", "--searches", "Nope_2020"], /unknown search/);
  });
});
