import { C_M_PER_S, HBAR_GEV_S } from "../../src/constants.js";

/**
 * Whether X decays promptly, for the `prompt` column of `u1x limits` (information only; the recast itself uses
 * each search's efficiency model): the lab decay length γβcτ below 1 mm, with a typical boost γβ ≈ max(1, E/m_X)
 * for E ≈ 1 GeV (the energy scale of the e⁺e⁻ and fixed-target searches of the compilation). `totalWidth` is the
 * whole width, the model's extra decay channels included (of every class, `unseen` too: RecastAtMass.totalWidth).
 */
export const PROMPT = { lengthM: 1e-3, energyGeV: 1 } as const;

export function decaysPromptly(totalWidth: number, mX: number): boolean {
  if (!(totalWidth > 0)) return false;
  const ctauM = (HBAR_GEV_S / totalWidth) * C_M_PER_S;
  return ctauM * Math.max(1, PROMPT.energyGeV / mX) < PROMPT.lengthM;
}
