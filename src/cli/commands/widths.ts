import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { loadHadronicTables } from "../../widths/vmd.js";
import { widthSummary } from "../../widths/widths.js";
import { HBAR_GEV_S } from "../../constants.js";
import { catalogueLabel } from "../../models/spec.js";
import { modelCaption, type PointArgs, parseNeutrinos, parsePoint } from "../parse.js";

export interface WidthsArgs extends PointArgs {
  neutrinos?: string;
}

/**
 * `u1x widths`: partial widths, total width, lifetime and branching ratios of X. A model's extra decay channels
 * (`decays`) follow the standard states, by name, with their class (JSON: `classes`, name → class; `classWidths`, the
 * widths as the searches see them; `unseen`); `invisible` includes the invisible extras and the total all of them.
 */
export function widthsCommand(a: WidthsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  const { model, mX, gX: g, couplings: c } = parsePoint(a);
  const neutrinos = parseNeutrinos(a.neutrinos);
  const decays = model.decays ?? [];
  const s = widthSummary(c, loadHadronicTables(), neutrinos, decays);
  const tau = s.total > 0 ? HBAR_GEV_S / s.total : null;
  if (format === "json")
    return toJson({ model: model.name, catalogue: catalogueLabel(model), neutrinos, mX, gX: g, eps: c.eps, epsRatio: c.epsRatio, widths: s.widths, total: s.total, invisible: s.invisible, hadrons: s.hadrons, unseen: s.unseen, classes: s.classes, classWidths: s.classWidths, branchingRatios: s.branchingRatios, lifetimeSeconds: tau });
  const rows = Object.keys(s.widths).map((k) => ({ state: k, width: s.widths[k], br: s.branchingRatios[k], cls: (s.classes[k] ?? "") as string }));
  rows.push({ state: "total", width: s.total, br: 1, cls: "" });
  // The class column (how searches see an extra channel) only when the model has extra channels.
  const classColumn = decays.length ? [{ header: "class", value: (r: (typeof rows)[number]) => r.cls }] : [];
  return renderRows(rows, [
    { header: "state", value: (r) => r.state },
    { header: "width [GeV]", value: (r) => r.width },
    { header: "BR", value: (r) => r.br },
    ...classColumn,
  ], format as Exclude<Format, "json">, `${modelCaption(model)}, m_X = ${mX} GeV, g_X = ${g}, eps = ${c.eps} (${neutrinos} neutrinos): lifetime ${tau === null ? "infinite (no open channel)" : `${tau.toExponential(3)} s`}`);
}
