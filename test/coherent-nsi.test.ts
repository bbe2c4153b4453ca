import { describe, expect, it } from "vitest";
import { coherent } from "../likelihoods/coherent/index.js";
import { DG_FC_EPS_EE, DG_FC_EPS_MM } from "../likelihoods/coherent/published.js";
import { G_F } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { brent } from "../src/numerics/roots.js";
import { brentMinimize } from "../src/numerics/minimize1d.js";

const goldenMinimise = (f: (x: number) => number, a: number, b: number) => brentMinimize(f, a, b, 1e-7).x;

/**
 * The heavy-X limit against Denton & Gehrlein's published contact-NSI scans (likelihoods/coherent/published.ts).
 * A vector X of 10 GeV (q² ≲ 0.01 GeV², so the propagator is constant to 1e-4) with g_p = g_n = 3 g_q and
 * g_ν g_q = √2 G_F m_X² ε gives ε^u = ε^d = ε for one flavour (L = −√2 G_F ε [ν̄γP_Lν][q̄γq]).
 */
const mX = 10;
const model = resolveModel("Lmu-Ltau");
const p = coherent.prepare(model, mX, {});
const base = couplings(model, 0, { eps: 0 }, mX);
const k = Math.SQRT2 * G_F * mX * mX * 3;
const dchi2 = (epsEE: number, epsMM: number) =>
  coherent.evaluate(p, { ...base, nu: [k * epsEE, k * epsMM, 0], p: 1, n: 1 }).dchi2;

/** The published best fits: the grid points where the FC confidence level is smallest, one per branch. */
function publishedMinima(curve: readonly (readonly [number, number])[], split: number): [number, number] {
  const lo = curve.filter(([e]) => e < split).reduce((a, b) => (b[1] < a[1] ? b : a));
  const hi = curve.filter(([e]) => e > split).reduce((a, b) => (b[1] < a[1] ? b : a));
  return [lo[0], hi[0]];
}

describe("COHERENT contact limit against Denton & Gehrlein (2008.06062, data files)", () => {
  // The two degenerate solutions sit symmetrically about ε where the weak charge changes sign (≈ 0.095).
  it("finds the two best fits of ε_ee^V and of ε_µµ^V where the published scans have their minima", () => {
    for (const [curve, f] of [[DG_FC_EPS_EE, (e: number) => dchi2(e, 0)], [DG_FC_EPS_MM, (e: number) => dchi2(0, e)]] as const) {
      const [a, b] = publishedMinima(curve, 0.095);
      const ours = [goldenMinimise(f, -0.05, 0.095), goldenMinimise(f, 0.095, 0.25)];
      expect(Math.abs(ours[0] - a)).toBeLessThan(0.005); // the published grid spacing is ~0.01
      expect(Math.abs(ours[1] - b)).toBeLessThan(0.005);
    }
  });
  /** Where the published FC curve crosses cl (%) between the grid points bracketing it, in (a, b). */
  const fcEdge = (curve: readonly (readonly [number, number])[], cl: number, a: number, b: number) => {
    const pts = curve.filter(([e]) => e >= a && e <= b);
    for (let i = 0; i + 1 < pts.length; i++) {
      const [e0, c0] = pts[i];
      const [e1, c1] = pts[i + 1];
      if ((c0 - cl) * (c1 - cl) <= 0) return e0 + ((cl - c0) / (c1 - c0)) * (e1 - e0);
    }
    throw new Error(`no ${cl}% crossing in [${a}, ${b}]`);
  };
  const wilksEdges = (f: (e: number) => number, brackets: [number, number][]) => {
    const fMin = Math.min(f(goldenMinimise(f, -0.05, 0.095)), f(goldenMinimise(f, 0.095, 0.25)));
    return brackets.map(([a, b]) => brent((e) => f(e) - fMin - 2.71, a, b));
  };
  it("ε_ee^V: the Δχ² = 2.71 interval matches the published 90% FC interval [−0.041, 0.231] to 0.01", () => {
    const [lo, hi] = wilksEdges((e) => dchi2(e, 0), [[-0.2, 0.0], [0.2, 0.35]]);
    // Wilks is 0.006–0.008 narrower on each side: the paper's point that the FC construction matters.
    expect(Math.abs(lo - fcEdge(DG_FC_EPS_EE, 90, -0.05, -0.02))).toBeLessThan(0.01);
    expect(Math.abs(hi - fcEdge(DG_FC_EPS_EE, 90, 0.2, 0.24))).toBeLessThan(0.01);
  });
  it("ε_µµ^V: the inner 90% edges agree to 0.005; the outer ones are where Wilks fails (as the paper shows)", () => {
    const f = (e: number) => dchi2(0, e);
    const [inner1, inner2, outer2] = wilksEdges(f, [[0.005, 0.09], [0.1, 0.185], [0.19, 0.5]]);
    expect(Math.abs(inner1 - fcEdge(DG_FC_EPS_MM, 90, 0.01, 0.05))).toBeLessThan(0.005);
    expect(Math.abs(inner2 - fcEdge(DG_FC_EPS_MM, 90, 0.14, 0.18))).toBeLessThan(0.005);
    // The FC scan stays at 90–97% far out (to −0.6 and 0.8), where Δχ² is ≫ 10: its outer edges (−0.125, 0.315)
    // lie far beyond the Wilks ones (−0.037, 0.225).
    expect(outer2).toBeLessThan(0.25);
    expect(fcEdge(DG_FC_EPS_MM, 90, 0.3, 0.32)).toBeGreaterThan(outer2 + 0.05);
  });
});
