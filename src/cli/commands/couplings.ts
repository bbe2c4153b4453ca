import { type Couplings, couplings } from "../../couplings/couplings.js";
import { UserError } from "../../errors.js";
import { fieldAnomalySums, sumsVanish } from "../../models/anomaly.js";
import { describeModel } from "../../models/describe.js";
import { formatSums } from "../../models/file.js";
import { isDarkPhoton } from "../../models/model.js";
import { catalogueLabel, resolveModel } from "../../models/spec.js";
import { checkFormat, type Format, fmtNumber, renderRows, toJson } from "../../output/format.js";
import { modelCaption, parseCoupling, parseMass, parseMixing } from "../parse.js";

export interface CouplingsArgs {
  model: string;
  mx?: string;
  g?: string;
  eps?: string;
  epsRatio?: string;
  maxCharge: number;
  format?: string;
}

/** Rows (fermion, L, R, V, A) of a coupling set. */
export function couplingRows(c: Couplings) {
  const rows: { fermion: string; L: number; R: number; V: number; A: number }[] = [];
  for (const f of ["e", "mu", "tau", "u", "d", "s", "c", "b", "t"] as const) rows.push({ fermion: f, ...c[f] });
  for (const [i, f] of (["nu_e", "nu_mu", "nu_tau"] as const).entries()) rows.push({ fermion: f, L: c.nu[i], R: 0, V: c.nu[i] / 2, A: c.nu[i] / 2 });
  rows.push({ fermion: "p", L: c.p, R: c.p, V: c.p, A: 0 });
  rows.push({ fermion: "n", L: c.n, R: c.n, V: c.n, A: 0 });
  return rows;
}

/** `u1x couplings`: effective couplings at (g_X, ε). Without --g, the charges (couplings per unit g_X). */
export function couplingsCommand(a: CouplingsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  const model = resolveModel(a.model, a.maxCharge);
  const mix = parseMixing(a, true, model)!;
  // Without --g: charges per unit g_X, except for the dark photon, whose couplings are ε e Q_f (no g_X).
  const perUnitG = a.g === undefined && !(isDarkPhoton(model) && "eps" in mix);
  if (perUnitG && "eps" in mix && mix.eps !== 0) throw new UserError("charges per unit g_X need --eps-ratio (or give --g with --eps)");
  if (perUnitG && model.massMixing) throw new UserError("give --g: the model's X–Z mass mixing adds couplings independent of g_X, so there are no charges per unit g_X");
  // Per unit g_X: evaluate at a tiny coupling and divide it out (the charges x_f + (εe/g_X) Q_f of eq. 2.2).
  const g = perUnitG ? 1e-9 : a.g === undefined ? 0 : parseCoupling(a.g);
  const mX = a.mx === undefined ? 0 : parseMass(a.mx);
  const c = couplings(model, g, mix, mX);
  const rows = couplingRows(c).map((r) => (perUnitG ? { fermion: r.fermion, L: r.L / g, R: r.R / g, V: r.V / g, A: r.A / g } : r));
  if (format === "json") {
    return toJson({
      model: describeModel(model),
      catalogue: catalogueLabel(model),
      gX: perUnitG ? null : c.gX,
      eps: perUnitG ? ("eps" in mix ? mix.eps : null) : c.eps,
      epsY: perUnitG ? null : c.epsY,
      epsRatio: c.epsRatio,
      mX: a.mx === undefined ? null : mX,
      perUnitG,
      couplings: Object.fromEntries(rows.map(({ fermion, ...r }) => [fermion, r])),
    });
  }
  const sums = model.fields ? fieldAnomalySums(model.fields) : undefined;
  const anomalies = !sums ? "" : sumsVanish(sums) ? "; anomaly-free" : `; anomalous (${formatSums(sums)})`;
  const caption = `${modelCaption(model)}${anomalies}: ${perUnitG ? "charges (couplings / g_X)" : `couplings at g_X = ${c.gX}, eps = ${fmtNumber(c.eps, 6)}`}, eps e/g_X = ${fmtNumber(c.epsRatio, 6)}${a.mx === undefined ? "" : `, m_X = ${mX} GeV`}`;
  return renderRows(rows, [
    { header: "fermion", value: (r) => r.fermion },
    { header: "L", value: (r) => r.L, digits: 6 },
    { header: "R", value: (r) => r.R, digits: 6 },
    { header: "V", value: (r) => r.V, digits: 6 },
    { header: "A", value: (r) => r.A, digits: 6 },
  ], format as Exclude<Format, "json">, caption);
}
