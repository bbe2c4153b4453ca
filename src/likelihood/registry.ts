import { amu } from "../../likelihoods/amu/index.js";
import { borexino } from "../../likelihoods/borexino/index.js";
import { coherent } from "../../likelihoods/coherent/index.js";
import { nsi } from "../../likelihoods/nsi/index.js";
import { resonances } from "../../likelihoods/resonances/index.js";
import { UserError } from "../errors.js";
import type { Likelihood } from "./types.js";

/** Every Δχ² module; one line per folder in likelihoods/. */
export const REGISTRY: readonly Likelihood<unknown>[] = [amu, borexino, nsi, coherent, resonances] as Likelihood<unknown>[];

/** The default selection: the terms of eq. (B.1) that are available. */
export const DEFAULT_LIKELIHOODS = REGISTRY.map((l) => l.name);

/** Resolve `--likelihoods a,b,c`; an unknown name is an error, never a silent zero. */
export function selectLikelihoods(names?: string | readonly string[]): Likelihood<unknown>[] {
  const list = names === undefined ? DEFAULT_LIKELIHOODS : typeof names === "string" ? names.split(",").map((s) => s.trim()).filter(Boolean) : names;
  if (list.length === 0) throw new UserError("--likelihoods is empty");
  return list.map((n) => {
    const l = REGISTRY.find((x) => x.name === n);
    if (!l) throw new UserError(`unknown likelihood '${n}' (known: ${REGISTRY.map((x) => x.name).join(", ")})`);
    return l;
  });
}
