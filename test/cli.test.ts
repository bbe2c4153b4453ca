import { describe, expect, it } from "vitest";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

describe("u1x models", () => {
  it("prints the vector catalogue as JSON with the contract keys", () => {
    const r = u1x(["models", "--category", "vector", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(419);
    for (const k of ["id", "name", "cB", "ce", "cmu", "ctau"]) expect(rows[0]).toHaveProperty(k);
    expect(rows.find((x: { name: string }) => x.name === "3B-7Le-Lmu-Ltau")).toMatchObject({ cB: 3, ce: -7, cmu: -1, ctau: -1 });
  });
  it("prints the chiral catalogue with xq, xL, xE, xN", () => {
    const rows = JSON.parse(u1x(["models", "--category", "chiral", "--format", "json"]).stdout);
    expect(rows).toHaveLength(21);
    for (const k of ["id", "xq", "xL", "xE", "xN"]) expect(rows[0]).toHaveProperty(k);
    expect(rows[0].xL).toHaveLength(3);
  });
  it("honours --max-charge and renders csv, md and latex", () => {
    const j = JSON.parse(u1x(["models", "--max-charge", "4", "--format", "json"]).stdout);
    expect(j.counts.maxCharge).toBe(4);
    expect(j.counts.assignments).toBe(j.counts.vectorAssignments + j.counts.chiralAssignments);
    expect(u1x(["models", "--format", "csv"]).stdout.split("\n")[0]).toBe("id,name,cB,ce,cmu,ctau,alpha,R,assignments");
    expect(u1x(["models", "--format", "md", "--category", "vector"]).stdout).toContain("| id | name |");
    expect(u1x(["models", "--format", "latex", "--category", "vector"]).stdout).toContain("\\begin{tabular}");
  });
});

describe("u1x couplings and widths", () => {
  it("gives the charges shifted by kinetic mixing", () => {
    const j = JSON.parse(u1x(["couplings", "--model", "3,-6,7,-10", "--eps-ratio", "-6.26", "--format", "json"]).stdout);
    expect(j.couplings.e.V).toBeCloseTo(0.26, 9);
    expect(j.couplings.n.V).toBeCloseTo(3, 9);
  });
  it("gives widths summing to the total", () => {
    const j = JSON.parse(u1x(["widths", "--model", "Lmu-Ltau", "--mx", "300MeV", "--g", "1e-3", "--eps", "0", "--format", "json"]).stdout);
    const sum = Object.values(j.widths as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum / j.total).toBeCloseTo(1, 12);
    expect(j.branchingRatios.mu_mu).toBeGreaterThan(0);
  });
});

describe("bad input", () => {
  it("exits non-zero with one line on stderr and nothing on stdout", () => {
    expectCleanFailure(["couplings", "--model", "nonsense", "--eps", "0"], /unknown model/);
    expectCleanFailure(["couplings", "--model", "1,2,3", "--eps", "0"], /unknown model|malformed/);
    expectCleanFailure(["couplings", "--model", "1,0,0,0", "--eps", "0"], /anomaly-free/);
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "-1", "--g", "1e-3", "--eps", "0"], /positive/);
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "abc", "--g", "1e-3", "--eps", "0"], /mass/);
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "NaN", "--eps", "0"], /decimal number/);
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3"], /kinetic mixing/);
    expectCleanFailure(["models", "--format", "xml"], /format/);
    expectCleanFailure(["frobnicate"], /Unknown|command/i);
    expectCleanFailure(["trident", "--model", "Lmu-Ltau"], /needs --model, --mx, --g/);
    expectCleanFailure(["trident", "--rebuild", "--energy", "0GeV"], /positive/);
    expectCleanFailure(["mass-bound", "--trident", "foo"], /eft or kernel/);
  });
  it("names the missing file and how to fix it when the data directory is wrong", () => {
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "0", "--data-dir", "/nonexistent"], /darkcast\/vmd.*--data-dir/);
    expectCleanFailure(["widths", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "0"], /U1X_DATA_DIR/, { U1X_DATA_DIR: "/nonexistent" });
  });
});
