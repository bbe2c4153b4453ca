import { M_QUARK } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import { dataDir } from "../data/dataDir.js";
import { readColumns, type TableSpec } from "../data/table.js";
import { interpolate } from "../numerics/interpolate.js";

/**
 * Hadronic widths of X by vector-meson dominance, as in DarkCast (Ilten, Soreq, Williams, Xue,
 * arXiv:1801.04847, section 2.2). Each table `vmd/rf.<state>.<meson>.dat` gives R_µ^{F,V}(m), the dark
 * photon's width into F through meson V in units of the point-like µµ width m/(12π) of a unit coupling (the
 * massless convention: R_ππ(0.3 GeV) = β³|F_π|²/4 with |F_π|² ≈ 1.39, the ρ-pole value). A model's width is
 *   Γ(X→F) = m/(12π) [ Σ_V (c_V/c_V^{A'})² R^{F,V}(m) + (c_ω c_φ)/(c_ω^{A'} c_φ^{A'}) R^{F,ωφ}(m) ]
 * with the meson couplings c_ρ = g_u − g_d, c_ω = g_u + g_d, c_φ = g_s (vector couplings; g_s = g_d for
 * flavour-universal quarks) and for the dark photon c_ρ = 1, c_ω = 1/3, c_φ = −1/3. The ωφ table is the
 * interference term. Above the tables' end (2 GeV) the width is the perturbative one of free quarks
 * (u, d, s; c and b above their thresholds) with N_c = 3. Axial quark couplings (only from X–Z mixing) are
 * neglected below 2 GeV. WidthCalculator (calculator.ts) combines the components with mesonWeights; the
 * model's R_µ^F is its width into F divided by m/(12π).
 */

const FILES: Record<string, string[]> = {
  "pi+_pi-": ["rho0"],
  "pi+_pi-_pi0": ["omega", "phi", "omega_phi"],
  "pi+_pi-_pi+_pi-": ["rho0"],
  "pi+_pi-_pi0_pi0": ["rho0"],
  pi0_gamma: ["omega"],
  K_K: ["phi"],
  K_K_pi: ["phi"],
  other: ["rho0", "omega", "phi"],
};

export const HADRONIC_STATES = Object.keys(FILES);
/** Upper end of the VMD tables (GeV); above it free quarks. */
export const VMD_MAX_MASS = 2.0;

interface Table {
  m: Float64Array;
  r: Float64Array;
}

export type HadronicTables = Record<string, Record<string, Table>>;

const cache = new Map<string, HadronicTables>();

/** Each rf.*.dat: a '#' header, then (mass, R) rows with strictly increasing mass (R may be negative: interference). */
export const VMD_TABLE: TableSpec = { columns: 2, rows: { min: 2 }, header: "comment", names: ["mass", "R"], increasing: [{ column: 0, strict: true }] };

/** Who needs the tables when no likelihood does (the `widths` command). */
export const HADRONIC_WIDTHS_USER = "the hadronic-width calculation (darkcast/vmd tables)";

/**
 * Load the VMD tables from the data directory (once per directory), validating every file. `likelihood` names
 * the likelihood that needs them ("resonances"); without it (or "widths", the command) the error messages name the
 * hadronic-width calculation.
 */
export function loadHadronicTables(likelihood?: string): HadronicTables {
  const dir = dataDir();
  const hit = cache.get(dir);
  if (hit) return hit;
  const who = likelihood === undefined || likelihood === "widths" ? HADRONIC_WIDTHS_USER : `likelihood '${likelihood}'`;
  const out: HadronicTables = {};
  for (const [state, mesons] of Object.entries(FILES)) {
    out[state] = {};
    for (const v of mesons) {
      const { columns } = readColumns(who, `darkcast/vmd/rf.${state}.${v}.dat`, VMD_TABLE);
      out[state][v] = { m: columns[0], r: columns[1] };
    }
  }
  cache.set(dir, out);
  return out;
}

/** Linear interpolation on the table's grid; zero outside it. */
function interp(t: Table, x: number): number {
  return interpolate(t.m, t.r, x, 0);
}

/** The meson tables' labels, in the order of mesonWeights; omega_phi is the ωφ interference. */
export const MESONS = ["rho0", "omega", "phi", "omega_phi"] as const;
export type Meson = (typeof MESONS)[number];

/** The dark photon's meson couplings c_V^{A'}, the normalisation of the tables. */
const DP = { rho0: 1, omega: 1 / 3, phi: -1 / 3 } as const;

/**
 * The weights of the R-components for couplings c, in MESONS order, written into out (length 4, no allocation):
 * (c_ρ/c_ρ^{A'})², (c_ω/c_ω^{A'})², (c_φ/c_φ^{A'})² and (c_ω c_φ)/(c_ω^{A'} c_φ^{A'}), with c_ρ = g_u − g_d,
 * c_ω = g_u + g_d, c_φ = g_s (vector couplings).
 */
export function mesonWeights(c: Couplings, out: Float64Array): Float64Array {
  const rho = (c.u.V - c.d.V) / DP.rho0;
  const omega = (c.u.V + c.d.V) / DP.omega;
  const phi = c.s.V / DP.phi;
  out[0] = rho * rho;
  out[1] = omega * omega;
  out[2] = phi * phi;
  out[3] = omega * phi;
  return out;
}

/** The dark photon's R-components R^{F,V}(m) of state F at mass m. */
export function hadronicRComponents(tables: HadronicTables, state: string, m: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [v, t] of Object.entries(tables[state])) out[v] = interp(t, m);
  return out;
}

/** One R-component table: the state's index in HADRONIC_STATES, the meson's in MESONS, and the table. */
export interface HadronicComponent {
  state: number;
  meson: number;
  table: Table;
}

const componentCache = new WeakMap<HadronicTables, readonly HadronicComponent[]>();

/**
 * Every R-component table of a table set, in the order of HADRONIC_STATES and, within a state, of its files (the
 * order of hadronicRComponents): listed once per table set, so that a per-mass width calculator only interpolates.
 */
export function hadronicComponents(tables: HadronicTables): readonly HadronicComponent[] {
  const hit = componentCache.get(tables);
  if (hit) return hit;
  const out: HadronicComponent[] = [];
  HADRONIC_STATES.forEach((s, i) => {
    for (const [meson, table] of Object.entries(tables[s])) {
      const k = MESONS.indexOf(meson as Meson);
      if (k < 0) throw new Error(`WidthCalculator: unknown VMD meson table '${meson}' of state ${s}`);
      out.push({ state: i, meson: k, table });
    }
  });
  componentCache.set(tables, out);
  return out;
}

/** R^{F,V}(m) of one component (as hadronicRComponents: linear interpolation, zero off the table). */
export function componentR(c: HadronicComponent, m: number): number {
  return interp(c.table, m);
}

/** The quarks of the free-quark width above 2 GeV (masses in constants.ts; t is far above any m_X here). */
export const QUARKS = (["u", "d", "s", "c", "b"] as const).map((name) => ({ name, m: M_QUARK[name], up: name === "u" || name === "c" }));
