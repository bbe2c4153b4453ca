import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nsiForm } from "../likelihoods/nsi/chi2.js";
import { nsi } from "../likelihoods/nsi/index.js";
import { TABLE2, TABLE3 } from "../likelihoods/nsi/inputs.js";
import { committedParameters, REFIT_RESULT } from "../likelihoods/nsi/parameters.js";
import { calibrationTable, loadRecipe, refit, table3Regularised } from "../likelihoods/nsi/refit.js";
import { G_F } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";

// Reference: core paper appendix A, Tables 2 and 3.
describe("NSI oscillation χ² (appendix A)", () => {
  const eta = committedParameters();

  it("the committed refit reproduces Table 2's bounds within 10% for at least 9 of 10 models", () => {
    const rows = calibrationTable(eta);
    const good = rows.filter((r) => Math.abs(r.bound / r.target - 1) < 0.1).length;
    expect(good).toBeGreaterThanOrEqual(9);
    expect(rows).toHaveLength(TABLE2.length);
  });

  it("gives Δχ² = 4 at the refit's own bound, through the likelihood", () => {
    const mX = 0.2;
    for (const [name, row] of [
      ["B-3Le", 0],
      ["Le-Lmu", 4],
    ] as const) {
      const model = resolveModel(name);
      const cal = calibrationTable(eta)[row];
      // ε0 = g²/(√2 G_F m_X²) in Table 2's normalisation θ = (x_B, x_e, …), which is how the names are typed.
      const g = Math.sqrt(cal.bound * Math.SQRT2 * G_F * mX * mX);
      const p = nsi.prepare(model, mX, {});
      expect(nsi.evaluate(p, couplings(model, g, { epsRatio: 0 }, mX)).dchi2).toBeCloseTo(4, 4);
    }
  });

  it("is independent of kinetic mixing (neutral matter, footnote 13) and zero at the SM point", () => {
    const model = resolveModel("3,-7,-1,-1");
    const p = nsi.prepare(model, 0.2, {});
    const a = nsi.evaluate(p, couplings(model, 2e-4, { epsRatio: 0 }, 0.2)).observables!.nsiRaw;
    const b = nsi.evaluate(p, couplings(model, 2e-4, { epsRatio: -7 }, 0.2)).observables!.nsiRaw;
    expect(Math.abs(a)).toBeGreaterThan(1e-3);
    expect(a / b).toBeCloseTo(1, 4); // up to O(m_X²/m_Z²) from X–Z mixing
    expect(nsi.evaluate(p, couplings(model, 0, { eps: 0 }, 0.2)).dchi2).toBe(0);
  });

  it("Table 3 as printed has an indefinite covariance, and its smallest regularisation misfits Table 2", () => {
    expect(() => nsiForm(TABLE3)).toThrow(/positive definite/);
    const t3 = table3Regularised();
    expect(t3.rhoMuTauEdge).toBeCloseTo(0.78 * 0.79 + Math.sqrt((1 - 0.78 ** 2) * (1 - 0.79 ** 2)), 12);
    expect(t3.lambda).toBeGreaterThan(100); // the paper's own fit had λ = 1.43
  });

  it("re-running the committed recipe reproduces the committed result exactly", () => {
    const committed = JSON.parse(readFileSync(repoPath(REFIT_RESULT), "utf8"));
    const r = refit(loadRecipe());
    expect(r.lambda).toBe(committed.lambda);
    expect(r.p).toEqual(committed.p);
    expect(r.lambda).toBeLessThan(1.43);
  });
});

describe("u1x nsi-refit --out (the document --write stores)", () => {
  it("writes a refit that the NSI likelihood's validator accepts and that matches the printed result", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { validateRefitResult } = await import("../likelihoods/nsi/parameters.js");
    const { u1x } = await import("./helpers/cli.js");
    const out = join(mkdtempSync(join(tmpdir(), "u1x-refit-")), "result.json");
    const r = u1x(["nsi-refit", "--starts", "3", "--out", out, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(validateRefitResult(written)).toBeUndefined();
    expect(written.lambda).toBe(JSON.parse(r.stdout).lambda);
    expect(written.generatedBy).toBe("u1x nsi-refit --write");
    expect(written.recipe.starts).toBe(3);
  });
});
