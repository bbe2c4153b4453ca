import type { RecoilPoint } from "../../src/cevns/signal.js";
import { nucleusZeros } from "../../src/cevns/source.js";
import { checkSM, type FitSummary, nonFiniteAt, perDataSet } from "../../src/cevns/term.js";
import type { Couplings } from "../../src/couplings/couplings.js";
import { dataDir } from "../../src/data/dataDir.js";
import { measurement } from "../../src/likelihood/measurements.js";
import type { Likelihood, LikelihoodOptions } from "../../src/likelihood/types.js";
import { type CoherentData, loadCoherentData, NE, NT, PE_CENTRES, TIME_CENTRES } from "./data.js";
import { ISOTOPES } from "./inputs.js";
import { NuisanceProfile, type NuisanceWidths2, type Profiled } from "./poisson.js";
import { neutronTemplate, recoilSignal } from "./signal.js";

/** Everything that depends on the data only: templates, the nuisance profile and the SM fit (cached per data directory). */
interface Base {
  data: CoherentData;
  neutron: Float64Array;
  /** χ²(a) with Σn, Σ n ln n and the template sums precomputed. */
  profile: NuisanceProfile;
  smChi2: Profiled;
  smSignal: Float64Array;
  /** The SM signal per flavour and energy bin (what smSignal expands). */
  smByFlavour: Float64Array;
  /** Σ_t of the prompt and delayed arrival-time fractions (ΣS from the per-flavour spectra). */
  promptSum: number;
  delayedSum: number;
}

const bases = new Map<string, Base>();

const sumOf = (x: Float64Array) => x.reduce((s, v) => s + v, 0);

/** σ² of the three normalisation priors from the selected measurement set (measurements.json). */
function nuisanceWidths2(options: LikelihoodOptions): NuisanceWidths2 {
  const s = (k: string) => measurement("coherent", k, options).sigma ** 2;
  return [s("signalNorm"), s("neutronNorm"), s("backgroundNorm")];
}

function base(sig2: NuisanceWidths2): Base {
  return perDataSet(bases, `${dataDir()}|${sig2.join(",")}`, () => {
    const data = loadCoherentData();
    const neutron = neutronTemplate(data.neutronFine, NT);
    const profile = new NuisanceProfile(data.observed, neutron, data.background, sig2);
    const smByFlavour = recoilSignal().smSignal();
    const smSignal = expand(smByFlavour, data, new Float64Array(NE * NT));
    const smChi2 = profile.minimise(smSignal, { chi2: 0, a: [0, 0, 0], iterations: 0 });
    checkSM("coherent", smChi2.chi2);
    const promptSum = data.promptTime.reduce((s, x) => s + x, 0);
    const delayedSum = data.delayedTime.reduce((s, x) => s + x, 0);
    return { data, neutron, profile, smChi2, smSignal, smByFlavour, promptSum, delayedSum };
  });
}

/** Spread the per-flavour energy spectra over time: prompt ν_µ (fl 0) and delayed ν_e, ν̄_µ (fl 1, 2). */
function expand(byFlavour: Float64Array, d: CoherentData, out: Float64Array): Float64Array {
  for (let e = 0; e < NE; e++) {
    const p = byFlavour[e];
    const dl = byFlavour[NE + e] + byFlavour[2 * NE + e];
    for (let t = 0; t < NT; t++) out[e * NT + t] = p * d.promptTime[t] + dl * d.delayedTime[t];
  }
  return out;
}

/**
 * What `prepare` builds for one (model, m_X): the J_k integrals of that mass and the buffers `evaluate` fills, so
 * that an evaluation only combines J with the couplings and profiles the pulls (no allocation but its result).
 */
export interface CoherentPrepared extends RecoilPoint {
  base: Base;
  /** The expected signal per (E, t) bin at the last couplings, and its sum. */
  signal: Float64Array;
  signalTotal: number;
  /** The last profiled fit. Its pulls are the warm start of the next profile; the profile pins the minimum to 1e-7
   * (poisson.ts), so the result does not depend on the start beyond that. */
  fit: Profiled;
  /** The per-flavour signal that `signal` and `fit` belong to: the same signal again reuses them. */
  profiled: Float64Array;
}

/**
 * Fill p.signal, p.signalTotal and p.fit at couplings c (kept as they are when the per-flavour signal is the one
 * already profiled); a failed profile is an error naming the point, and leaves p as it was.
 */
function predict(p: CoherentPrepared, c: Couplings): void {
  const byFlavour = recoilSignal().signalAt(p, c);
  const { profiled, base: b } = p;
  let same = true;
  for (let i = 0; i < byFlavour.length && same; i++) same = byFlavour[i] === profiled[i];
  if (same) return;
  expand(byFlavour, b.data, p.signal);
  // ΣS = Σ_e (prompt_e Σ_t prompt(t) + delayed_e Σ_t delayed(t)): the signal factorises in E and t.
  let total = 0;
  for (let e = 0; e < NE; e++) total += byFlavour[e] * b.promptSum + (byFlavour[NE + e] + byFlavour[2 * NE + e]) * b.delayedSum;
  const chi2Before = p.fit.chi2;
  const chi2 = b.profile.minimise(p.signal, p.fit, total).chi2; // a failed profile leaves the pulls as they were
  if (!Number.isFinite(chi2)) {
    p.fit.chi2 = chi2Before;
    expand(profiled, b.data, p.signal);
    throw nonFiniteAt("likelihood 'coherent' (the Poisson χ² profiled over its pulls; the predicted counts cannot be evaluated)", p.mX, c, total, chi2);
  }
  profiled.set(byFlavour);
  p.signalTotal = total;
}

/**
 * The expected signal per (E, t) bin at couplings c, and the profiled fit. `signal` is p's buffer (overwritten by
 * the next evaluation at p); `fit` is a copy.
 */
export function coherentPrediction(p: CoherentPrepared, c: Couplings): { signal: Float64Array; fit: Profiled } {
  predict(p, c);
  return { signal: p.signal, fit: { chi2: p.fit.chi2, a: [p.fit.a[0], p.fit.a[1], p.fit.a[2]], iterations: p.fit.iterations } };
}

/** One (PE, time) bin of the analysis: observed counts and the prediction's parts at the profiled pulls. */
export interface CoherentBin {
  /** Bin centres: PE 7..29, t in µs 0.25..5.75. */
  pe: number;
  time: number;
  observed: number;
  /** The CEvNS signal, the prompt neutrons and the steady-state background before the pulls. */
  signal: number;
  neutrons: number;
  background: number;
  /** (1 + a_s) S + (1 + a_n) B_n + (1 + a_b) B_ss at the profiled pulls. */
  expected: number;
}

export interface Pulls {
  signal: number;
  neutrons: number;
  background: number;
}

export type CoherentSummary = FitSummary<Pulls>;

const pulls = (a: readonly number[]): Pulls => ({ signal: a[0], neutrons: a[1], background: a[2] });

/** The fit at couplings c bin by bin (E-major, as the data release), with the profiled pulls: what `u1x coherent` prints. */
export function coherentBins(p: CoherentPrepared, c: Couplings): { summary: CoherentSummary; bins: CoherentBin[] } {
  predict(p, c);
  const { data: d, neutron, profile, smChi2 } = p.base;
  const expected = profile.expected(p.signal, p.fit.a, new Float64Array(NE * NT));
  const bins: CoherentBin[] = [];
  for (let e = 0; e < NE; e++)
    for (let t = 0; t < NT; t++) {
      const i = e * NT + t;
      bins.push({ pe: PE_CENTRES[e], time: TIME_CENTRES[t], observed: d.observed[i], signal: p.signal[i], neutrons: neutron[i], background: d.background[i], expected: expected[i] });
    }
  const summary = {
    chi2: p.fit.chi2,
    chi2SM: smChi2.chi2,
    dchi2: p.fit.chi2 - smChi2.chi2,
    pulls: pulls(p.fit.a),
    pullsSM: pulls(smChi2.a),
    signalTotal: p.signalTotal,
  };
  return { summary, bins };
}

/**
 * Δχ²_COHERENT of eq. (B.1): the Poisson likelihood ratio of the CsI 2017 data in 12 time × 12 energy bins with
 * three profiled normalisation nuisances (Denton & Gehrlein, 2008.06062), minus its SM value. Negative values are
 * kept. The neutrino flavours couple with g_ν of ν_µ (prompt ν_µ, delayed ν̄_µ) and ν_e (delayed ν_e).
 */
export const coherent: Likelihood<CoherentPrepared> = {
  name: "coherent",
  label: "COHERENT CsI 2017",
  cite: "core paper eq. (B.1); COHERENT Science 357 (2017) 1123, data release 1804.09459; Denton & Gehrlein JHEP 04 (2021) 266",
  description: "COHERENT CsI coherent elastic neutrino–nucleus scattering",
  readsData: true,
  observables: { coherentSignal: { unit: "events", latex: "N_{\\rm CEvNS}", description: "expected CEvNS events at the point, before nuisance scaling" } },
  // The X exchange with a nucleus vanishes where Z (x_p + ε e/g_X) + N x_n = 0: at ε·e/g_X = −(Z x_p + N x_n)/Z,
  // = −c_B (Z+N)/Z for universal quarks, for Cs and for I (eq. 4.5; src/cevns/source.ts).
  zeros: (model) => nucleusZeros(model, ISOTOPES),
  expensive: true,
  prepare(_model, mX, options) {
    const b = base(nuisanceWidths2(options));
    // Starts at the SM fit: the SM signal gives Δχ² = 0 exactly, and its pulls are the first warm start.
    return {
      ...recoilSignal().point(mX),
      base: b,
      signal: Float64Array.from(b.smSignal),
      signalTotal: sumOf(b.smSignal),
      fit: { chi2: b.smChi2.chi2, a: [b.smChi2.a[0], b.smChi2.a[1], b.smChi2.a[2]], iterations: 0 },
      profiled: Float64Array.from(b.smByFlavour),
    };
  },
  evaluate(p, c) {
    predict(p, c);
    return { dchi2: p.fit.chi2 - p.base.smChi2.chi2, observables: { coherentSignal: p.signalTotal } };
  },
};

export function coherentSM(options: LikelihoodOptions = {}): { chi2: number; a: number[]; signal: number } {
  const b = base(nuisanceWidths2(options));
  return { chi2: b.smChi2.chi2, a: b.smChi2.a, signal: sumOf(b.smSignal) };
}
