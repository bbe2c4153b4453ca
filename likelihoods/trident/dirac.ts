/**
 * Numerical Dirac algebra in the chiral (Weyl) basis of Peskin & Schroeder (eqs. 3.25, 3.50–3.62):
 *   γ^µ = [[0, σ^µ], [σ̄^µ, 0]],  σ^µ = (1, σ⃗), σ̄^µ = (1, −σ⃗),  γ⁵ = diag(−1, −1, 1, 1),
 *   u(p) = (√(p·σ) ξ, √(p·σ̄) ξ),  v(p) = (√(p·σ) η, −√(p·σ̄) η).
 * Complex numbers are interleaved (re, im). A spinor is a Float64Array(8); a 4×4 matrix is a Float64Array(32),
 * row-major. Four-vectors are real [E, px, py, pz] with metric (+, −, −, −), or complex (re[4], im[4]).
 */

export type Vec4 = ArrayLike<number>;

/** p·q with metric (+, −, −, −). */
export function mdot(p: Vec4, q: Vec4): number {
  return p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3];
}

/**
 * Slash of a complex four-vector a = re + i·im: a̸ = [[0, a·σ], [a·σ̄, 0]] with a·σ = a⁰ − a⃗·σ⃗ and
 * a·σ̄ = a⁰ + a⃗·σ⃗ (contravariant components). Adds m·1 on the diagonal. Writes into out.
 */
export function slash(re: Vec4, im: Vec4 | null, m: number, out: Float64Array): Float64Array {
  out.fill(0);
  const i0 = im ? im[0] : 0;
  const ix = im ? im[1] : 0;
  const iy = im ? im[2] : 0;
  const iz = im ? im[3] : 0;
  // a⃗·σ⃗ = [[az, ax − i ay], [ax + i ay, −az]]
  const sr = [re[3], re[1] + iy, re[1] - iy, -re[3]];
  const si = [iz, ix - re[2], ix + re[2], -iz];
  for (let r = 0; r < 2; r++)
    for (let c = 0; c < 2; c++) {
      const k = 2 * r + c;
      const d = r === c ? 1 : 0;
      // upper-right block (rows 0–1, cols 2–3): a⁰ − a⃗·σ⃗
      out[2 * (4 * r + c + 2)] = d * re[0] - sr[k];
      out[2 * (4 * r + c + 2) + 1] = d * i0 - si[k];
      // lower-left block (rows 2–3, cols 0–1): a⁰ + a⃗·σ⃗
      out[2 * (4 * (r + 2) + c)] = d * re[0] + sr[k];
      out[2 * (4 * (r + 2) + c) + 1] = d * i0 + si[k];
    }
  for (let d = 0; d < 4; d++) out[2 * (5 * d)] += m;
  return out;
}

/** out = r·M (row spinor times matrix). */
export function rowMat(r: Float64Array, M: Float64Array, out: Float64Array): Float64Array {
  for (let c = 0; c < 4; c++) {
    let xr = 0;
    let xi = 0;
    for (let k = 0; k < 4; k++) {
      const ar = r[2 * k];
      const ai = r[2 * k + 1];
      const br = M[2 * (4 * k + c)];
      const bi = M[2 * (4 * k + c) + 1];
      xr += ar * br - ai * bi;
      xi += ar * bi + ai * br;
    }
    out[2 * c] = xr;
    out[2 * c + 1] = xi;
  }
  return out;
}

/** out = M·c (matrix times column spinor). */
export function matCol(M: Float64Array, c: Float64Array, out: Float64Array): Float64Array {
  for (let r = 0; r < 4; r++) {
    let xr = 0;
    let xi = 0;
    for (let k = 0; k < 4; k++) {
      const ar = M[2 * (4 * r + k)];
      const ai = M[2 * (4 * r + k) + 1];
      const br = c[2 * k];
      const bi = c[2 * k + 1];
      xr += ar * br - ai * bi;
      xi += ar * bi + ai * br;
    }
    out[2 * r] = xr;
    out[2 * r + 1] = xi;
  }
  return out;
}

/** Bilinear r·c (no conjugation) as [re, im]; with g5 = true, r·γ⁵·c. */
export function bilinear(r: Float64Array, c: Float64Array, g5 = false): [number, number] {
  let xr = 0;
  let xi = 0;
  for (let k = 0; k < 4; k++) {
    const s = g5 && k < 2 ? -1 : 1;
    xr += s * (r[2 * k] * c[2 * k] - r[2 * k + 1] * c[2 * k + 1]);
    xi += s * (r[2 * k] * c[2 * k + 1] + r[2 * k + 1] * c[2 * k]);
  }
  return [xr, xi];
}

/**
 * Helicity two-spinors along the unit vector n: (n⃗·σ⃗) ξ_± = ±ξ_±, as [re0, im0, re1, im1].
 * ξ₊ = (cos θ/2, e^{iφ} sin θ/2), ξ₋ = (−e^{−iφ} sin θ/2, cos θ/2).
 */
export function helicitySpinor(n: Vec4, h: 1 | -1): [number, number, number, number] {
  const c = Math.sqrt(Math.max(0, (1 + n[3]) / 2));
  const s = Math.sqrt(Math.max(0, (1 - n[3]) / 2));
  const rho = Math.hypot(n[1], n[2]);
  const er = rho > 0 ? n[1] / rho : 1; // e^{iφ}
  const ei = rho > 0 ? n[2] / rho : 0;
  return h === 1 ? [c, 0, er * s, ei * s] : [-er * s, ei * s, c, 0];
}

function direction(p: Vec4): [number, number, number, number, number] {
  const pp = Math.hypot(p[1], p[2], p[3]);
  return pp > 0 ? [0, p[1] / pp, p[2] / pp, p[3] / pp, pp] : [0, 0, 0, 1, 0];
}

/** u(p, h) for helicity h; the mass enters through E ∓ |p⃗| (at rest h is the spin along z). */
export function uSpinor(p: Vec4, h: 1 | -1, out = new Float64Array(8)): Float64Array {
  const [, ...rest] = direction(p);
  const pp = rest[3];
  const xi = helicitySpinor([0, rest[0], rest[1], rest[2]], h);
  const lo = Math.sqrt(Math.max(0, p[0] - h * pp)); // √(p·σ) on ξ_h
  const hi = Math.sqrt(Math.max(0, p[0] + h * pp)); // √(p·σ̄) on ξ_h
  for (let k = 0; k < 4; k++) {
    out[k] = lo * xi[k];
    out[4 + k] = hi * xi[k];
  }
  return out;
}

/** v(p, η = ξ_h): a complete spin basis for Σ v v̄ = p̸ − m. */
export function vSpinor(p: Vec4, h: 1 | -1, out = new Float64Array(8)): Float64Array {
  uSpinor(p, h, out);
  for (let k = 4; k < 8; k++) out[k] = -out[k];
  return out;
}

/** ū = u†γ⁰: swap the two chiral halves and conjugate, as a row spinor. */
export function bar(u: Float64Array, out = new Float64Array(8)): Float64Array {
  for (let k = 0; k < 2; k++) {
    out[2 * k] = u[2 * (k + 2)];
    out[2 * k + 1] = -u[2 * (k + 2) + 1];
    out[2 * (k + 2)] = u[2 * k];
    out[2 * (k + 2) + 1] = -u[2 * k + 1];
  }
  return out;
}

/**
 * Left-handed massless current J^µ = ū(p₂) γ^µ P_L u(p₁) = √(4E₁E₂) ξ₋(p̂₂)† σ̄^µ ξ₋(p̂₁), as (re[4], im[4]).
 */
export function leftCurrent(p1: Vec4, p2: Vec4): { re: number[]; im: number[] } {
  const a = helicitySpinor(direction(p1), -1);
  const b = helicitySpinor(direction(p2), -1);
  const norm = Math.sqrt(4 * p1[0] * p2[0]);
  // b† M a for M = 1, σx, σy, σz; b† = conj(b).
  const [ar0, ai0, ar1, ai1] = a;
  const [br0, bi0, br1, bi1] = b;
  const cdot = (xr: number, xi: number, yr: number, yi: number): [number, number] => [xr * yr + xi * yi, xr * yi - xi * yr]; // conj(x)·y
  const add = (u: [number, number], v: [number, number]): [number, number] => [u[0] + v[0], u[1] + v[1]];
  const one = add(cdot(br0, bi0, ar0, ai0), cdot(br1, bi1, ar1, ai1));
  const sx = add(cdot(br0, bi0, ar1, ai1), cdot(br1, bi1, ar0, ai0));
  // σy a = (−i a1, i a0)
  const sy = add(cdot(br0, bi0, ai1, -ar1), cdot(br1, bi1, -ai0, ar0));
  const sz = add(cdot(br0, bi0, ar0, ai0), cdot(br1, bi1, -ar1, -ai1));
  return {
    re: [norm * one[0], -norm * sx[0], -norm * sy[0], -norm * sz[0]],
    im: [norm * one[1], -norm * sx[1], -norm * sy[1], -norm * sz[1]],
  };
}
