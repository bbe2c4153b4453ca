import type { LikelihoodOptions } from "../likelihood/types.js";

/** The options shared by the likelihood commands. */
export function likelihoodOptions(a: { inputs?: string; searches?: string }): LikelihoodOptions {
  return { inputs: a.inputs, searches: a.searches === undefined ? undefined : a.searches.split(",").map((s) => s.trim()).filter(Boolean) };
}
