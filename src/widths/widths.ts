import { M_E, M_MU, M_TAU } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import { leptonWidth, neutrinoWidth } from "./fermion.js";
import { HADRONIC_STATES, type HadronicTables, hadronicWidth } from "./vmd.js";

export { leptonWidth, neutrinoWidth };

/** Partial widths of X by DarkCast state name: fermion pairs (fermion.ts) and hadrons (vmd.ts). */
export const LEPTON_STATES = ["e_e", "mu_mu", "tau_tau"] as const;
export const NEUTRINO_STATES = ["nue_nue", "numu_numu", "nutau_nutau"] as const;

/** All partial widths by DarkCast state name; hadrons only when tables are given (else they are omitted). */
export function partialWidths(c: Couplings, tables?: HadronicTables): Record<string, number> {
  const m = c.mX;
  const w: Record<string, number> = {
    e_e: leptonWidth(m, M_E, c.e.V, c.e.A),
    mu_mu: leptonWidth(m, M_MU, c.mu.V, c.mu.A),
    tau_tau: leptonWidth(m, M_TAU, c.tau.V, c.tau.A),
    nue_nue: neutrinoWidth(m, c.nu[0]),
    numu_numu: neutrinoWidth(m, c.nu[1]),
    nutau_nutau: neutrinoWidth(m, c.nu[2]),
  };
  if (tables) for (const s of HADRONIC_STATES) w[s] = hadronicWidth(tables, s, m, c);
  return w;
}

export interface WidthSummary {
  widths: Record<string, number>;
  total: number;
  invisible: number;
  hadrons: number;
  branchingRatios: Record<string, number>;
}

/** Total, invisible (neutrinos) and hadronic widths with branching ratios. */
export function widthSummary(c: Couplings, tables?: HadronicTables): WidthSummary {
  const widths = partialWidths(c, tables);
  const total = Object.values(widths).reduce((s, x) => s + x, 0);
  const invisible = NEUTRINO_STATES.reduce((s, k) => s + widths[k], 0);
  const hadrons = tables ? HADRONIC_STATES.reduce((s, k) => s + widths[k], 0) : 0;
  const branchingRatios: Record<string, number> = {};
  for (const [k, v] of Object.entries(widths)) branchingRatios[k] = total > 0 ? v / total : 0;
  return { widths, total, invisible, hadrons, branchingRatios };
}
