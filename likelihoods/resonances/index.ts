import { Lru } from "../../src/cache.js";
import { dataDir } from "../../src/data/dataDir.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import type { Model } from "../../src/models/model.js";
import { couplings, logGCeiling } from "../../src/couplings/couplings.js";
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

/** The recasts of the last masses, for models without extra decay channels (a mass grid and its Brent steps fit). */
const SHARED = new Lru<string, { width: WidthCalculator; recasts: RecastAtMass[] }>(64);

/** Δχ² of an excluded point (appendix B: "a very high value ... 100"). */
export const VETO_DCHI2 = 100;


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
      return { width, recasts };
    };
    // Without extra channels nothing here depends on the model: built once per mass for every model fitted there.
    const key = `${dataDir()}|${mX}|${options.neutrinos ?? "left"}|${options.searches?.join(",") ?? ""}`;
    const { width, recasts } = model.decays?.length ? build() : SHARED.get(key, build);
    return { model, mX, recasts, width, buf: new Float64Array(width.states.length) };
  },
  evaluate(p, c) {
    let worst = 0;
    const total = p.recasts.length ? p.width.partial(c, p.buf) : 0;
    for (const r of p.recasts) {
      const s = r.ratioWithWidths(c, p.buf, total);
      if (s > worst) worst = s;
    }
    return { dchi2: worst >= 1 ? VETO_DCHI2 : 0, observables: { resonanceRatioMax: worst } };
  },
  gMax(p, epsRatio) {
    let g = Number.POSITIVE_INFINITY;
    const lgMax = logGCeiling({ epsRatio });
    const at = (x: number) => couplings(p.model, x, { epsRatio }, p.mX);
    // The couplings scale with g_X unless X–Z mass mixing adds a fixed part; then one probe at g0 serves every search.
    const scaling = !p.model.massMixing;
    const g0 = 10 ** (lgMax - 3);
    const c = scaling ? at(g0) : undefined;
    const probe = c ? { g0, c, widths: p.buf, total: p.width.partial(c, p.buf) } : undefined;
    // Only one-sided limits shape the profile; the bands of beam dumps are left to the step itself.
    for (const r of p.recasts) if (!r.twoSided) g = Math.min(g, r.gMax(at, lgMax, scaling, probe));
    return g;
  },
};
