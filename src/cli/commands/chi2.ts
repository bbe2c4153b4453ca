import { Chi2 } from "../../likelihood/compose.js";
import { ALL_LIKELIHOODS, selectLikelihoods } from "../../likelihood/registry.js";
import { coefficientsOf } from "../../models/model.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { likelihoodOptions } from "../options.js";
import { type PointArgs, parsePoint } from "../parse.js";

export interface Chi2Args extends PointArgs {
  likelihoods?: string;
  inputs?: string;
  searches?: string;
}

/** `u1x chi2`: Δχ² of eq. (B.1) at one point, with its terms and observables. */
export function chi2Command(a: Chi2Args): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  const { model, mX, gX: g, couplings: c } = parsePoint(a);
  const selected = selectLikelihoods(a.likelihoods);
  const r = new Chi2(model, mX, selected, likelihoodOptions(a)).evaluate(c);
  // Observables of every module (e.g. RTrident, T), whether or not its term is in the selected Δχ².
  const others = ALL_LIKELIHOODS.filter((n) => !selected.some((l) => l.name === n));
  if (others.length) Object.assign(r.observables, { ...new Chi2(model, mX, selectLikelihoods(others), likelihoodOptions(a)).evaluate(c).observables, ...r.observables });
  const result = {
    model: { name: model.name, id: model.id ?? null, ...(coefficientsOf(model) ?? {}) },
    mX,
    gX: g,
    eps: c.eps,
    epsRatio: c.epsRatio,
    terms: r.terms,
    total: r.total,
    observables: r.observables,
  };
  if (format === "json") return toJson(result);
  const rows = [
    ...Object.entries(r.terms).map(([k, v]) => ({ k: `dchi2 ${k}`, v })),
    { k: "dchi2 total", v: r.total },
    ...Object.entries(r.observables).map(([k, v]) => ({ k, v })),
  ];
  return renderRows(rows, [
    { header: "quantity", value: (x) => x.k },
    { header: "value", value: (x) => x.v, digits: 6 },
  ], format as Exclude<Format, "json">, `${model.name} at m_X = ${mX} GeV, g_X = ${g}, eps = ${c.eps} (eps e/g_X = ${c.epsRatio})`);
}
