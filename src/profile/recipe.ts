import { readFileSync } from "node:fs";
import { parseMass } from "../cli/parse.js";
import { UserError } from "../errors.js";
import { repoPath } from "../paths.js";
import { type RankRow, rankModels } from "./rank.js";

/** A declarative ranking recipe (fits/<name>/recipe.json): which terms, inputs, searches, mass and model set. */
export interface RankRecipe {
  description: string;
  mX: string;
  likelihoods: string[];
  inputs: string;
  searches: string[];
  maxCharge: number;
  threshold: number;
}

export function loadRankRecipe(name: string): RankRecipe {
  try {
    return JSON.parse(readFileSync(repoPath("fits", name, "recipe.json"), "utf8")) as RankRecipe;
  } catch (e) {
    throw new UserError(`cannot read the fit recipe fits/${name}/recipe.json: ${(e as Error).message}`);
  }
}

/** Run a ranking recipe. */
export function runRankRecipe(r: RankRecipe, threads: number, progress?: (d: number, t: number) => void): Promise<RankRow[]> {
  return rankModels({ mX: parseMass(r.mX), likelihoods: r.likelihoods, options: { inputs: r.inputs, searches: r.searches }, maxCharge: r.maxCharge, intervals: false }, threads, progress);
}
