import { C_M_PER_S, M_MU, M_PHI, M_ETA } from "../../src/constants.js";
import { dataDir as dataDirKey } from "../../src/data/dataDir.js";
import { damaged, quote, readDataText, readTable, splitLines, type TableSpec } from "../../src/data/table.js";
import { UserError } from "../../src/errors.js";
import { bracket, interpolate } from "../../src/numerics/interpolate.js";

/**
 * Search descriptors, read from the DarkCast compilation's limits.tsv at run time (DarkCast's "one general
 * mechanism": a limit file plus a short descriptor). Production mechanisms, decay channels and efficiency types
 * follow Ilten, Soreq, Williams, Xue, arXiv:1801.04847, sections 2–3, and the data README.
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
}

const PS = 1e-12;

/** Lab-frame lifetime windows quoted in limits.tsv, by pattern. */
function lifetimeWindow(text: string): ((m: number) => number) | undefined {
  if (/t1 = 0\.08 m \/ \(c \(m_phi\^2 \+ m\^2 - m_eta\^2\)/.test(text))
    return (m) => 0.08 / (C_M_PER_S * ((M_PHI ** 2 + m * m - M_ETA ** 2) / (2 * M_PHI * m)));
  if (/t1 = 0\.08 m \/ \(c \(m_phi\^2 \+ m\^2\)/.test(text)) return (m) => 0.08 / (C_M_PER_S * ((M_PHI ** 2 + m * m) / (2 * M_PHI * m)));
  if (/t1 = 1 m \/ \(c \* 50 GeV \/ m\)/.test(text)) return (m) => 1 / (C_M_PER_S * (50 / m));
  if (/t1 = \(0\.004\/\(m - 2 m_mu\) \+ 0\.1\) ps/.test(text)) return (m) => (0.004 / (m - 2 * M_MU) + 0.1) * PS;
  if (/t1 = inf \(m<45 GeV\), 5e-12 s \(45-130 GeV\), -3\.66e-11 \+ 3\.12e-13\*m\[GeV\] s above/.test(text))
    return (m) => (m < 45 ? Number.POSITIVE_INFINITY : m <= 130 ? 5e-12 : -3.66e-11 + 3.12e-13 * m);
  return undefined;
}

function parseEfficiency(text: string): Efficiency {
  if (/^prompt/.test(text)) return { type: "prompt" };
  if (/^lifetime window/.test(text)) {
    const t1 = lifetimeWindow(text);
    if (t1) return { type: "lifetime", t1, text };
  }
  if (/^displaced: the \.lmt holds r-values/.test(text)) return { type: "displaced", text };
  const dump = /^beam[- ]dump(?:, lratio)? ([\d.]+)\/([\d.]+)/.exec(text);
  if (dump) return { type: "beamdump", ratio: Number(dump[1]) / Number(dump[2]), text };
  return { type: "unsupported", text };
}

function parseProduction(text: string): { production: string; notRecastable?: string; fractionsFile?: string } {
  if (/reference only|not a resonance search/.test(text)) return { production: text, notRecastable: text };
  if (/^pp -> X, per-mass mechanism fractions in (\S+)/.test(text)) {
    const file = /fractions in (\S+)/.exec(text)![1];
    return { production: "pp", fractionsFile: file };
  }
  if (/^e_e at the phi peak/.test(text)) return { production: "e_e" };
  if (/^phi_eta/.test(text)) return { production: "phi_eta" };
  if (/^pi0_gamma below/.test(text)) return { production: "pi0_eta_gamma" };
  const key = text.split(/[\s(;]/)[0];
  return { production: key };
}

/**
 * Corrections to limits.tsv. BaBar 2016 (arXiv:1606.03501) searched for e⁺e⁻ → µ⁺µ⁻X, X → µ⁺µ⁻: X is radiated
 * off the muons, so its production scales with the muon coupling (the core paper shows this limit on L_µ−L_τ,
 * Fig. 3, which has no electron coupling at ε = 0). limits.tsv lists "e_e".
 */
const PRODUCTION_OVERRIDES: Record<string, string> = { BaBar_TheBABAR2016rlg: "mu_mu" };

let cache: { dir: string; list: Search[] } | undefined;

/** Who needs the DarkCast files, in error messages. */
const RESONANCES = "likelihood 'resonances'";
const TSV_FIELDS = ["name", "production", "decay", "efficiency", "eprint"];

/**
 * The rows of limits.tsv, validated: the header line, then 5 tab-separated fields per row (CRLF tolerated), a
 * search name usable as a file name, non-empty production, decay and efficiency, no name twice.
 */
function readLimitsTsv(): string[][] {
  const { file, text } = readDataText(RESONANCES, "darkcast/limits.tsv");
  const fail = (line: number, expected: string, found: string) => damaged(RESONANCES, file, line, expected, found);
  const lines = splitLines(text);
  const header = TSV_FIELDS.join("\t");
  if (lines[0] !== header) throw fail(1, `the tab-separated header ${quote(header)}`, lines.length === 0 ? "an empty file" : quote(lines[0]));
  const rows: string[][] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const f = lines[i].split("\t");
    if (f.length !== TSV_FIELDS.length) throw fail(i + 1, `${TSV_FIELDS.length} tab-separated fields (${TSV_FIELDS.join(", ")})`, `${f.length} ${quote(lines[i])}`);
    if (!/^[A-Za-z0-9_]+$/.test(f[0])) throw fail(i + 1, "a search name (letters, digits, _) in field 1", f[0] ? quote(f[0]) : "an empty name");
    for (let j = 1; j < 4; j++) if (!f[j].trim()) throw fail(i + 1, `a non-empty ${TSV_FIELDS[j]} in field ${j + 1}`, "an empty field");
    const first = seen.get(f[0]);
    if (first) throw fail(i + 1, "each search once", `${quote(f[0])} again (first on line ${first})`);
    seen.set(f[0], i + 1);
    rows.push(f);
  }
  if (rows.length === 0) throw fail(lines.length + 1, "at least one search", "none");
  return rows;
}

/** All searches of limits.tsv. */
export function allSearches(dir: string): Search[] {
  if (cache && cache.dir === dir) return cache.list;
  const list = readLimitsTsv().map(([name, prod, decay, eff, eprint]) => {
    const p = parseProduction(prod);
    if (PRODUCTION_OVERRIDES[name]) p.production = PRODUCTION_OVERRIDES[name];
    const e = parseEfficiency(eff ?? "");
    const decays = decay === "none" ? [] : decay.split(",");
    const s: Search = { name, ...p, decays, efficiency: e, eprint: eprint ?? "" };
    if (!s.notRecastable && decays.length === 0) s.notRecastable = "not a resonance search (g−2 limit)";
    if (!s.notRecastable && e.type === "unsupported") s.notRecastable = `efficiency '${e.text}' is not implemented`;
    return s;
  });
  cache = { dir, list };
  return list;
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
    if (!s) throw new UserError(`unknown search '${n}' (see darkcast/limits.tsv; 'all' selects every recastable one, 'paper' the core paper's two)`);
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
const LIMIT_CURVE: TableSpec = {
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
const R_GRID: TableSpec = {
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

/** A limit curve, read once per data directory. */
export function loadLimit(name: string): LimitCurve {
  const key = `${dataDirKey()}|${name}`;
  const hit = limits.get(key);
  if (hit) return hit;
  // recast.ts also asks for the curve of a displaced search (outside its grid's masses, where it is Infinity):
  // its file is an r-value grid, validated as one and read as (mass, ε, r) columns as before.
  const displaced = allSearches(dataDirKey()).find((s) => s.name === name)?.efficiency.type === "displaced";
  const { rows } = readTable(RESONANCES, `darkcast/limits/${name}.lmt`, displaced ? R_GRID : LIMIT_CURVE);
  const two = rows[0].length >= 3;
  const curve = {
    m: Float64Array.from(rows, (r) => r[0]),
    lower: Float64Array.from(rows, (r) => r[1]),
    upper: two ? Float64Array.from(rows, (r) => r[2]) : undefined,
  };
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

export function loadRGrid(name: string): RGrid {
  const key = `${dataDirKey()}|${name}`;
  const hit = grids.get(key);
  if (hit) return hit;
  const byMass = new Map<number, [number, number][]>();
  for (const [m, eps, r] of readTable(RESONANCES, `darkcast/limits/${name}.lmt`, R_GRID).rows) {
    const list = byMass.get(m);
    if (list) list.push([eps, r]);
    else byMass.set(m, [[eps, r]]);
  }
  const masses = [...byMass.keys()].sort((a, b) => a - b);
  const rows = masses.map((m) => {
    const pts = byMass.get(m)!.sort((a, b) => a[0] - b[0]);
    return { eps: Float64Array.from(pts, (p) => p[0]), r: Float64Array.from(pts, (p) => p[1]) };
  });
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
