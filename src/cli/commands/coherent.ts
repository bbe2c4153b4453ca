import { NE, NT } from "../../../likelihoods/coherent/data.js";
import { coherent, coherentPrediction } from "../../../likelihoods/coherent/index.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { catalogueLabel } from "../../models/spec.js";
import { modelCaption, type PointArgs, parsePoint } from "../parse.js";

export type CoherentArgs = PointArgs;

/** `u1x coherent`: expected and observed counts per (PE, time) bin with the profiled pulls. */
export function coherentCommand(a: CoherentArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md"]);
  const { model, mX, couplings: c } = parsePoint(a);
  const p = coherent.prepare(model, mX, {});
  const { signal, fit } = coherentPrediction(p, c);
  const d = p.base.data;
  const [as, an, ab] = fit.a;
  const bins = [];
  for (let e = 0; e < NE; e++)
    for (let t = 0; t < NT; t++) {
      const i = e * NT + t;
      bins.push({
        pe: 7 + 2 * e,
        time: 0.25 + 0.5 * t,
        observed: d.observed[i],
        signal: signal[i],
        neutrons: p.base.neutron[i],
        background: d.background[i],
        expected: (1 + as) * signal[i] + (1 + an) * p.base.neutron[i] + (1 + ab) * d.background[i],
      });
    }
  const summary = {
    model: model.name,
    catalogue: catalogueLabel(model),
    mX,
    gX: c.gX,
    eps: c.eps,
    chi2: fit.chi2,
    chi2SM: p.base.smChi2.chi2,
    dchi2: fit.chi2 - p.base.smChi2.chi2,
    pulls: { signal: as, neutrons: an, background: ab },
    pullsSM: { signal: p.base.smChi2.a[0], neutrons: p.base.smChi2.a[1], background: p.base.smChi2.a[2] },
    signalTotal: signal.reduce((x, y) => x + y, 0),
  };
  if (format === "json") return toJson({ ...summary, bins });
  const caption = `${modelCaption(model)} at m_X = ${mX} GeV, g_X = ${c.gX}: chi2 = ${fit.chi2.toFixed(3)} (SM ${summary.chi2SM.toFixed(3)}), dchi2 = ${summary.dchi2.toFixed(4)}; pulls a_sig = ${as.toFixed(4)}, a_n = ${an.toFixed(4)}, a_bg = ${ab.toFixed(4)}; signal ${summary.signalTotal.toFixed(2)} events`;
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
