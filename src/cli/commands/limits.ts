import { RecastAtMass } from "../../../likelihoods/resonances/recast.js";
import { allSearches, PAPER_SEARCHES, selectSearches } from "../../../likelihoods/resonances/searches.js";
import { decaysPromptly } from "../../../likelihoods/resonances/prompt.js";
import { couplings, logGCeiling, type Mixing } from "../../couplings/couplings.js";
import { dataDir } from "../../data/dataDir.js";
import { UserError } from "../../errors.js";
import { isDarkPhoton } from "../../models/model.js";
import { catalogueLabel, resolveModel } from "../../models/spec.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { WidthCalculator } from "../../widths/calculator.js";
import { loadHadronicTables } from "../../widths/vmd.js";
import { exclusive, modelCaption, parseCoupling, parseInteger, parseList, parseMass, parseMixing, parseNeutrinos } from "../parse.js";

export interface LimitsArgs {
  model: string;
  mx?: string;
  g?: string;
  eps?: string;
  epsRatio?: string;
  searches?: string;
  neutrinos?: string;
  scan?: string;
  points?: string;
  maxCharge: number;
  format?: string;
}

interface SearchLimit {
  gMax: number | null;
  /** Upper end of the excluded band for two-sided (beam-dump) limits; null when excluded up to the scan's end. */
  gBandUpper?: number | null;
  epsLimit: number | null;
  production: string;
  decays: string[];
  efficiency: string;
  prompt: boolean | null;
  /** With --g: the signal ratio S at that coupling (≥ 1 excludes) and the verdict. */
  ratio?: number | null;
  excluded?: boolean | null;
  note?: string;
}

/** `u1x limits`: recast upper limits on g_X per search at one mass, or curves over a mass range (--scan). */
export function limitsCommand(a: LimitsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md"]);
  exclusive(a as never, "mx", "scan", "--scan LO:HI gives curves over a mass range, --mx one mass");
  exclusive(a as never, "g", "scan", "--g evaluates the searches at one point (give --mx)");
  const model = resolveModel(a.model, a.maxCharge);
  const mix = parseMixing(a, true, model) as Mixing;
  const neutrinos = parseNeutrinos(a.neutrinos);
  const gPoint = a.g === undefined ? undefined : parseCoupling(a.g);
  // Every argument is checked before any data file is read.
  if (a.scan === undefined && a.mx === undefined) throw new UserError("give --mx (or --scan LO:HI)");
  if (a.scan === undefined && a.points !== undefined) throw new UserError("--points goes with --scan");
  let scanMasses: number[] | undefined;
  if (a.scan !== undefined) {
    const parts = a.scan.split(":");
    if (parts.length !== 2) throw new UserError(`--scan: expected LO:HI, e.g. 10MeV:4GeV, got '${a.scan}'`);
    const [lo, hi] = parts.map((x) => parseMass(x, "--scan"));
    if (!(hi > lo)) throw new UserError("--scan needs LO:HI with HI > LO, e.g. 10MeV:4GeV");
    const n = a.points === undefined ? 50 : parseInteger(a.points, "--points", 2);
    scanMasses = Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
  }
  const mXPoint = a.mx === undefined ? undefined : parseMass(a.mx);
  const names = a.searches === undefined ? allSearches(dataDir()).filter((s) => !s.notRecastable).map((s) => s.name) : parseList(a.searches, "--searches");
  const searches = selectSearches(dataDir(), names);
  const tables = loadHadronicTables("resonances");
  const at = (m: number) => (g: number) => couplings(model, g, mix, m);
  // The scan of g_X stops at g_X = 1, or where |ε| = 0.5 at fixed ε·e/g_X (kinetic mixing is no longer small).
  const top = logGCeiling(mix);
  const gCeiling = 10 ** top;
  const ceilingWhy = "epsRatio" in mix && top < 0 ? `|ε| ≤ 0.5 at ε·e/g_X = ${mix.epsRatio} means g_X ≤ ${Number(gCeiling.toPrecision(3))}` : "g_X ≤ 1";
  const one = (m: number): Record<string, SearchLimit> => {
    const out: Record<string, SearchLimit> = {};
    const width = new WidthCalculator(m, tables, neutrinos, model.decays);
    for (const s of searches) {
      const r = new RecastAtMass(s, m, tables, width);
      const base = { production: s.production, decays: s.decays, efficiency: s.efficiency.type, epsLimit: Number.isFinite(r.epsLim) ? r.epsLim : null };
      const point = gPoint === undefined ? {} : pointVerdict(r, at(m)(gPoint));
      if (!r.active) {
        out[s.name] = { ...base, gMax: null, prompt: null, ...point, note: "no limit at this mass" };
        continue;
      }
      if (isDarkPhoton(model)) {
        out[s.name] = { ...base, gMax: null, prompt: null, ...point, note: "dark photon: the limit is on ε (epsLimit)" };
        continue;
      }
      const band = r.excludedBand(at(m), top);
      const g = band ? band[0] : Number.POSITIVE_INFINITY;
      const probe = at(m)(Number.isFinite(g) ? g : Math.min(1e-3, gCeiling));
      const note = Number.isFinite(g)
        ? r.twoSided ? "beam dump: excluded between gMax and gBandUpper" : undefined
        : r.ratio(at(m)(gCeiling)) === 0 ? "not produced or not seen (vanishing coupling)" : `no exclusion up to the scan's ceiling (${ceilingWhy})`;
      out[s.name] = { ...base, gMax: Number.isFinite(g) ? g : null, ...(r.twoSided ? { gBandUpper: band ? band[1] : null } : {}), prompt: promptAt(r, probe), ...point, ...(note ? { note } : {}) };
    }
    return out;
  };
  const head = { model: model.name, catalogue: catalogueLabel(model), mixing: mix, neutrinos, gCeiling, gCeilingReason: ceilingWhy };
  if (scanMasses) {
    const curves = scanMasses.map((m) => ({ mX: m, searches: one(m) }));
    if (format === "json") return toJson({ ...head, curves });
    const rows = curves.flatMap((c) => Object.entries(c.searches).map(([name, s]) => ({ mX: c.mX, name, gMax: s.gMax, gBandUpper: s.gBandUpper })));
    return renderRows(rows, [
      { header: "mX", value: (r) => r.mX, digits: 6 },
      { header: "search", value: (r) => r.name },
      { header: "gMax", value: (r) => r.gMax },
      { header: "gBandUpper", value: (r) => r.gBandUpper },
    ], format as Exclude<Format, "json">, `${modelCaption(model)}: recast limits on g_X (scanned up to ${ceilingWhy})`);
  }
  const mX = mXPoint as number;
  const res = one(mX);
  if (format === "json") return toJson({ ...head, mX, gX: gPoint ?? null, defaultSearches: names, paperSearches: PAPER_SEARCHES, searches: res });
  const rows = Object.entries(res).map(([name, s]) => ({ name, ...s }));
  return renderRows(rows, [
    { header: "search", value: (r) => r.name },
    { header: "gMax", value: (r) => r.gMax },
    { header: "eps limit (A')", value: (r) => r.epsLimit },
    { header: "production", value: (r) => r.production },
    { header: "decays", value: (r) => r.decays.join(",") },
    { header: "prompt", value: (r) => r.prompt },
    ...(gPoint === undefined ? [] : [{ header: `S at g_X = ${gPoint}`, value: (r: (typeof rows)[number]) => r.ratio }, { header: "excluded", value: (r: (typeof rows)[number]) => r.excluded }]),
    { header: "note", value: (r) => r.note ?? "" },
  ], format as Exclude<Format, "json">, `${modelCaption(model)} at m_X = ${mX} GeV, ${"eps" in mix ? `eps = ${mix.eps}` : "epsRatio" in mix ? `eps e/g_X = ${mix.epsRatio}` : ""} (${neutrinos} neutrinos; g_X scanned up to ${ceilingWhy})`);
}

/** The signal ratio S at one coupling and whether it excludes. */
function pointVerdict(r: RecastAtMass, c: ReturnType<typeof couplings>): { ratio: number | null; excluded: boolean | null } {
  if (!r.active) return { ratio: null, excluded: null };
  const s = r.ratio(c);
  return { ratio: s, excluded: s >= 1 };
}

function promptAt(r: RecastAtMass, c: ReturnType<typeof couplings>): boolean {
  return decaysPromptly(r.totalWidth(c), r.m);
}
