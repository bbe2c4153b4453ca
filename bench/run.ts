import { mkdirSync, writeFileSync } from "node:fs";
import { Chi2 } from "../src/likelihood/compose.js";
import { selectLikelihoods } from "../src/likelihood/registry.js";
import { enumerateAssignments } from "../src/models/enumerate.js";
import { resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";
import { loadRecipe, refit } from "../likelihoods/nsi/refit.js";

/** `npm run bench`: speed figures written to bench/results.json (not timed unit tests). */
const figures: Record<string, { value: number; unit: string; target?: string }> = {};
const ms = (f: () => void, reps = 1) => {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
};

figures.enumerationMs = { value: ms(() => enumerateAssignments(10), 5), unit: "ms", target: "well under 1000" };

const model = resolveModel("3,-6,7,-10");
const only = (names: string) => {
  const chi2 = new Chi2(model, 0.2, selectLikelihoods(names));
  const c = chi2.couplings(1.2e-4, { epsRatio: -6.2 });
  const n = 200_000;
  let sink = 0;
  const t = ms(() => {
    for (let i = 0; i < n; i++) sink += chi2.total(c);
  });
  if (sink === 42) console.log(sink);
  return (t / n) * 1e3;
};
figures.evalAmuBorexinoNsiUs = { value: only("amu,borexino,nsi"), unit: "µs per evaluation (couplings fixed)", target: "a couple of µs" };
figures.evalWithCouplingsUs = (() => {
  const chi2 = new Chi2(model, 0.2, selectLikelihoods("amu,borexino,nsi"));
  const n = 200_000;
  let sink = 0;
  const t = ms(() => {
    for (let i = 0; i < n; i++) sink += chi2.total(chi2.couplings(1.2e-4 * (1 + i * 1e-9), { epsRatio: -6.2 }));
  });
  if (sink === 42) console.log(sink);
  return { value: (t / n) * 1e3, unit: "µs per evaluation (couplings rebuilt)", target: "a couple of µs" };
})();
figures.prepareAmuBorexinoNsiMs = { value: ms(() => new Chi2(model, 0.2, selectLikelihoods("amu,borexino,nsi")), 20), unit: "ms per (model, mass)" };
figures.nsiRefitS = { value: ms(() => refit(loadRecipe())) / 1e3, unit: "s", target: "< 60" };

mkdirSync(repoPath("bench"), { recursive: true });
const out = { date: new Date().toISOString(), node: process.version, figures };
writeFileSync(repoPath("bench/results.json"), JSON.stringify(out, null, 2) + "\n");
console.log(JSON.stringify(out, null, 2));
