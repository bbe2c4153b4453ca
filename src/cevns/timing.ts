import { gaussLegendre } from "../numerics/gaussLegendre.js";
import { expTimesNormalCdf, normalCdf } from "./special.js";

/**
 * Arrival times of stopped-pion neutrinos at a spallation source (generic: CsI 2021 and argon use it, any detector of
 * the SNS or a similar beam). Protons arrive in a pulse, here a Gaussian of mean µ and width σ; π⁺ decay at rest with the
 * π lifetime τ_π gives the prompt ν_µ; the µ⁺ it leaves decays with τ_µ and gives the delayed ν_e and ν̄_µ. So
 *   prompt:  Gaussian(µ, σ) ⊗ Exp(τ_π)                     (an exponentially modified Gaussian, EMG)
 *   delayed: Gaussian(µ, σ) ⊗ Exp(τ_π) ⊗ Exp(τ_µ) = [τ_µ EMG(τ_µ) − τ_π EMG(τ_π)]/(τ_µ − τ_π)
 * (the sum of two exponential delays has density (e^{−t/τ_µ} − e^{−t/τ_π})/(τ_µ − τ_π)). Times in µs; the pulse
 * parameters fix where t = 0 is. Both densities and CDFs are closed forms in Φ and e^{A}Φ, evaluated without
 * overflow (special.ts), so bin fractions are exact CDF differences; with a time-dependent efficiency they are
 * Gauss–Legendre integrals of density × efficiency.
 */
export interface StoppedPionTiming {
  /** Mean and width (standard deviation) of the Gaussian proton pulse, µs. */
  pulseMean: number;
  pulseWidth: number;
  /** π⁺ and µ⁺ lifetimes, µs. */
  tauPi: number;
  tauMu: number;
}

/** π⁺ lifetime 26.033 ns and µ⁺ lifetime 2.1969811 µs (PDG 2022), in µs. */
export const TAU_PI_US = 0.026033;
export const TAU_MU_US = 2.1969811;

/**
 * The SNS pulse of the COHERENT releases: a Gaussian of mean 440 ns and width 150 ns (coherent-lar-2020
 * LArParametersAnlA.yaml, "a"/"b" of the POT trace; coherent-csi-2021 README), with the PDG lifetimes.
 */
export const SNS_TIMING: StoppedPionTiming = { pulseMean: 0.44, pulseWidth: 0.15, tauPi: TAU_PI_US, tauMu: TAU_MU_US };

export type ArrivalComponent = "prompt" | "delayed";

/** The same source with another proton pulse (e.g. a release's own pulse parameters or a shifted mean), in µs. */
export function withPulse(pulseMean: number, pulseWidth: number, timing: StoppedPionTiming = SNS_TIMING): StoppedPionTiming {
  return { ...timing, pulseMean, pulseWidth };
}

/** Exponentially modified Gaussian: density and CDF of Gaussian(µ, σ) + Exp(τ) at t. */
function emgPdf(t: number, mu: number, sigma: number, tau: number): number {
  const u = (t - mu) / sigma;
  const r = sigma / tau;
  return expTimesNormalCdf(0.5 * r * r - u * r, u - r) / tau;
}

function emgCdf(t: number, mu: number, sigma: number, tau: number): number {
  const u = (t - mu) / sigma;
  const r = sigma / tau;
  return normalCdf(u) - expTimesNormalCdf(0.5 * r * r - u * r, u - r);
}

/** Arrival-time density (per µs) of the prompt or delayed component at t (µs). */
export function arrivalPdf(component: ArrivalComponent, t: number, timing: StoppedPionTiming = SNS_TIMING): number {
  const { pulseMean: mu, pulseWidth: s, tauPi, tauMu } = timing;
  if (component === "prompt") return emgPdf(t, mu, s, tauPi);
  return (tauMu * emgPdf(t, mu, s, tauMu) - tauPi * emgPdf(t, mu, s, tauPi)) / (tauMu - tauPi);
}

/** Arrival-time CDF of the prompt or delayed component at t (µs). */
export function arrivalCdf(component: ArrivalComponent, t: number, timing: StoppedPionTiming = SNS_TIMING): number {
  const { pulseMean: mu, pulseWidth: s, tauPi, tauMu } = timing;
  if (component === "prompt") return emgCdf(t, mu, s, tauPi);
  return (tauMu * emgCdf(t, mu, s, tauMu) - tauPi * emgCdf(t, mu, s, tauPi)) / (tauMu - tauPi);
}

export interface ArrivalFractionOptions {
  /** Detection efficiency as a function of the (recoil) time, applied under the integral. */
  efficiency?: (t: number) => number;
  /** Times where the efficiency has a kink (the integration splits there), µs. */
  breaks?: readonly number[];
  /** Gauss–Legendre nodes per sub-interval of at most `step` µs (defaults 12 and 0.05 µs: ~1e-12 for smooth efficiencies). */
  nodes?: number;
  step?: number;
}

const GL_CACHE = new Map<number, { x: Float64Array; w: Float64Array }>();

/**
 * The fraction of a component's neutrinos arriving in each time bin [edges[i], edges[i+1]) (length edges − 1), times
 * the efficiency where one is given. Without an efficiency these are CDF differences; the fractions over the whole
 * line sum to 1.
 */
export function arrivalFractions(component: ArrivalComponent, edges: ArrayLike<number>, timing: StoppedPionTiming = SNS_TIMING, opts: ArrivalFractionOptions = {}): Float64Array {
  const n = edges.length - 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) if (!(edges[i + 1] > edges[i])) throw new RangeError(`arrivalFractions: edges must increase (${edges[i]}, ${edges[i + 1]})`);
  const eff = opts.efficiency;
  if (!eff) {
    for (let i = 0; i < n; i++) out[i] = arrivalCdf(component, edges[i + 1], timing) - arrivalCdf(component, edges[i], timing);
    return out;
  }
  const nodes = opts.nodes ?? 12;
  const step = opts.step ?? 0.05;
  let gl = GL_CACHE.get(nodes);
  if (!gl) {
    gl = gaussLegendre(nodes);
    GL_CACHE.set(nodes, gl);
  }
  for (let i = 0; i < n; i++) {
    const cuts = [edges[i], ...(opts.breaks ?? []).filter((b) => b > edges[i] && b < edges[i + 1]), edges[i + 1]];
    let s = 0;
    for (let c = 0; c + 1 < cuts.length; c++) {
      const m = Math.max(1, Math.ceil((cuts[c + 1] - cuts[c]) / step));
      const h = (cuts[c + 1] - cuts[c]) / m;
      for (let k = 0; k < m; k++) {
        const mid = cuts[c] + (k + 0.5) * h;
        for (let q = 0; q < nodes; q++) {
          const t = mid + 0.5 * h * gl.x[q];
          s += 0.5 * h * gl.w[q] * arrivalPdf(component, t, timing) * eff(t);
        }
      }
    }
    out[i] = s;
  }
  return out;
}

/** The fractions of the prompt (ν_µ) and the delayed (ν_e, ν̄_µ) neutrinos in each time bin. */
export interface PromptDelayed {
  prompt: Float64Array;
  delayed: Float64Array;
}

/** arrivalFractions of both components. */
export function arrivalFractionsByComponent(edges: ArrayLike<number>, timing: StoppedPionTiming = SNS_TIMING, opts: ArrivalFractionOptions = {}): PromptDelayed {
  return { prompt: arrivalFractions("prompt", edges, timing, opts), delayed: arrivalFractions("delayed", edges, timing, opts) };
}
