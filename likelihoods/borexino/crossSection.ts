import { G_F, M_E, SW2_LOW } from "../../src/constants.js";
import { integrate } from "../../src/numerics/integrate.js";

/**
 * ν_α e → ν_α e with an X boson (core paper eqs. 5.8–5.10 with the electron mass kept):
 *   dσ/dT = (2 G_F² m_e/π) [G_L² + G_R² (1 − T/E)² − G_L G_R m_e T/E²],
 *   G_{L,R} = g_{L,R}^α + K(T) g_ν^α g_{eL,eR},   K(T) = 1/(2√2 G_F (2 m_e T + m_X²)),
 * with g_L^e = ½ + s_w² (NC + CC), g_L^{µ,τ} = −½ + s_w², g_R = s_w² (s_w² at q → 0), and absolute X couplings.
 * The recoil integral over 0 ≤ T ≤ T_max = 2E²/(m_e + 2E) is reduced to nine moments
 *   M[w][k] = ∫ dT w(T) K(T)^k,  w ∈ {1, (1 − T/E)², m_e T/E²},  k = 0, 1, 2,
 * that depend only on m_X: the per-point cost is a few multiplications.
 */
export type Moments = number[][]; // [w][k]

export function tMax(E: number): number {
  return (2 * E * E) / (M_E + 2 * E);
}

export function moments(E: number, mX: number): Moments {
  const Tm = tMax(E);
  const K = (T: number) => 1 / (2 * Math.SQRT2 * G_F * (2 * M_E * T + mX * mX));
  const ws = [(_T: number) => 1, (T: number) => (1 - T / E) ** 2, (T: number) => (M_E * T) / (E * E)];
  return ws.map((w) => [0, 1, 2].map((k) => integrate((T) => w(T) * K(T) ** k, 0, Tm, { rtol: 1e-12 })));
}

export const SM_GL = [0.5 + SW2_LOW, -0.5 + SW2_LOW, -0.5 + SW2_LOW];
export const SM_GR = SW2_LOW;

/** σ/(2G_F² m_e/π) for flavour α given the X-exchange coefficients aL = g_ν g_eL, aR = g_ν g_eR. */
export function reducedCrossSection(M: Moments, gL: number, gR: number, aL: number, aR: number): number {
  return (
    gL * gL * M[0][0] + 2 * gL * aL * M[0][1] + aL * aL * M[0][2] +
    gR * gR * M[1][0] + 2 * gR * aR * M[1][1] + aR * aR * M[1][2] -
    (gL * gR * M[2][0] + (gL * aR + gR * aL) * M[2][1] + aL * aR * M[2][2])
  );
}
