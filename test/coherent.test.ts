import { describe, expect, it } from "vitest";
import type { Likelihood } from "../src/likelihood/types.js";
import { expectWarmStartIdentity } from "./helpers/terms.js";
import { loadCoherentData, NE, NFINE, NT } from "../likelihoods/coherent/data.js";
import { coherent, coherentBins, coherentPrediction, coherentSM } from "../likelihoods/coherent/index.js";
import { COHERENT, ISOTOPES } from "../likelihoods/coherent/inputs.js";
import { MICHEL, eMin, weakCharge, xsPrefactor } from "../src/cevns/physics.js";
import { helmFormFactor } from "../src/nuclear/formFactor.js";
import { profileNuisances } from "../likelihoods/coherent/poisson.js";
import { responseMatrix } from "../likelihoods/coherent/response.js";
import { exposure, T_PER_PE } from "../likelihoods/coherent/signal.js";
import { G_F, M_MU } from "../src/constants.js";
import { couplings } from "../src/couplings/couplings.js";
import { NonFiniteError } from "../src/errors.js";
import { resolveModel } from "../src/models/spec.js";
import { integrate } from "../src/numerics/integrate.js";

// The release's normalisation uncertainties (signal 28%, prompt neutrons 25%, steady-state background 17.1%; data
// README of coherent-csi-2017, arXiv:1804.09459), typed here from the source.
const RELEASE_SIGMAS = [0.28, 0.25, 0.171] as const;
const SIG2 = [0.28 ** 2, 0.25 ** 2, 0.171 ** 2] as const;

// References: data README (SM χ² ≈ 148 of the 12T×12E construction); COHERENT, Science 357 (2017) 1123
// (SM prediction 173 ± 48 events, best fit 134 ± 22).
describe("COHERENT CsI (eq. B.1)", () => {
  it("reproduces the SM fit of the 12T×12E construction: χ² ≈ 148, ~173 expected events, a signal pull below 1", () => {
    const sm = coherentSM();
    expect(sm.chi2).toBeGreaterThan(146);
    expect(sm.chi2).toBeLessThan(150);
    expect(sm.signal / 173).toBeGreaterThan(0.9);
    expect(sm.signal / 173).toBeLessThan(1.1);
    expect(sm.a[0]).toBeLessThan(0); // the data sit below the SM (134 vs 173 in COHERENT's own fit)
    expect(sm.a[0]).toBeGreaterThan(-RELEASE_SIGMAS[0]);
    expect(Math.abs(sm.a[1])).toBeLessThan(RELEASE_SIGMAS[1]);
    expect(Math.abs(sm.a[2])).toBeLessThan(RELEASE_SIGMAS[2]);
  });

  it("the nuisance profile is a true minimum (brute-force check on a grid)", () => {
    const d = loadCoherentData();
    const p = coherent.prepare(resolveModel("Lmu-Ltau"), 0.2, {});
    const { signal, fit } = coherentPrediction(p, couplings(resolveModel("Lmu-Ltau"), 0, { eps: 0 }, 0.2));
    let best = Number.POSITIVE_INFINITY;
    const neutron = p.base.neutron;
    for (let i = -6; i <= 6; i++)
      for (let j = -6; j <= 6; j++)
        for (let k = -6; k <= 6; k++) {
          const a = [fit.a[0] + i * 0.004, fit.a[1] + j * 0.01, fit.a[2] + k * 0.002];
          let c = 0;
          for (let b = 0; b < NE * NT; b++) {
            const N = (1 + a[0]) * signal[b] + (1 + a[1]) * neutron[b] + (1 + a[2]) * d.background[b];
            c += 2 * (N - d.observed[b] + (d.observed[b] > 0 ? d.observed[b] * Math.log(d.observed[b] / N) : 0));
          }
          for (let q = 0; q < 3; q++) c += (2 * (a[q] - Math.log1p(a[q]))) / RELEASE_SIGMAS[q] ** 2;
          best = Math.min(best, c);
        }
    expect(fit.chi2).toBeLessThanOrEqual(best + 1e-9);
    expect(best - fit.chi2).toBeLessThan(1e-3);
  });

  it("agrees with a direct numerical integration to 1e-4", () => {
    const model = resolveModel("3,-6,5,-8");
    const mX = 0.05;
    const c = couplings(model, 3e-4, { epsRatio: -6.1 }, mX);
    const p = coherent.prepare(model, mX, {});
    const { signal } = coherentPrediction(p, c);
    // Direct: adaptive integrals over T and E of dσ/dT with the full Q_eff(T)², through the response matrix.
    const R = responseMatrix();
    const gNu = [c.nu[1], c.nu[0], c.nu[1]];
    const d = loadCoherentData();
    const direct = new Float64Array(NE * NT);
    for (const iso of ISOTOPES) {
      const A = iso.Z * c.p + iso.N * c.n;
      for (let fl = 0; fl < 3; fl++) {
        const spectrumAvg = (T: number) => {
          const emin = eMin(T, iso.mass);
          if (fl === 0) return COHERENT.promptEnergy >= emin ? 1 - (iso.mass * T) / (2 * COHERENT.promptEnergy ** 2) : 0;
          const phi = fl === 1 ? MICHEL.nue : MICHEL.numubar;
          return emin >= M_MU / 2 ? 0 : integrate((E) => phi(E) * (1 - (iso.mass * T) / (2 * E * E)), emin, M_MU / 2, { rtol: 1e-12 });
        };
        for (let j = 0; j < NFINE; j++) {
          const lo = (COHERENT.finePE.from + j) * T_PER_PE;
          const rate = integrate((T) => {
            const F = helmFormFactor(Math.sqrt(2 * iso.mass * T), iso.A);
            const Q = weakCharge(iso.Z, iso.N) - (Math.SQRT2 * gNu[fl] * A) / (G_F * (2 * iso.mass * T + mX * mX));
            return exposure() * xsPrefactor(iso.mass) * Q * Q * F * F * spectrumAvg(T);
          }, lo, lo + T_PER_PE, { rtol: 1e-10 });
          for (let e = 0; e < NE; e++) for (let t = 0; t < NT; t++) direct[e * NT + t] += rate * R[j * NE + e] * (fl === 0 ? d.promptTime[t] : d.delayedTime[t]);
        }
      }
    }
    let num = 0;
    let den = 0;
    for (let b = 0; b < NE * NT; b++) {
      num += Math.abs(signal[b] - direct[b]);
      den += direct[b];
    }
    expect(num / den).toBeLessThan(1e-4);
  });

  it("has no new physics when Z x_p + N x_n = 0, up to the Cs/I difference", () => {
    const model = resolveModel("3,-6,5,-8"); // x_n = 3, x_p = 3 + r: Cs-neutral at r = −3(Z+N)/Z
    const cs = ISOTOPES[0];
    const rNull = (-3 * (cs.Z + cs.N)) / cs.Z;
    const p = coherent.prepare(model, 0.2, {});
    const atNull = coherent.evaluate(p, couplings(model, 3e-4, { epsRatio: rNull }, 0.2)).observables!.coherentSignal;
    const away = coherent.evaluate(p, couplings(model, 3e-4, { epsRatio: -6 }, 0.2)).observables!.coherentSignal;
    const sm = coherentSM().signal;
    // Iodine is not neutral there: A_I/A_I(away) = (53(3+r)+74·3)/(53·(−3)+74·3) ≈ 5%, half of the rate.
    expect(Math.abs(atNull / sm - 1)).toBeLessThan(0.06 * Math.abs(away / sm - 1));
  });

  it("reaches the contact limit for heavy X: the standard vector-NSI weak charge", () => {
    // Independent convention (e.g. Barranco et al., hep-ph/0508299; Denton et al.'s Q_wα² in their public
    // COHERENT-chisq code): Q_α² = 4 [Z(g_V^p + 2ε^u + ε^d) + N(g_V^n + ε^u + 2ε^d)]², g_V^p = ½ − 2s_w²,
    // g_V^n = −½, with ε^q = g_ν g_q/(√2 G_F m_X²) for a heavy vector (L = −√2 G_F ε^q [ν̄γP_Lν][q̄γq]).
    const model = resolveModel("B-L");
    const mX = 100;
    const g = 0.2;
    const c = couplings(model, g, { eps: 0 }, mX);
    const p = coherent.prepare(model, mX, {});
    const sig = coherent.evaluate(p, c).observables!.coherentSignal;
    const sw2 = 0.23857;
    const eu = (c.nu[0] * c.u.V) / (Math.SQRT2 * G_F * mX * mX);
    const ed = (c.nu[0] * c.d.V) / (Math.SQRT2 * G_F * mX * mX);
    let num = 0;
    let den = 0;
    for (const iso of ISOTOPES) {
      const q = (eU: number, eD: number) => 4 * (iso.Z * (0.5 - 2 * sw2 + 2 * eU + eD) + iso.N * (-0.5 + eU + 2 * eD)) ** 2;
      num += q(eu, ed);
      den += q(0, 0);
    }
    // B−L couples all flavours alike, so the rate ratio is the Q²-weighted ratio (the two isotopes have nearly
    // equal rate shares; the spread of Q_α²/Q² between Cs and I is below 1e-3 here).
    expect(sig / coherentSM().signal / (num / den)).toBeCloseTo(1, 2);
    expect(Math.abs(sig / coherentSM().signal - 1)).toBeGreaterThan(0.05); // not trivial
  });

  it("a light mediator changes the spectrum shape: the low-energy bins gain relative to the high ones as m_X falls", () => {
    const model = resolveModel("3,-3,-3,-3"); // 3(B−L), the catalogue's normalisation
    const shape = (mX: number) => {
      const g = 1e-5 * (mX / 0.01); // keep the effect moderate
      const p = coherent.prepare(model, mX, {});
      const { signal } = coherentPrediction(p, couplings(model, g, { eps: 0 }, mX));
      const smP = coherent.prepare(model, mX, {});
      const { signal: sm } = coherentPrediction(smP, couplings(model, 0, { eps: 0 }, mX));
      const bin = (s: Float64Array, e: number) => s.slice(e * NT, (e + 1) * NT).reduce((a, b) => a + b, 0);
      return bin(signal, 0) / bin(sm, 0) / (bin(signal, NE - 1) / bin(sm, NE - 1));
    };
    const heavy = shape(1);
    const light = shape(0.01);
    expect(Math.abs(heavy - 1)).toBeLessThan(0.01);
    expect(light).toBeGreaterThan(heavy + 0.05);
  });

  it("allows negative Δχ² and returns 0 at the SM point", () => {
    const model = resolveModel("3,-9,0,0");
    const p = coherent.prepare(model, 0.2, {});
    expect(coherent.evaluate(p, couplings(model, 0, { eps: 0 }, 0.2)).dchi2).toBeCloseTo(0, 9);
    expect(coherent.evaluate(p, couplings(model, 1.18e-4, { epsRatio: -8.89 }, 0.2)).dchi2).toBeLessThan(0);
  });

  it("profiles the pulls with the analysis' asymmetric penalty", () => {
    const n = Float64Array.from([9, 6]);
    const r = profileNuisances(n, Float64Array.from([4, 2]), Float64Array.from([0.5, 0.5]), Float64Array.from([0.5, 0.5]), SIG2);
    expect(r.a[0]).toBeGreaterThan(0); // more data than predicted pulls the signal up
  });
});

// An independent minimiser: a plain Nelder–Mead (Nelder & Mead, Comput. J. 7 (1965) 308; standard coefficients
// 1, 2, ½, ½) over the three pulls of the textbook statistic (data README; Denton & Gehrlein 2008.06062, sec. 3),
// written per bin with Math.log for every bin and no derivatives.
function textbookChi2(a: readonly number[], S: Float64Array, Bn: Float64Array, Bs: Float64Array, n: Float64Array): number {
  if (a.some((x) => !(1 + x > 0))) return Number.POSITIVE_INFINITY;
  let c = 0;
  for (let b = 0; b < n.length; b++) {
    const N = (1 + a[0]) * S[b] + (1 + a[1]) * Bn[b] + (1 + a[2]) * Bs[b];
    if (N < 0 || (n[b] > 0 && !(N > 0))) return Number.POSITIVE_INFINITY;
    c += 2 * (N - n[b] + (n[b] > 0 ? n[b] * Math.log(n[b] / N) : 0));
  }
  for (let q = 0; q < 3; q++) c += (2 * (a[q] - Math.log1p(a[q]))) / RELEASE_SIGMAS[q] ** 2;
  return c;
}

function nelderMead(f: (x: number[]) => number, x0: number[], step: number, restarts = 4): { x: number[]; f: number } {
  let best = { x: x0, f: f(x0) };
  for (let r = 0; r < restarts; r++) {
    let simplex = [best.x, ...best.x.map((_, k) => best.x.map((v, j) => v + (j === k ? step : 0)))].map((x) => ({ x, f: f(x) }));
    for (let it = 0; it < 5000; it++) {
      simplex.sort((u, v) => u.f - v.f);
      if (simplex[3].f - simplex[0].f < 1e-14) break;
      const c = [0, 1, 2].map((j) => (simplex[0].x[j] + simplex[1].x[j] + simplex[2].x[j]) / 3);
      const at = (t: number) => c.map((v, j) => v + t * (simplex[3].x[j] - v));
      const xr = at(-1);
      const fr = f(xr);
      if (fr < simplex[0].f) {
        const xe = at(-2);
        const fe = f(xe);
        simplex[3] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
      } else if (fr < simplex[2].f) simplex[3] = { x: xr, f: fr };
      else {
        const xc = at(fr < simplex[3].f ? -0.5 : 0.5);
        const fc = f(xc);
        if (fc < Math.min(fr, simplex[3].f)) simplex[3] = { x: xc, f: fc };
        else simplex = simplex.map((v, i) => (i === 0 ? v : { x: v.x.map((y, j) => simplex[0].x[j] + 0.5 * (y - simplex[0].x[j])), f: 0 })).map((v, i) => (i === 0 ? v : { x: v.x, f: f(v.x) }));
      }
    }
    simplex.sort((u, v) => u.f - v.f);
    best = simplex[0];
    step /= 10;
  }
  return best;
}

describe("COHERENT: the profiled pulls against an independent minimisation", () => {
  // Points with signals from far below to far above the SM (large pulls), one prepared point per model, evaluated
  // in sequence so that every profile starts from the previous point's pulls (the warm start of a real fit).
  const points = [
    { model: "3,-7,-1,-1", mX: 0.2, g: 2.3e-4, mix: { epsRatio: -6.96 } },
    { model: "3,-7,-1,-1", mX: 0.2, g: 6e-4, mix: { epsRatio: 3 } },
    { model: "3,-7,-1,-1", mX: 0.2, g: 1e-4, mix: { epsRatio: -1 } },
    { model: "B-L", mX: 0.02, g: 3e-5, mix: { eps: 0 } },
    { model: "B-L", mX: 0.02, g: 1e-5, mix: { eps: 0 } },
    { model: "3,-6,5,-8", mX: 1, g: 2e-3, mix: { epsRatio: -6.1 } },
    { model: "3,-6,5,-8", mX: 1, g: 4e-4, mix: { epsRatio: 2 } },
  ];
  it("finds the same minimum of the textbook χ² as a plain Nelder–Mead, to 1e-9, at pulls within 1e-4", () => {
    const d = loadCoherentData();
    const prepared = new Map<string, ReturnType<typeof coherent.prepare>>();
    for (const r of points) {
      const model = resolveModel(r.model);
      const key = `${r.model}@${r.mX}`;
      if (!prepared.has(key)) prepared.set(key, coherent.prepare(model, r.mX, {}));
      const p = prepared.get(key)!;
      const { signal, fit } = coherentPrediction(p, couplings(model, r.g, r.mix, r.mX));
      const nm = nelderMead((a) => textbookChi2(a, signal, p.base.neutron, d.background, d.observed), [0, 0, 0], 0.1);
      expect(Math.abs(fit.chi2 - nm.f), key).toBeLessThan(1e-9);
      for (let k = 0; k < 3; k++) expect(Math.abs(fit.a[k] - nm.x[k]), key).toBeLessThan(1e-4);
      // The profiled χ² is the statistic at the reported pulls (to the profile's 1e-11), not only a lower estimate.
      expect(Math.abs(textbookChi2(fit.a, signal, p.base.neutron, d.background, d.observed) - fit.chi2), key).toBeLessThan(1e-9);
    }
  });
});

describe("COHERENT: the prepared point is reusable", () => {
  // Identity: the nuisance profile converges to a Newton decrement of 1e-10, so the result does not depend on the warm
  // start it inherits from the previous evaluation of the same prepared point, nor on which prepared copy is used.
  const points = [
    { model: "3,-7,-1,-1", mX: 0.2, g: 2.3e-4, mix: { epsRatio: -6.96 } },
    { model: "B-L", mX: 0.02, g: 1e-5, mix: { eps: 0 } },
    { model: "3,-6,5,-8", mX: 0.05, g: 3e-4, mix: { epsRatio: -6.1 } },
    { model: "Lmu-Ltau", mX: 0.03, g: 3e-4, mix: { epsRatio: -1 } },
  ];
  it("gives the same Δχ² and signal from a reused and from a fresh prepared point, in any order", () => {
    expectWarmStartIdentity(coherent as Likelihood<unknown>, "coherentSignal", points);
  });
  it("gives exactly 0 where X does not couple to nucleons (L_µ − L_τ at ε = 0)", () => {
    const model = resolveModel("Lmu-Ltau");
    expect(coherent.evaluate(coherent.prepare(model, 0.01, {}), couplings(model, 5e-4, { eps: 0 }, 0.01)).dchi2).toBe(0);
  });
});

describe("COHERENT: a failed evaluation is an error, never a silent χ² = 0", () => {
  it("throws NonFiniteError naming the term, m_X and the couplings; the prepared point stays usable", () => {
    const model = resolveModel("3,-7,-1,-1");
    const p = coherent.prepare(model, 0.2, {});
    const c = couplings(model, 2.3e-4, { epsRatio: -6.96 }, 0.2);
    const good = coherent.evaluate(p, c).dchi2;
    // Before the fix this returned χ² = 0 (Δχ² = −148.4) without a word.
    const bad = () => coherent.evaluate(p, { ...c, p: Number.NaN });
    expect(bad).toThrow(NonFiniteError);
    expect(bad).toThrow(/^non-finite value \(NaN\) from likelihood 'coherent' .* at mX = 0\.2, gX = 0\.00023, eps = .*gP = NaN/);
    expect(() => coherentBins(p, { ...c, nu: [Number.NaN, 0, 0] })).toThrow(/likelihood 'coherent'/);
    expect(coherent.evaluate(p, c).dchi2).toBe(good);
  });
  it("the profile reports NaN, not 0, when the prediction is negative in a bin with data", () => {
    const n = Float64Array.from([9, 6]);
    const r = profileNuisances(n, Float64Array.from([-4, 2]), Float64Array.from([0.5, 0.5]), Float64Array.from([0.5, 0.5]), SIG2);
    expect(r.chi2).toBeNaN();
  });
});

describe("coherentBins (what `u1x coherent` prints)", () => {
  it("its rows are the prediction's parts and their sum at the profiled pulls, and its summary is the likelihood's", () => {
    const model = resolveModel("3,-7,-1,-1");
    const c = couplings(model, 2.3e-4, { epsRatio: -6.96 }, 0.2);
    const p = coherent.prepare(model, 0.2, {});
    const { summary: s, bins } = coherentBins(p, c);
    const d = loadCoherentData();
    expect(bins).toHaveLength(NE * NT);
    expect(bins.map((b) => b.pe)).toEqual(Array.from({ length: NE * NT }, (_, i) => 7 + 2 * Math.floor(i / NT)));
    expect(bins.map((b) => b.time)).toEqual(Array.from({ length: NE * NT }, (_, i) => 0.25 + 0.5 * (i % NT)));
    expect(bins.map((b) => b.observed)).toEqual([...d.observed]);
    const t = coherent.evaluate(coherent.prepare(model, 0.2, {}), c);
    expect(s.dchi2).toBe(t.dchi2);
    expect(s.signalTotal).toBe(t.observables!.coherentSignal);
    expect(s.chi2SM).toBe(coherentSM().chi2);
    expect([s.pullsSM.signal, s.pullsSM.neutrons, s.pullsSM.background]).toEqual(coherentSM().a);
    // Independent re-computation of χ² from the rows and the pulls (the statistic of the data README).
    const a = [s.pulls.signal, s.pulls.neutrons, s.pulls.background];
    const sigma = [0.28, 0.25, 0.171];
    let chi2 = 0;
    for (const b of bins) {
      const N = (1 + a[0]) * b.signal + (1 + a[1]) * b.neutrons + (1 + a[2]) * b.background;
      expect(b.expected / N).toBeCloseTo(1, 12);
      chi2 += 2 * (N - b.observed + (b.observed > 0 ? b.observed * Math.log(b.observed / N) : 0));
    }
    for (let k = 0; k < 3; k++) chi2 += (2 * (a[k] - Math.log1p(a[k]))) / sigma[k] ** 2;
    expect(chi2 / s.chi2).toBeCloseTo(1, 10);
    expect(s.dchi2).toBeCloseTo(s.chi2 - s.chi2SM, 12);
  });
});

describe("the COHERENT normalisation priors are a measurement set (measurements.json)", () => {
  it("the default set holds the release's 28%, 25% and 17.1%, and a wider signal prior lowers the SM χ²", async () => {
    const { measurement } = await import("../src/likelihood/measurements.js");
    for (const [k, s] of [["signalNorm", 0.28], ["neutronNorm", 0.25], ["backgroundNorm", 0.171]] as const) expect(measurement("coherent", k).sigma).toBe(s);
    const wide = { inputs: "wide", userInputs: { wide: { coherent: { signalNorm: { value: 1, sigma: 1, cite: "test" } } } } };
    // The data sit below the SM: a looser signal prior costs less, so the profiled SM χ² falls.
    expect(coherentSM(wide).chi2).toBeLessThan(coherentSM().chi2);
  });
});
