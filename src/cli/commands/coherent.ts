import { coherent, coherentBins } from "../../../likelihoods/coherent/index.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { catalogueLabel } from "../../models/spec.js";
import { modelCaption, type PointArgs, parsePoint } from "../parse.js";

export type CoherentArgs = PointArgs;

/** `u1x coherent`: expected and observed counts per (PE, time) bin with the profiled pulls (coherentBins). */
export function coherentCommand(a: CoherentArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md"]);
  const { model, mX, couplings: c } = parsePoint(a);
  const { summary: s, bins } = coherentBins(coherent.prepare(model, mX, {}), c);
  const summary = { model: model.name, catalogue: catalogueLabel(model), mX, gX: c.gX, eps: c.eps, ...s };
  if (format === "json") return toJson({ ...summary, bins });
  const { signal: as, neutrons: an, background: ab } = s.pulls;
  const caption = `${modelCaption(model)} at m_X = ${mX} GeV, g_X = ${c.gX}: chi2 = ${s.chi2.toFixed(3)} (SM ${s.chi2SM.toFixed(3)}), dchi2 = ${s.dchi2.toFixed(4)}; pulls a_sig = ${as.toFixed(4)}, a_n = ${an.toFixed(4)}, a_bg = ${ab.toFixed(4)}; signal ${s.signalTotal.toFixed(2)} events`;
  return renderRows(bins, [
    { header: "PE", value: (r) => r.pe },
    { header: "t [us]", value: (r) => r.time },
    { header: "observed", value: (r) => r.observed },
    { header: "expected", value: (r) => r.expected },
    { header: "signal", value: (r) => r.signal },
    { header: "neutrons", value: (r) => r.neutrons },
    { header: "steady-state", value: (r) => r.background },
  ], format as Exclude<Format, "json">, caption);
}
