/**
 * Inputs of the approximate NSI-oscillation χ² (core paper, appendix A).
 * Table 2: θ = (x_B, x_e, x_µ, x_τ), the minimum Δχ̂²_min of the global oscillation fit and its 2σ bound ε̂0^bnd,
 * from P. Coloma, M.C. Gonzalez-Garcia, M. Maltoni, JHEP 01 (2021) 114 [2009.14220] (the last row by private
 * communication, see the table's caption). null = "N/A".
 */
export interface Calibration {
  theta: [number, number, number, number];
  dchi2Min: number | null;
  bound: number;
}

export const TABLE2: Calibration[] = [
  { theta: [1, -3, 0, 0], dchi2Min: -1.4, bound: 0.242 },
  { theta: [1, 0, -3, 0], dchi2Min: 0, bound: 0.0128 },
  { theta: [1, 0, 0, -3], dchi2Min: -0.6, bound: 0.0134 },
  { theta: [1, 0, -2 / 3, -2 / 3], dchi2Min: -1.1, bound: 0.293 },
  { theta: [0, 1, -1, 0], dchi2Min: -1.3, bound: 0.0873 },
  { theta: [0, 1, 0, -1], dchi2Min: -1.0, bound: 0.0873 },
  { theta: [0, 1, -1 / 2, -1 / 2], dchi2Min: -1.3, bound: 0.546 },
  { theta: [1, 0, 1, 1], dchi2Min: 0, bound: 0.136 },
  { theta: [0, 1, 2, 2], dchi2Min: -0.1, bound: 0.196 },
  { theta: [1, -2, -1, 0], dchi2Min: null, bound: 1.58 },
];

/** Loss weights of eqs. (A.16)–(A.17): σ_ε,i = 10% of the bound, σ_χ = 2. */
export const SIGMA_EPS_REL = 0.1;
export const SIGMA_CHI = 2;

/** The NSI χ² parameters η and Ȳ_n (eq. A.9). */
export interface NsiParameters {
  E0: [number, number, number];
  sigma: [number, number, number];
  rho: { emu: number; etau: number; mutau: number };
  Yn: number;
}

/** Table 3 as printed (rounded; ρ_µτ = 1.00 makes the covariance indefinite, see README). */
export const TABLE3: NsiParameters = {
  E0: [-1.62, -10.0, -11.15],
  sigma: [5.56, 8.51, 9.59],
  rho: { emu: 0.78, etau: 0.79, mutau: 1.0 },
  Yn: 1.04,
};
