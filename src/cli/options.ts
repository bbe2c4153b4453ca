import { checkInputSet, readInputsFile } from "../likelihood/measurements.js";
import { ALL_LIKELIHOODS } from "../likelihood/registry.js";
import { UserError } from "../errors.js";
import type { LikelihoodOptions } from "../likelihood/types.js";
import { parseList, parseNeutrinos } from "./parse.js";

/** The options shared by the likelihood commands (--inputs, --inputs-file, --searches, --neutrinos). */
export function likelihoodOptions(a: { inputs?: string; inputsFile?: string; searches?: string; neutrinos?: string }): LikelihoodOptions {
  const userInputs = a.inputsFile === undefined ? undefined : readInputsFile(a.inputsFile, ALL_LIKELIHOODS);
  // With a user file of one set and no --inputs, that set is the one meant; with several, --inputs must choose.
  const sets = Object.keys(userInputs ?? {});
  if (a.inputs === undefined && sets.length > 1) throw new UserError(`--inputs-file ${a.inputsFile} holds the sets ${sets.join(", ")}: choose one with --inputs`);
  const inputs = a.inputs ?? (sets.length === 1 ? sets[0] : undefined);
  checkInputSet(inputs, ALL_LIKELIHOODS, userInputs);
  return {
    inputs,
    ...(userInputs ? { userInputs } : {}),
    searches: a.searches === undefined ? undefined : parseList(a.searches, "--searches"),
    neutrinos: parseNeutrinos(a.neutrinos),
  };
}
