import { G_F } from "../../src/constants.js";
import type { Couplings } from "../../src/couplings/couplings.js";
import { gaussianChi2, type Measurement, measurement } from "../../src/likelihood/measurements.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { finiteRangeFactor } from "./finiteRange.js";
import { CESIUM } from "./inputs.js";
import { nucleusZeros } from "../../src/cevns/source.js";
import { vectorAxial } from "../../src/models/model.js";

/**
 * Shift of the ¹³³Cs weak charge by X exchange in the contact limit (README, "Derivation"; core paper eq. 5.3 for
 * L̃_µ−τ):
 *   ΔQ_W = −(2√2/(G_F m_X²)) g_A^e (Z g_V^p + N g_V^n),
 * with the couplings of eq. (2.4), g X̄(g_V − g_A γ5) f, absolute (kinetic and X–Z mixing included):
 * g_A^e = c.e.A, g_V^p = c.p = 2u_V + d_V, g_V^n = c.n = u_V + 2d_V. For L̃_µ−τ (g_A^e = −g_X, g_V^p = εe,
 * g_V^n = 0) it is Z εe g_X 2√2/(G_F m_X²), eq. (5.3), sign included.
 */
export function deltaQWContact(c: Couplings, mX: number): number {
  return ((-2 * Math.SQRT2) / (G_F * mX * mX)) * c.e.A * (CESIUM.Z * c.p + CESIUM.N * c.n);
}

interface Prepared {
  /** K(m_X): the finite-range factor of the X's APV contribution (finiteRange.ts). */
  K: number;
  mX: number;
  m: Measurement;
}

/**
 * Δχ²_APV = ((ΔQ_W − ΔQ_W^exp)/σ)², ΔQ_W = K(m_X) × deltaQWContact, against Q_W^exp − Q_W^SM of ¹³³Cs
 * (measurements.json). Like amu and borexino, the term is the plain χ² of the measurement (the SM point gives
 * (0.65/0.43)² = 2.29 with the default set); its value 4 is the paper's 95% CL of eq. (5.4).
 */
export const apv: Likelihood<Prepared> = {
  name: "apv",
  cite: "core paper eqs. (5.2)–(5.4); Cs weak charge: Dzuba, Berengut, Flambaum, Roberts, PRL 109 (2012) 203003 [1207.5864]; Wood et al., Science 275 (1997) 1759",
  description: "atomic parity violation in ¹³³Cs (weak charge)",
  label: "APV",
  // Below ~1 MeV the Yukawa reaches r ≳ 10³ fm, where the electron's binding and screening shape the wave functions
  // and the universal near-nucleus Dirac solution behind K(m_X) no longer holds (README, "Finite range").
  massRange: { min: 1e-3, max: Number.POSITIVE_INFINITY, why: "the finite-range factor K(m_X) uses the near-nucleus Dirac wave functions, which hold for Yukawa ranges up to ~200 fm" },
  observables: {
    deltaQW: { unit: "", latex: "\\Delta Q_W(^{133}{\\rm Cs})", description: "shift of the Cs weak charge by X exchange, finite range included" },
  },
  // ΔQ_W ∝ g_A^e (Z g_V^p + N g_V^n): the nuclear vector charge Z(g x_p + εe) + N g x_n vanishes at
  // ε·e/g_X = −(Z x_p + N x_n)/Z; a vector-like electron (x_A,e = 0) couples axially only through X–Z mixing, ∝ ε.
  zeros(model) {
    const nuclear = nucleusZeros(model, [CESIUM])[0] + 0; // + 0: no −0 for quark-free models
    return vectorAxial(model.charges.e).A === 0 && nuclear !== 0 ? [0, nuclear] : [nuclear];
  },
  prepare(_model, mX, options) {
    return { K: finiteRangeFactor(mX), mX, m: measurement("apv", "deltaQW", options) };
  },
  evaluate(p, c) {
    const dQ = p.K * deltaQWContact(c, p.mX);
    return { dchi2: gaussianChi2(dQ, p.m), observables: { deltaQW: dQ } };
  },
};
