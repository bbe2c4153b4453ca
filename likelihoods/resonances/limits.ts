import { blankCouplings, type Couplings, couplingsInto, EPS_PROFILE_MAX, logGCeiling, type Mixing } from "../../src/couplings/couplings.js";
import { isDarkPhoton, type Model } from "../../src/models/model.js";
import { type NeutrinoWidths, WidthCalculator } from "../../src/widths/calculator.js";
import type { HadronicTables } from "../../src/widths/vmd.js";
import { decaysPromptly } from "./prompt.js";
import { RecastAtMass } from "./recast.js";
import type { Search } from "./searches.js";

/**
 * Per-search recast limits on g_X at one mass, for `u1x limits` (the compilation's searches) and `u1x reach` (the
 * projections of reach.tsv): the same recast (recast.ts), the same two-sided beam-dump windows with the model's
 * lifetime (invisible widths included), the same scan ceiling. The commands format what this returns.
 */
export interface SearchLimit {
  gMax: number | null;
  /** Upper end of the excluded band for two-sided (beam-dump) limits; null when excluded up to the scan's end. */
  gBandUpper?: number | null;
  epsLimit: number | null;
  production: string;
  decays: string[];
  efficiency: string;
  prompt: boolean | null;
  /** With a point g_X: the signal ratio S at that coupling (≥ 1 excludes) and the verdict. */
  ratio?: number | null;
  excluded?: boolean | null;
  note?: string;
}

/** Where a g_X scan at this mixing stops: g_X = 1, or |ε| = EPS_PROFILE_MAX at fixed ε·e/g_X (kinetic mixing no longer small). */
export function scanCeiling(mix: Mixing): { lgMax: number; gCeiling: number; reason: string } {
  const lgMax = logGCeiling(mix);
  const gCeiling = 10 ** lgMax;
  const reason = "epsRatio" in mix && lgMax < 0 ? `|ε| ≤ ${EPS_PROFILE_MAX} at ε·e/g_X = ${mix.epsRatio} means g_X ≤ ${Number(gCeiling.toPrecision(3))}` : "g_X ≤ 1";
  return { lgMax, gCeiling, reason };
}

/** One scratch record for every coupling point (each is used at once, never kept): no allocation per evaluation. */
const scratch = blankCouplings();

/**
 * Each search's g_max (and, for beam dumps, the upper edge of the excluded band) for `model` at mixing `mix` and mass
 * m, scanning g_X up to the ceiling of `scanCeiling`; with `gPoint`, also each search's signal ratio at that g_X.
 */
export function searchLimitsAtMass(
  model: Model,
  mix: Mixing,
  m: number,
  searches: readonly Search[],
  tables: HadronicTables,
  neutrinos: NeutrinoWidths,
  gPoint?: number,
): Record<string, SearchLimit> {
  const { lgMax: top, gCeiling, reason } = scanCeiling(mix);
  const at = (g: number) => couplingsInto(scratch, model, g, mix, m);
  const out: Record<string, SearchLimit> = {};
  const width = new WidthCalculator(m, tables, neutrinos, model.decays);
  // Without kinetic or mass mixing the couplings are g_X times the charges: prompt searches then go faster (gMaxScan).
  const proportional = !model.massMixing && ("eps" in mix ? mix.eps === 0 : "epsY" in mix ? mix.epsY === 0 : mix.epsRatio === 0);
  const darkPhoton = isDarkPhoton(model);
  for (const s of searches) {
    const r = new RecastAtMass(s, m, tables, width);
    const point = gPoint === undefined ? undefined : pointVerdict(r, at(gPoint));
    // The keys in the order of the JSON output: the search, gMax (gBandUpper), prompt, the point's verdict, note.
    const limit = (gMax: number | null, band: number | null | undefined, prompt: boolean | null, note: string | undefined): SearchLimit => {
      const o = { production: s.production, decays: s.decays, efficiency: s.efficiency.type, epsLimit: Number.isFinite(r.epsLim) ? r.epsLim : null, gMax } as SearchLimit;
      if (band !== undefined) o.gBandUpper = band;
      o.prompt = prompt;
      if (point) {
        o.ratio = point.ratio;
        o.excluded = point.excluded;
      }
      if (note !== undefined) o.note = note;
      return o;
    };
    if (!r.active) {
      out[s.name] = limit(null, undefined, null, "no limit at this mass");
      continue;
    }
    if (darkPhoton) {
      out[s.name] = limit(null, undefined, null, "dark photon: the limit is on ε (epsLimit)");
      continue;
    }
    // A one-sided limit reports gMax alone: the band's upper edge (a second scan) is sought for two-sided ones only.
    const band = r.twoSided ? r.excludedBand(at, top) : undefined;
    const g = r.twoSided ? (band ? band[0] : Number.POSITIVE_INFINITY) : r.gMaxScan(at, top, proportional);
    const probe = at(Number.isFinite(g) ? g : Math.min(1e-3, gCeiling));
    const note = Number.isFinite(g)
      ? r.twoSided
        ? "beam dump: excluded between gMax and gBandUpper"
        : undefined
      : r.twoSided
        ? "beam dump: S < 1 at every g_X (too few decays in the volume, or, with a short lifetime, all before it)"
        : r.ratio(at(gCeiling)) === 0
          ? "not produced or not seen (vanishing coupling)"
        : `no exclusion up to the scan's ceiling (${reason})`;
    out[s.name] = limit(Number.isFinite(g) ? g : null, r.twoSided ? (band ? band[1] : null) : undefined, decaysPromptly(r.totalWidth(probe), r.m), note);
  }
  return out;
}

/** The signal ratio S at one coupling and whether it excludes. */
function pointVerdict(r: RecastAtMass, c: Couplings): { ratio: number | null; excluded: boolean | null } {
  if (!r.active) return { ratio: null, excluded: null };
  const s = r.ratio(c);
  return { ratio: s, excluded: s >= 1 };
}
