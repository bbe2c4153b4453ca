import { NonFiniteError } from "../../src/errors.js";
import type { NsiParameters } from "./inputs.js";

/**
 * The approximate NSI χ² of eqs. (A.5)–(A.12):
 *   Ē_α = (x_e + (1 + Ȳ_n) x_B) x_α ε0,   ε0 = g_X²/(√2 G_F m_X²)                   (A.3, A.5)
 *   Δχ² = (Ē − E0)ᵀ C⁻¹ (Ē − E0) − E0ᵀ C⁻¹ E0,   C_αβ = σ_α σ_β ρ_αβ                (A.7, A.12)
 * For Ē = ε0 v this is Δχ²(ε0) = a ε0² − 2 b ε0 with a = vᵀC⁻¹v, b = vᵀC⁻¹E0.
 */
export interface NsiForm {
  /** C⁻¹ (row-major 3×3). */
  Cinv: number[];
  /** C⁻¹ E0. */
  CinvE0: [number, number, number];
  Yn: number;
}

/** The covariance C of an NSI parametrisation is not positive definite (an infinite σ counts as not). */
export class NotPositiveDefiniteError extends RangeError {
  override name = "NotPositiveDefiniteError";
}

/**
 * Precompute C⁻¹ and C⁻¹E0; throws a NotPositiveDefiniteError if C is not positive definite, and a NonFiniteError
 * if a parameter is NaN.
 */
export function nsiForm(p: NsiParameters): NsiForm {
  if (Number.isNaN(p.E0[0] + p.E0[1] + p.E0[2] + p.sigma[0] + p.sigma[1] + p.sigma[2] + p.rho.emu + p.rho.etau + p.rho.mutau + p.Yn)) {
    const named = { E0_e: p.E0[0], E0_mu: p.E0[1], E0_tau: p.E0[2], sigma_e: p.sigma[0], sigma_mu: p.sigma[1], sigma_tau: p.sigma[2], rho_emu: p.rho.emu, rho_etau: p.rho.etau, rho_mutau: p.rho.mutau, Yn: p.Yn };
    // A sum of infinities of both signs is NaN too: only a NaN parameter is an error.
    if (Object.values(named).some(Number.isNaN)) throw new NonFiniteError("the NSI parameters given to nsiForm", named);
  }
  const [se, sm, st] = p.sigma;
  const C = [
    [se * se, se * sm * p.rho.emu, se * st * p.rho.etau],
    [se * sm * p.rho.emu, sm * sm, sm * st * p.rho.mutau],
    [se * st * p.rho.etau, sm * st * p.rho.mutau, st * st],
  ];
  const Cinv = invertSpd3(C);
  const CinvE0 = [0, 1, 2].map((i) => Cinv[3 * i] * p.E0[0] + Cinv[3 * i + 1] * p.E0[1] + Cinv[3 * i + 2] * p.E0[2]) as [number, number, number];
  return { Cinv, CinvE0, Yn: p.Yn };
}

/** Inverse of a symmetric positive-definite 3×3 matrix by Cholesky; throws a NotPositiveDefiniteError if it is not. */
export function invertSpd3(C: number[][]): number[] {
  const L = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j <= i; j++) {
      let s = C[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) throw new NotPositiveDefiniteError("NSI covariance is not positive definite");
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  // inv(C) = inv(L)ᵀ inv(L)
  const Li = [
    [1 / L[0][0], 0, 0],
    [0, 1 / L[1][1], 0],
    [0, 0, 1 / L[2][2]],
  ];
  Li[1][0] = (-L[1][0] * Li[0][0]) / L[1][1];
  Li[2][1] = (-L[2][1] * Li[1][1]) / L[2][2];
  Li[2][0] = (-(L[2][0] * Li[0][0] + L[2][1] * Li[1][0])) / L[2][2];
  const out = new Array(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out[3 * i + j] += Li[k][i] * Li[k][j];
  return out;
}

/** a = vᵀC⁻¹v and b = vᵀC⁻¹E0 for the direction v of model θ = (x_B, x_e, x_µ, x_τ). */
export function quadratic(f: NsiForm, theta: readonly number[]): { a: number; b: number } {
  const [xB, xe, xm, xt] = theta;
  const q = xe + (1 + f.Yn) * xB;
  const v = [q * xe, q * xm, q * xt];
  let a = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) a += v[i] * f.Cinv[3 * i + j] * v[j];
  const b = v[0] * f.CinvE0[0] + v[1] * f.CinvE0[1] + v[2] * f.CinvE0[2];
  return { a, b };
}

/** Δχ² at the NSI vector Ē (eq. A.12). */
export function dchi2At(f: NsiForm, E: readonly number[]): number {
  let q = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q += E[i] * f.Cinv[3 * i + j] * E[j];
  return q - 2 * (E[0] * f.CinvE0[0] + E[1] * f.CinvE0[1] + E[2] * f.CinvE0[2]);
}

/** The 2σ bound ε0^bnd (Δχ² = 4, eq. A.13) and the minimum over ε0 ≥ 0 (eq. A.14) of model θ. */
export function boundAndMinimum(f: NsiForm, theta: readonly number[]): { bound: number; dchi2Min: number } {
  const { a, b } = quadratic(f, theta);
  if (!(a > 0)) return { bound: Number.POSITIVE_INFINITY, dchi2Min: 0 };
  return { bound: (b + Math.sqrt(b * b + 4 * a)) / a, dchi2Min: b > 0 ? (-b * b) / a : 0 };
}
