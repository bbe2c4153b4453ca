import { describe, expect, it } from "vitest";
import { closedFormRBe } from "./helpers/borexino.js";
import { amu } from "../likelihoods/amu/index.js";
import { amuCoefficients, deltaAmu } from "../likelihoods/amu/loop.js";
import { borexino, BOREXINO_FLAVOUR_FRACTIONS } from "../likelihoods/borexino/index.js";
import { type Moments, moments, reducedCrossSection, SM_GL, SM_GR, } from "../likelihoods/borexino/crossSection.js";
import { BOREXINO } from "../likelihoods/borexino/inputs.js";
import { E_CHARGE, M_MU } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { resolveModel } from "../src/models/spec.js";
import { repoPath } from "../src/paths.js";
import { exclusionPlane } from "../src/profile/exclusion.js";

/**
 * The Borexino bound on the chiral L̃_µ−τ model against the (g−2)_µ band (likelihoods/borexino/README.md, section
 * "L̃_µ−τ (Fig. 6)").
 *
 * References:
 * - Core paper: A. Greljo, P. Stangl, A.E. Thomsen, J. Zupan, JHEP 07 (2022) 098 [arXiv:2203.13731]: section 5, eq. (5.1)
 *   (charges), the Fig. 6 text ("The Borexino bound … limits the L̃_µ−τ solution of (g−2)_µ to the X masses above
 *   m_X ≳ 60 MeV", with ε = g_X/10), eqs. (5.8)–(5.10) (ν–e cross-section with chiral electron couplings),
 *   eq. (B.2) (Δa_µ = 251 ± 59 × 10⁻¹¹) and eq. (B.3) (R_Be = 1.06 ± 0.09).
 * - Borexino, PRL 107 (2011) 141302 [1104.1816]; PRD 100 (2019) 082004 [1707.09279].
 *
 * What the test pins down: our Δχ²_Borex. = 4 line meets the lower edge of the 2σ (g−2)_µ band at ≈ 89 MeV, not
 * ≈ 60 MeV. At 60 MeV the whole band is excluded (R_Be ≈ 1.59 at the band's lower edge, Δχ² ≈ 35). Changing the
 * documented choices (Δχ² threshold, ε convention, band) leaves the crossing at 80–100 MeV. Only physics slips
 * (no chirality for the electron, ν_µ/ν_τ couplings averaged in the amplitude, or no ν_µ/ν_τ couplings at all)
 * bring it down to 50–60 MeV. Those variants are computed here from the module's own cross-section pieces, to
 * document them. They are not what the module does.
 */

const MODEL = resolveModel(repoPath("models", "Ltilde_mu-tau.json"));
/** ε = g_X/10, i.e. ε e/g_X = e/10 in the convention of eq. (2.2). */
const RATIO = E_CHARGE / 10;
const P = BOREXINO_FLAVOUR_FRACTIONS;

const amuPrepared = new Map<number, ReturnType<typeof amu.prepare>>();
/** g_X on the (g−2)_µ band at Δa_µ = 251 + n·59 (×10⁻¹¹); with n = −2 it is the band's lower edge. */
function bandEdge(mX: number, n: number, ratio = RATIO): number {
  if (!amuPrepared.has(mX)) amuPrepared.set(mX, amu.prepare(MODEL, mX, {}));
  const g = amu.preferredCoupling!(amuPrepared.get(mX)!, (gx) => couplings(MODEL, gx, { epsRatio: ratio }, mX), n);
  if (g === null) throw new Error(`no (g-2) band at ${mX}`);
  return g;
}

/** The first g_X (scanning up from 1e-6) where accept(g) fails: a log-scan in 0.01 steps, then bisection. */
function firstExcluded(accept: (g: number) => boolean): number {
  let prev = -6;
  for (let lg = -6; lg <= -2; lg += 0.01) {
    if (!accept(10 ** lg)) {
      let a = prev;
      let b = lg;
      for (let i = 0; i < 40; i++) {
        const mid = (a + b) / 2;
        if (accept(10 ** mid)) a = mid;
        else b = mid;
      }
      return 10 ** ((a + b) / 2);
    }
    prev = lg;
  }
  throw new Error("no bound below g_X = 1e-2");
}

/** The m_X (MeV) where bound(m_X) meets edge(m_X): the bound is below the edge for lighter X, above it for heavier X. */
function crossingMeV(bound: (mX: number) => number, edge: (mX: number) => number): number {
  const d = (m: number) => Math.log(bound(m) / edge(m));
  let a = 0.03;
  let b = 0.3;
  expect(d(a)).toBeLessThan(0);
  expect(d(b)).toBeGreaterThan(0);
  for (let i = 0; i < 30; i++) {
    const mid = Math.sqrt(a * b);
    if (d(mid) < 0) a = mid;
    else b = mid;
  }
  return Math.sqrt(a * b) * 1e3;
}

/** The module's Δχ²: the first g_X where the criterion on R_Be (default Δχ² < 4 of eq. B.3) fails. */
function moduleBound(mX: number, opts: { threshold?: number; subtractSM?: boolean; ratio?: number } = {}): number {
  const p = borexino.prepare(MODEL, mX, {});
  const sm = opts.subtractSM ? borexino.evaluate(p, couplings(MODEL, 0, { eps: 0 }, mX)).dchi2 : 0;
  return firstExcluded((g) => borexino.evaluate(p, couplings(MODEL, g, { epsRatio: opts.ratio ?? RATIO }, mX)).dchi2 - sm < (opts.threshold ?? 4));
}

const momentCache = new Map<number, Moments>();
function M(mX: number): Moments {
  if (!momentCache.has(mX)) momentCache.set(mX, moments(BOREXINO.Enu, mX));
  return momentCache.get(mX)!;
}

/**
 * R_Be built from the module's pieces with modified couplings, to document variants that are not the module's.
 * nu gives the neutrino X charges, e gives the electron's (L, R) X charges (all multiplied by g_X), and P gives the
 * flavour fractions.
 */
function variantR(g: number, mX: number, v: { nu?: number[]; e?: [number, number]; P?: readonly number[] }): number {
  const nu = v.nu ?? [-1, 7, -6];
  const [xL, xR] = v.e ?? [-1 - RATIO, 1 - RATIO];
  const w = v.P ?? P;
  let num = 0;
  let den = 0;
  for (let a = 0; a < 3; a++) {
    num += w[a] * reducedCrossSection(M(mX), SM_GL[a], SM_GR, g * nu[a] * g * xL, g * nu[a] * g * xR);
    den += w[a] * reducedCrossSection(M(mX), SM_GL[a], SM_GR, 0, 0);
  }
  return num / den;
}
const variantBound = (v: Parameters<typeof variantR>[2]) => (mX: number) => firstExcluded((g) => ((variantR(g, mX, v) - 1.06) / 0.09) ** 2 < 4);
const lowerEdge = (mX: number) => bandEdge(mX, -2);

describe("Borexino on L̃_µ−τ at ε = g_X/10 (core paper Fig. 6)", () => {
  it("meets the lower edge of the 2σ (g−2)_µ band at ≈ 89 MeV, not the paper's ≈ 60 MeV", () => {
    const row = (m: number) => exclusionPlane(MODEL, RATIO, [amu, borexino] as never, {}, [m])[0];
    const x = crossingMeV(
      (m) => row(m).bounds.borexino!,
      (m) => row(m).bands.amu.lo!,
    );
    expect(x).toBeGreaterThan(86);
    expect(x).toBeLessThan(93);
    // At 60 MeV our Δχ² = 4 line is 22% below the band's lower edge, so the whole 2σ band is excluded there.
    const r60 = row(0.06);
    // Regression pin (this module's own number, documented in its README); the closed form below is the check.
    expect(r60.bounds.borexino! / r60.bands.amu.lo!).toBeCloseTo(0.779, 2);
  });

  it("gives R_Be ≈ 1.59 (Δχ² ≈ 35) on the band's lower edge at 60 MeV; a closed-form contact-limit sum agrees", () => {
    const mX = 0.06;
    const g = bandEdge(mX, -2);
    const c = couplings(MODEL, g, { epsRatio: RATIO }, mX);
    const ev = borexino.evaluate(borexino.prepare(MODEL, mX, {}), c);
    expect(ev.observables!.RBe).toBeCloseTo(1.59, 2);
    expect(ev.dchi2).toBeGreaterThan(30);
    // Independent: flavour-weighted closed-form total cross sections (test/helpers/borexino.ts).
    expect(ev.observables!.RBe / closedFormRBe(c, mX)).toBeCloseTo(1, 3); // q²/m_X² ≲ 2e-4
  });

  it("stays at 80–100 MeV under the documented choices (χ² threshold, SM offset, ε convention, band)", () => {
    const cases: [string, number, number, number][] = [
      ["Δχ² = 3.84", crossingMeV((m) => moduleBound(m, { threshold: 3.84 }), lowerEdge), 88, 92],
      ["Δχ² = 2.71", crossingMeV((m) => moduleBound(m, { threshold: 2.71 }), lowerEdge), 94, 99],
      ["Δχ² − Δχ²_SM = 4", crossingMeV((m) => moduleBound(m, { subtractSM: true }), lowerEdge), 86, 90],
      ["εe/g_X = −e/10", crossingMeV((m) => moduleBound(m, { ratio: -RATIO }), (m) => bandEdge(m, -2, -RATIO)), 83, 88],
      ["εe/g_X = 0", crossingMeV((m) => moduleBound(m, { ratio: 0 }), (m) => bandEdge(m, -2, 0)), 85, 90],
      ["εe/g_X = 0.1", crossingMeV((m) => moduleBound(m, { ratio: 0.1 }), (m) => bandEdge(m, -2, 0.1)), 92, 97],
      // The band from the vector loop alone (the axial coupling 1/2 of the muon dropped): its lower edge sits lower.
      ["vector-only band", crossingMeV((m) => moduleBound(m), (m) => Math.sqrt((2.51e-9 - 2 * 5.9e-10) / deltaAmu(amuCoefficients(M_MU, m), 6.5 - RATIO, 0))), 79, 84],
    ];
    for (const [what, x, lo, hi] of cases) {
      expect(x, what).toBeGreaterThan(lo);
      expect(x, what).toBeLessThan(hi);
    }
    // Δχ² is quadratic above 1.06 and R_Be only grows here, so a one-sided criterion is the same as Δχ² = 4 (R ≤ 1.24).
    const p = borexino.prepare(MODEL, 0.06, {});
    const rs = [3e-5, 6e-5, 9e-5].map((g) => borexino.evaluate(p, couplings(MODEL, g, { epsRatio: RATIO }, 0.06)).observables!.RBe);
    expect(rs[0]).toBeGreaterThan(1);
    expect(rs[1]).toBeGreaterThan(rs[0]);
    expect(rs[2]).toBeGreaterThan(rs[1]);
  });

  it("reaches ≈ 50–60 MeV only with physics slips (documented variants, not the module)", () => {
    // The module itself, rebuilt from its pieces, for reference.
    // Regression pin: the module's crossing (README "L̃_µ−τ (Fig. 6)"); the paper says 60 MeV.
    expect(crossingMeV(variantBound({}), lowerEdge)).toBeCloseTo(89.4, 0);
    // The electron treated as vector with its right-handed charge x_E1 (chirality ignored): ≈ 57 MeV.
    const vecE = crossingMeV(variantBound({ e: [1 - RATIO, 1 - RATIO] }), lowerEdge);
    expect(vecE).toBeGreaterThan(54);
    expect(vecE).toBeLessThan(60);
    // ν_µ and ν_τ merged into one "ν_x" (fraction 1 − P_ee) with the averaged charge (7 − 6)/2: ≈ 56 MeV.
    const merged = crossingMeV(variantBound({ nu: [-1, 0.5, 0], P: [P[0], 1 - P[0], 0] }), lowerEdge);
    expect(merged).toBeGreaterThan(53);
    expect(merged).toBeLessThan(60);
    // Only ν_e coupled to X (the ν_µ, ν_τ couplings 7 and −6 dropped): ≈ 49 MeV.
    const onlyE = crossingMeV(variantBound({ nu: [-1, 0, 0] }), lowerEdge);
    expect(onlyE).toBeGreaterThan(46);
    expect(onlyE).toBeLessThan(52);
  });
});
