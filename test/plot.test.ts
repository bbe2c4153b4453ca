import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../src/output/svg.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

describe("the exclusion plane (Figs. 3, 5, 6)", () => {
  it("puts Table 1's N = 7 best fit inside the g−2 band and below the NSI and COHERENT bounds at 200 MeV", async () => {
    const { exclusionPlane } = await import("../src/profile/exclusion.js");
    const { selectLikelihoods } = await import("../src/likelihood/registry.js");
    const { resolveModel } = await import("../src/models/spec.js");
    const [row] = exclusionPlane(resolveModel("3,-6,7,-10"), -6.26, selectLikelihoods("nsi,coherent,amu"), {}, [0.2]);
    const g = 1.02e-4; // Table 1
    expect(row.bands.amu.lo!).toBeLessThan(g);
    expect(row.bands.amu.hi!).toBeGreaterThan(g);
    expect(row.bounds.nsi!).toBeGreaterThan(g);
    expect(row.bounds.coherent!).toBeGreaterThan(g);
    // and both bind within a factor 3 of it (section 4.2: the key constraints at 200 MeV)
    expect(row.bounds.nsi!).toBeLessThan(3 * g);
    expect(row.bounds.coherent!).toBeLessThan(3 * g);
  });
});

describe("SVG figures", () => {
  it("maps data to the plot box (log axis: a decade spans equal widths)", () => {
    const svg = renderSvg({ title: "t", xLabel: "x", yLabel: "y", xLog: true, series: [{ label: "s", x: [1, 10, 100], y: [0, 1, 2], color: "red" }] });
    const pts = /points="([^"]+)"/.exec(svg)![1].split(" ").map((p) => p.split(",").map(Number));
    expect(pts[1][0] - pts[0][0]).toBeCloseTo(pts[2][0] - pts[1][0], 6);
    expect(pts[0][1]).toBeGreaterThan(pts[2][1]); // larger y is higher on the page
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trim().endsWith("</svg>")).toBe(true);
  });
  it("u1x plot writes Fig. 1, Fig. 2 and Fig. 4 from the committed ranking", () => {
    const dir = mkdtempSync(join(tmpdir(), "u1x-plot-"));
    for (const [fig, extra] of [
      ["mass-bound", ["--points", "8", "--to", "30GeV"]],
      ["alpha-r", ["--ranking", "fits/tables/table1-200MeV.json"]],
      ["fig4", ["--ranking", "fits/tables/table1-200MeV.json"]],
      ["exclusion", ["--model", "3,-6,7,-10", "--eps-ratio", "-6.26", "--points", "6", "--to", "300MeV"]],
    ] as const) {
      const out = join(dir, `${fig}.svg`);
      const r = u1x(["plot", fig, "--out", out, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(out, "utf8")).toMatch(/<polyline|<circle/);
    }
    expectCleanFailure(["plot", "fig99", "--out", join(dir, "x.svg")], /unknown figure/);
  });
});
