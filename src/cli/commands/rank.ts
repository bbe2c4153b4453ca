import { availableParallelism } from "node:os";
import { DEFAULT_LIKELIHOODS, selectLikelihoods } from "../../likelihood/registry.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { progressBar } from "../../output/progress.js";
import { type RankRow, rankModels } from "../../profile/rank.js";
import { UserError } from "../../errors.js";
import { likelihoodOptions } from "../options.js";
import { parseMass, parseNumber } from "../parse.js";

export interface RankArgs {
  mx?: string;
  profileMass?: boolean;
  from?: string;
  to?: string;
  likelihoods?: string;
  inputs?: string;
  searches?: string;
  top?: string;
  threads?: string;
  intervals?: boolean;
  maxCharge: number;
  format: string;
}

export function rankColumns(termNames: string[]) {
  return [
    { header: "rank", value: (r: RankRow) => r.rank },
    { header: "model", value: (r: RankRow) => r.name },
    { header: "cB", latex: "$c_B$", value: (r: RankRow) => r.model.cB },
    { header: "ce", latex: "$c_e$", value: (r: RankRow) => r.model.ce },
    { header: "cmu", latex: "$c_\\mu$", value: (r: RankRow) => r.model.cmu },
    { header: "ctau", latex: "$c_\\tau$", value: (r: RankRow) => r.model.ctau },
    { header: "eps e/g_X", latex: "$\\varepsilon e/g_X$", value: (r: RankRow) => r.epsRatio, digits: 3 },
    { header: "g_X", latex: "$g_X$", value: (r: RankRow) => r.gX, digits: 3 },
    { header: "dchi2", latex: "$\\Delta\\chi^2$", value: (r: RankRow) => r.dchi2, digits: 3 },
    ...termNames.map((t) => ({ header: t, value: (r: RankRow) => r.terms[t], digits: 3 })),
    { header: "conv", value: (r: RankRow) => (r.converged ? "" : "NO") },
  ];
}

/** `u1x rank`: Table 1 — every vector-like model profiled over (g_X, ε) at m_X, sorted by Δχ². */
export async function rankCommand(a: RankArgs): Promise<string> {
  const format = checkFormat(a.format, ["table", "json", "csv", "md", "latex"]);
  if (a.mx === undefined && !a.profileMass) throw new UserError("give --mx, or --profile-mass [--from --to]");
  const range: [number, number] | undefined = a.profileMass ? [parseMass(a.from ?? "10MeV", "--from"), parseMass(a.to ?? "4GeV", "--to")] : undefined;
  if (range && !(range[1] > range[0])) throw new UserError("--to must be above --from");
  const mX = range ? range[0] : parseMass(a.mx);
  const names = a.likelihoods ? selectLikelihoods(a.likelihoods).map((l) => l.name) : DEFAULT_LIKELIHOODS;
  // Results do not depend on the thread count, so use the machine's cores unless told otherwise.
  const threads = a.threads === undefined ? availableParallelism() : parseNumber(a.threads, "--threads");
  if (!Number.isInteger(threads) || threads < 1) throw new UserError("--threads must be a positive integer");
  const top = a.top === undefined ? undefined : parseNumber(a.top, "--top");
  const opts = likelihoodOptions(a);
  // Fail fast on bad inputs before spawning workers.
  selectLikelihoods(names);
  const rows = await rankModels({ mX, likelihoods: names, options: opts, maxCharge: a.maxCharge, intervals: a.intervals ?? false, massRange: range }, threads, progressBar("rank"));
  const shown = top === undefined ? rows : rows.slice(0, top);
  if (format === "json") return toJson(shown);
  const cols = range ? [rankColumns(names)[0], rankColumns(names)[1], { header: "m_X [GeV]", value: (r: RankRow) => r.mX, digits: 4 }, ...rankColumns(names).slice(2)] : rankColumns(names);
  const where = range ? `m_X profiled over [${range[0]}, ${range[1]}] GeV` : `m_X = ${mX} GeV`;
  return renderRows(shown, cols, format as Exclude<Format, "json">, `Ranking, ${where} (${names.join(", ")}; inputs ${opts.inputs ?? "paper2022"})`);
}
