import { scanTop } from "../../../likelihoods/resonances/index.js";
import { RecastAtMass } from "../../../likelihoods/resonances/recast.js";
import { allSearches, DEFAULT_SEARCHES, selectSearches } from "../../../likelihoods/resonances/searches.js";
import { couplings, type Mixing } from "../../couplings/couplings.js";
import { dataDir } from "../../data/dataDir.js";
import { UserError } from "../../errors.js";
import { resolveModel } from "../../models/spec.js";
import { checkFormat, type Format, renderRows, toJson } from "../../output/format.js";
import { HBAR_GEV_S } from "../../constants.js";
import { loadHadronicTables } from "../../widths/vmd.js";
import { parseMass, parseMixing, parseNumber } from "../parse.js";

export interface LimitsArgs {
  model: string;
  mx?: string;
  eps?: string;
  epsRatio?: string;
  searches?: string;
  scan?: string;
  points?: string;
  maxCharge: number;
  format: string;
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
  note?: string;
}

/** `u1x limits`: recast upper limits on g_X per search at one mass, or curves over a mass range (--scan). */
export function limitsCommand(a: LimitsArgs): string {
  const format = checkFormat(a.format, ["table", "json", "csv", "md"]);
  const model = resolveModel(a.model, a.maxCharge);
  const mix = parseMixing(a) as Mixing;
  const names = a.searches ? a.searches.split(",").map((s) => s.trim()) : allSearches(dataDir()).filter((s) => !s.notRecastable).map((s) => s.name);
  const searches = selectSearches(dataDir(), names);
  const tables = loadHadronicTables("resonances");
  const isDarkPhoton = model.xq === 0 && model.xL.every((x) => x === 0);
  const at = (m: number) => (g: number) => couplings(model, g, mix, m);
  const top = scanTop(mix);
  const one = (m: number): Record<string, SearchLimit> => {
    const out: Record<string, SearchLimit> = {};
    for (const s of searches) {
      const r = new RecastAtMass(s, m, tables);
      const base = { production: s.production, decays: s.decays, efficiency: s.efficiency.type, epsLimit: Number.isFinite(r.epsLim) ? r.epsLim : null };
      if (!r.active) {
        out[s.name] = { ...base, gMax: null, prompt: null, note: "no limit at this mass" };
        continue;
      }
      if (isDarkPhoton) {
        out[s.name] = { ...base, gMax: null, prompt: null, note: "dark photon: the limit is on ε (epsLimit)" };
        continue;
      }
      const band = r.excludedBand(at(m), top);
      const g = band ? band[0] : Number.POSITIVE_INFINITY;
      const probe = at(m)(Number.isFinite(g) ? g : 1e-3);
      const note = Number.isFinite(g)
        ? r.twoSided ? "beam dump: excluded between gMax and gBandUpper" : undefined
        : r.ratio(at(m)(10 ** top)) === 0 ? "not produced or not seen (vanishing coupling)" : `no exclusion up to g_X = ${Number((10 ** top).toPrecision(3))}`;
      out[s.name] = { ...base, gMax: Number.isFinite(g) ? g : null, ...(r.twoSided ? { gBandUpper: band ? band[1] : null } : {}), prompt: promptAt(r, probe), ...(note ? { note } : {}) };
    }
    return out;
  };
  if (a.scan !== undefined) {
    const [lo, hi] = a.scan.split(":").map((x) => parseMass(x, "--scan"));
    if (!(hi > lo)) throw new UserError("--scan needs LO:HI with HI > LO, e.g. 10MeV:4GeV");
    const n = a.points === undefined ? 50 : parseNumber(a.points, "--points");
    if (!Number.isInteger(n) || n < 2) throw new UserError("--points must be an integer ≥ 2");
    const masses = Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
    const curves = masses.map((m) => ({ mX: m, searches: one(m) }));
    if (format === "json") return toJson({ model: model.name, mixing: mix, curves });
    const rows = curves.flatMap((c) => Object.entries(c.searches).map(([name, s]) => ({ mX: c.mX, name, gMax: s.gMax })));
    return renderRows(rows, [
      { header: "mX", value: (r) => r.mX, digits: 6 },
      { header: "search", value: (r) => r.name },
      { header: "gMax", value: (r) => r.gMax },
    ], format as Exclude<Format, "json">);
  }
  if (a.mx === undefined) throw new UserError("give --mx (or --scan LO:HI)");
  const mX = parseMass(a.mx);
  const res = one(mX);
  if (format === "json") return toJson({ model: model.name, mX, mixing: mix, defaultSearches: DEFAULT_SEARCHES, searches: res });
  const rows = Object.entries(res).map(([name, s]) => ({ name, ...s }));
  return renderRows(rows, [
    { header: "search", value: (r) => r.name },
    { header: "gMax", value: (r) => r.gMax },
    { header: "eps limit (A')", value: (r) => r.epsLimit },
    { header: "production", value: (r) => r.production },
    { header: "decays", value: (r) => r.decays.join(",") },
    { header: "prompt", value: (r) => (r.prompt === null ? null : r.prompt ? "yes" : "no") },
    { header: "note", value: (r) => r.note ?? "" },
  ], format as Exclude<Format, "json">, `${model.name} at m_X = ${mX} GeV, ${"eps" in mix ? `eps = ${mix.eps}` : `eps e/g_X = ${mix.epsRatio}`}`);
}

/** Prompt: the X decay length in the lab (γ ~ E/m with E ~ 1 GeV) below 1 mm. */
function promptAt(r: RecastAtMass, c: ReturnType<typeof couplings>): boolean {
  const total = r.totalWidth(c);
  if (!(total > 0)) return false;
  const ctau = (HBAR_GEV_S / total) * 2.998e8;
  return ctau * Math.max(1, 1 / r.m) < 1e-3;
}
