import type { Couplings } from "../couplings/couplings.js";
import type { ExtraDecay } from "../models/model.js";
import { type NeutrinoWidths, WidthCalculator } from "./calculator.js";
import type { ExtraClass } from "./extra.js";
import { leptonWidth, neutrinoWidth } from "./fermion.js";
import { HADRONIC_STATES, type HadronicTables } from "./vmd.js";

export { leptonWidth, neutrinoWidth };

/** Partial widths of X by DarkCast state name, all from WidthCalculator (calculator.ts). */
export const NEUTRINO_STATES = ["nue_nue", "numu_numu", "nutau_nutau"] as const;

/** All partial widths by state name (hadrons from the VMD tables), then the model's extra channels by their names. */
export function partialWidths(c: Couplings, tables: HadronicTables, neutrinos: NeutrinoWidths = "left", decays: readonly ExtraDecay[] = []): Record<string, number> {
  const calc = new WidthCalculator(c.mX, tables, neutrinos, decays);
  const out = new Float64Array(calc.states.length);
  calc.partial(c, out);
  return Object.fromEntries(calc.states.map((s, i) => [s, out[i]]));
}

export interface WidthSummary {
  widths: Record<string, number>;
  total: number;
  /** Neutrinos plus the extra channels of class `invisible`. */
  invisible: number;
  hadrons: number;
  /** The extra channels of class `unseen` (a final state no search selects): they enter the total width only. */
  unseen: number;
  /** The class of each extra channel, by name (empty without extra channels). */
  classes: Record<string, ExtraClass>;
  /**
   * The widths as the searches see them: invisible (= `invisible`), e_e (X → e⁺e⁻ plus class e_e), mu_mu (X → µ⁺µ⁻
   * plus class mu_mu), unseen (= `unseen`).
   */
  classWidths: Record<ExtraClass, number>;
  branchingRatios: Record<string, number>;
}

/** Total, invisible (neutrinos and invisible extras), hadronic and unseen widths with branching ratios. */
export function widthSummary(c: Couplings, tables: HadronicTables, neutrinos: NeutrinoWidths = "left", decays: readonly ExtraDecay[] = []): WidthSummary {
  const widths = partialWidths(c, tables, neutrinos, decays);
  const total = Object.values(widths).reduce((s, x) => s + x, 0);
  const ofClass = (k: ExtraClass) => decays.reduce((s, d) => s + (d.class === k ? widths[d.name] : 0), 0);
  const invisible = NEUTRINO_STATES.reduce((s, k) => s + widths[k], 0) + ofClass("invisible");
  const hadrons = HADRONIC_STATES.reduce((s, k) => s + widths[k], 0);
  const unseen = ofClass("unseen");
  const classes = Object.fromEntries(decays.map((d) => [d.name, d.class]));
  const classWidths = { invisible, e_e: widths.e_e + ofClass("e_e"), mu_mu: widths.mu_mu + ofClass("mu_mu"), unseen };
  const branchingRatios: Record<string, number> = {};
  for (const [k, v] of Object.entries(widths)) branchingRatios[k] = total > 0 ? v / total : 0;
  return { widths, total, invisible, hadrons, unseen, classes, classWidths, branchingRatios };
}
