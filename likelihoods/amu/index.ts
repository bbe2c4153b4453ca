import { M_MU } from "../../src/constants.js";
import { UserError } from "../../src/errors.js";
import type { Likelihood } from "../../src/likelihood/types.js";
import { AMU_INPUTS, DEFAULT_INPUTS } from "./inputs.js";
import { amuCoefficients } from "./loop.js";

interface Prepared {
  kV: number;
  kA: number;
  central: number;
  sigma: number;
}

/** Δχ²_aµ of eq. (B.2): ((Δa_µ^NP − Δa_µ^exp)/σ)², Δa_µ^NP at full one loop (loop.ts). */
export const amu: Likelihood<Prepared> = {
  name: "amu",
  cite: "core paper eq. (B.2); loop functions of Jegerlehner & Nyffeler (2009)",
  description: "muon anomalous magnetic moment",
  prepare(_model, mX, options) {
    const set = AMU_INPUTS[options.inputs ?? DEFAULT_INPUTS];
    if (!set) throw new UserError(`unknown --inputs '${options.inputs}' (known: ${Object.keys(AMU_INPUTS).join(", ")})`);
    const { kV, kA } = amuCoefficients(M_MU, mX);
    return { kV, kA, central: set.central * 1e-11, sigma: set.sigma * 1e-11 };
  },
  evaluate(p, c) {
    const da = p.kV * c.mu.V * c.mu.V + p.kA * c.mu.A * c.mu.A;
    const z = (da - p.central) / p.sigma;
    return { dchi2: z * z, observables: { deltaAmu: da } };
  },
};
