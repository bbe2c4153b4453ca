/**
 * Fermion-pair widths of X (GeV), with vector and axial couplings and full threshold factors:
 *   Γ(X→ff̄) = m/(12π) β [g_V² (1 + 2µ²) + g_A² (1 − 4µ²)],  µ = m_f/m, β = √(1 − 4µ²)
 * (Ilten, Soreq, Williams, Xue, arXiv:1801.04847, eq. 2.3 for g_A = 0); multiply by N_c for quarks.
 * Left-handed neutrinos, per flavour: Γ(X→νν̄) = g_ν² m/(24π).
 */
export function leptonWidth(m: number, mf: number, gV: number, gA: number): number {
  const mu2 = (mf / m) ** 2;
  if (4 * mu2 >= 1) return 0;
  const beta = Math.sqrt(1 - 4 * mu2);
  return (m / (12 * Math.PI)) * beta * (gV * gV * (1 + 2 * mu2) + gA * gA * (1 - 4 * mu2));
}

export function neutrinoWidth(m: number, gNu: number): number {
  return (gNu * gNu * m) / (24 * Math.PI);
}
