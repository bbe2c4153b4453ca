import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measurement } from "../src/likelihood/measurements.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// Measured inputs are data (likelihoods/<term>/measurements.json) and users add their own with --inputs-file.
// References: the published numbers, typed here from the papers: core paper eqs. (2.5), (3.11), (3.16), (3.20) and
// appendix B; Muon g−2 arXiv:2506.03069 with the Theory Initiative arXiv:2505.21476.
const tmp = mkdtempSync(join(tmpdir(), "u1x-inputs-"));
const file = (name: string, body: unknown) => {
  const f = join(tmp, name);
  writeFileSync(f, JSON.stringify(body));
  return f;
};

describe("the package's measurement sets", () => {
  it("hold the published values with their sources", () => {
    const pub: [string, string, string | undefined, number, number][] = [
      ["amu", "deltaAmu", undefined, 251e-11, 59e-11],
      ["amu", "deltaAmu", "2025", 38.5e-11, Math.hypot(14.5, 62) * 1e-11],
      ["borexino", "RBe", undefined, 1.06, 0.09],
      ["trident", "RTrident", undefined, 0.82, 0.28],
      ["ew", "T", undefined, 0.03, 0.12],
      ["ew", "Rmue", undefined, 1.0009, 0.0028],
    ];
    for (const [term, obs, set, value, sigma] of pub) {
      const m = measurement(term, obs, { inputs: set });
      expect(m.value / value, `${term}.${obs}`).toBeCloseTo(1, 12);
      expect(m.sigma / sigma, `${term}.${obs}`).toBeCloseTo(1, 12);
      expect(m.cite.length).toBeGreaterThan(10);
    }
  });
  it("--inputs 2025 selects the g−2 set and leaves the terms without a 2025 set at their default", () => {
    expect(measurement("amu", "deltaAmu", { inputs: "2025" }).set).toBe("2025");
    expect(measurement("borexino", "RBe", { inputs: "2025" }).set).toBe("paper2022");
  });
  it("u1x inputs lists every set", () => {
    const j = JSON.parse(u1x(["inputs", "--format", "json"]).stdout);
    expect(j.measurements.map((r: { term: string; set: string }) => `${r.term}/${r.set}`)).toEqual(expect.arrayContaining(["amu/paper2022", "amu/2025", "ew/paper2022"]));
  });
});

describe("--inputs-file: the user's own measurements", () => {
  const mine = file("mine.json", { sets: { mine: { amu: { deltaAmu: { value: 1e-9, sigma: [3e-10, 4e-10], cite: "my average" } } } } });
  it("replaces the measurement of the terms it names; errors add in quadrature", () => {
    // At the SM point Δχ²_aµ = (value/σ)² = (1e-9 / 5e-10)² = 4; Borexino keeps the package's 1.06 ± 0.09.
    const r = u1x(["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0", "--likelihoods", "amu,borexino", "--inputs-file", mine, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.terms.amu).toBeCloseTo(4, 10);
    expect(j.terms.borexino).toBeCloseTo((0.06 / 0.09) ** 2, 10);
    const listed = JSON.parse(u1x(["inputs", "--inputs-file", mine, "--format", "json"]).stdout).measurements;
    expect(listed.find((x: { set: string }) => x.set === "mine")).toMatchObject({ term: "amu", value: 1e-9, sigma: 5e-10 });
  });
  it("refuses a damaged or mistyped file with one line", () => {
    const base = ["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0", "--likelihoods", "amu", "--inputs-file"];
    expectCleanFailure([...base, file("t.json", { sets: { a: { amuu: { deltaAmu: { value: 1, sigma: 1, cite: "x" } } } } })], /'amuu' is not a term with measurements/);
    expectCleanFailure([...base, file("o.json", { sets: { a: { amu: { dAmu: { value: 1, sigma: 1, cite: "x" } } } } })], /unknown observable 'dAmu'/);
    expectCleanFailure([...base, file("s.json", { sets: { a: { amu: { deltaAmu: { value: 1, sigma: 0, cite: "x" } } } } })], /sigma must be positive/);
    expectCleanFailure([...base, file("c.json", { sets: { a: { amu: { deltaAmu: { value: 1, sigma: 1 } } } } })], /cite must name the source/);
    expectCleanFailure([...base, join(tmp, "missing.json")], /does not exist/);
    expectCleanFailure([...base, file("n.json", { sets: { a: { amu: null } } })], /expected an object of observables/);
    expectCleanFailure([...base, file("u.json", { sets: { a: { amu: { deltaAmu: { value: 251, sigma: 59, cite: "in 1e-11" } } } } })], /orders of magnitude.*same units/);
    const two = file("two.json", { sets: { a: { amu: { deltaAmu: { value: 1e-9, sigma: 1e-10, cite: "x" } } }, b: { amu: { deltaAmu: { value: 1e-9, sigma: 1e-10, cite: "y" } } } } });
    expectCleanFailure(["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0", "--likelihoods", "amu", "--inputs-file", two, "--inputs", "c"], /unknown --inputs 'c'.*a, b/);
    expectCleanFailure(["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0", "--likelihoods", "amu", "--inputs-file", two], /holds the sets a, b: choose one with --inputs/);
  });
});
