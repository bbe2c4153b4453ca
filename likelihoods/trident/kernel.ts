import { ALPHA, E_CHARGE, G_F, HBARC_GEV_CM, M_MU, SW2_MZ } from "../../src/constants.js";
import { helmFormFactor } from "../../src/nuclear/formFactor.js";
import { gaussLegendreOn } from "../../src/numerics/gaussLegendre.js";
import { integrate } from "../../src/numerics/integrate.js";
import { type AmplitudeSums, makeAmplitude } from "./amplitude.js";
import { leftCurrent, type Vec4 } from "./dirac.js";

/**
 * The trident kernel: the SM-normalised pieces of σ(ν_µ Fe → ν_µ Fe µ⁺µ⁻) binned in Q² = −t, the momentum
 * transfer through the neutrino line (where an X boson propagates). With the kernel,
 *   σ = Σ_b [(C_V + δ_V(Q²_b))² VV_b + (C_A + δ_A(Q²_b))² AA_b + 2(C_V + δ_V)(C_A + δ_A) VA_b],
 *   δ_{V,A}(Q²) = g_νµ g_{µ,V/A} / (√2 G_F (m_X² + Q²)),
 * exact in the X propagator for any m_X (eq. 3.22 is its Q² → 0 limit).
 *
 * Equivalent-photon approximation for the coherent nuclear process (Belusevic & Smith, PRD 37 (1988) 2419;
 * Altmannshofer, Gori, Pospelov, Yavin, PRL 113 (2014) 091801, eq. 3), with the transverse-photon flux of a
 * heavy spin-0 nucleus (Budnev et al., Phys. Rept. 15 (1975) 181):
 *   σ_νN(E) = (Z²α/π) ∫ ds/s σ_νγ(s) Φ(s),  Φ(s) = ∫_{Q²_min}^∞ dQ²/Q² (1 − Q²_min/Q²) F²(Q²),  Q_min = s/2E.
 * σ_νγ(s) is the 2 → 3 cross-section of amplitude.ts integrated numerically over
 *   dΦ₃ = (dM²/2π) (dt/8πs) (β/8π) (dΩ′/4π)  (M² = m²_µµ, t = (p₁ − p₂)², Ω′ the µ⁻ direction in the pair frame).
 */

/**
 * The SM ν_µ–µ couplings of L = −√2 G_F [ν̄γP_Lν][µ̄γ(C_V − C_Aγ⁵)µ]: Z exchange plus the Fierzed W exchange
 * (core paper eq. 3.21).
 */
export const CV_SM = 0.5 + 2 * SW2_MZ;
export const CA_SM = 0.5;

/** Inputs of the kernel, each with its source. */
export const TRIDENT_KERNEL_INPUTS = {
  /** Iron (CCFR's target calorimeter): Z = 26, A = 56. */
  Z: 26,
  A: 56,
  /**
   * Neutrino energies (GeV) and weights. CCFR's ν_µ beam (quad-triplet, 30–600 GeV) had ⟨E_ν⟩ ≈ 160 GeV
   * (S.R. Mishra et al., PRL 66 (1991) 3117). The default is monochromatic at the mean; the README gives the
   * sensitivity of R to this choice.
   */
  energies: [160],
  weights: [1],
} as const;

export interface KernelResolution {
  /** Gauss–Legendre nodes in ln s, ln M², ln(−t), the pair-frame rapidity of the µ⁻, and trapezoid nodes in φ*. */
  nS: number;
  nM: number;
  nT: number;
  nEta: number;
  nPhi: number;
}

/** Production resolution: converged to ~1e-4 in R (see test/trident-kernel.test.ts and the README). */
export const KERNEL_RESOLUTION: KernelResolution = { nS: 24, nM: 16, nT: 24, nEta: 16, nPhi: 8 };

/** Q² bins of the kernel: 20 per decade from 1e-9 to 1e3 GeV². */
export const Q2_BINS = { lo: 1e-9, perDecade: 20, decades: 12 } as const;
const NB = Q2_BINS.perDecade * Q2_BINS.decades;

function q2Bin(q2: number): number {
  const b = Math.floor(Math.log10(q2 / Q2_BINS.lo) * Q2_BINS.perDecade);
  return Math.min(NB - 1, Math.max(0, b));
}

export interface Histogram {
  vv: Float64Array;
  aa: Float64Array;
  va: Float64Array;
  /** Σ (vv + aa)·Q², for the mean Q² of each bin. */
  q2w: Float64Array;
}

function newHistogram(): Histogram {
  return { vv: new Float64Array(NB), aa: new Float64Array(NB), va: new Float64Array(NB), q2w: new Float64Array(NB) };
}

/** Boost p into the rest frame of a system moving with velocity b⃗. */
function boost(p: Vec4, b: Vec4, out: number[]): number[] {
  const b2 = b[1] * b[1] + b[2] * b[2] + b[3] * b[3];
  if (b2 === 0) {
    for (let i = 0; i < 4; i++) out[i] = p[i];
    return out;
  }
  const g = 1 / Math.sqrt(1 - b2);
  const bp = b[1] * p[1] + b[2] * p[2] + b[3] * p[3];
  const c = ((g - 1) * bp) / b2 - g * p[0];
  out[0] = g * (p[0] - bp);
  for (let i = 1; i < 4; i++) out[i] = p[i] + c * b[i];
  return out;
}

/**
 * σ_νγ(s) for C_V = 1 (vv), C_A = 1 (aa) and the interference (va), in GeV⁻²; with hist, also adds
 * weight × (its pieces) into the Q² bins.
 */
export function sigmaNuGamma(s: number, res: KernelResolution = KERNEL_RESOLUTION, hist?: Histogram, weight = 1): AmplitudeSums {
  const m = M_MU;
  const W = Math.sqrt(s);
  const amp = makeAmplitude(m);
  const total = { vv: 0, aa: 0, va: 0 };
  if (s <= 4 * m * m) return total;
  const pref = (G_F * G_F * E_CHARGE * E_CHARGE) / (2 * s) / (2 * Math.PI) / (8 * Math.PI * s) / (8 * Math.PI) / (4 * Math.PI) / 2; // ½: photon average
  const p1 = [W / 2, 0, 0, W / 2];
  const k = [W / 2, 0, 0, -W / 2];
  const gm = gaussLegendreOn(res.nM, Math.log(4 * m * m), Math.log(s));
  const sums: AmplitudeSums = { vv: 0, aa: 0, va: 0 };
  const bq = [0, 0, 0, 0];
  const p1s = [0, 0, 0, 0];
  const p2s = [0, 0, 0, 0];
  const ks = [0, 0, 0, 0];
  const p3 = [0, 0, 0, 0];
  const p4 = [0, 0, 0, 0];
  for (let iM = 0; iM < res.nM; iM++) {
    const M2 = Math.exp(gm.x[iM]);
    const M = Math.sqrt(M2);
    const beta = Math.sqrt(Math.max(0, 1 - (4 * m * m) / M2));
    const etaMax = Math.atanh(Math.min(beta, 1 - 1e-15));
    const ge = gaussLegendreOn(res.nEta, -etaMax, etaMax);
    const E2 = (s - M2) / (2 * W);
    const tMax = s - M2; // |t| ≤ s − M²
    const gt = gaussLegendreOn(res.nT, Math.log(tMax * 1e-7), Math.log(tMax));
    for (let iT = 0; iT < res.nT; iT++) {
      const Q2 = Math.exp(gt.x[iT]);
      const cosT = Math.max(-1, 1 - Q2 / (W * E2));
      const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
      const p2 = [E2, E2 * sinT, 0, E2 * cosT];
      const Q = [W - E2, -p2[1], 0, -p2[3]];
      for (let i = 1; i < 4; i++) bq[i] = Q[i] / Q[0];
      boost(p1, bq, p1s);
      boost(p2, bq, p2s);
      boost(k, bq, ks);
      const kn = Math.hypot(ks[1], ks[2], ks[3]);
      const z = [0, ks[1] / kn, ks[2] / kn, ks[3] / kn];
      const y = [0, 0, 1, 0]; // all momenta lie in the x–z plane
      const x = [0, y[2] * z[3] - y[3] * z[2], y[3] * z[1] - y[1] * z[3], y[1] * z[2] - y[2] * z[1]];
      amp.setFrame(leftCurrent(p1s, p2s), ks, [x, y]);
      const wMT = pref * M2 * gm.w[iM] * Q2 * gt.w[iT] * beta;
      let vv = 0;
      let aa = 0;
      let va = 0;
      for (let iE = 0; iE < res.nEta; iE++) {
        const th = Math.tanh(ge.x[iE]);
        const c = th / beta;
        const sn = Math.sqrt(Math.max(0, 1 - c * c));
        const wE = (ge.w[iE] * (1 - th * th)) / beta; // dcosθ* = sech²η/β dη
        for (let iP = 0; iP < res.nPhi; iP++) {
          const ph = (2 * Math.PI * (iP + 0.5)) / res.nPhi;
          const nx = sn * Math.cos(ph);
          const ny = sn * Math.sin(ph);
          const pp = (M / 2) * beta;
          p3[0] = p4[0] = M / 2;
          for (let i = 1; i < 4; i++) {
            const d = pp * (nx * x[i] + ny * y[i] + c * z[i]);
            p3[i] = d;
            p4[i] = -d;
          }
          amp.sums(p3, p4, sums);
          const w = (wE * 2 * Math.PI) / res.nPhi;
          vv += w * sums.vv;
          aa += w * sums.aa;
          va += w * sums.va;
        }
      }
      vv *= wMT;
      aa *= wMT;
      va *= wMT;
      total.vv += vv;
      total.aa += aa;
      total.va += va;
      if (hist) {
        const b = q2Bin(Q2);
        hist.vv[b] += weight * vv;
        hist.aa[b] += weight * aa;
        hist.va[b] += weight * va;
        hist.q2w[b] += weight * (vv + aa) * Q2;
      }
    }
  }
  return total;
}

/** Φ(s) of the equivalent-photon flux (without Z²α/π), for neutrino energy E on a nucleus of mass number A. */
export function photonFlux(s: number, E: number, A: number): number {
  const q2min = (s / (2 * E)) ** 2;
  const qCut = 2; // GeV: F² is below 1e-20 there for A ≥ 4
  if (q2min >= qCut * qCut) return 0;
  return integrate((u) => {
    const q2 = Math.exp(u);
    const F = helmFormFactor(Math.sqrt(q2), A);
    return (1 - q2min / q2) * F * F;
  }, Math.log(q2min), Math.log(qCut * qCut), { rtol: 1e-9 });
}

/** A computed kernel: per Q² bin, the mean Q² and the VV, AA, VA pieces of σ (GeV⁻²). */
export interface TridentKernel {
  energies: number[];
  weights: number[];
  Z: number;
  A: number;
  resolution: KernelResolution;
  q2: number[];
  vv: number[];
  aa: number[];
  va: number[];
}

/** Builds the kernel by the equivalent-photon integral over s at each energy (flux-weighted). */
export function buildKernel(
  res: KernelResolution = KERNEL_RESOLUTION,
  inputs: { energies: readonly number[]; weights: readonly number[]; Z: number; A: number } = TRIDENT_KERNEL_INPUTS,
): TridentKernel {
  const hist = newHistogram();
  const sMin = 4 * M_MU * M_MU;
  const wSum = inputs.weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < inputs.energies.length; j++) {
    const E = inputs.energies[j];
    const sMax = 2 * E * 0.6; // Q_min = 0.6 GeV: Φ < 1e-6 of its peak for Fe
    const gs = gaussLegendreOn(res.nS, Math.log(sMin), Math.log(sMax));
    for (let i = 0; i < res.nS; i++) {
      const s = Math.exp(gs.x[i]);
      const w = (inputs.weights[j] / wSum) * ((inputs.Z * inputs.Z * ALPHA) / Math.PI) * gs.w[i] * photonFlux(s, E, inputs.A);
      sigmaNuGamma(s, res, hist, w);
    }
  }
  const keep: number[] = [];
  for (let b = 0; b < NB; b++) if (hist.vv[b] !== 0 || hist.aa[b] !== 0) keep.push(b);
  return {
    energies: [...inputs.energies],
    weights: [...inputs.weights],
    Z: inputs.Z,
    A: inputs.A,
    resolution: res,
    q2: keep.map((b) => hist.q2w[b] / (hist.vv[b] + hist.aa[b])),
    vv: keep.map((b) => hist.vv[b]),
    aa: keep.map((b) => hist.aa[b]),
    va: keep.map((b) => hist.va[b]),
  };
}

/** Headline numbers of a kernel: σ_SM (cm²), σ_AA/σ_VV (the "1.13" of eq. 3.21), VA/VV and ⟨Q²⟩. */
export function kernelSummary(k: TridentKernel) {
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const VV = sum(k.vv);
  const AA = sum(k.aa);
  const VA = sum(k.va);
  const sm = CV_SM * CV_SM * VV + CA_SM * CA_SM * AA + 2 * CV_SM * CA_SM * VA;
  return {
    sigmaSMcm2: sm * HBARC_GEV_CM ** 2, // GeV⁻² → cm² at the output edge
    axialFactor: AA / VV,
    interference: VA / VV,
    meanQ2: k.q2.reduce((acc, q, b) => acc + q * (k.vv[b] + k.aa[b]), 0) / (VV + AA),
  };
}
