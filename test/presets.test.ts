import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/likelihood/presets.js";
import { DEFAULT_LIKELIHOODS } from "../src/likelihood/registry.js";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// --preset (issue "The current CEvNS data"): paper2022 is today's default and leaves Table 1 unchanged; current swaps
// in the 2025 g−2, COHERENT CsI 2021 and argon, every search, trident and EW, and never both CsI data sets.

describe("--preset", () => {
  it("paper2022 is the default: the same terms, inputs and numbers as no preset", () => {
    expect(PRESETS.paper2022.likelihoods).toEqual(DEFAULT_LIKELIHOODS);
    const args = ["chi2", "--model", "3,-7,-1,-1", "--mx", "200MeV", "--g", "2.3e-4", "--eps-ratio", "-6.96", "--format", "json"];
    const a = JSON.parse(u1x(args).stdout);
    const b = JSON.parse(u1x([...args, "--preset", "paper2022"]).stdout);
    expect(b.terms).toEqual(a.terms);
  });
  it("current: g−2 2025, CsI 2021 + argon instead of CsI 2017, trident and EW; --likelihoods and --inputs override it", () => {
    const cur = PRESETS.current;
    expect(cur.inputs).toBe("2025");
    expect(cur.likelihoods).toEqual(expect.arrayContaining(["coherent2021", "coherentAr", "trident", "ew", "resonances", "amu"]));
    expect(cur.likelihoods).not.toContain("coherent");
    const r = u1x(["chi2", "--preset", "current", "--model", "Lmu-Ltau", "--mx", "200MeV", "--g", "1e-3", "--eps", "0", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.terms).sort()).toEqual([...cur.likelihoods].sort());
    expect(j.observables).toHaveProperty("cevnsCsI2021");
    expect(j.observables).toHaveProperty("cevnsAr2020");
    // The 2025 g−2 (38.5 ± 63.7, upper error 62 ⊕ 14.5): the SM point's amu χ² is (38.5/63.7)² = 0.37, not 18.
    const sm = JSON.parse(u1x(["chi2", "--preset", "current", "--likelihoods", "amu", "--model", "Lmu-Ltau", "--mx", "200MeV", "--g", "1e-9", "--eps", "0", "--format", "json"]).stdout);
    expect(sm.terms.amu).toBeCloseTo((3.85e-10 / Math.hypot(1.45e-10, 6.2e-10)) ** 2, 3);
    const over = JSON.parse(u1x(["chi2", "--preset", "current", "--inputs", "paper2022", "--likelihoods", "amu", "--model", "Lmu-Ltau", "--mx", "200MeV", "--g", "1e-9", "--eps", "0", "--format", "json"]).stdout);
    expect(over.terms.amu).toBeCloseTo((251 / 59) ** 2, 3);
  });
  it("an unknown preset is one clear line", () => {
    expectCleanFailure(["fit", "--preset", "2030", "--model", "Lmu-Ltau", "--mx", "200MeV"], /--preset: unknown preset '2030' \(known: paper2022, current\)/);
  });
});
