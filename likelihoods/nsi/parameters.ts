import { arrayOf, checkShape, finite, object, type Problem } from "../../src/data/validate.js";
import { readCommitted } from "../../src/paths.js";
import type { NsiParameters } from "./inputs.js";

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
