import { AMU_INPUTS } from "../../likelihoods/amu/inputs.js";
import { UserError } from "../errors.js";
import type { LikelihoodOptions } from "../likelihood/types.js";
import { parseList, parseNeutrinos } from "./parse.js";

/** The options shared by the likelihood commands (--inputs, --searches, --neutrinos). */
export function likelihoodOptions(a: { inputs?: string; searches?: string; neutrinos?: string }): LikelihoodOptions {
  if (a.inputs !== undefined && !AMU_INPUTS[a.inputs]) throw new UserError(`unknown --inputs '${a.inputs}' (known: ${Object.keys(AMU_INPUTS).join(", ")})`);
  return {
    inputs: a.inputs,
    searches: a.searches === undefined ? undefined : parseList(a.searches, "--searches"),
    neutrinos: parseNeutrinos(a.neutrinos),
  };
}
