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
    // 21 chiral assignments expanded into 621 distinct chiral models (test/chiral-catalogue.test.ts recounts them).
    expect(rows).toHaveLength(621);
    for (const k of ["id", "xq", "xL", "xE", "xN"]) expect(rows[0]).toHaveProperty(k);
    expect(rows.find((x: { id: string }) => x.id === "C120")).toMatchObject({ name: "Ltilde_mu-tau", xq: 0, xL: [-1, 7, -6], xE: [1, 6, -7], xN: [-7, -2, 9] });
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
  it("gives the closed-form widths of L_µ − L_τ: Γ_µµ = g²m/(12π) β(1 + 2µ²), Γ_νν = g²m/(24π) per flavour", () => {
    // g_µ = g_ν = g at ε = 0; m_µ = 105.6583755 MeV (PDG 2022); ħ = 6.582119569e-25 GeV s (CODATA 2018).
    const g = 1e-3;
    const m = 0.3;
    const mu2 = (0.1056583755 / m) ** 2;
    const muMu = ((g * g * m) / (12 * Math.PI)) * Math.sqrt(1 - 4 * mu2) * (1 + 2 * mu2);
    const nuNu = (g * g * m) / (24 * Math.PI);
    const j = JSON.parse(u1x(["widths", "--model", "Lmu-Ltau", "--mx", "300MeV", "--g", "1e-3", "--eps", "0", "--format", "json"]).stdout);
    expect(j.widths.mu_mu / muMu).toBeCloseTo(1, 9);
    expect(j.invisible / (2 * nuNu)).toBeCloseTo(1, 12);
    expect(j.total / (muMu + 2 * nuNu)).toBeCloseTo(1, 9);
    expect(j.branchingRatios.mu_mu / (muMu / (muMu + 2 * nuNu))).toBeCloseTo(1, 9);
    expect(j.lifetimeSeconds / (6.582119569e-25 / (muMu + 2 * nuNu))).toBeCloseTo(1, 9);
    // Below 2m_µ only the neutrinos are open: Γ = 2g²m/(12π) with Dirac neutrinos (twice the left-handed width).
    const d = JSON.parse(u1x(["widths", "--model", "Lmu-Ltau", "--mx", "200MeV", "--g", "1e-3", "--eps", "0", "--neutrinos", "dirac", "--format", "json"]).stdout);
    expect(d.total / ((2 * g * g * 0.2) / (12 * Math.PI))).toBeCloseTo(1, 12);
    expect(d.invisible).toBe(d.total);
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
