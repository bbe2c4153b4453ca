import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Chi2 } from "../src/likelihood/compose.js";
import { CHIRAL_LIKELIHOODS, selectLikelihoods } from "../src/likelihood/registry.js";
import { catalogue } from "../src/models/catalogue.js";
import { repoPath } from "../src/paths.js";
import { fitModel } from "../src/profile/profile.js";
import { loadRankRecipe } from "../src/profile/recipe.js";
import { u1x } from "./helpers/cli.js";

// Section 5 of the core paper: every chiral model of the catalogue ranked with the terms that see axial couplings.

describe("rank --category chiral", () => {
  it("ranks the 621 chiral models with the B.1 terms plus apv, ae, texono, charm2, trident, with their charges", () => {
    const r = u1x(["rank", "--category", "chiral", "--mx", "200MeV", "--likelihoods", "amu,borexino,nsi,apv,ae", "--threads", "2", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(catalogue().chiral.length);
    expect(rows.find((x: { id: string }) => x.id === "C120").model).toEqual({ xq: 0, xL: [-1, 7, -6], xE: [1, 6, -7], xN: [-7, -2, 9] });
    for (let i = 1; i < rows.length; i++) expect(rows[i].dchi2).toBeGreaterThanOrEqual(rows[i - 1].dchi2);
    expect(CHIRAL_LIKELIHOODS).toEqual(["amu", "borexino", "nsi", "coherent", "resonances", "apv", "ae", "texono", "charm2", "trident"]);
  });
  it("chi2SM is the SM point's χ²: (251/59)² + (8.8/3.6)² + (0.65/0.43)² for amu, ae (Cs), apv (paper inputs)", () => {
    const m = catalogue().chiral.find((e) => e.id === "C120")!.model;
    const fit = fitModel(new Chi2(m, 0.2, selectLikelihoods("amu,ae,apv"), {}), { intervals: false });
    expect(fit.chi2SM).toBeCloseTo((251 / 59) ** 2 + (8.8 / 3.6) ** 2 + (0.65 / 0.43) ** 2, 6);
    expect(fit.dchi2).toBeLessThanOrEqual(fit.chi2SM! + 1e-9);
  });
  it("the committed chiral ranking (fits/tables/rank-chiral-200MeV.json) is what the code gives for its best three", () => {
    const committed = JSON.parse(readFileSync(repoPath("fits/tables/rank-chiral-200MeV.json"), "utf8"));
    const recipe = loadRankRecipe("rank-chiral-200MeV");
    expect(committed.recipe).toEqual(recipe);
    const ls = selectLikelihoods(recipe.likelihoods);
    for (const row of committed.rows.slice(0, 3)) {
      const model = catalogue().chiral.find((e) => e.id === row.id)!.model;
      const fit = fitModel(new Chi2(model, 0.2, ls, { inputs: recipe.inputs, searches: recipe.searches }), { intervals: false });
      expect(fit.dchi2, row.name).toBeCloseTo(row.dchi2, 3);
    }
  });
});
