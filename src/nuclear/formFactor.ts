import { HBARC_GEV_M } from "../constants.js";

/**
 * Helm form factor with the Lewin–Smith parameters (J.D. Lewin, P.F. Smith, Astropart. Phys. 6 (1996) 87):
 * F = 3 j₁(qR)/(qR) e^{−q²s²/2}, s = 0.9 fm, R² = c² + 7/3 π² a² − 5 s², c = 1.23 A^{1/3} − 0.6 fm, a = 0.52 fm.
 */
export function helmFormFactor(q: number, A: number): number {
  const fm = 1e-15 / HBARC_GEV_M; // 1 fm in GeV⁻¹
  const s = 0.9 * fm;
  const a = 0.52 * fm;
  const c = (1.23 * A ** (1 / 3) - 0.6) * fm;
  const R = Math.sqrt(c * c + (7 / 3) * Math.PI ** 2 * a * a - 5 * s * s);
  const x = q * R;
  const j1 = x < 1e-4 ? x / 3 - (x * x * x) / 30 : (Math.sin(x) - x * Math.cos(x)) / (x * x);
  const f = x < 1e-4 ? 1 - (x * x) / 10 : (3 * j1) / x;
  return f * Math.exp((-q * q * s * s) / 2);
}
