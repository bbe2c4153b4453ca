import { gaussianChi2, type Measurement, measurement, packageMeasurements } from "../../src/likelihood/measurements.js";
import type { Likelihood, LikelihoodOptions } from "../../src/likelihood/types.js";
import { effectiveCouplings, type Moments, moments, rates } from "./crossSection.js";
import { CHARM2_BEAMS } from "./inputs.js";
import { vectorAxial } from "../../src/models/model.js";

const TERM = "charm2";

/**
 * How the selected input set constrains the two window-integrated rates (README):
 * - "couplings": the effective (g_V, g_A) the rates map onto, against CHARM-II's measured g_V^{νe}, g_A^{νe}
 *   (observables gVnue, gAnue; set paper2022);
 * - "norm": each rate against a measured rate ratio v with a normalisation uncertainty σ on the prediction, the core
 *   paper's nuisance parameters "1.0 ± 0.3": χ² = ((v/R − 1)/σ)² (observables charm2RatioNu, charm2RatioNubar; set
 *   norm30).
 */
type Mode = { kind: "couplings"; gV: Measurement; gA: Measurement } | { kind: "norm"; nu: Measurement; nubar: Measurement };

const NORM_OBSERVABLES = ["charm2RatioNu", "charm2RatioNubar"];

/** The observables of the set `measurement()` reads for this term: the user's set, the package's set, else the default. */
function selectedObservables(options: LikelihoodOptions): string[] {
  const pkg = packageMeasurements(TERM);
  const name = options.inputs;
  const user = name === undefined ? undefined : options.userInputs?.[name]?.[TERM];
  if (user && Object.keys(user).length) return Object.keys(user);
  return Object.keys((name !== undefined && pkg.sets[name]) || pkg.sets[pkg.default]);
}

function mode(options: LikelihoodOptions): Mode {
  if (selectedObservables(options).some((k) => NORM_OBSERVABLES.includes(k)))
    return { kind: "norm", nu: measurement(TERM, "charm2RatioNu", options), nubar: measurement(TERM, "charm2RatioNubar", options) };
  return { kind: "couplings", gV: measurement(TERM, "gVnue", options), gA: measurement(TERM, "gAnue", options) };
}

/** A rate ratio this small (total destructive interference) counts as this value in the normalisation χ²: excluded. */
const R_FLOOR = 1e-12;

function chi2Of(m: Mode, gV: number, gA: number, Rnu: number, Rnubar: number): number {
  if (m.kind === "couplings") return gaussianChi2(gV, m.gV) + gaussianChi2(gA, m.gA);
  const pull = (R: number, x: Measurement) => (x.value / Math.max(R, R_FLOOR) - 1) / x.sigma;
  return pull(Rnu, m.nu) ** 2 + pull(Rnubar, m.nubar) ** 2;
}

export interface Charm2Prepared {
  Mnu: Moments;
  Mnubar: Moments;
  /** SM reduced rates over the windows. */
  smNu: number;
  smNubar: number;
  mode: Mode;
  /** χ² of the SM point (subtracted: the term is Δχ² relative to the SM). */
  chi2SM: number;
}

/** The observables at couplings c: the rates relative to the SM and the effective couplings. */
export function charm2Observables(p: Charm2Prepared, aL: number, aR: number): { gVnue: number; gAnue: number; charm2RatioNu: number; charm2RatioNubar: number } {
  const [Snu, Snubar] = rates(p.Mnu, p.Mnubar, aL, aR);
  const { gL, gR } = effectiveCouplings(p.Mnu, p.Mnubar, Snu, Snubar);
  return { gVnue: gL + gR, gAnue: gL - gR, charm2RatioNu: Snu / p.smNu, charm2RatioNubar: Snubar / p.smNubar };
}

/**
 * Δχ² of CHARM-II ν_µ e and ν̄_µ e scattering (core paper section 5.3, eqs. 5.8–5.10), relative to the SM: the rates
 * integrated over the analysis window at the mean energies 23.7 and 19.1 GeV with the X propagator inside the y
 * integral, against CHARM-II's measured (g_V, g_A) (default) or a 30% normalisation per beam (`--inputs norm30`).
 */
export const charm2: Likelihood<Charm2Prepared> = {
  name: TERM,
  cite: "core paper section 5.3, eqs. (5.8)–(5.10); CHARM-II, P. Vilain et al., PLB 302 (1993) 351 and PLB 335 (1994) 246",
  description: "CHARM-II ν_µ e and ν̄_µ e elastic scattering",
  label: "CHARM-II",
  observables: {
    gVnue: { unit: "", latex: "g_V^{\\nu e}", description: "effective ν_µ–e vector coupling the CHARM-II rates map onto" },
    gAnue: { unit: "", latex: "g_A^{\\nu e}", description: "effective ν_µ–e axial coupling the CHARM-II rates map onto" },
    charm2RatioNu: { unit: "", latex: "R_{\\nu_\\mu e}", description: "CHARM-II ν_µ e rate in the analysis window over the SM rate" },
    charm2RatioNubar: { unit: "", latex: "R_{\\bar\\nu_\\mu e}", description: "CHARM-II ν̄_µ e rate in the analysis window over the SM rate" },
  },
  // The X exchange needs the electron's coupling: with a vector-like electron it vanishes at ε·e/g_X = x_V,e (eq. 4.6);
  // an axial electron coupling (L̃_µ−τ) has no zero.
  zeros: (model) => [vectorAxial(model.charges.e).V],
  prepare(_model, mX, options) {
    const Mnu = moments(CHARM2_BEAMS[0], mX);
    const Mnubar = moments(CHARM2_BEAMS[1], mX);
    const [smNu, smNubar] = rates(Mnu, Mnubar, 0, 0);
    const m = mode(options);
    const p: Charm2Prepared = { Mnu, Mnubar, smNu, smNubar, mode: m, chi2SM: 0 };
    const o = charm2Observables(p, 0, 0);
    p.chi2SM = chi2Of(m, o.gVnue, o.gAnue, 1, 1);
    return p;
  },
  evaluate(p, c) {
    const g = c.nu[1];
    const o = charm2Observables(p, g * c.e.L, g * c.e.R);
    return { dchi2: chi2Of(p.mode, o.gVnue, o.gAnue, o.charm2RatioNu, o.charm2RatioNubar) - p.chi2SM, observables: o };
  },
};
