import { C_M_PER_S, M_MU, M_PHI, M_ETA } from "../../src/constants.js";
import { dataDir as dataDirKey, parseColumns, readDataFile } from "../../src/data/dataDir.js";
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

/** All searches of limits.tsv. */
export function allSearches(dir: string): Search[] {
  if (cache && cache.dir === dir) return cache.list;
  const text = readDataFile("resonances", "darkcast/limits.tsv");
  const lines = text.split("\n").filter((l) => l.trim() && !l.startsWith("name\t"));
  const list = lines.map((line) => {
    const [name, prod, decay, eff, eprint] = line.split("\t");
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

/** The paper's selection (appendix B): NA64 2019 invisible and BaBar 2014. */
export const DEFAULT_SEARCHES = ["NA64_NA642019imj", "BaBar_Lees2014xha"];

/** Resolve names; "all" = every recastable search. Unknown or non-recastable names are errors. */
export function selectSearches(dir: string, names: readonly string[] = DEFAULT_SEARCHES): Search[] {
  const all = allSearches(dir);
  if (names.length === 1 && names[0] === "all") return all.filter((s) => !s.notRecastable);
  return names.map((n) => {
    const s = all.find((x) => x.name === n);
    if (!s) throw new UserError(`unknown search '${n}' (see darkcast/limits.tsv; 'all' selects every recastable one)`);
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

/** A limit curve, read once per data directory. */
export function loadLimit(name: string): LimitCurve {
  const key = `${dataDirKey()}|${name}`;
  const hit = limits.get(key);
  if (hit) return hit;
  const rows = parseColumns(readDataFile("resonances", `darkcast/limits/${name}.lmt`));
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
  for (const [m, eps, r] of parseColumns(readDataFile("resonances", `darkcast/limits/${name}.lmt`))) {
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
  const text = readDataFile("resonances", `darkcast/limits/${file}`);
  const header = text.split("\n")[0].replace(/^\s*#\s*/, "").trim().split(/\s+/);
  const rows = parseColumns(text);
  const t = { m: Float64Array.from(rows, (r) => r[0]), columns: header.slice(1), f: header.slice(1).map((_, j) => Float64Array.from(rows, (r) => r[j + 1])) };
  fractions.set(key, t);
  return t;
}
