import { readFileSync } from "node:fs";
import { levenbergMarquardt } from "ml-levenberg-marquardt";
import { repoPath } from "../../src/paths.js";
import { nelderMead } from "../../src/numerics/nelderMead.js";
import { mulberry32 } from "../../src/numerics/random.js";
import { boundAndMinimum, NotPositiveDefiniteError, nsiForm } from "./chi2.js";
import { type Calibration, type NsiParameters, SIGMA_CHI, SIGMA_EPS_REL, TABLE2, TABLE3 } from "./inputs.js";

/**
 * The refit of η and Ȳ_n to Table 2 with the loss of eq. (A.15):
 *   λ = Σ_i [(ε0^bnd(θ_i) − ε̂_i)/(0.1 ε̂_i)]² + Σ_i [(Δχ²_min(θ_i) − Δχ̂²_i)/2]².
 * The covariance stays positive definite by construction: C = D L Lᵀ D with D = diag(σ) and L the Cholesky
 * factor of the correlation matrix in spherical angles, rows (1,0,0), (cos t1, sin t1, 0),
 * (cos t2, sin t2 cos t3, sin t2 sin t3), so ρ_eµ = cos t1, ρ_eτ = cos t2, ρ_µτ = cos t1 cos t2 + sin t1 sin t2 cos t3.
 * Parameters: p = (E0_e, E0_µ, E0_τ, ln σ_e, ln σ_µ, ln σ_τ, t1, t2, t3, Ȳ_n).
 * Search: seeded multi-start Nelder–Mead, then a Levenberg–Marquardt polish of the best starts on the residuals.
 */
export interface RefitRecipe {
  seed: number;
  starts: number;
  polish: number;
  nmEvaluations: number;
}

/** The committed recipe (fits/nsi-refit/recipe.json). */
export function loadRecipe(): RefitRecipe {
  const r = JSON.parse(readFileSync(repoPath("fits/nsi-refit/recipe.json"), "utf8"));
  return { seed: r.seed, starts: r.starts, polish: r.polish, nmEvaluations: r.nmEvaluations };
}

export function toParameters(p: readonly number[]): NsiParameters {
  const [t1, t2, t3] = [p[6], p[7], p[8]];
  const emu = Math.cos(t1);
  const etau = Math.cos(t2);
  const mutau = Math.cos(t1) * Math.cos(t2) + Math.sin(t1) * Math.sin(t2) * Math.cos(t3);
  return {
    E0: [p[0], p[1], p[2]],
    sigma: [Math.exp(p[3]), Math.exp(p[4]), Math.exp(p[5])],
    rho: { emu, etau, mutau },
    Yn: p[9],
  };
}

/** The residual of a point outside the domain: a covariance that is not positive definite, or an overflow. */
const PENALTY = 1e6;

/** The number of residuals of `table`: one bound per row, then one minimum per row that quotes one (19 for Table 2). */
export function residualCount(table: readonly Calibration[] = TABLE2): number {
  return table.length + table.filter((c) => c.dchi2Min !== null).length;
}

/**
 * Residuals r_i/σ_i of eq. (A.15): 10 bounds, then the 9 minima (the N/A row is skipped). Outside the domain every
 * residual is PENALTY: where the covariance is not positive definite (all of them), and where a bound or minimum
 * overflows (a covariance so degenerate that vᵀC⁻¹v is not representable, e.g. σ_e ~ 1e-96 next to σ_µ ~ 60,
 * where the Levenberg–Marquardt polish wanders).
 */
export function residuals(params: NsiParameters, table: readonly Calibration[] = TABLE2): number[] {
  let f: ReturnType<typeof nsiForm>;
  try {
    f = nsiForm(params);
  } catch (e) {
    if (e instanceof NotPositiveDefiniteError) return new Array(residualCount(table)).fill(PENALTY);
    throw e;
  }
  const out: number[] = [];
  const mins: number[] = [];
  for (const c of table) {
    const { bound, dchi2Min } = boundAndMinimum(f, c.theta);
    const rb = (bound - c.bound) / (SIGMA_EPS_REL * c.bound);
    out.push(Number.isFinite(rb) ? rb : PENALTY);
    if (c.dchi2Min !== null) {
      const rm = (dchi2Min - c.dchi2Min) / SIGMA_CHI;
      mins.push(Number.isFinite(rm) ? rm : PENALTY);
    }
  }
  return out.concat(mins);
}

export function loss(params: NsiParameters, table: readonly Calibration[] = TABLE2): number {
  return residuals(params, table).reduce((s, r) => s + r * r, 0);
}

export interface CalibrationRow {
  theta: number[];
  bound: number;
  target: number;
  dchi2Min: number;
  dchi2MinTarget: number | null;
}

export interface RefitResult {
  lambda: number;
  eta: NsiParameters;
  /** The unconstrained parameter vector p (full precision). */
  p: number[];
  calibration: CalibrationRow[];
  recipe: RefitRecipe;
}

/** Each calibration model's bound and minimum under parameters η. */
export function calibrationTable(eta: NsiParameters, table: readonly Calibration[] = TABLE2): CalibrationRow[] {
  const f = nsiForm(eta);
  return table.map((c) => {
    const r = boundAndMinimum(f, c.theta);
    return { theta: [...c.theta], bound: r.bound, target: c.bound, dchi2Min: r.dchi2Min, dchi2MinTarget: c.dchi2Min };
  });
}

/** Run the refit (deterministic for a given recipe). */
export function refit(recipe: RefitRecipe = loadRecipe()): RefitResult {
  const rand = mulberry32(recipe.seed);
  const u = (a: number, b: number) => a + (b - a) * rand();
  const obj = (p: number[]) => loss(toParameters(p));
  const found: { x: number[]; fx: number }[] = [];
  for (let s = 0; s < recipe.starts; s++) {
    const x0 = [u(-20, 20), u(-20, 20), u(-20, 20), u(-1, 3.5), u(-1, 3.5), u(-1, 3.5), u(0.05, 3.1), u(0.05, 3.1), u(0.05, 3.1), u(0.8, 1.3)];
    let r = nelderMead(obj, x0, { maxEvaluations: recipe.nmEvaluations, step: [2, 2, 2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.05] });
    r = nelderMead(obj, r.x, { maxEvaluations: recipe.nmEvaluations });
    found.push({ x: r.x, fx: r.fx });
  }
  found.sort((a, b) => a.fx - b.fx);
  let best = found[0];
  for (const cand of found.slice(0, recipe.polish)) {
    const p = polish(cand.x);
    const fx = obj(p);
    if (fx < best.fx) best = { x: p, fx };
  }
  const eta = toParameters(best.x);
  return { lambda: best.fx, eta, p: best.x, calibration: calibrationTable(eta), recipe };
}

/** A Levenberg–Marquardt step overflowed into non-finite parameters (only thrown and caught inside polish). */
class StepLeftDomain extends Error {
  override name = "StepLeftDomain";
}

/**
 * The failures of a Levenberg–Marquardt pass that leave x as it was (ml-levenberg-marquardt 5 / ml-matrix 6): a
 * singular damped JᵀJ (LuDecomposition: "LU matrix is singular"); a JᵀJ with NaN entries, from a Jacobian that
 * overflows near a degenerate covariance (CholeskyDecomposition rejects it: "Matrix is not symmetric", as NaN ≠ NaN);
 * and a step to non-finite parameters (StepLeftDomain).
 */
export function isExpectedLmFailure(e: unknown): boolean {
  return e instanceof StepLeftDomain || (e instanceof Error && (e.message === "LU matrix is singular" || e.message === "Matrix is not symmetric"));
}

/** Levenberg–Marquardt on the residual vector (data y = 0, residuals already divided by their σ). */
function polish(x0: number[]): number[] {
  const n = residualCount();
  const idx = Array.from({ length: n }, (_, i) => i);
  let x = x0;
  for (let pass = 0; pass < 3; pass++) {
    try {
      const fit = levenbergMarquardt(
        { x: idx, y: new Array(n).fill(0) },
        (p: number[]) => {
          if (!p.every(Number.isFinite)) throw new StepLeftDomain(`Levenberg–Marquardt step to p = [${p.join(", ")}]`);
          const r = residuals(toParameters(p));
          return (i: number) => r[i];
        },
        { initialValues: x, damping: 1e-3, gradientDifference: 1e-7, centralDifference: true, maxIterations: 300, errorTolerance: 1e-14, improvementThreshold: 1e-6 },
      );
      const next = fit.parameterValues as number[];
      if (loss(toParameters(next)) < loss(toParameters(x))) x = next;
    } catch (e) {
      // A flat direction makes JᵀJ singular, or the step overflowed: keep x and let the simplex polish it.
      if (!isExpectedLmFailure(e)) throw e;
    }
    const nm = nelderMead((p) => loss(toParameters(p)), x, { maxEvaluations: 4000, ftol: 1e-14, xtol: 1e-12 });
    if (nm.fx < loss(toParameters(x))) x = nm.x;
  }
  return x;
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
