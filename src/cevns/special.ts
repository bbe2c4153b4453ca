import { SolverError } from "../errors.js";

/**
 * Special functions for the detector responses and arrival times of the COHERENT terms (src/cevns/gammaResponse.ts,
 * timing.ts; the argon resolution): the scaled complementary error function, the normal CDF, ln Γ and the
 * regularised incomplete gamma function.
 * Accuracy ~1e-14 relative where the tests compare them (test/coherent2021.test.ts, against tabulated values).
 */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfcx(x) = exp(x²) erfc(x), finite for x ≥ −26 (below 0 it is 2 exp(x²) − erfcx(−x)). For 0 ≤ x < 2 from the
 * Maclaurin series of erf (the cancellation in 1 − erf(x) costs at most e^{x²} ≈ 55 in relative precision at x = 2);
 * for x ≥ 2 from the Laplace continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) by the modified Lentz method.
 */
export function erfcx(x: number): number {
  if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)^n x^{2n+1} / (n! (2n+1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (1 - (2 / SQRT_PI) * sum) * Math.exp(x2);
  }
  // Lentz: f = x + a1/(x + a2/(x + …)), a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let C = f;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    D = D === 0 ? tiny : D;
    C = x + a / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) return 1 / (SQRT_PI * f);
  }
  throw new SolverError("erfcx continued fraction", `x = ${x}`, "500 terms");
}

/** erfc(x) for any x. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  return x > 27 ? 0 : erfcx(x) * Math.exp(-x * x);
}

/** The standard normal CDF Φ(z) = erfc(−z/√2)/2. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * e^{A} Φ(z) without overflow when A is large and Φ(z) tiny: with Φ(z) = erfcx(−z/√2) e^{−z²/2}/2 for z < 0 the
 * product is erfcx(−z/√2) e^{A − z²/2}/2.
 */
export function expTimesNormalCdf(A: number, z: number): number {
  if (z >= 0) return Math.exp(A) * normalCdf(z);
  return 0.5 * erfcx(-z / Math.SQRT2) * Math.exp(A - 0.5 * z * z);
}

/** Lanczos coefficients (g = 7, n = 9), as in Numerical Recipes 3rd ed. section 6.1 and the standard tables. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, relative accuracy ~1e-15). */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma: x must be positive, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0: the series for x < a + 1,
 * else 1 − Q from the Legendre continued fraction (Numerical Recipes 3rd ed. section 6.2).
 */
export function gammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaP: a must be positive, got ${a}`);
  if (!(x > 0)) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  const lnPre = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) return Math.min(1, sum * Math.exp(lnPre));
    }
    throw new SolverError("incomplete gamma series", `a = ${a}, x = ${x}`, "1000 terms");
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) return Math.max(0, 1 - Math.exp(lnPre) * h);
  }
  throw new SolverError("incomplete gamma continued fraction", `a = ${a}, x = ${x}`, "1000 terms");
}
