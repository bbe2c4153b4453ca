import { C_M_PER_S, M_ETA, M_MU, M_PHI } from "../../src/constants.js";
import { dataDir as dataDirKey } from "../../src/data/dataDir.js";
import { damaged, quote, readColumns, readTable, type TableSpec } from "../../src/data/table.js";
import { readText } from "../../src/data/files.js";
import { UserError } from "../../src/errors.js";
import { bracket, interpolate } from "../../src/numerics/interpolate.js";
import { repoPath } from "../../src/paths.js";
import { STATES } from "../../src/widths/calculator.js";

/**
 * Search descriptors: DarkCast's "one general mechanism", a limit file plus a short descriptor. The descriptors are
 * kept in the project, in `searches.json` next to this file (fields, formulas and how to add a search:
 * likelihoods/resonances/README.md), validated when first read; the limit files themselves are read from the data
 * directory (`loadLimit`, `loadRGrid`, `loadFractions`). Production mechanisms, decay channels and efficiency types
 * follow Ilten, Soreq, Williams, Xue, arXiv:1801.04847, sections 2–3.
 */
export type Efficiency =
  | { type: "prompt" }
  /** Decays accepted within lab time t1(m) (seconds). */
  | { type: "lifetime"; t1: (m: number) => number; text: string }
  /** Decays between the end of the shield and the end of the decay volume: t1/t0 = 1 + a/b ("lratio"). */
  | { type: "beamdump"; ratio: number; text: string }
  /** Displaced-vertex search with an r-value grid over (mass, ε) (LHCb). */
  | { type: "displaced"; text: string }
  | { type: "unsupported"; text: string };

export interface Search {
  name: string;
  /** Production mechanism key (production.ts) or "pp" for per-mass fractions. */
  production: string;
  /** Decay channels: DarkCast state names, or "invisible". */
  decays: string[];
  efficiency: Efficiency;
  eprint: string;
  /** Why the search cannot be recast by this engine, if so. */
  notRecastable?: string;
  /** Per-mass production fractions for pp → X searches. */
  fractionsFile?: string;
  /** Fixed production fractions over mechanisms (production "fractions"; projections only). */
  fixedFractions?: { key: string; f: number }[];
  /** The data folder of the limit file: darkcast/limits (the default) or darkcast/reach (projections). */
  folder?: "limits" | "reach";
}

/** The descriptor file, relative to the repository root. */
export const SEARCHES_FILE = "likelihoods/resonances/searches.json";

/** The production mechanisms of production.ts (`productionStrength`), the keys a descriptor's production may name. */
export const PRODUCTION_MECHANISMS: readonly string[] = [
  "e_brem",
  "e_e",
  "mu_brem",
  "mu_mu",
  "p_brem",
  "pi0_gamma",
  "eta_gamma",
  "pi0_eta_gamma",
  "phi_eta",
  "phi",
  "rho0",
  "omega_pi0",
  "omega",
  "u_u",
  "c_c",
  "d_d",
  "s_s",
  "b_b",
];

/** Decay names a descriptor may list: the states of the width calculator, or "invisible" (alone). */
const DECAYS: readonly string[] = [...STATES, "invisible"];

/**
 * A lab-frame lifetime window t1(m) (seconds, m in GeV) as a named formula and its parameters:
 * - `phiDecay`: X from a φ decaying at rest, φ → X + recoil (recoil "eta" or "gamma"), t1 = L/(c γ) with
 *   γ = (m_φ² + m² − m_recoil²)/(2 m_φ m) (KLOE);
 * - `boosted`: X of a fixed lab energy E, t1 = L/(c E/m) (NA48/2);
 * - `lhcbPrompt`: LHCb's prompt selection, t1 = (a/(m − 2m_µ) + b) ps (Ilten et al., arXiv:1603.08926);
 * - `cmsWindow`: CMS 2019's piecewise window: no limit below m₁, a plateau up to m₂ (included), then linear.
 */
export type LifetimeWindow =
  | { formula: "phiDecay"; length_m: number; recoil: "eta" | "gamma" }
  | { formula: "boosted"; length_m: number; energy_GeV: number }
  | { formula: "lhcbPrompt"; a_ps_GeV: number; b_ps: number }
  | { formula: "cmsWindow"; unlimitedBelow_GeV: number; plateauTo_GeV: number; plateau_s: number; intercept_s: number; slope_s_per_GeV: number };

export type EfficiencyDescriptor =
  | { type: "prompt" }
  | { type: "lifetime"; t1: LifetimeWindow }
  /** Lengths in metres; only their ratio (DarkCast's "lratio") enters. */
  | { type: "beamdump"; decayLength: number; shieldLength: number }
  | { type: "displaced" }
  | { type: "unsupported"; why: string };

/**
 * A mechanism key of production.ts; per-mass pp → X fractions from a .prd file of the limits folder; fixed
 * fractions over mechanisms (projections only: `Search` has no field for them); or a production the engine does not
 * model (with `notRecastable`).
 */
export type ProductionDescriptor = string | { pp: string } | { fractions: Record<string, number> } | { other: string };

export interface SearchDescriptor {
  /** The limit file's stem (darkcast/limits/NAME.lmt, or reach/NAME.lmt for projections). */
  name: string;
  /** Set (true) on the projections of reach.tsv, and only there. */
  projection?: true;
  production: ProductionDescriptor;
  decays: string[];
  efficiency: EfficiencyDescriptor;
  eprint: string;
  /** The reference, as text. */
  cite: string;
  notRecastable?: string;
  /** A remark for the reviewer (a correction to DarkCast, an approximation). */
  note?: string;
  /** DarkCast's own wording of the search (the limits.tsv or reach.tsv columns); not read by the engine. */
  source: Record<string, string>;
}

export interface SearchDescriptors {
  about: string;
  searches: SearchDescriptor[];
  projections: SearchDescriptor[];
}

const PS = 1e-12;
/** The recoil masses of `phiDecay`. */
const RECOIL_MASS: Record<string, number> = { eta: M_ETA, gamma: 0 };

/** t1(m) of a lifetime window (seconds, m in GeV): every formula is evaluated here. */
export function windowT1(w: LifetimeWindow, m: number): number {
  switch (w.formula) {
    case "phiDecay":
      return w.length_m / (C_M_PER_S * ((M_PHI ** 2 + m * m - RECOIL_MASS[w.recoil] ** 2) / (2 * M_PHI * m)));
    case "boosted":
      return w.length_m / (C_M_PER_S * (w.energy_GeV / m));
    case "lhcbPrompt":
      return (w.a_ps_GeV / (m - 2 * M_MU) + w.b_ps) * PS;
    case "cmsWindow":
      return m < w.unlimitedBelow_GeV ? Number.POSITIVE_INFINITY : m <= w.plateauTo_GeV ? w.plateau_s : w.intercept_s + w.slope_s_per_GeV * m;
  }
}

/** A window in DarkCast's limits.tsv wording. */
function windowText(w: LifetimeWindow): string {
  switch (w.formula) {
    case "phiDecay":
      return `t1 = ${w.length_m} m / (c (m_phi^2 + m^2${w.recoil === "eta" ? " - m_eta^2" : ""})/(2 m_phi m))`;
    case "boosted":
      return `t1 = ${w.length_m} m / (c * ${w.energy_GeV} GeV / m)`;
    case "lhcbPrompt":
      return `t1 = (${w.a_ps_GeV}/(m - 2 m_mu) + ${w.b_ps}) ps, m in GeV`;
    case "cmsWindow":
      return `t1 = inf (m<${w.unlimitedBelow_GeV} GeV), ${w.plateau_s} s (${w.unlimitedBelow_GeV}-${w.plateauTo_GeV} GeV), ${w.intercept_s} + ${w.slope_s_per_GeV}*m[GeV] s above`;
  }
}

/** A parameter of a formula: a number (positive or any finite), or one of some names. */
type Param = "positive" | "finite" | readonly string[];

/** The parameters of each window formula (all required, no others). */
const FORMULAS: Readonly<Record<LifetimeWindow["formula"], Readonly<Record<string, Param>>>> = {
  phiDecay: { length_m: "positive", recoil: Object.keys(RECOIL_MASS) },
  boosted: { length_m: "positive", energy_GeV: "positive" },
  lhcbPrompt: { a_ps_GeV: "finite", b_ps: "finite" },
  cmsWindow: { unlimitedBelow_GeV: "finite", plateauTo_GeV: "finite", plateau_s: "positive", intercept_s: "finite", slope_s_per_GeV: "finite" },
};

/** The fields of each efficiency type besides `type`: required, no others. */
const EFFICIENCY_FIELDS: Readonly<Record<EfficiencyDescriptor["type"], readonly string[]>> = {
  prompt: [],
  lifetime: ["t1"],
  beamdump: ["decayLength", "shieldLength"],
  displaced: [],
  unsupported: ["why"],
};

const ENTRY_FIELDS = ["name", "projection", "production", "decays", "efficiency", "eprint", "cite", "notRecastable", "note", "source"];
const REQUIRED_FIELDS = ["name", "production", "decays", "efficiency", "eprint", "cite", "source"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const joined = (xs: readonly string[]) => xs.join(", ");
const show = (v: unknown) => (typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v));
const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** The first unknown key of an object, checked against the allowed ones. */
function unknownKey(o: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(o).find((k) => !allowed.includes(k));
}

/** The problem with one entry, or undefined. */
function entryProblem(e: Record<string, unknown>, projection: boolean): string | undefined {
  const extra = unknownKey(e, ENTRY_FIELDS);
  if (extra !== undefined) return `unknown key '${extra}' (allowed: ${joined(ENTRY_FIELDS)})`;
  const missing = REQUIRED_FIELDS.find((k) => !(k in e));
  if (missing) return `missing '${missing}'`;
  if (typeof e.name !== "string" || !/^[A-Za-z0-9_]+$/.test(e.name)) return `a name of letters, digits and _ expected, found ${show(e.name)}`;
  if (projection && e.projection !== true) return `"projection": true expected in the projections list, found ${show(e.projection)}`;
  if (!projection && "projection" in e) return `"projection" is for the projections list only (a projection is not selectable)`;
  for (const k of ["notRecastable", "note"]) if (k in e && !isNonEmptyString(e[k])) return `'${k}' must be a non-empty string, found ${show(e[k])}`;
  if (typeof e.eprint !== "string") return `'eprint' must be a string (empty when there is none), found ${show(e.eprint)}`;
  if (!isNonEmptyString(e.cite)) return `'cite' must be a non-empty string, found ${show(e.cite)}`;
  if (!isObject(e.source) || Object.values(e.source).some((v) => typeof v !== "string")) return `'source' must be an object of strings (DarkCast's columns)`;
  const recastable = !("notRecastable" in e);

  // Production
  const p = e.production;
  if (typeof p === "string") {
    if (!PRODUCTION_MECHANISMS.includes(p)) return `unknown production mechanism '${p}' (production.ts has: ${joined(PRODUCTION_MECHANISMS)})`;
  } else if (isObject(p) && Object.keys(p).length === 1) {
    const [[kind, value]] = Object.entries(p);
    if (kind === "pp") {
      if (typeof value !== "string" || !/^[A-Za-z0-9_.-]+\.prd$/.test(value)) return `production {"pp": …} must name a .prd file of the limits folder, found ${show(value)}`;
    } else if (kind === "fractions") {
      if (!projection) return `production {"fractions": …} is for projections only (a Search has no fixed fractions)`;
      if (!isObject(value) || Object.keys(value).length === 0) return `production {"fractions": …} must map mechanisms to fractions`;
      for (const [k, f] of Object.entries(value)) {
        if (!PRODUCTION_MECHANISMS.includes(k)) return `unknown production mechanism '${k}' in the fractions (production.ts has: ${joined(PRODUCTION_MECHANISMS)})`;
        if (typeof f !== "number" || !(f >= 0 && f <= 1)) return `production fraction of '${k}' must be a number in [0, 1], found ${show(f)}`;
      }
    } else if (kind === "other") {
      if (!isNonEmptyString(value)) return `production {"other": …} must describe the production, found ${show(value)}`;
      if (recastable) return `production {"other": ${show(value)}} is not a mechanism of production.ts: set 'notRecastable'`;
    } else return `unknown production kind '${kind}' (a mechanism name, or {"pp": file}, {"fractions": {…}}, {"other": text})`;
  } else return `production must be a mechanism name or an object with one key (pp, fractions, other), found ${show(p)}`;

  // Decays
  if (!Array.isArray(e.decays)) return `'decays' must be an array of state names, found ${show(e.decays)}`;
  for (const d of e.decays) if (typeof d !== "string" || !DECAYS.includes(d)) return `unknown decay state ${show(d)} (states: ${joined(DECAYS)})`;
  if (new Set(e.decays).size !== e.decays.length) return `a decay state listed twice`;
  if (e.decays.includes("invisible") && e.decays.length > 1) return `"invisible" must be the only decay listed`;
  if (recastable && e.decays.length === 0) return `no decays: a search without decays is not a resonance search (set 'notRecastable')`;

  // Efficiency
  const eff = e.efficiency;
  if (!isObject(eff)) return `'efficiency' must be an object with a 'type', found ${show(eff)}`;
  const type = eff.type as EfficiencyDescriptor["type"];
  if (typeof type !== "string" || !Object.hasOwn(EFFICIENCY_FIELDS, type)) return `unknown efficiency type ${show(eff.type)} (types: ${joined(Object.keys(EFFICIENCY_FIELDS))})`;
  const fields = EFFICIENCY_FIELDS[type];
  const effExtra = unknownKey(eff, ["type", ...fields]);
  if (effExtra !== undefined) return `unknown key '${effExtra}' in a '${type}' efficiency (allowed: ${joined(["type", ...fields])})`;
  const effMissing = fields.find((k) => !(k in eff));
  if (effMissing) return `missing '${effMissing}' in a '${type}' efficiency`;
  if (type === "beamdump") {
    for (const k of ["decayLength", "shieldLength"])
      if (typeof eff[k] !== "number" || !(Number.isFinite(eff[k]) && (eff[k] as number) > 0)) return `beam-dump '${k}' must be a positive number (metres), found ${show(eff[k])}`;
  }
  if (type === "unsupported") {
    if (!isNonEmptyString(eff.why)) return `an unsupported efficiency must say why, found ${show(eff.why)}`;
    if (recastable) return `efficiency '${eff.why}' is not implemented: set 'notRecastable'`;
  }
  if (type === "lifetime") {
    const w = eff.t1;
    if (!isObject(w)) return `a lifetime window 't1' must be an object with a 'formula', found ${show(w)}`;
    const formula = w.formula;
    if (typeof formula !== "string" || !Object.hasOwn(FORMULAS, formula)) return `unknown window formula ${show(formula)} (formulas: ${joined(Object.keys(FORMULAS))})`;
    const params = FORMULAS[formula as LifetimeWindow["formula"]];
    const wExtra = unknownKey(w, ["formula", ...Object.keys(params)]);
    if (wExtra !== undefined) return `unknown parameter '${wExtra}' of formula '${formula}' (parameters: ${joined(Object.keys(params))})`;
    for (const [k, kind] of Object.entries(params)) {
      const v = w[k];
      if (v === undefined) return `missing parameter '${k}' of formula '${formula}'`;
      const ok = typeof kind === "string" ? typeof v === "number" && Number.isFinite(v) && (kind === "finite" || v > 0) : typeof v === "string" && kind.includes(v);
      if (!ok) return `parameter '${k}' of formula '${formula}' must be ${typeof kind === "string" ? `a ${kind} number` : `one of ${joined(kind)}`}, found ${show(v)}`;
    }
  }
  return undefined;
}

/** A one-line error about the descriptor file. */
const descriptorError = (what: string) => new UserError(`likelihood 'resonances': search descriptors ${SEARCHES_FILE}: ${what}`);

/**
 * Check a parsed descriptor file: the top-level fields, each entry's keys, production mechanism, decay states,
 * efficiency type and window formula with its parameters, one name once. Throws a one-line UserError naming the
 * entry and the problem. The limit files are not looked for here (the data directory is separate).
 */
export function validateSearchDescriptors(value: unknown): SearchDescriptors {
  if (!isObject(value)) throw descriptorError(`expected an object with 'about', 'searches' and 'projections', found ${show(value)}`);
  const top = ["about", "searches", "projections"];
  const extra = unknownKey(value, top);
  if (extra !== undefined) throw descriptorError(`unknown top-level key '${extra}' (allowed: ${joined(top)})`);
  if (typeof value.about !== "string") throw descriptorError(`'about' must be a string`);
  const seen = new Set<string>();
  for (const key of ["searches", "projections"] as const) {
    const entries = value[key];
    if (!Array.isArray(entries)) throw descriptorError(`'${key}' must be an array of descriptors, found ${show(entries)}`);
    entries.forEach((e, i) => {
      const where = isObject(e) && typeof e.name === "string" ? `${key}[${i}] '${e.name}'` : `${key}[${i}]`;
      if (!isObject(e)) throw descriptorError(`${where}: expected an object, found ${show(e)}`);
      const problem = entryProblem(e, key === "projections");
      if (problem) throw descriptorError(`${where}: ${problem}`);
      if (seen.has(e.name as string)) throw descriptorError(`${where}: the name is used twice`);
      seen.add(e.name as string);
    });
  }
  return value as unknown as SearchDescriptors;
}

let descriptors: SearchDescriptors | undefined;

/** The validated descriptor file, read once. */
export function readSearchDescriptors(): SearchDescriptors {
  if (descriptors) return descriptors;
  const file = repoPath(SEARCHES_FILE);
  let text: string;
  try {
    text = readText(file);
  } catch (e) {
    throw descriptorError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? e}): the installation is incomplete`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw descriptorError(`not valid JSON (${`${(e as Error).message}`.replace(/\s+/g, " ").slice(0, 120)})`);
  }
  descriptors = validateSearchDescriptors(value);
  return descriptors;
}

/**
 * A validated descriptor as the engine's Search. A projection's limit file is read from darkcast/reach/ (its `.prd`
 * fractions, if any, still from darkcast/limits/), and its fixed `fractions` become `fixedFractions`.
 */
export function searchFromDescriptor(d: SearchDescriptor): Search {
  const eff = d.efficiency;
  const efficiency: Efficiency =
    eff.type === "lifetime"
      ? { type: "lifetime", t1: (m) => windowT1(eff.t1, m), text: `lifetime window: ${windowText(eff.t1)}` }
      : eff.type === "beamdump"
        ? { type: "beamdump", ratio: eff.decayLength / eff.shieldLength, text: `beam dump, lratio ${eff.decayLength}/${eff.shieldLength}` }
        : eff.type === "displaced"
          ? { type: "displaced", text: "displaced: r-values (limit/expected signal) on a (mass, coupling) grid" }
          : eff.type === "unsupported"
            ? { type: "unsupported", text: eff.why }
            : { type: "prompt" };
  const s: Search = { name: d.name, production: "", decays: [...d.decays], efficiency, eprint: d.eprint };
  const p = d.production;
  if (typeof p === "string") s.production = p;
  else if ("pp" in p) {
    s.production = "pp";
    s.fractionsFile = p.pp;
  } else if ("other" in p) s.production = p.other;
  else if (d.projection) {
    s.production = "fractions";
    s.fixedFractions = Object.entries(p.fractions).map(([key, f]) => ({ key, f }));
  } else throw new Error(`search '${d.name}': fixed production fractions are for projections only`);
  if (d.projection) s.folder = "reach";
  if (d.notRecastable) s.notRecastable = d.notRecastable;
  return s;
}

let cache: Search[] | undefined;

/** Who needs the DarkCast files, in error messages. */
const RESONANCES = "likelihood 'resonances'";
/** Who needs the projections' files. */
const REACH = "command 'reach'";

/**
 * Every search of searches.json (the projections excluded), recastable or not. `_dir` (the data directory) is kept
 * for the callers' signature: the descriptors do not depend on it.
 */
export function allSearches(_dir?: string): Search[] {
  cache ??= readSearchDescriptors().searches.map(searchFromDescriptor);
  return cache;
}

/** The projections of reach.tsv, as validated descriptors: not selectable by the likelihood. */
export function projectionDescriptors(): SearchDescriptor[] {
  return readSearchDescriptors().projections;
}

let projectionCache: Search[] | undefined;

/** Every projection of searches.json as a Search (limit files in darkcast/reach/), recastable or not. */
export function allProjections(): Search[] {
  projectionCache ??= projectionDescriptors().map(searchFromDescriptor);
  return projectionCache;
}

/**
 * Resolve projection names for `u1x reach`; "all" = every recastable projection. Projections are never selectable
 * by the resonance likelihood (`selectSearches`), and searches are not selectable here: a projection enters no Δχ².
 */
export function selectProjections(names: readonly string[] = ["all"]): Search[] {
  const all = allProjections();
  if (names.length === 1 && names[0] === "all") return all.filter((s) => !s.notRecastable);
  return names.map((n) => {
    const s = all.find((x) => x.name === n);
    if (!s) throw new UserError(`unknown projection '${n}' (the projections of ${SEARCHES_FILE}; 'all' selects every recastable one)`);
    if (s.notRecastable) throw new UserError(`projection '${n}' cannot be recast: ${s.notRecastable}`);
    return s;
  });
}

/** The core paper's selection (appendix B): NA64 2019 invisible and BaBar 2014 (`--searches paper`). */
export const PAPER_SEARCHES = ["NA64_NA642019imj", "BaBar_Lees2014xha"];

/**
 * The default selection: every recastable search. Away from the paper's fixed-mass Table 1 analysis the other
 * searches matter (BaBar 4µ and LHCb above 2m_µ, beam dumps at small couplings); at 200 MeV they change nothing.
 */
export const DEFAULT_SEARCHES = ["all"];

/** Resolve names; "all" = every recastable search, "paper" = PAPER_SEARCHES. Unknown or non-recastable names are errors. */
export function selectSearches(dir: string, names: readonly string[] = DEFAULT_SEARCHES): Search[] {
  const all = allSearches(dir);
  if (names.length === 1 && names[0] === "all") return all.filter((s) => !s.notRecastable);
  const list = names.length === 1 && names[0] === "paper" ? PAPER_SEARCHES : names;
  return list.map((n) => {
    const s = all.find((x) => x.name === n);
    if (!s) throw new UserError(`unknown search '${n}' (see ${SEARCHES_FILE}; 'all' selects every recastable one, 'paper' the core paper's two)`);
    if (s.notRecastable) throw new UserError(`search '${n}' cannot be recast: ${s.notRecastable}`);
    return s;
  });
}

/** A limit curve: ε_lower(m) and, for two-sided limits, ε_upper(m); 1e5 means no limit. */
export interface LimitCurve {
  m: Float64Array;
  lower: Float64Array;
  upper?: Float64Array;
}

const limits = new Map<string, LimitCurve>();

/**
 * A one- or two-sided limit curve: a '#' header, then (mass, lower ε[, upper ε]) rows, the same column count
 * throughout, masses non-decreasing (digitised curves repeat a mass at steps and gaps, e.g. CMS_CMS2019kiy,
 * E137_Bjorken2009mm), 0 < ε ≤ 1e5 (1e5 = no limit).
 */
export const LIMIT_CURVE: TableSpec = {
  columns: [2, 3],
  rows: { min: 2 },
  header: "comment",
  names: ["mass", "lower ε", "upper ε"],
  increasing: [{ column: 0, strict: false }],
  values: [
    { columns: [0], min: 0, what: "masses" },
    { columns: { from: 1 }, above: 0, max: 1e5, what: "ε" },
  ],
};

/** An r-value grid: (mass, ε, r) rows grouped by mass (non-decreasing), ε strictly increasing within a mass. */
export const R_GRID: TableSpec = {
  columns: 3,
  rows: { min: 2 },
  header: "comment",
  names: ["mass", "ε", "r"],
  increasing: [
    { column: 0, strict: false },
    { column: 1, strict: true, within: 0 },
  ],
  values: [
    { columns: [0], min: 0, what: "masses" },
    { columns: [1], above: 0, what: "ε" },
    { columns: [2], min: 0, what: "r-values" },
  ],
};

/** pp → X production mechanisms a .prd file may name (production.ts). */
const PP_MECHANISMS = new Set(["rho0", "eta_gamma", "omega_pi0", "omega", "phi", "d_d", "u_u", "s_s", "c_c", "b_b"]);

/** A .prd table: a '# mass name…' header naming every column, strictly increasing mass, fractions in [0, 1]. */
const FRACTIONS: TableSpec = {
  columns: { min: 2 },
  rows: { min: 2 },
  header: "names",
  increasing: [{ column: 0, strict: true }],
  values: [
    { columns: [0], min: 0, what: "masses" },
    { columns: { from: 1 }, min: 0, max: 1 + 1e-3, what: "fractions" },
  ],
};

/** A limit curve, read once per data directory (`folder` "reach" for projections). */
export function loadLimit(name: string, folder: "limits" | "reach" = "limits"): LimitCurve {
  const key = `${dataDirKey()}|${folder}|${name}`;
  const hit = limits.get(key);
  if (hit) return hit;
  // A displaced search's file is an r-value grid (loadRGrid); reading it as a curve would misread its columns.
  if ((folder === "reach" ? allProjections() : allSearches(dataDirKey())).find((s) => s.name === name)?.efficiency.type === "displaced")
    throw new Error(`loadLimit: ${name} is a displaced search with an r-value grid; use loadRGrid`);
  const { columns } = readColumns(folder === "reach" ? REACH : RESONANCES, `darkcast/${folder}/${name}.lmt`, LIMIT_CURVE);
  const curve = { m: columns[0], lower: columns[1], upper: columns.length >= 3 ? columns[2] : undefined };
  limits.set(key, curve);
  return curve;
}

/** The upper edge of a two-sided limit at m (Infinity where there is none). */
export function epsUpper(curve: LimitCurve, m: number): number {
  const { m: ms, upper } = curve;
  if (!upper || !(m >= ms[0] && m <= ms[ms.length - 1])) return Number.POSITIVE_INFINITY;
  const lo = bracket(ms, m);
  const hi = Math.min(lo + 1, ms.length - 1);
  if (upper[lo] >= 1e5 || upper[hi] >= 1e5) return Number.POSITIVE_INFINITY;
  return interpolate(ms, upper, m);
}

/** Linear interpolation of the lower limit; Infinity outside the mass range or where there is no limit. */
export function epsLimit(curve: LimitCurve, m: number): number {
  const { m: ms, lower } = curve;
  if (!(m >= ms[0] && m <= ms[ms.length - 1])) return Number.POSITIVE_INFINITY;
  const lo = bracket(ms, m);
  const hi = Math.min(lo + 1, ms.length - 1);
  if (lower[lo] >= 1e5 || lower[hi] >= 1e5) return Number.POSITIVE_INFINITY;
  return interpolate(ms, lower, m);
}

/**
 * An r-value grid (LHCb displaced searches): per mass, the dark photon's r = (upper limit)/(expected signal) over
 * ε; r < 1 is excluded (the data README calls it "signal/limit", but the files exclude where r < 1).
 */
export interface RGrid {
  masses: number[];
  rows: { eps: Float64Array; r: Float64Array }[];
}

const grids = new Map<string, RGrid>();

export function loadRGrid(name: string, folder: "limits" | "reach" = "limits"): RGrid {
  const key = `${dataDirKey()}|${folder}|${name}`;
  const hit = grids.get(key);
  if (hit) return hit;
  // R_GRID has checked that masses come in runs (non-decreasing) with ε strictly increasing within each.
  const [mass, eps, r] = readColumns(folder === "reach" ? REACH : RESONANCES, `darkcast/${folder}/${name}.lmt`, R_GRID).columns;
  const masses: number[] = [];
  const rows: { eps: Float64Array; r: Float64Array }[] = [];
  for (let start = 0; start < mass.length; ) {
    let end = start + 1;
    while (end < mass.length && mass[end] === mass[start]) end++;
    masses.push(mass[start]);
    rows.push({ eps: eps.slice(start, end), r: r.slice(start, end) });
    start = end;
  }
  const g = { masses, rows };
  grids.set(key, g);
  return g;
}

/** Per-mass pp → X production fractions (LHCb, CMS .prd files): columns by mechanism. */
const fractions = new Map<string, { m: Float64Array; columns: string[]; f: Float64Array[] }>();

export function loadFractions(file: string): { m: Float64Array; columns: string[]; f: Float64Array[] } {
  const key = `${dataDirKey()}|${file}`;
  const hit = fractions.get(key);
  if (hit) return hit;
  const { file: path, rows, names, headerLine } = readTable(RESONANCES, `darkcast/limits/${file}`, FRACTIONS);
  const header = names!;
  const bad = header.findIndex((h, j) => (j === 0 ? h !== "mass" : !PP_MECHANISMS.has(h)));
  if (bad >= 0) {
    const expected = bad === 0 ? "'mass' as the first header name" : `a production mechanism (${[...PP_MECHANISMS].join(", ")}) as header name ${bad + 1}`;
    throw damaged(RESONANCES, path, headerLine, expected, quote(header[bad]));
  }
  const t = { m: Float64Array.from(rows, (r) => r[0]), columns: header.slice(1), f: header.slice(1).map((_, j) => Float64Array.from(rows, (r) => r[j + 1])) };
  fractions.set(key, t);
  return t;
}
