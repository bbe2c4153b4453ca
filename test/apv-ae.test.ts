import { describe, expect, it } from "vitest";
import { ae } from "../likelihoods/ae/index.js";
import { amuCoefficients } from "../likelihoods/amu/loop.js";
import { FINITE_RANGE_MODEL, finiteRangeFactor } from "../likelihoods/apv/finiteRange.js";
import { apv, deltaQWContact } from "../likelihoods/apv/index.js";
import { ALPHA, E_CHARGE, G_F, HBARC_GEV_M, M_E, M_Z, SW2_MZ } from "../src/constants.js";
import { type Couplings, couplings } from "../src/couplings/couplings.js";
import { checkMassRange } from "../src/likelihood/compose.js";
import { measurement } from "../src/likelihood/measurements.js";
import { resolveModel } from "../src/models/spec.js";
import { brent } from "../src/numerics/roots.js";

const LT = resolveModel("models/Ltilde_mu-tau.json");
const Z = 55;
const N = 78;

/** The smallest g_X above 10⁻⁶ where a term's Δχ² reaches 4 along fixed ε·e/g_X (the paper's 95% CL line). */
function bound(dchi2: (g: number) => number, lgFrom = -6, lgTo = -1): number {
  return 10 ** brent((lg) => dchi2(10 ** lg) - 4, lgFrom, lgTo, 1e-12);
}

// References: core paper section 5.1, eqs. (5.2)–(5.4); PDG 2022 electroweak review for the Q_W normalisation.
describe("APV: ΔQ_W of ¹³³Cs", () => {
  it("reduces to eq. (5.3) for L̃_µ−τ, ΔQ_W = Z εe g_X 2√2/(G_F m_X²), sign included", () => {
    const mX = 0.2;
    for (const r of [0.1, -0.1, 2]) {
      const g = 1e-3;
      const c = couplings(LT, g, { epsRatio: r }, mX);
      const eq53 = (Z * c.eps * E_CHARGE * g * 2 * Math.SQRT2) / (G_F * mX * mX);
      // X–Z mixing adds O(ε m_X²/m_Z²) to the couplings: 1e-5 relative at 200 MeV.
      expect(deltaQWContact(c, mX) / eq53).toBeCloseTo(1, 4);
      expect(Math.sign(deltaQWContact(c, mX))).toBe(Math.sign(r));
    }
  });

  it("normalises Q_W as the SM does: a copy of the Z at m_Z gives the tree-level Q_W = Z(1 − 4s_w²) − N", () => {
    // Z couplings in the convention of eq. (2.4): v_f = (g_Z/2)(T3 − 2Q s_w²), a_f = (g_Z/2) T3, with
    // g_Z²/(8 m_Z²) = G_F/√2 (PDG 2022, Electroweak review, tree level).
    const gZ = Math.sqrt((8 * G_F * M_Z * M_Z) / Math.SQRT2);
    const v = (T3: number, Q: number) => (gZ / 2) * (T3 - 2 * Q * SW2_MZ);
    const [vu, vd] = [v(0.5, 2 / 3), v(-0.5, -1 / 3)];
    const c = { e: { A: (gZ / 2) * -0.5 }, p: 2 * vu + vd, n: vu + 2 * vd } as unknown as Couplings;
    expect(deltaQWContact(c, M_Z)).toBeCloseTo(Z * (1 - 4 * SW2_MZ) - N, 10);
  });

  it("reproduces the factors of eq. (5.4), 3.4e-4 (ε > 0) and 1.3e-4 (ε < 0), to the printed digit", () => {
    // g_X < (m_X/GeV)(|ε|e/g_X)^{-1/2} × factor at 95% CL, from 0.65 ± 0.43. The paper's 95% CL is Δχ² = 4 around the
    // measurement (0.65 ± 2σ): we get 3.365e-4 and 1.255e-4. Tolerance: half a unit of the printed second digit.
    for (const mX of [1, 3]) {
      const p = apv.prepare(LT, mX, {});
      for (const [r, printed] of [
        [1, 3.4e-4],
        [0.1, 3.4e-4],
        [-1, 1.3e-4],
        [-0.1, 1.3e-4],
      ] as const) {
        const g = bound((g) => apv.evaluate(p, couplings(LT, g, { epsRatio: r }, mX)).dchi2);
        const factor = (g / mX) * Math.sqrt(Math.abs(r));
        expect(Math.abs(factor - printed)).toBeLessThan(0.05e-4);
      }
    }
    // The closed form of the contact limit: factor² = (0.65 ± 2·0.43)/(Z 2√2/G_F).
    const k = (Z * 2 * Math.SQRT2) / G_F;
    expect(Math.sqrt(1.51 / k)).toBeCloseTo(3.3648e-4, 8);
    expect(Math.sqrt(0.21 / k)).toBeCloseTo(1.2548e-4, 8);
    // Neither 1.96σ (3.35e-4, 1.20e-4) nor one-sided 1.645σ (3.19e-4, 0.65e-4) gives the printed pair.
    expect(Math.sqrt((0.65 + 1.96 * 0.43) / k)).toBeLessThan(3.35e-4);
    expect(Math.sqrt((1.645 * 0.43 - 0.65) / k)).toBeLessThan(1.25e-4);
  });

  it("reduces the X's contribution at finite range by K(m_X): K → 1 − c/m_X², c from the independent large-m expansion", () => {
    // Large m_X: Φ_m = ρ + ∇²ρ/m² + …, so 1 − K → −4πR² W′(R)/(m² ∫_sphere W d³r) with W = P/(4πr²). Here W is an
    // independent RK4 on a uniform grid in r (the module uses Gauss–Legendre panels and the closed-form smearing).
    const fm = 1e-15 / HBARC_GEV_M;
    const R = FINITE_RANGE_MODEL.R;
    const za = Z * ALPHA;
    const V = (r: number) => (r < R ? (-za / (2 * R)) * (3 - (r * r) / (R * R)) : -za / r);
    const h = 1e-4 * fm;
    let y = [1e-4 * fm, (V(0) / 3) * (1e-4 * fm) ** 2, ((2 * M_E - V(0)) / 3) * (1e-4 * fm) ** 2, 1e-4 * fm];
    const d = (r: number, s: number[]) => {
      const v = V(r);
      return [s[0] / r + (2 * M_E - v) * s[1], -s[1] / r + v * s[0], -s[2] / r + (2 * M_E - v) * s[3], s[3] / r + v * s[2]];
    };
    const W: number[] = [];
    let r = 1e-4 * fm;
    let volume = 0;
    while (r < R + 2 * h) {
      const k1 = d(r, y);
      const k2 = d(r + h / 2, y.map((v, i) => v + (h / 2) * k1[i]));
      const k3 = d(r + h / 2, y.map((v, i) => v + (h / 2) * k2[i]));
      const k4 = d(r + h, y.map((v, i) => v + h * k3[i]));
      y = y.map((v, i) => v + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      r += h;
      W.push((y[0] * y[3] - y[1] * y[2]) / (r * r));
      if (r <= R) volume += W[W.length - 1] * 4 * Math.PI * r * r * h;
    }
    const iR = Math.round((R - 1e-4 * fm) / h) - 1;
    const dW = (W[iR + 1] - W[iR - 1]) / (2 * h);
    const c = (-4 * Math.PI * R * R * dW) / volume;
    expect(c).toBeCloseTo(3.284e-4, 6); // GeV²
    for (const mX of [3, 10, 30]) expect(((1 - finiteRangeFactor(mX)) * mX * mX) / c).toBeCloseTo(1, 2);
  });

  it("follows K ≈ Γ(2γ)(m_X R)^{2−2γ} between the nuclear and atomic scales, K = 1/2 at 2.4 MeV, monotonic", () => {
    // For R ≪ 1/m_X ≪ 1/(Zα m_e) the s–p overlap is ∝ r^{2γ−2} (Khriplovich, Parity Nonconservation in Atomic
    // Phenomena, 1991): K(2m)/K(m) → 2^{2−2γ}.
    const slope = 2 ** (2 - 2 * FINITE_RANGE_MODEL.gamma);
    expect(Math.abs(finiteRangeFactor(0.02) / finiteRangeFactor(0.01) / slope - 1)).toBeLessThan(0.01); // 0.6%
    expect(finiteRangeFactor(0.0024)).toBeCloseTo(0.5, 2);
    // Regression pin (our own calculation of K; the heavy-X limit above is the independent check).
    expect(finiteRangeFactor(0.01)).toBeCloseTo(0.7403, 3);
    expect(finiteRangeFactor(0.1)).toBeCloseTo(0.9751, 3);
    let last = 0;
    for (let lg = -3; lg <= 2; lg += 0.1) {
      const K = finiteRangeFactor(10 ** lg);
      expect(K).toBeGreaterThan(last);
      expect(K).toBeLessThan(1);
      last = K;
    }
    // Where L̃_µ−τ explains (g−2)_µ (60–400 MeV, section 5) the contact limit of eq. (5.3) holds to ≤ 3% in g_X.
    expect(1 / Math.sqrt(finiteRangeFactor(0.06))).toBeLessThan(1.03);
  });

  it("refuses m_X below 1 MeV and is even in g_X", () => {
    expect(() => checkMassRange([apv as never], 5e-4)).toThrow(/apv.*m_X ≥ 1 MeV/);
    expect(() => checkMassRange([apv as never], 1e-3)).not.toThrow();
    const p = apv.prepare(LT, 0.05, {});
    const a = apv.evaluate(p, couplings(LT, 2e-4, { epsRatio: 0.3 }, 0.05)).dchi2;
    const b = apv.evaluate(p, couplings(LT, -2e-4, { epsRatio: 0.3 }, 0.05)).dchi2;
    expect(a).toBeCloseTo(b, 12);
  });

  it("vanishes at its zeros: ε·e/g_X = −(Z x_p + N x_n)/Z, and ε = 0 for a vector-like electron", () => {
    const bl = resolveModel("B-L"); // x_q = 1/3: x_p = x_n = 1, vector electron
    expect(apv.zeros?.(bl)).toEqual([0, -(Z + N) / Z]);
    expect(apv.zeros?.(LT)).toEqual([0]);
    const p = apv.prepare(bl, 0.1, {});
    const at = (r: number) => apv.evaluate(p, couplings(bl, 1e-4, { epsRatio: r }, 0.1)).observables?.deltaQW ?? Number.NaN;
    // Exact without X–Z mixing; the mixing's O(ε m_X²/m_Z²) couplings leave ~1e-5 of a nearby point's value.
    for (const r of apv.zeros?.(bl) ?? []) expect(Math.abs(at(r))).toBeLessThan(1e-4 * Math.abs(at(r + 1)));
  });

  it("selects its input sets through measurement(): paper2022 (default) and pdg2022", () => {
    expect(measurement("apv", "deltaQW", {})).toMatchObject({ value: 0.65, sigma: 0.43, set: "paper2022" });
    const pdg = measurement("apv", "deltaQW", { inputs: "pdg2022" });
    // PDG 2022: Q_W = −72.82 ± 0.26 ± 0.33 against the SM −73.24 ± 0.05.
    expect(pdg.value).toBeCloseTo(-72.82 + 73.24, 12);
    expect(pdg.sigma).toBeCloseTo(Math.hypot(0.26, 0.33, 0.05), 12);
    expect(measurement("apv", "deltaQW", { inputs: "2025" }).set).toBe("paper2022"); // a set apv lacks: its default
    const sm = couplings(LT, 0, { eps: 0 }, 0.1);
    expect(apv.evaluate(apv.prepare(LT, 0.1, {}), sm).dchi2).toBeCloseTo((0.65 / 0.43) ** 2, 12);
    expect(apv.evaluate(apv.prepare(LT, 0.1, { inputs: "pdg2022" }), sm).dchi2).toBeCloseTo((0.42 / pdg.sigma) ** 2, 12);
  });
});

// References: core paper section 5.2 and eq. (5.6); eq. (2.5) for the limits of the one-loop formula.
describe("(g−2)_e", () => {
  it("has the limits of eq. (2.5) with m_e: m_X ≫ m_e gives (g²/12π²)(m_e/m_X)² (vector) and −5× that (axial)", () => {
    const heavy = 10;
    const { kV, kA } = amuCoefficients(M_E, heavy);
    const l2 = (M_E / heavy) ** 2;
    expect(kV / (l2 / (12 * Math.PI * Math.PI))).toBeCloseTo(1, 6);
    expect(kA / ((-5 * l2) / (12 * Math.PI * Math.PI))).toBeCloseTo(1, 6);
    // m_X ≪ m_e: vector → g²/8π² (mass-independent), axial → −(g²/4π²)(m_e/m_X)².
    const light = M_E * 1e-8;
    const k = amuCoefficients(M_E, light);
    expect(k.kV / (1 / (8 * Math.PI * Math.PI))).toBeCloseTo(1, 6);
    expect(k.kA / (-((M_E / light) ** 2) / (4 * Math.PI * Math.PI))).toBeCloseTo(1, 6);
  });

  it("uses the electron's couplings: L̃_µ−τ at ε = 0 gives Δa_e = −(5/12π²)(m_e/m_X)² g_X² at heavy X", () => {
    const p = ae.prepare(LT, 2, {});
    const g = 3e-3;
    const da = ae.evaluate(p, couplings(LT, g, { eps: 0 }, 2)).observables?.deltaAe ?? Number.NaN;
    expect(da / ((-5 / (12 * Math.PI * Math.PI)) * (M_E / 2) ** 2 * g * g)).toBeCloseTo(1, 5);
  });

  it("reproduces eq. (5.6): g_X < 1.2e-2 [Cs], 3.3e-3 [Rb] at m_X = 1 GeV, and the generic 9.5e-3 √(−Δa_e/10⁻¹²)", () => {
    // 95% CL as Δχ² = 4 around the measurement: Δa_e > −8.8 − 2·3.6 = −16.0 (Cs), 4.8 − 2·3.0 = −1.2 (Rb), in 10⁻¹³.
    // We get 1.205e-2 and 3.299e-3, and 9.524e-3. Tolerance: half a unit of the printed second digit.
    for (const mX of [1, 0.5]) {
      const at = (g: number) => couplings(LT, g, { eps: 0 }, mX);
      const cs = ae.prepare(LT, mX, {});
      const rb = ae.prepare(LT, mX, { inputs: "rb2020" });
      // Cs: Δχ²(SM) = 5.98 > 4, so the bound is the second crossing, above the g_X of the central value.
      const perG2 = (ae.evaluate(cs, at(1e-3)).observables?.deltaAe ?? Number.NaN) / 1e-6;
      const gCentral = Math.sqrt(-8.8e-13 / perG2);
      const gCs = bound((g) => ae.evaluate(cs, at(g)).dchi2, Math.log10(gCentral), 0);
      const gRb = bound((g) => ae.evaluate(rb, at(g)).dchi2, -6, 0);
      expect(Math.abs(gCs / mX - 1.2e-2)).toBeLessThan(0.05e-2);
      expect(Math.abs(gRb / mX - 3.3e-3)).toBeLessThan(0.05e-3);
      expect(Math.abs(Math.sqrt(-1e-12 / perG2) / mX - 9.5e-3)).toBeLessThan(0.05e-3);
    }
  });

  it("vanishes at its zeros: ε·e/g_X = x_V,e (vector-like), x_V,e ± √5|x_A,e| (chiral, heavy X)", () => {
    const bl = resolveModel("B-L");
    expect(ae.zeros?.(bl)).toEqual([-1]);
    const pb = ae.prepare(bl, 0.3, {});
    const daB = (r: number) => ae.evaluate(pb, couplings(bl, 1e-4, { epsRatio: r }, 0.3)).observables?.deltaAe ?? Number.NaN;
    expect(Math.abs(daB(-1))).toBeLessThan(1e-8 * Math.abs(daB(0)));
    const zs = ae.zeros?.(LT) ?? [];
    expect(zs.map((z) => z * z)).toEqual([5, 5].map((v) => expect.closeTo(v, 12)));
    // At 300 MeV the O(m_e²/m_X² ln) departure from k_A/k_V = −5 and the X–Z mixing leave 6–9e-5 of Δa_e(r = 0).
    const pl = ae.prepare(LT, 0.3, {});
    const daL = (r: number) => ae.evaluate(pl, couplings(LT, 1e-3, { epsRatio: r }, 0.3)).observables?.deltaAe ?? Number.NaN;
    for (const z of zs) expect(Math.abs(daL(z))).toBeLessThan(1e-4 * Math.abs(daL(0)));
  });

  it("selects its input sets through measurement(): cs2018 (default) and rb2020", () => {
    expect(measurement("ae", "deltaAe", {})).toMatchObject({ value: -8.8e-13, sigma: 3.6e-13, set: "cs2018" });
    expect(measurement("ae", "deltaAe", { inputs: "rb2020" })).toMatchObject({ value: 4.8e-13, sigma: 3e-13, set: "rb2020" });
    expect(measurement("ae", "deltaAe", { inputs: "paper2022" }).set).toBe("cs2018");
    const sm = couplings(LT, 0, { eps: 0 }, 0.1);
    expect(ae.evaluate(ae.prepare(LT, 0.1, {}), sm).dchi2).toBeCloseTo((8.8 / 3.6) ** 2, 10);
    expect(ae.evaluate(ae.prepare(LT, 0.1, { inputs: "rb2020" }), sm).dchi2).toBeCloseTo((4.8 / 3) ** 2, 10);
  });
});

describe("APV and (g−2)_e in the hot path", () => {
  it("evaluate well under a microsecond per point (precomputed per mass in prepare)", () => {
    const c = couplings(LT, 3e-4, { epsRatio: 0.1 }, 0.2);
    for (const [l, p] of [
      [apv, apv.prepare(LT, 0.2, {})],
      [ae, ae.prepare(LT, 0.2, {})],
    ] as const) {
      const ev = l.evaluate as (p: unknown, c: Couplings) => { dchi2: number };
      const t0 = performance.now();
      let s = 0;
      for (let i = 0; i < 100_000; i++) s += ev(p, c).dchi2;
      expect(Number.isFinite(s)).toBe(true);
      expect((performance.now() - t0) / 100_000).toBeLessThan(2e-3); // < 2 µs per point (tens of ns measured)
    }
  });
});
