import { UserError } from "../../errors.js";
import { checkWritableFile, writeFileAtomic } from "../../output/files.js";
import { REFIT_RESULT } from "../../../likelihoods/nsi/parameters.js";
import { loadRecipe, refit, table3Regularised } from "../../../likelihoods/nsi/refit.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { repoPath } from "../../paths.js";
import { parseInteger } from "../parse.js";

export interface NsiRefitArgs {
  write?: boolean;
  out?: string;
  seed?: string;
  starts?: string;
  table3?: boolean;
  format?: string;
}

/** `u1x nsi-refit`: refit η and Ȳ_n to Table 2 (eq. A.15); --write stores the result in fits/. */
export function nsiRefitCommand(a: NsiRefitArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  if (a.table3 && (a.write || a.out !== undefined)) throw new UserError("--table3 evaluates Table 3 as printed; there is no refit to write");
  if (a.write && a.out !== undefined) throw new UserError("--write and --out exclude each other: --write stores the refit where the likelihood reads it, --out elsewhere");
  if (a.out !== undefined) checkWritableFile(a.out);
  const recipe = loadRecipe();
  if (a.seed !== undefined) recipe.seed = parseInteger(a.seed, "--seed", 0);
  if (a.starts !== undefined) recipe.starts = parseInteger(a.starts, "--starts");
  const t3 = a.table3 ? table3Regularised() : undefined;
  const r = t3 ?? refit(recipe);
  const extra = t3 ? { table3: true, rhoMuTauEdge: t3.rhoMuTauEdge, rhoMuTauUsed: t3.eta.rho.mutau } : { p: (r as ReturnType<typeof refit>).p, recipe };
  const out = { lambda: r.lambda, eta: r.eta, calibration: r.calibration, ...extra };
  // --write stores it where the NSI likelihood reads it; --out writes the same document elsewhere.
  const target = a.write ? repoPath(REFIT_RESULT) : a.out;
  if (target !== undefined && !a.table3) writeFileAtomic(target, toJson({ ...out, generatedBy: "u1x nsi-refit --write" }));
  if (format === "json") return toJson(out);
  const f = format as Exclude<Format, "json">;
  const e = r.eta;
  const params = renderRows(
    [{ ...e, E0e: e.E0[0], E0mu: e.E0[1], E0tau: e.E0[2], se: e.sigma[0], smu: e.sigma[1], stau: e.sigma[2] }],
    [
      { header: "E0_e", latex: "$\\mathcal{E}^0_e$", value: (x) => x.E0e, digits: 5 },
      { header: "E0_mu", latex: "$\\mathcal{E}^0_\\mu$", value: (x) => x.E0mu, digits: 5 },
      { header: "E0_tau", latex: "$\\mathcal{E}^0_\\tau$", value: (x) => x.E0tau, digits: 5 },
      { header: "sigma_e", latex: "$\\sigma_e$", value: (x) => x.se, digits: 5 },
      { header: "sigma_mu", latex: "$\\sigma_\\mu$", value: (x) => x.smu, digits: 5 },
      { header: "sigma_tau", latex: "$\\sigma_\\tau$", value: (x) => x.stau, digits: 5 },
      { header: "rho_emu", latex: "$\\rho_{e\\mu}$", value: (x) => x.rho.emu, digits: 8 },
      { header: "rho_etau", latex: "$\\rho_{e\\tau}$", value: (x) => x.rho.etau, digits: 8 },
      { header: "rho_mutau", latex: "$\\rho_{\\mu\\tau}$", value: (x) => x.rho.mutau, digits: 8 },
      { header: "Yn", latex: "$\\bar Y_n$", value: (x) => x.Yn, digits: 5 },
    ],
    f,
    `${a.table3 ? "Table 3 as printed (rho_mutau regularised)" : "NSI refit"}: lambda = ${r.lambda.toPrecision(6)} (paper: 1.43)`,
  );
  const cal = renderRows(r.calibration, [
    { header: "theta (xB,xe,xmu,xtau)", value: (x) => `(${x.theta.map((t) => Number(t.toFixed(3))).join(", ")})` },
    { header: "bound", latex: "$\\varepsilon_0^{\\rm bnd}$", value: (x) => x.bound },
    { header: "Table 2 bound", latex: "$\\hat\\varepsilon_0^{\\rm bnd}$", value: (x) => x.target },
    { header: "dchi2_min", latex: "$\\Delta\\chi^2_{\\rm min}$", value: (x) => x.dchi2Min, digits: 3 },
    { header: "Table 2 dchi2_min", latex: "$\\Delta\\hat\\chi^2_{\\rm min}$", value: (x) => x.dchi2MinTarget, digits: 3 },
  ], f);
  return `${params}\n${cal}`;
}
