import { arrayOf, checkShape, finite, object, type Problem } from "../../src/data/validate.js";
import { readCommitted } from "../../src/paths.js";
import { TABLE2, type NsiParameters, TABLE3 } from "./inputs.js";
import { calibrationTable, type CalibrationRow, loss } from "./refit.js";

export const REFIT_RESULT = "fits/nsi-refit/result.json";

let cached: NsiParameters | undefined;

const RHO = finite({ min: -1, max: 1 });
/** The fields of the refit that the likelihood uses: eta (NsiParameters), all finite, σ > 0, |ρ| ≤ 1. */
const REFIT_SHAPE = object({
  eta: object({
    E0: arrayOf(finite(), { length: 3 }),
    sigma: arrayOf(finite({ above: 0 }), { length: 3 }),
    rho: object({ emu: RHO, etau: RHO, mutau: RHO }),
    Yn: finite(),
  }),
});

/** Checks a parsed fits/nsi-refit/result.json. */
export function validateRefitResult(value: unknown): Problem | undefined {
  return checkShape(value, REFIT_SHAPE);
}

/** The committed refit (full precision), which the NSI likelihood uses (read once per process). */
export function committedParameters(): NsiParameters {
  cached ??= readCommitted<{ eta: NsiParameters }>(REFIT_RESULT, "nsi", "u1x nsi-refit --write", validateRefitResult).eta;
  return cached;
}

/**
 * Table 3 as printed, with the smallest change that makes its covariance positive definite: ρ_µτ = 1.00 is
 * lowered to ρ_eµρ_eτ + √((1−ρ_eµ²)(1−ρ_eτ²)) − 1e-4 (the edge of positive definiteness minus 1e-4).
 */
export function table3Regularised(): { eta: NsiParameters; rhoMuTauEdge: number; lambda: number; calibration: CalibrationRow[] } {
  const { emu, etau } = TABLE3.rho;
  const edge = emu * etau + Math.sqrt((1 - emu * emu) * (1 - etau * etau));
  const eta: NsiParameters = { ...TABLE3, rho: { emu, etau, mutau: edge - 1e-4 } };
  return { eta, rhoMuTauEdge: edge, lambda: loss(eta, TABLE2), calibration: calibrationTable(eta) };
}
