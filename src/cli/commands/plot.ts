import { readFileSync } from "node:fs";
import { checkWritableFile, writeFileAtomic } from "../../output/files.js";
import { REGISTRY, selectLikelihoods } from "../../likelihood/registry.js";
import { resolveModel } from "../../models/spec.js";
import { renderSvg, type Series } from "../../output/svg.js";
import { exclusionPlane } from "../../profile/exclusion.js";
import { massBound } from "../../profile/massBound.js";
import { scanMass } from "../../profile/massProfile.js";
import { type RankRow, rowCoefficients } from "../../profile/rank.js";
import { UserError } from "../../errors.js";
import { likelihoodOptions, termNames } from "../options.js";
import { parseInteger, parseMass, parseMixing } from "../parse.js";
import type { Mixing } from "../../couplings/couplings.js";

export interface PlotArgs {
  figure: string;
  epsRatio?: string;
  eps?: string;
  out: string;
  model?: string;
  from?: string;
  to?: string;
  points?: string;
  ranking?: string;
  likelihoods?: string;
  inputs?: string;
  inputsFile?: string;
  searches?: string;
  neutrinos?: string;
  format?: string;
  maxCharge: number;
}

// Tableau 10 plus two: distinct hues for up to twelve terms (Fig. 6 draws eleven).
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#b15928"];

function readRanking(file: string | undefined): RankRow[] {
  if (!file) throw new UserError("this figure needs --ranking FILE (the JSON of 'u1x rank --format json' or fits/tables/*.json)");
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`cannot read the ranking ${file}: ${(e as Error).message}`);
  }
  const rows = Array.isArray(j) ? j : (j as { rows?: unknown }).rows;
  if (!Array.isArray(rows) || !rows.length) throw new UserError(`${file} holds no ranking rows`);
  rows.forEach((r, i) => {
    const ok = r && typeof r.name === "string" && typeof r.dchi2 === "number" && typeof r.gX === "number" && r.model && typeof r.model.cB === "number";
    if (!ok) throw new UserError(`${file}: row ${i + 1} is not a ranking row (name, dchi2, gX, model{cB,ce,cmu,ctau}); use the output of 'u1x rank --format json'`);
  });
  return rows as RankRow[];
}

/** A mass range [from, to] with to > from. */
function massRange(a: { from?: string; to?: string }, from: string, to: string): [number, number] {
  const lo = parseMass(a.from ?? from, "--from");
  const hi = parseMass(a.to ?? to, "--to");
  if (!(hi > lo)) throw new UserError("--to must be above --from");
  return [lo, hi];
}

/** A term's short label for legends (its `label`, else its name). */
function likelihoodLabel(name: string): string {
  return REGISTRY.find((x) => x.name === name)?.label ?? name;
}

/** `u1x plot FIGURE --out FILE.svg`: the paper-style figures as SVG. */
export function plotCommand(a: PlotArgs): string {
  if (a.format !== undefined && a.format !== "svg") throw new UserError(`plot writes an SVG file (--out); --format ${a.format} does not apply`);
  checkWritableFile(a.out);
  writeFileAtomic(a.out, figureSvg(a));
  return `${a.out}\n`;
}

/** One figure as an SVG document (used by `plot` and `tables`). */
export function figureSvg(a: Omit<PlotArgs, "out" | "format">): string {
  let svg: string;
  switch (a.figure) {
    case "mass-bound": {
      const [from, to] = massRange(a, "1GeV", "300GeV");
      const n = a.points === undefined ? 40 : parseInteger(a.points, "--points", 2);
      const r = massBound(from, to, n, 4, likelihoodOptions(a));
      const x = r.rows.map((q) => q.mX);
      svg = renderSvg({
        title: `Fig. 1: min chi2 of (g-2) + CCFR + T; bound m_X = ${r.bound?.toPrecision(3) ?? "-"} GeV`,
        xLabel: "m_X [GeV]",
        yLabel: "min chi2",
        xLog: true,
        yRange: [0, 20],
        shadeAbove: 4,
        series: [
          { label: "global", x, y: r.rows.map((q) => q.global), color: COLORS[0] },
          { label: "dark photon", x, y: r.rows.map((q) => q.darkPhoton), color: COLORS[1] },
          { label: "eps_Y = 0", x, y: r.rows.map((q) => q.noMixing), color: COLORS[2] },
          { label: "SM", x, y: r.rows.map((q) => q.sm), color: COLORS[3] },
        ],
      });
      break;
    }
    case "scan-mass": {
      if (!a.model) throw new UserError("scan-mass needs --model");
      const model = resolveModel(a.model, a.maxCharge);
      const ls = selectLikelihoods(termNames(a));
      const rows = scanMass(model, ls, likelihoodOptions(a), ...massRange(a, "10MeV", "4GeV"), a.points === undefined ? 40 : parseInteger(a.points, "--points", 2));
      const x = rows.map((r) => r.mX);
      const series: Series[] = [{ label: "total", x, y: rows.map((r) => r.dchi2), color: "black" }];
      for (const [i, l] of ls.entries()) series.push({ label: l.name, x, y: rows.map((r) => r.terms[l.name]), color: COLORS[i % COLORS.length], dashed: true });
      svg = renderSvg({ title: `${model.name}: profiled dchi2 vs m_X`, xLabel: "m_X [GeV]", yLabel: "dchi2", xLog: true, yRange: [-1, 20], shadeAbove: 4, series });
      break;
    }
    case "fig4": {
      const rows = readRanking(a.ranking);
      const cls = [0, 1, 2, 3, 4, 5, 6, 7].map((N) => rows.find((r) => { const c = rowCoefficients(r); return c?.cB === 3 && c.ce === -6 && c.cmu === N && c.ctau === -3 - N; }));
      if (cls.some((r) => !r)) throw new UserError("the ranking lacks part of the 3B-6Le-3Ltau+N(Lmu-Ltau) class");
      const N = cls.map((_, i) => i);
      svg = renderSvg({
        title: "3B - 6Le - 3Ltau + N(Lmu - Ltau): dchi2, eps e/g_X and 1e4 g_X (Fig. 4)",
        xLabel: "N",
        yLabel: "value",
        shadeAbove: 4,
        series: [
          { label: "dchi2", x: N, y: cls.map((r) => r!.dchi2), color: COLORS[0], style: "points" },
          { label: "-eps e/g_X", x: N, y: cls.map((r) => -(r!.epsRatio ?? 0)), color: COLORS[1], style: "points" },
          { label: "1e4 g_X", x: N, y: cls.map((r) => 1e4 * r!.gX), color: COLORS[2], style: "points" },
        ],
      });
      break;
    }
    case "alpha-r": {
      const rows = readRanking(a.ranking).filter((r) => r.alpha !== null && r.R !== null && Number.isFinite(r.R));
      const viable = rows.filter((r) => r.dchi2 < 4);
      const excluded = rows.filter((r) => r.dchi2 >= 4);
      const pt = (r: RankRow) => [Math.tan(r.alpha!), r.R!];
      svg = renderSvg({
        title: "Models in the (tan alpha, R) plane of eq. (4.4): dchi2 < 4 vs excluded (Fig. 2)",
        xLabel: "tan(alpha)",
        yLabel: "R",
        yLog: true,
        xRange: [-3, 3],
        yRange: [0.01, 100],
        series: [
          { label: "excluded", x: excluded.map((r) => pt(r)[0]), y: excluded.map((r) => pt(r)[1]), color: "#bbbbbb", style: "points" },
          { label: "dchi2 < 4", x: viable.map((r) => pt(r)[0]), y: viable.map((r) => pt(r)[1]), color: COLORS[1], style: "points" },
        ],
      });
      break;
    }
    case "exclusion": {
      if (!a.model) throw new UserError("exclusion needs --model and --eps-ratio (or --eps loop, or a model file with kineticMixing)");
      const model = resolveModel(a.model, a.maxCharge);
      const mix = parseMixing(a, true, model) as Mixing;
      if (!("epsRatio" in mix)) throw new UserError("exclusion is drawn at fixed ε·e/g_X: give --eps-ratio (or --eps loop)");
      const r = mix.epsRatio;
      // The figure shows every constraint, trident and EW included (Figs. 3, 5, 6).
      const ls = selectLikelihoods(termNames(a, ["all"]));
      const [from, to] = massRange(a, "10MeV", "1GeV");
      const n = a.points === undefined ? 40 : parseInteger(a.points, "--points", 2);
      const masses = Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));
      const rows = exclusionPlane(model, r, ls, likelihoodOptions(a), masses);
      const series: Series[] = [];
      // Terms that prefer a coupling (the g−2) as a band: central value and ±2σ.
      for (const name of Object.keys(rows[0]?.bands ?? {})) {
        const label = likelihoodLabel(name);
        series.push({ label: `${label} central`, x: masses, y: rows.map((q) => q.bands[name].central ?? Number.NaN), color: "black", dashed: true });
        series.push({ label: `${label} 2 sigma`, x: masses, y: rows.map((q) => q.bands[name].lo ?? Number.NaN), color: "black" });
        series.push({ label: "", x: masses, y: rows.map((q) => q.bands[name].hi ?? Number.NaN), color: "black" });
      }
      // Each term keeps its colour; a term that excludes nothing in the plane (no line) is named in the title instead.
      const silent: string[] = [];
      for (const [i, name] of Object.keys(rows[0]?.bounds ?? {}).entries()) {
        const y = rows.map((q) => q.bounds[name] ?? Number.NaN);
        if (y.some(Number.isFinite)) series.push({ label: `${name} (dchi2 = 4)`, x: masses, y, color: COLORS[i % COLORS.length] });
        else silent.push(name);
      }
      if (silent.length) series.push({ label: "no dchi2 = 4 crossing:", x: [], y: [], color: "none" });
      for (const name of silent) series.push({ label: `  ${name}`, x: [], y: [], color: "none" });
      svg = renderSvg({ title: `${model.name}, eps e/g_X = ${Number(r.toPrecision(3))}: excluded above each line (Figs. 3, 5, 6)`, xLabel: "m_X [GeV]", yLabel: "g_X", xLog: true, yLog: true, yRange: [1e-6, 1e-1], series });
      break;
    }
    default:
      throw new UserError(`unknown figure '${a.figure}' (mass-bound, scan-mass, fig4, alpha-r, exclusion)`);
  }
  return svg;
}
