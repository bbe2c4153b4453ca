import { describe, expect, it } from "vitest";
import { M_MU } from "../src/constants.js";
import { selectLikelihoods } from "../src/likelihood/registry.js";
import { resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";
import { type ExclusionRow, exclusionPlane } from "../src/profile/exclusion.js";

// Fig. 6 of the core paper (section 5): L̃_µ−τ (eq. 5.1) at ε = g_X/10 (ε e/g_X = e/10 = 0.0303), each experiment's
// Δχ² = 4 line against the (g−2)_µ 2σ band. The statements of section 5, each checked on the engine's plane.

const model = resolveModel(repoPath("models/Ltilde_mu-tau.json"));
const masses = Array.from({ length: 41 }, (_, i) => 10 ** (-2 + (2 * i) / 40)); // 10 MeV – 1 GeV
const plane: ExclusionRow[] = exclusionPlane(model, 0.0303, selectLikelihoods("amu,borexino,coherent,resonances,trident,apv,ae,texono,charm2"), { searches: ["all"] }, masses);

/** Whether term t leaves part of the 2σ band allowed at the row's mass (its Δχ² = 4 line above the band's lower edge). */
const allows = (r: ExclusionRow, t: string) => {
  const lo = r.bands.amu.lo;
  const b = r.bounds[t];
  return lo !== null && (b === null || b > lo);
};
const bound = (r: ExclusionRow, t: string) => r.bounds[t] ?? Number.POSITIVE_INFINITY;

describe("Fig. 6: L̃_µ−τ at ε = g_X/10 (core paper section 5)", () => {
  it("CCFR trident limits the (g−2)_µ solution to m_X ≲ 400 MeV", () => {
    const last = plane.filter((r) => allows(r, "trident")).at(-1)!;
    expect(last.mX).toBeGreaterThan(0.25);
    expect(last.mX).toBeLessThan(0.5);
    expect(plane.filter((r) => r.mX > 0.5).every((r) => !allows(r, "trident"))).toBe(true);
  });
  it("Borexino requires m_X ≳ 90 MeV (paper: 60 MeV; likelihoods/borexino/README.md explains the difference)", () => {
    const first = plane.find((r) => allows(r, "borexino"))!;
    expect(first.mX).toBeGreaterThan(0.07);
    expect(first.mX).toBeLessThan(0.11);
  });
  it("the resonance searches exclude the solution above 2m_µ (BaBar) and below ≈ 100 MeV (NA64)", () => {
    for (const r of plane.filter((x) => x.mX > 2 * M_MU * 1.02)) expect(allows(r, "resonances"), `m_X = ${r.mX}`).toBe(false);
    for (const r of plane.filter((x) => x.mX < 0.08)) expect(allows(r, "resonances"), `m_X = ${r.mX}`).toBe(false);
  });
  it("APV is stronger than COHERENT; (g−2)_e is weaker than Borexino; TEXONO is weaker than Borexino", () => {
    for (const r of plane) {
      expect(bound(r, "apv"), `m_X = ${r.mX}`).toBeLessThan(bound(r, "coherent"));
      expect(bound(r, "ae"), `m_X = ${r.mX}`).toBeGreaterThan(bound(r, "borexino"));
    }
    // The paper's "slightly worse" (its eq. 5.7, 1.7e-4 (m_X/100 MeV), from TEXONO's spectrum) is not reached by a
    // term built on the published ratio ξ alone: its bound is the upper edge of the island, ~3× weaker
    // (likelihoods/texono/README.md). Weaker it is.
    for (const r of plane.filter((x) => x.mX > 0.02)) expect(bound(r, "texono"), `m_X = ${r.mX}`).toBeGreaterThan(bound(r, "borexino"));
  });
});
