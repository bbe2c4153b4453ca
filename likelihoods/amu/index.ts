import { M_MU } from "../../src/constants.js";
import { gaussianChi2, type Measurement, measurement } from "../../src/likelihood/measurements.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { amuCoefficients, deltaAmu } from "./loop.js";

interface Prepared {
  k: { kV: number; kA: number };
  m: Measurement;
}

/** Δχ²_aµ of eq. (B.2): ((Δa_µ^NP − Δa_µ^exp)/σ)², Δa_µ^NP at full one loop (loop.ts); inputs in measurements.json. */
export const amu: Likelihood<Prepared> = {
  name: "amu",
  cite: "core paper eq. (B.2); loop functions of Jegerlehner & Nyffeler (2009)",
  description: "muon anomalous magnetic moment",
  label: "(g-2)_mu",
  observables: { deltaAmu: { unit: "", latex: "\\Delta a_\\mu", description: "one-loop X contribution to a_µ" } },
  prepare(_model, mX, options) {
    return { k: amuCoefficients(M_MU, mX), m: measurement("amu", "deltaAmu", options) };
  },
  evaluate(p, c) {
    const da = deltaAmu(p.k, c.mu.V, c.mu.A);
    return { dchi2: gaussianChi2(da, p.m), observables: { deltaAmu: da } };
  },
  // Δa_µ ∝ g_X² along couplings that scale with g_X: the g_X of the central value (+ nσ).
  preferredCoupling(p, at, nSigma = 0) {
    const g0 = 1e-6;
    const c = at(g0);
    const perG2 = deltaAmu(p.k, c.mu.V, c.mu.A) / (g0 * g0);
    const target = p.m.value + nSigma * p.m.sigma;
    return perG2 > 0 && target > 0 ? Math.sqrt(target / perG2) : null;
  },
};
