import { G_F, M_E, SW2_LOW } from "../../src/constants.js";
import { gaussLegendreOn } from "../../src/numerics/gaussLegendre.js";
import { integrate } from "../../src/numerics/integrate.js";
import { type IsotopeSpectrum, REACTOR_SPECTRUM, reactorSpectrum, TEXONO } from "./inputs.js";

/**
 * ν̄_e e → ν̄_e e with an X boson, electron mass kept (Vogel & Engel, PRD 39 (1989) 3378, with g_A → −g_A for ν̄):
 *   dσ/dT = (2 G_F² m_e/π) [G_R² + G_L² (1 − T/E)² − G_L G_R m_e T/E²]                      (ν̄: L ↔ R of the ν formula)
 *   G_{L,R} = g_{L,R} + K(T) g_νe g_{eL,eR},   K(T) = 1/(2√2 G_F (2 m_e T + m_X²)),
 * with g_L = ½ + s_w² (NC −½ + s_w² plus the Fierzed W exchange, +1), g_R = s_w², and absolute X couplings
 * (g_νe = c.nu[0], g_eL = c.e.L, g_eR = c.e.R). The X term enters G with a plus sign, as in borexino's
 * crossSection.ts and the core paper's eqs. (5.9)–(5.10): the operator −2√2 G_F [ν̄γ^µP_Lν][ēγ_µ(g_L P_L + g_R P_R)e]
 * and the X exchange −(g_ν g_e/(m_X² − q²)) [ν̄γ^µP_Lν][ēγ_µ P_{L,R} e] have the same sign, q² = −2 m_e T. For the
 * antineutrino the same operator acts; only the kinematic weights of G_L and G_R swap.
 *
 * The rate in the window, R = ∫_{Tmin}^{Tmax} dT ∫_{E_min(T)}^{E_max} dE φ(E) dσ/dT, is reduced to nine moments
 *   M[w][k] = ∫ dT F_w(T) K(T)^k,   F_w(T) = ∫_{E_min(T)} dE φ(E) w(T, E),   w ∈ {1, (1 − T/E)², m_e T/E²},  k = 0, 1, 2.
 * F_w is independent of m_X and is tabulated once on Gauss–Legendre nodes in T; per mass the moments cost 9 × N
 * multiplications, and a point is a quadratic form in (g_νe g_eL, g_νe g_eR).
 */

/** Largest recoil for neutrino energy E (GeV): 2E²/(m_e + 2E). */
export function tMax(E: number): number {
  return (2 * E * E) / (M_E + 2 * E);
}

/** Smallest neutrino energy that gives recoil T (GeV): (T + √(T² + 2 m_e T))/2, the inverse of tMax. */
export function eMin(T: number): number {
  return (T + Math.sqrt(T * T + 2 * M_E * T)) / 2;
}

/** g_L and g_R of ν̄_e e in the SM at tree level (NC + CC) for a given s_w². */
export function smCouplings(sw2: number = SW2_LOW): { gL: number; gR: number } {
  return { gL: 0.5 + sw2, gR: sw2 };
}

export const SM = smCouplings();

/** The bracket of dσ/dT for ν̄ e, [G_R² + G_L²(1 − T/E)² − G_L G_R m_e T/E²] (times 2G_F²m_e/π), any G_{L,R}. */
export function antineutrinoBracket(E: number, T: number, GL: number, GR: number): number {
  const y = 1 - T / E;
  return GR * GR + GL * GL * y * y - (GL * GR * M_E * T) / (E * E);
}

export interface SpectrumKernel {
  /** Gauss–Legendre nodes and weights in T (GeV). */
  T: Float64Array;
  w: Float64Array;
  /** F_w(T_i) for w = 1, (1 − T/E)², m_e T/E². */
  F: [Float64Array, Float64Array, Float64Array];
}

export interface KernelOptions {
  nodes?: number;
  Tmin?: number;
  Tmax?: number;
  Emax?: number;
  isotopes?: readonly IsotopeSpectrum[];
}

/** The spectrum-weighted kernels F_w(T) on N Gauss–Legendre nodes of the recoil window (independent of m_X). */
export function spectrumKernel(o: KernelOptions = {}): SpectrumKernel {
  const n = o.nodes ?? 48;
  const Tmin = o.Tmin ?? TEXONO.Tmin;
  const Tmax = o.Tmax ?? TEXONO.Tmax;
  const Emax = o.Emax ?? TEXONO.Emax;
  const iso = o.isotopes ?? REACTOR_SPECTRUM;
  const { x, w } = gaussLegendreOn(n, Tmin, Tmax);
  const F: [Float64Array, Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const weights = [(_T: number, _E: number) => 1, (T: number, E: number) => (1 - T / E) ** 2, (T: number, E: number) => (M_E * T) / (E * E)];
  for (let i = 0; i < n; i++) {
    const T = x[i];
    const lo = eMin(T);
    for (let j = 0; j < 3; j++) {
      F[j][i] = lo >= Emax ? 0 : integrate((E) => reactorSpectrum(E, iso) * weights[j](T, E), lo, Emax, { rtol: 1e-12, what: "the TEXONO spectrum kernel" });
    }
  }
  return { T: x, w, F };
}

let defaultKernel: SpectrumKernel | undefined;
/** The kernel of the published window and spectrum, computed once per process (~ms). */
export function texonoKernel(): SpectrumKernel {
  defaultKernel ??= spectrumKernel();
  return defaultKernel;
}

export type Moments = number[][]; // [w][k]

/** K(T) = 1/(2√2 G_F (2 m_e T + m_X²)). */
export function propagator(T: number, mX: number): number {
  return 1 / (2 * Math.SQRT2 * G_F * (2 * M_E * T + mX * mX));
}

/** The nine moments M[w][k] = Σ_i w_i F_w(T_i) K(T_i)^k at mass m_X (GeV). */
export function moments(kernel: SpectrumKernel, mX: number): Moments {
  const M = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < kernel.T.length; i++) {
    const K = propagator(kernel.T[i], mX);
    for (let j = 0; j < 3; j++) {
      const f = kernel.w[i] * kernel.F[j][i];
      M[j][0] += f;
      M[j][1] += f * K;
      M[j][2] += f * K * K;
    }
  }
  return M;
}

/**
 * The window rate over (2G_F² m_e/π) × flux for ν̄ e, given the SM g_{L,R} and the X coefficients
 * aL = g_νe g_eL, aR = g_νe g_eR: weight 1 goes with G_R², (1 − T/E)² with G_L² (the ν̄ assignment).
 */
export function reducedRate(M: Moments, gL: number, gR: number, aL: number, aR: number): number {
  return (
    gR * gR * M[0][0] + 2 * gR * aR * M[0][1] + aR * aR * M[0][2] +
    gL * gL * M[1][0] + 2 * gL * aL * M[1][1] + aL * aL * M[1][2] -
    (gL * gR * M[2][0] + (gL * aR + gR * aL) * M[2][1] + aL * aR * M[2][2])
  );
}
