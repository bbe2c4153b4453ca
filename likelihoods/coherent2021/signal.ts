import { RecoilSignal } from "../../src/cevns/signal.js";
import { fluencePerFlavour, molecules } from "../../src/cevns/source.js";
import { arrivalFractionsByComponent } from "../../src/cevns/timing.js";
import { CSI_MOLAR_MASS, ISOTOPES } from "../coherent/inputs.js";
import type { Csi2021Data } from "./data.js";
import { CSI2021, NE, NT, timeEfficiency } from "./inputs.js";
import { fineEdges, NS, NV, responseMatrix, SHAPES } from "./response.js";

/**
 * The CEvNS signal in the (PE, time) bins: the shared RecoilSignal (src/cevns/signal.ts: cross section with the X
 * propagator, Helm form factor, stopped-pion spectra) through this release's response for every systematic variant
 * at once, spread over time with the stopped-pion arrival model (src/cevns/timing.ts) and the time efficiency.
 * Cs and I come from the CsI 2017 module's isotope table (one CsI[Na] crystal, one nucleus of each per molecule).
 */
export interface SignalModel {
  recoil: RecoilSignal;
  /** Fractions of prompt (ν_µ) and delayed (ν_e, ν̄_µ) neutrinos per time bin, times ε_T. */
  promptTime: Float64Array;
  delayedTime: Float64Array;
}

export function signalModel(d: Csi2021Data): SignalModel {
  const n = molecules(CSI2021.detectorMassKg, CSI_MOLAR_MASS);
  const recoil = new RecoilSignal({
    isotopes: ISOTOPES.map((i) => ({ Z: i.Z, N: i.N, A: i.A, mass: i.mass, targets: n })),
    edges: fineEdges(),
    response: responseMatrix(d),
    nObs: NV * NE,
    exposure: fluencePerFlavour(CSI2021),
    promptEnergy: CSI2021.promptEnergy,
  });
  const time = arrivalFractionsByComponent(CSI2021.timeEdges, CSI2021.timing, { efficiency: timeEfficiency, breaks: [CSI2021.timeEfficiency.flatUntil] });
  return { recoil, promptTime: time.prompt, delayedTime: time.delayed };
}

/** The signal of one evaluation: nominal template and the morphing term A_j of each shape nuisance, per bin. */
export interface SignalTemplates {
  nominal: Float64Array;
  /** A_j flattened as [j * nBins + i]. */
  linear: Float64Array;
  /** Views of `linear`, one per shape nuisance (the profile's shifts). */
  shifts: Float64Array[];
}

/** Buffers for one evaluation's signal templates (nominal and the shape terms A_j per bin). */
export function newTemplates(): SignalTemplates {
  const nb = NE * NT;
  const linear = new Float64Array(NS * nb);
  return { nominal: new Float64Array(nb), linear, shifts: Array.from({ length: NS }, (_, j) => linear.subarray(j * nb, (j + 1) * nb)) };
}

/**
 * Fill the templates from the signal per flavour and (variant, PE) bin, byFlavour[fl * NV·NE + v·NE + e]: the nominal
 * variant and A_j = (S₊ − S₋)/2 of each shape nuisance; return the nominal total (the expected CEvNS events before
 * nuisance scaling).
 */
export function fillTemplates(byFlavour: Float64Array, m: SignalModel, out: SignalTemplates): number {
  const nObs = NV * NE;
  const nb = NE * NT;
  const fp = m.promptTime;
  const fd = m.delayedTime;
  const nominal = out.nominal;
  const linear = out.linear;
  let total = 0;
  for (let e = 0; e < NE; e++) {
    const p0 = byFlavour[e];
    const d0 = byFlavour[nObs + e] + byFlavour[2 * nObs + e];
    const row = e * NT;
    for (let t = 0; t < NT; t++) {
      const x = p0 * fp[t] + d0 * fd[t];
      nominal[row + t] = x;
      total += x;
    }
    for (let j = 0; j < NS; j++) {
      const ip = PLUS[j] * NE + e;
      const im = MINUS[j] * NE + e;
      const pa = 0.5 * (byFlavour[ip] - byFlavour[im]);
      const da = 0.5 * (byFlavour[nObs + ip] + byFlavour[2 * nObs + ip] - byFlavour[nObs + im] - byFlavour[2 * nObs + im]);
      const o = j * nb + row;
      for (let t = 0; t < NT; t++) linear[o + t] = pa * fp[t] + da * fd[t];
    }
  }
  return total;
}

/** The variants at the ends of each shape nuisance (response.ts SHAPES), as plain indices. */
const PLUS = Int32Array.from(SHAPES, (s) => s.plus);
const MINUS = Int32Array.from(SHAPES, (s) => s.minus);
