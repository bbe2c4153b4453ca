import { catalogue } from "../../models/catalogue.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { UserError } from "../../errors.js";

export interface ModelsArgs {
  category?: string;
  maxCharge: number;
  format?: string;
}

/** `u1x models`: the catalogue of section 2.2. */
export function modelsCommand(a: ModelsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  if (a.category !== undefined && a.category !== "vector" && a.category !== "chiral") throw new UserError(`--category must be 'vector' or 'chiral', got '${a.category}'`);
  const cat = catalogue(a.maxCharge);
  const vector = cat.vector.map(({ model: _m, ...v }) => v);
  const chiral = cat.chiral.map(({ model: _m, ...c }) => c);
  const counts = {
    maxCharge: cat.maxCharge,
    assignments: cat.assignments.length,
    vectorAssignments: cat.vectorAssignments,
    chiralAssignments: cat.chiralAssignments,
    vectorModels: cat.vector.length,
    chiralModels: cat.chiralModels,
  };
  if (format === "json") {
    if (a.category === "vector") return toJson(vector);
    if (a.category === "chiral") return toJson(chiral);
    return toJson({ counts, vector, chiral });
  }
  const f = format as Exclude<Format, "json">;
  const summary = `U(1)_X catalogue, |x| <= ${cat.maxCharge}: ${counts.assignments} assignments = ${counts.vectorAssignments} vector-like + ${counts.chiralAssignments} chiral; ${counts.vectorModels} distinct vector models, ${counts.chiralModels} distinct chiral models`;
  const csummary = `${counts.chiralModels} distinct chiral models from the ${counts.chiralAssignments} chiral assignments (|x| <= ${cat.maxCharge}): every flavour order (e, mu, tau) and L-E pairing, N kept, up to the overall sign (first non-zero charge negative)`;
  const vtab = renderRows(vector, [
    { header: "id", value: (r) => r.id },
    { header: "name", value: (r) => r.name },
    { header: "cB", latex: "$c_B$", value: (r) => r.cB },
    { header: "ce", latex: "$c_e$", value: (r) => r.ce },
    { header: "cmu", latex: "$c_\\mu$", value: (r) => r.cmu },
    { header: "ctau", latex: "$c_\\tau$", value: (r) => r.ctau },
    { header: "alpha", latex: "$\\alpha$", value: (r) => r.alpha },
    { header: "R", value: (r) => r.R },
    { header: "assignments", value: (r) => r.assignments },
  ], f, f === "table" || f === "md" ? summary : undefined);
  const ctab = renderRows(chiral, [
    { header: "id", value: (r) => r.id },
    { header: "name", value: (r) => r.name },
    { header: "assignment", value: (r) => r.assignment },
    { header: "xq", latex: "$x_q$", value: (r) => r.xq },
    { header: "xL", value: (r) => `(${r.xL.join(",")})` },
    { header: "xE", value: (r) => `(${r.xE.join(",")})` },
    { header: "xN", value: (r) => `(${r.xN.join(",")})` },
  ], f, (f === "table" || f === "md") && a.category === "chiral" ? csummary : undefined);
  if (a.category === "vector") return vtab;
  if (a.category === "chiral") return ctab;
  return f === "csv" ? vtab : `${vtab}\n${ctab}`;
}
