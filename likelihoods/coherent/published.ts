/**
 * Published contact-NSI results of the analysis this module follows: Denton & Gehrlein, JHEP 04 (2021) 266
 * [2008.06062], 12 time × 12 energy bins, asymmetric pulls, no marginalisation over other NSI. Feldman–Cousins
 * confidence level (%) against ε_αα^V, where ε^u = ε^d = ε_αα^V (vector NSI with quarks, heavy mediator).
 * Source: the data files accompanying the paper, github.com/JuliaGehrlein/7stats, commit cbb3433,
 * datafiles_out/results_epsee_nomarg_144bins_newpull.txt and results_epsmm_nomarg_144bins_newpull.txt.
 * Values are rounded to the printed grid; the CL column is as published.
 */
export const DG_FC_EPS_EE: readonly (readonly [number, number])[] = [
  [-0.21, 99.8], [-0.16, 100], [-0.11, 98.2], [-0.08, 98.4], [-0.06, 94.4], [-0.043, 90.6], [-0.03, 87.0],
  [-0.01, 72.1], [0.02, 23.5], [0.032, 0.8], [0.04, 13.4], [0.07, 72.9], [0.09, 75.4], [0.1, 75.4], [0.12, 72.9],
  [0.15, 13.4], [0.158, 0.8], [0.17, 23.5], [0.2, 72.1], [0.22, 87.0], [0.233, 90.6], [0.25, 94.4], [0.27, 98.4],
  [0.3, 98.2], [0.35, 100], [0.4, 99.8],
];

export const DG_FC_EPS_MM: readonly (readonly [number, number])[] = [
  [-0.61, 97.2], [-0.51, 96.2], [-0.41, 95.8], [-0.31, 95.1], [-0.26, 95.2], [-0.21, 96.3], [-0.19, 94.3],
  [-0.16, 93.7], [-0.145, 93.5], [-0.125, 90.4], [-0.11, 87.2], [-0.06, 80.4], [-0.01, 49.5], [0.0042, 0.2],
  [0.02, 76.2], [0.03, 91.3], [0.04, 96.3], [0.09, 100], [0.1, 100], [0.15, 96.3], [0.16, 91.3], [0.17, 76.2],
  [0.1858, 0.2], [0.2, 49.5], [0.25, 80.4], [0.3, 87.2], [0.315, 90.4], [0.335, 93.5], [0.35, 93.7], [0.38, 94.3],
  [0.4, 96.3], [0.45, 95.2], [0.5, 95.1], [0.6, 95.8], [0.7, 96.2], [0.8, 97.2],
];
