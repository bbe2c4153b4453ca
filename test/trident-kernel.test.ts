import { describe, expect, it } from "vitest";
import { makeAmplitude } from "../likelihoods/trident/amplitude.js";
import { bar, leftCurrent, mdot, slash, uSpinor, vSpinor } from "../likelihoods/trident/dirac.js";
import { committedKernel, kernelMoments, kernelRatio } from "../likelihoods/trident/index.js";
import { buildKernel, kernelSummary, sigmaNuGamma } from "../likelihoods/trident/kernel.js";
import { M_MU } from "../src/constants.js";
import { gaussLegendre } from "../src/numerics/gaussLegendre.js";
import { u1x } from "./helpers/cli.js";

type V = number[];
const m = M_MU;

/** Boost by velocity b (the inverse of the kernel's rest-frame boost). */
function boost(p: V, b: V): V {
  const b2 = b[1] ** 2 + b[2] ** 2 + b[3] ** 2;
  const g = 1 / Math.sqrt(1 - b2);
  const bp = b[1] * p[1] + b[2] * p[2] + b[3] * p[3];
  const c = ((g - 1) * bp) / b2 + g * p[0];
  return [g * (p[0] + bp), p[1] + c * b[1], p[2] + c * b[2], p[3] + c * b[3]];
}

/** A ν γ → ν µ⁻ µ⁺ configuration: CM energy W, outgoing ν (E2, angles), µ⁻ direction n in the pair frame. */
function configuration(W: number, E2: number, th: number, ph: number, n: V) {
  const p1 = [W / 2, 0, 0, W / 2];
  const k = [W / 2, 0, 0, -W / 2];
  const p2 = [E2, E2 * Math.sin(th) * Math.cos(ph), E2 * Math.sin(th) * Math.sin(ph), E2 * Math.cos(th)];
  const Q = [W - E2, -p2[1], -p2[2], -p2[3]];
  const M = Math.sqrt(mdot(Q, Q));
  const pp = Math.sqrt(M * M / 4 - m * m);
  const b = [0, Q[1] / Q[0], Q[2] / Q[0], Q[3] / Q[0]];
  const p3 = boost([M / 2, pp * n[0], pp * n[1], pp * n[2]], b);
  const p4 = boost([M / 2, -pp * n[0], -pp * n[1], -pp * n[2]], b);
  return { p1, k, p2, p3, p4 };
}

function transversePolarisations(k: V): [V, V] {
  const kn = Math.hypot(k[1], k[2], k[3]);
  const z = [k[1] / kn, k[2] / kn, k[3] / kn];
  const a = Math.abs(z[0]) > 0.9 ? [0, 1, 0] : [1, 0, 0];
  const d = a[0] * z[0] + a[1] * z[1] + a[2] * z[2];
  const x0 = [a[0] - d * z[0], a[1] - d * z[1], a[2] - d * z[2]];
  const xn = Math.hypot(...x0);
  const x = x0.map((v) => v / xn);
  const y = [z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0]];
  return [[0, ...x], [0, ...y]];
}

function sums(c: ReturnType<typeof configuration>, pol?: [V, V]) {
  const a = makeAmplitude(m);
  a.setFrame(leftCurrent(c.p1, c.p2), c.k, pol ?? transversePolarisations(c.k));
  return a.sums(c.p3, c.p4, { vv: 0, aa: 0, va: 0 });
}

describe("Dirac algebra (chiral basis)", () => {
  it("spin sums: Σ_h u ū = p̸ + m and Σ_h v v̄ = p̸ − m", () => {
    const p = [0, 0.3, -0.7, 1.1];
    p[0] = Math.sqrt(m * m + p[1] ** 2 + p[2] ** 2 + p[3] ** 2);
    for (const [spinor, sign] of [[uSpinor, 1], [vSpinor, -1]] as const) {
      const target = slash(p, null, sign * m, new Float64Array(32));
      const sum = new Float64Array(32);
      for (const h of [1, -1] as const) {
        const s = spinor(p, h);
        const sb = bar(s);
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) {
            sum[2 * (4 * i + j)] += s[2 * i] * sb[2 * j] - s[2 * i + 1] * sb[2 * j + 1];
            sum[2 * (4 * i + j) + 1] += s[2 * i] * sb[2 * j + 1] + s[2 * i + 1] * sb[2 * j];
          }
      }
      for (let i = 0; i < 32; i++) expect(sum[i]).toBeCloseTo(target[i], 12);
    }
  });
  it("the massless left-handed current is orthogonal to p₁ − p₂ (current conservation)", () => {
    const p1 = [3, 1, 2, 2];
    const p2 = [Math.hypot(0.4, -1, 2.5), 0.4, -1, 2.5];
    const L = leftCurrent(p1, p2);
    const q = p1.map((x, i) => x - p2[i]);
    expect(Math.abs(mdot(L.re, q)) + Math.abs(mdot(L.im, q))).toBeLessThan(1e-12);
  });
});

describe("ν γ → ν µ⁺µ⁻ amplitude", () => {
  const c = configuration(3, 0.9, 0.7, 0.3, [0.3, -0.5, Math.sqrt(1 - 0.34)]);
  it("is Lorentz invariant (the same |M|² after a boost of every momentum)", () => {
    const a = sums(c);
    const b = [0, 0.3, -0.2, 0.5];
    const boosted = { p1: boost(c.p1, b), k: boost(c.k, b), p2: boost(c.p2, b), p3: boost(c.p3, b), p4: boost(c.p4, b) };
    const d = sums(boosted);
    expect(d.vv / a.vv).toBeCloseTo(1, 10);
    expect(d.aa / a.aa).toBeCloseTo(1, 10);
    expect(d.va / a.va).toBeCloseTo(1, 9);
  });
  it("is gauge invariant: ε → k gives zero (Ward identity with both photon attachments)", () => {
    const ref = sums(c);
    const g = sums(c, [c.k, c.k]);
    expect(g.vv / ref.vv).toBeLessThan(1e-20);
    expect(g.aa / ref.aa).toBeLessThan(1e-20);
  });
  it("σ_νγ: zero below 2m_µ, no V–A interference (C invariance), σ_AA → σ_VV when m_µ²/s → 0", () => {
    expect(sigmaNuGamma(3.9 * m * m).vv).toBe(0);
    const res = { nS: 1, nM: 12, nT: 16, nEta: 12, nPhi: 6 };
    const low = sigmaNuGamma(0.3, res);
    const high = sigmaNuGamma(60, res);
    expect(Math.abs(low.va / low.vv)).toBeLessThan(1e-12);
    expect(Math.abs(high.va / high.vv)).toBeLessThan(1e-12);
    expect(low.aa / low.vv).toBeGreaterThan(1.3); // the axial current is not conserved: m_µ² effects
    expect(high.aa / high.vv).toBeCloseTo(1, 1);
    expect(high.vv / 60).toBeGreaterThan(sigmaNuGamma(10, res).vv / 10); // σ/s grows (logarithmically)
  });
});

describe("equivalent-photon kernel for CCFR", () => {
  const k = committedKernel();
  it("reproduces the axial factor 1.13 of eq. (3.21) (Altmannshofer et al., CCFR flux)", () => {
    const s = kernelSummary(k);
    expect(s.axialFactor).toBeGreaterThan(1.13 * 0.97);
    expect(s.axialFactor).toBeLessThan(1.13 * 1.03);
    expect(Math.abs(s.interference)).toBeLessThan(1e-12);
    // σ_SM(ν_µ Fe → ν_µ Fe µ⁺µ⁻) at 160 GeV is a few 1e-40 cm²
    expect(s.sigmaSMcm2).toBeGreaterThan(1e-40);
    expect(s.sigmaSMcm2).toBeLessThan(1e-39);
  });
  it("the committed kernel is what the code computes (coarser grid, R to 2e-3)", () => {
    const coarse = buildKernel({ nS: 12, nM: 10, nT: 12, nEta: 10, nPhi: 6 });
    for (const [mX, g] of [[0.01, 5e-4], [0.1, 1e-3], [0.5, 3e-3], [5, 0.02]]) {
      const x = g * g;
      const a = kernelRatio(kernelMoments(k, mX), x, 0);
      const b = kernelRatio(kernelMoments(coarse, mX), x, 0);
      expect(Math.abs(a - b) / (a - 1)).toBeLessThan(2e-3);
    }
  });
  it("Gauss–Legendre nodes integrate polynomials of degree 2n − 1 exactly", () => {
    const { x, w } = gaussLegendre(7);
    let s = 0;
    for (let i = 0; i < 7; i++) s += w[i] * x[i] ** 12;
    expect(s).toBeCloseTo(2 / 13, 14);
  });
  it("u1x trident prints the kernel and EFT ratios side by side", () => {
    const j = JSON.parse(u1x(["trident", "--model", "Lmu-Ltau", "--mx", "100GeV", "--g", "0.2", "--eps", "0", "--format", "json"]).stdout);
    expect(j.RTrident).toBeGreaterThan(1);
    expect((j.RTrident - 1) / (j.RTridentEft - 1)).toBeCloseTo(1, 1);
    expect(j.kernel.axialFactor).toBeGreaterThan(1.09);
  });
});
