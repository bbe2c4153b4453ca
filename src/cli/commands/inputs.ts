import { measuredTerms, packageMeasurements, readInputsFile } from "../../likelihood/measurements.js";
import { ALL_LIKELIHOODS } from "../../likelihood/registry.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";

export interface InputsArgs {
  inputsFile?: string;
  format?: string;
}

/** `u1x inputs`: every measurement set of every term (likelihoods/<term>/measurements.json) and of --inputs-file. */
export function inputsCommand(a: InputsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  const rows: { term: string; observable: string; set: string; isDefault: boolean; value: number; sigma: number; cite: string; note: string | null; source: string }[] = [];
  for (const term of measuredTerms(ALL_LIKELIHOODS)) {
    const pkg = packageMeasurements(term);
    for (const [set, obs] of Object.entries(pkg.sets))
      for (const [observable, m] of Object.entries(obs)) rows.push({ term, observable, set, isDefault: set === pkg.default, value: m.value, sigma: m.sigma, cite: m.cite, note: m.note ?? null, source: `likelihoods/${term}/measurements.json` });
  }
  if (a.inputsFile !== undefined)
    for (const [set, byTerm] of Object.entries(readInputsFile(a.inputsFile, ALL_LIKELIHOODS)))
      for (const [term, obs] of Object.entries(byTerm))
        for (const [observable, m] of Object.entries(obs)) rows.push({ term, observable, set, isDefault: false, value: m.value, sigma: m.sigma, cite: m.cite, note: m.note ?? null, source: a.inputsFile });
  if (format === "json") return toJson({ measurements: rows });
  return renderRows(rows, [
    { header: "term", value: (r) => r.term },
    { header: "observable", value: (r) => r.observable },
    { header: "set", value: (r) => (r.isDefault ? `${r.set} (default)` : r.set) },
    { header: "value", value: (r) => r.value, digits: 5 },
    { header: "sigma", value: (r) => r.sigma, digits: 4 },
    { header: "cite", value: (r) => r.cite },
  ], format as Exclude<Format, "json">, "Measurement sets: --inputs NAME selects a set wherever a term has one; --inputs-file FILE adds your own");
}
