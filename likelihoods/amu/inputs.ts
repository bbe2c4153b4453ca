/**
 * Δa_µ = a_µ^exp − a_µ^SM input sets, in units of 1e-11 (selected with `--inputs`).
 */
export interface AmuInputs {
  name: string;
  central: number;
  sigma: number;
  cite: string;
}

export const AMU_INPUTS: Record<string, AmuInputs> = {
  /** The core paper's value, eq. (2.5) and appendix B: Muon g−2 (FNAL run 1 + BNL) vs the 2020 White Paper. */
  paper2022: {
    name: "paper2022",
    central: 251,
    sigma: 59,
    cite: "B. Abi et al. (Muon g-2), PRL 126 (2021) 141801 [2104.03281]; T. Aoyama et al., Phys. Rept. 887 (2020) 1 [2006.04822]",
  },
  /**
   * Current: the final world average a_µ^exp = 116 592 071.5(14.5)e-11 (Muon g−2, arXiv:2506.03069) against the
   * 2025 Theory Initiative prediction a_µ^SM = 116 592 033(62)e-11 (arXiv:2505.21476):
   * Δa_µ = 38.5 ± √(14.5² + 62²) = 38.5 ± 63.7.
   */
  "2025": {
    name: "2025",
    central: 116592071.5 - 116592033,
    sigma: Math.hypot(14.5, 62),
    cite: "D.P. Aguillard et al. (Muon g-2), arXiv:2506.03069; R. Aliberti et al. (Theory Initiative), arXiv:2505.21476",
  },
};

export const DEFAULT_INPUTS = "paper2022";
