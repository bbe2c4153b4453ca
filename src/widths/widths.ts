import type { Couplings } from "../couplings/couplings.js";
import { type NeutrinoWidths, STATES, WidthCalculator } from "./calculator.js";
import { leptonWidth, neutrinoWidth } from "./fermion.js";
import { HADRONIC_STATES, type HadronicTables } from "./vmd.js";

export { leptonWidth, neutrinoWidth };

/** Partial widths of X by DarkCast state name, all from WidthCalculator (calculator.ts). */
export const NEUTRINO_STATES = ["nue_nue", "numu_numu", "nutau_nutau"] as const;

/** All partial widths by DarkCast state name (hadrons from the VMD tables). */
export function partialWidths(c: Couplings, tables: HadronicTables, neutrinos: NeutrinoWidths = "left"): Record<string, number> {
  const out = new Float64Array(STATES.length);
  new WidthCalculator(c.mX, tables, neutrinos).partial(c, out);
  return Object.fromEntries(STATES.map((s, i) => [s, out[i]]));
}

export interface WidthSummary {
  widths: Record<string, number>;
  total: number;
  invisible: number;
  hadrons: number;
  branchingRatios: Record<string, number>;
}

/** Total, invisible (neutrinos) and hadronic widths with branching ratios. */
export function widthSummary(c: Couplings, tables: HadronicTables, neutrinos: NeutrinoWidths = "left"): WidthSummary {
  const widths = partialWidths(c, tables, neutrinos);
  const total = Object.values(widths).reduce((s, x) => s + x, 0);
  const invisible = NEUTRINO_STATES.reduce((s, k) => s + widths[k], 0);
  const hadrons = HADRONIC_STATES.reduce((s, k) => s + widths[k], 0);
  const branchingRatios: Record<string, number> = {};
  for (const [k, v] of Object.entries(widths)) branchingRatios[k] = total > 0 ? v / total : 0;
  return { widths, total, invisible, hadrons, branchingRatios };
}
