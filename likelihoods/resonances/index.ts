import { Lru } from "../../src/cache.js";
import { dataDir } from "../../src/data/dataDir.js";
import { VETO_DCHI2 } from "../../src/likelihood/step.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import type { Model } from "../../src/models/model.js";
import { WidthCalculator } from "../../src/widths/calculator.js";
import { loadHadronicTables } from "../../src/widths/vmd.js";
import { RecastAtMass } from "./recast.js";
import { selectSearches } from "./searches.js";

interface Prepared {
  model: Model;
  mX: number;
  recasts: RecastAtMass[];
  width: WidthCalculator;
  buf: Float64Array;
}

/**
 * The recasts that can give the largest S: of prompt searches with the same production and final states
 * (`promptGroup`), whose S stand in a fixed ratio, only the strongest is kept. The veto and its largest S are unchanged.
 */
export function undominated(recasts: RecastAtMass[]): RecastAtMass[] {
  const strongest = new Map<string, RecastAtMass>();
  for (const r of recasts) {
    const g = r.promptGroup;
    if (!g) continue;
    const best = strongest.get(g.key);
    if (!best || g.k > (best.promptGroup as { k: number }).k) strongest.set(g.key, r);
  }
  return recasts.filter((r) => {
    const g = r.promptGroup;
    return !g || strongest.get(g.key) === r;
  });
}

/** The recasts of the last masses, for models without extra decay channels (a mass grid and its Brent steps fit). */
const SHARED = new Lru<string, { width: WidthCalculator; recasts: RecastAtMass[] }>(64);

/**
 * Δχ²_reson. of appendix B: 0 where the point passes the selected resonance searches, 100 where any excludes it.
 * Default selection: every recastable search; `--searches paper` is the paper's NA64 2019 (invisible) and BaBar 2014.
 */
export const resonances: Likelihood<Prepared> = {
  name: "resonances",
  label: "resonance searches",
  cite: "core paper appendix B; DarkCast recasting (Ilten, Soreq, Williams, Xue, JHEP 06 (2018) 004)",
  description: "resonance-search vetoes (recast dark-photon limits)",
  observables: { resonanceRatioMax: { unit: "", latex: "\\max S", description: "largest recast signal ratio S over the searches (≥ 1 excludes)" } },
  readsData: true,
  prepare(model, mX, options) {
    const build = () => {
      const tables = loadHadronicTables("resonances");
      // The model's extra decay channels join the widths here (their Γ/g² computed once per mass); every recast shares them.
      const width = new WidthCalculator(mX, tables, options.neutrinos, model.decays);
      const recasts = selectSearches(dataDir(), options.searches).map((s) => new RecastAtMass(s, mX, tables, width)).filter((r) => r.active);
      return { width, recasts: undominated(recasts) };
    };
    // Without extra channels nothing here depends on the model: built once per mass for every model fitted there.
    const key = `${dataDir()}|${mX}|${options.neutrinos ?? "left"}|${options.searches?.join(",") ?? ""}`;
    const { width, recasts } = model.decays?.length ? build() : SHARED.get(key, build);
    return { model, mX, recasts, width, buf: new Float64Array(width.states.length) };
  },
  evaluate(p, c) {
    let worst = 0;
    let worstOneSided = 0;
    const total = p.recasts.length ? p.width.partial(c, p.buf) : 0;
    for (const r of p.recasts) {
      const s = r.ratioWithWidths(c, p.buf, total);
      if (s > worst) worst = s;
      if (s > worstOneSided && !r.twoSided) worstOneSided = s;
    }
    // Past a one-sided limit S grows as g_X² (prompt) or faster: ½ log10 S ≥ log10(g_X/g_max). The bands of beam dumps
    // give no direction and are left to the step itself.
    const excess = worstOneSided > 1 ? 0.5 * Math.log10(worstOneSided) : 0;
    return { dchi2: worst >= 1 ? VETO_DCHI2 : 0, excess, observables: { resonanceRatioMax: worst } };
  },
};
