import { integrate } from "../../src/numerics/integrate.js";

/**
 * One-loop contribution of a neutral vector X with couplings g X̄ (g_V − g_A γ5) µ to a_µ, valid for any m_X
 * (Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1, eqs. 7.14–7.15; Leveille, Nucl. Phys. B137 (1978) 63):
 *   Δa_µ = (1/4π²) λ² [g_V² L_V(λ) + g_A² L_A(λ)],   λ = m_µ/m_X,
 *   L_V = ∫₀¹ dx x²(1−x)/D,   L_A = ∫₀¹ dx [x(1−x)(x−4) − 2λ²x³]/D,   D = λ²x² − x + 1.
 * Limits: λ → 0 gives L_V = 1/3, L_A = −5/3; λ → ∞ gives λ²L_V → 1/2, λ²L_A/λ² → −1 (eq. 2.5).
 */
export function loopFunctions(lambda: number): { LV: number; LA: number } {
  const l2 = lambda * lambda;
  const D = (x: number) => l2 * x * x - x + 1;
  // The integrands peak at x ~ 1/λ for light X: split there.
  const bp = lambda > 1 ? [0.01, 0.1, 1, 10, 100].map((k) => k / lambda).filter((x) => x < 1) : [];
  const opts = { rtol: 1e-13, breakpoints: bp, maxIntervals: 5000 };
  const LV = integrate((x) => (x * x * (1 - x)) / D(x), 0, 1, opts);
  const LA = integrate((x) => (x * (1 - x) * (x - 4) - 2 * l2 * x ** 3) / D(x), 0, 1, opts);
  return { LV, LA };
}

/** Coefficients k_V, k_A with Δa_µ = k_V g_V² + k_A g_A² at mass m_X (precomputed once per mass). */
export function amuCoefficients(mMu: number, mX: number): { kV: number; kA: number } {
  const lambda = mMu / mX;
  const { LV, LA } = loopFunctions(lambda);
  const pre = (lambda * lambda) / (4 * Math.PI * Math.PI);
  return { kV: pre * LV, kA: pre * LA };
}

/** Δa_µ = k_V g_V² + k_A g_A² for the muon's vector and axial couplings (the one formula every caller uses). */
export function deltaAmu(k: { kV: number; kA: number }, gV: number, gA: number): number {
  return k.kV * gV * gV + k.kA * gA * gA;
}
