import { bar, bilinear, matCol, mdot, rowMat, slash, uSpinor, type Vec4, vSpinor } from "./dirac.js";

/**
 * ν(p₁) γ(k) → ν(p₂) µ⁻(p₃) µ⁺(p₄) through the contact interaction
 *   L = −√2 G_F [ν̄ γ^α P_L ν] [µ̄ γ_α (C_V − C_A γ⁵) µ]
 * with the photon attached to either muon leg:
 *   M = √2 G_F e L^α ū₃ [ ε̸ S₃ Γ_α + Γ_α S₄ ε̸ ] v₄,  Γ_α = γ_α (C_V − C_A γ⁵),
 *   S₃ = (p̸₃ − k̸ + m)/((p₃ − k)² − m²),  S₄ = (k̸ − p̸₄ + m)/((k − p₄)² − m²),
 *   L^α = ū(p₂) γ^α P_L u(p₁).
 * The pieces H_V (C_V = 1, C_A = 0) and H_A (C_V = 0, C_A = 1) are summed over the muon spins and two
 * transverse photon polarisations; |M|² averaged over the photon polarisation is then
 *   G_F² e² [C_V² vv + C_A² aa + 2 C_V C_A va].
 * An X boson with propagator 1/(m_X² − t), t = (p₁ − p₂)², shifts C_V and C_A by t-dependent amounts, which is
 * why the kernel keeps the t distribution (kernel.ts).
 */
export interface AmplitudeSums {
  vv: number;
  aa: number;
  va: number;
}

/** Scratch buffers for one evaluator (the hot loop allocates nothing). */
export function makeAmplitude(m: number) {
  const Lsl = new Float64Array(32);
  const eps = [new Float64Array(32), new Float64Array(32)];
  const S3 = new Float64Array(32);
  const S4 = new Float64Array(32);
  const u3 = [new Float64Array(8), new Float64Array(8)];
  const v4 = [new Float64Array(8), new Float64Array(8)];
  const r3 = [new Float64Array(8), new Float64Array(8)];
  const rL = [new Float64Array(8), new Float64Array(8)];
  const t1 = new Float64Array(8);
  const t2 = new Float64Array(8);
  const rowA = new Float64Array(8);
  const colB = [new Float64Array(8), new Float64Array(8)];
  const q = new Float64Array(4);
  let kk: Vec4 = [0, 0, 0, 0];

  return {
    /** Fix the neutrino current L (complex), the photon momentum and its two polarisation vectors. */
    setFrame(L: { re: number[]; im: number[] }, k: Vec4, pol: [Vec4, Vec4]): void {
      slash(L.re, L.im, 0, Lsl);
      kk = k;
      slash(pol[0], null, 0, eps[0]);
      slash(pol[1], null, 0, eps[1]);
    },
    /** Sums for the muon momenta p₃ (µ⁻) and p₄ (µ⁺). */
    sums(p3: Vec4, p4: Vec4, out: AmplitudeSums): AmplitudeSums {
      for (let i = 0; i < 4; i++) q[i] = p3[i] - kk[i];
      slash(q, null, m, S3);
      const d3 = -2 * mdot(p3, kk);
      for (let i = 0; i < 32; i++) S3[i] /= d3;
      for (let i = 0; i < 4; i++) q[i] = kk[i] - p4[i];
      slash(q, null, m, S4);
      const d4 = -2 * mdot(p4, kk);
      for (let i = 0; i < 32; i++) S4[i] /= d4;
      for (let s = 0; s < 2; s++) {
        const h = s === 0 ? 1 : -1;
        bar(uSpinor(p3, h, u3[s]), r3[s]);
        rowMat(r3[s], Lsl, rL[s]);
        vSpinor(p4, h, v4[s]);
      }
      let vv = 0;
      let aa = 0;
      let va = 0;
      for (let e = 0; e < 2; e++) {
        for (let s4 = 0; s4 < 2; s4++) matCol(S4, matCol(eps[e], v4[s4], t1), colB[s4]);
        for (let s3 = 0; s3 < 2; s3++) {
          rowMat(rowMat(rowMat(r3[s3], eps[e], t1), S3, t2), Lsl, rowA);
          for (let s4 = 0; s4 < 2; s4++) {
            const a1 = bilinear(rowA, v4[s4]);
            const a2 = bilinear(rL[s3], colB[s4]);
            const b1 = bilinear(rowA, v4[s4], true);
            const b2 = bilinear(rL[s3], colB[s4], true);
            const hvr = a1[0] + a2[0];
            const hvi = a1[1] + a2[1];
            const har = -(b1[0] + b2[0]);
            const hai = -(b1[1] + b2[1]);
            vv += hvr * hvr + hvi * hvi;
            aa += har * har + hai * hai;
            va += hvr * har + hvi * hai;
          }
        }
      }
      out.vv = vv;
      out.aa = aa;
      out.va = va;
      return out;
    },
  };
}
