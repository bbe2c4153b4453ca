/**
 * Fermion-pair widths of X (GeV), with vector and axial couplings and full threshold factors:
 *   Γ(X→ff̄) = m/(12π) β [g_V² (1 + 2µ²) + g_A² (1 − 4µ²)],  µ = m_f/m, β = √(1 − 4µ²)
 * (Ilten, Soreq, Williams, Xue, arXiv:1801.04847, eq. 2.3 for g_A = 0); N_c = 3 for quarks.
 * Neutrinos, per flavour: Γ(X→νν̄) = g_ν² m/(24π) (left-handed) or g_ν² m/(12π) (Dirac); see NeutrinoWidths.
 *
 * These are the only implementations: WidthCalculator (calculator.ts, what the engine runs) precomputes
 * fermionFactor and neutrinoFactor at its mass and combines them with fermionWidth.
 */

/**
 * The invisible-width convention (shared/data/darkcast/README.md, "Neutrino widths"):
 * - `left` (default; core paper, DarkCast up to v2.0): Γ(X→νν̄) = g_ν² m/(24π) per flavour, left-handed neutrinos only;
 * - `dirac` (DarkCast v2.1): g_ν² m/(12π), as for a Dirac neutrino whose light right-handed partner has the same charge.
 */
export type NeutrinoWidths = "left" | "dirac";
export const NEUTRINO_WIDTHS: readonly NeutrinoWidths[] = ["left", "dirac"];

/** Colours of a quark pair. */
export const N_C = 3;

/** The coupling-independent parts of Γ(X→ff̄) at mass m. */
export interface FermionFactor {
  /** m/(12π) β (1 + 2µ²): multiplies g_V²; zero below threshold. */
  v: number;
  /** m/(12π) β (1 − 4µ²) = m/(12π) β³: multiplies g_A²; zero below threshold. */
  a: number;
}

export function fermionFactor(m: number, mf: number): FermionFactor {
  const mu2 = (mf / m) ** 2;
  if (4 * mu2 >= 1) return { v: 0, a: 0 };
  const pre = (m / (12 * Math.PI)) * Math.sqrt(1 - 4 * mu2);
  return { v: pre * (1 + 2 * mu2), a: pre * (1 - 4 * mu2) };
}

/** Γ(X→ff̄) from the factors at its mass: f.v g_V² + f.a g_A² (one colour). */
export function fermionWidth(f: FermionFactor, gV: number, gA: number): number {
  return f.v * gV * gV + f.a * gA * gA;
}

/** Γ(X→νν̄)/g_ν² per flavour: m/(24π) for left-handed neutrinos, m/(12π) for Dirac ones. */
export function neutrinoFactor(m: number): number {
  return m / (24 * Math.PI);
}

/** Γ(X→ℓℓ̄) of one lepton of mass mf (GeV). */
export function leptonWidth(m: number, mf: number, gV: number, gA: number): number {
  return fermionWidth(fermionFactor(m, mf), gV, gA);
}

/** Γ(X→νν̄) of one neutrino flavour (GeV). */
export function neutrinoWidth(m: number, gNu: number, neutrinos: NeutrinoWidths = "left"): number {
  // A Dirac partner with the same charge doubles the width (x_N = x_L); WidthCalculator handles x_N ≠ x_L.
  return neutrinoFactor(m) * gNu * gNu * (neutrinos === "dirac" ? 2 : 1);
}
