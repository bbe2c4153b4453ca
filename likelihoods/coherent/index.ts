import type { Couplings } from "../../src/couplings/couplings.js";
import { dataDir } from "../../src/data/dataDir.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { type CoherentData, loadCoherentData, NE, NT } from "./data.js";
import { type Profiled, profileNuisances } from "./poisson.js";
import { neutronTemplate, signalByFlavour, signalIntegrals } from "./signal.js";

/** Everything that depends on the data only: templates and the SM fit (cached per data directory). */
interface Base {
  data: CoherentData;
  neutron: Float64Array;
  smChi2: Profiled;
  smSignal: Float64Array;
}

const bases = new Map<string, Base>();

function base(): Base {
  const dir = dataDir();
  const hit = bases.get(dir);
  if (hit) return hit;
  const data = loadCoherentData();
  const neutron = neutronTemplate(data.neutronFine, NT);
  const J = signalIntegrals(1); // the SM does not depend on m_X
  const smSignal = expand(signalByFlavour(J, [0, 0, 0], 0, 0, new Float64Array(3 * NE)), data, new Float64Array(NE * NT));
  const b = { data, neutron, smChi2: profileNuisances(data.observed, smSignal, neutron, data.background), smSignal };
  bases.set(dir, b);
  return b;
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

export interface CoherentPrepared {
  base: Base;
  J: Float64Array[][];
  byFlavour: Float64Array;
  signal: Float64Array;
  /** Warm start of the nuisance profile: the last optimum for this (model, mass). The profile converges to a
   * Newton decrement of 1e-10, so the result does not depend on the start beyond that. */
  lastA: number[];
}

/** The expected signal per (E, t) bin at couplings c, and the profiled fit. */
export function coherentPrediction(p: CoherentPrepared, c: Couplings): { signal: Float64Array; fit: Profiled } {
  signalByFlavour(p.J, [c.nu[1], c.nu[0], c.nu[1]], c.p, c.n, p.byFlavour);
  expand(p.byFlavour, p.base.data, p.signal);
  const fit = profileNuisances(p.base.data.observed, p.signal, p.base.neutron, p.base.data.background, p.lastA);
  p.lastA = fit.a;
  return { signal: p.signal, fit };
}

/**
 * Δχ²_COHERENT of eq. (B.1): the Poisson likelihood ratio of the CsI 2017 data in 12 time × 12 energy bins with
 * three profiled normalisation nuisances (Denton & Gehrlein, 2008.06062), minus its SM value. Negative values are
 * kept. The neutrino flavours couple with g_ν of ν_µ (prompt ν_µ, delayed ν̄_µ) and ν_e (delayed ν_e).
 */
export const coherent: Likelihood<CoherentPrepared> = {
  name: "coherent",
  cite: "core paper eq. (B.1); COHERENT Science 357 (2017) 1123, data release 1804.09459; Denton & Gehrlein JHEP 04 (2021) 266",
  description: "COHERENT CsI coherent elastic neutrino–nucleus scattering",
  readsData: true,
  expensive: true,
  prepare(_model, mX) {
    const b = base();
    return { base: b, J: signalIntegrals(mX), byFlavour: new Float64Array(3 * NE), signal: new Float64Array(NE * NT), lastA: [...b.smChi2.a] };
  },
  evaluate(p, c) {
    const { signal, fit } = coherentPrediction(p, c);
    let total = 0;
    for (let i = 0; i < signal.length; i++) total += signal[i];
    return { dchi2: fit.chi2 - p.base.smChi2.chi2, observables: { coherentSignal: total } };
  },
};

export function coherentSM(): { chi2: number; a: number[]; signal: number } {
  const b = base();
  return { chi2: b.smChi2.chi2, a: b.smChi2.a, signal: b.smSignal.reduce((s, x) => s + x, 0) };
}
