import { E_CHARGE, M_Z, SW2_MZ } from "../constants.js";
import { UserError } from "../errors.js";
import type { Model } from "../models/model.js";

/**
 * Effective couplings of the X mass eigenstate to SM fermions (core paper eqs. 2.2 and 3.5–3.10, 3.18).
 *
 * With kinetic mixing ε to the photon (ε = c_w ε_Y, eq. 3.19), the current that X couples to is
 *   g_X J_X,eff = g_X J_X + e c_w c_θ ε̂_Y J_EM + g_Z c_θ (t_θ − s_w ε̂_Y) J_Z            (eq. 3.10)
 * where ε̂_Y = ε_Y/√(1−ε_Y²), t_θ of eq. (3.6) and r_X = m_X/m_Z. For m_X ≪ m_Z the last term is
 * suppressed by r_X² and the charge shift reduces to x_f → x_f + ε e Q_f/(g_X √(1−ε²)) (eq. 2.2).
 * Couplings are absolute (they include g_X); chiral L/R values, vector V = (L+R)/2 and axial A = (L−R)/2
 * in the convention g X̄ (q_V − q_A γ5) f of eq. (2.4).
 */
export interface ChiralCoupling {
  L: number;
  R: number;
  V: number;
  A: number;
}

export interface Couplings {
  gX: number;
  /** Kinetic mixing with the photon, ε. */
  eps: number;
  /** ε e / g_X (Table 1's column); NaN when g_X = 0. */
  epsRatio: number;
  mX: number;
  e: ChiralCoupling;
  mu: ChiralCoupling;
  tau: ChiralCoupling;
  /** Left-handed neutrino couplings ν_e, ν_µ, ν_τ. */
  nu: readonly [number, number, number];
  u: ChiralCoupling;
  d: ChiralCoupling;
  /** Vector couplings of proton (2u + d) and neutron (u + 2d). */
  p: number;
  n: number;
}

/** How the kinetic mixing is given: ε itself, or ε e/g_X. */
export type Mixing = { eps: number } | { epsRatio: number };

export interface MixingCoefficients {
  /** Coefficient of e Q_f (≈ ε). */
  photon: number;
  /** Coefficient of g_Z J_Z (∝ ε r_X²/(1−r_X²)). */
  z: number;
}

const SW = Math.sqrt(SW2_MZ);
const CW = Math.sqrt(1 - SW2_MZ);
const G_Z = E_CHARGE / (SW * CW);

/** ε̂_Y = ε_Y/√(1−ε_Y²) with ε_Y = ε/c_w (eqs. 3.7, 3.19). */
export function epsYHat(eps: number): number {
  const epsY = eps / CW;
  if (Math.abs(epsY) >= 1) throw new UserError(`kinetic mixing |ε| = ${Math.abs(eps)} is unphysical (|ε_Y| = |ε|/c_w must be < 1)`);
  return epsY / Math.sqrt(1 - epsY * epsY);
}

/** t_θ of eq. (3.6); the branch keeps |t_θ| ≤ 1. */
export function tanTheta(eps: number, mX: number): number {
  const a = SW * epsYHat(eps);
  const b = 1 - (mX / M_Z) ** 2;
  return Math.abs(a) < Math.abs(b) ? a / b : b / a;
}

/** The ε-dependent coefficients of eq. (3.10) at mass m_X (GeV). */
export function mixingCoefficients(eps: number, mX: number): MixingCoefficients {
  if (eps === 0) return { photon: 0, z: 0 };
  const hat = epsYHat(eps);
  const t = tanTheta(eps, mX);
  const c = 1 / Math.sqrt(1 + t * t);
  return { photon: CW * c * hat, z: c * (t - SW * hat) };
}

/** ε from ε e/g_X at coupling g_X. */
export function epsFromRatio(ratio: number, gX: number): number {
  return (ratio * gX) / E_CHARGE;
}

/** Resolve the mixing to ε. */
export function resolveEps(mix: Mixing, gX: number): number {
  return "eps" in mix ? mix.eps : epsFromRatio(mix.epsRatio, gX);
}

// Electric charges and weak isospin (T3 of the left-handed component).
const FERMIONS = {
  e: { Q: -1, T3: -0.5 },
  u: { Q: 2 / 3, T3: 0.5 },
  d: { Q: -1 / 3, T3: -0.5 },
  nu: { Q: 0, T3: 0.5 },
};

function chiral(gX: number, xL: number, xR: number, f: { Q: number; T3: number }, mc: MixingCoefficients): ChiralCoupling {
  const shiftEM = E_CHARGE * mc.photon * f.Q;
  const L = gX * xL + shiftEM + G_Z * mc.z * (f.T3 - f.Q * SW2_MZ);
  const R = gX * xR + shiftEM + G_Z * mc.z * (-f.Q * SW2_MZ);
  return { L, R, V: (L + R) / 2, A: (L - R) / 2 };
}

/** All effective couplings of model at (g_X, mixing) and mass m_X (GeV). */
export function couplings(model: Model, gX: number, mix: Mixing, mX: number): Couplings {
  const eps = resolveEps(mix, gX);
  const mc = mixingCoefficients(eps, mX);
  const lep = [0, 1, 2].map((i) => chiral(gX, model.xL[i], model.xE[i], FERMIONS.e, mc));
  const nu = [0, 1, 2].map((i) => gX * model.xL[i] + G_Z * mc.z * FERMIONS.nu.T3) as [number, number, number];
  const u = chiral(gX, model.xq, model.xq, FERMIONS.u, mc);
  const d = chiral(gX, model.xq, model.xq, FERMIONS.d, mc);
  return {
    gX,
    eps,
    epsRatio: gX === 0 ? Number.NaN : (eps * E_CHARGE) / gX,
    mX,
    e: lep[0],
    mu: lep[1],
    tau: lep[2],
    nu,
    u,
    d,
    p: 2 * u.V + d.V,
    n: u.V + 2 * d.V,
  };
}
