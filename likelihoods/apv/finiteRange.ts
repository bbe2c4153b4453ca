import { ALPHA, HBARC_GEV_M, M_E } from "../../src/constants.js";
import { NonFiniteError } from "../../src/errors.js";
import { gaussLegendre } from "../../src/numerics/gaussLegendre.js";
import { CESIUM } from "./inputs.js";

/**
 * The finite-range factor K(m_X) of the X contribution to parity violation in ¹³³Cs (README, "Finite range").
 *
 * The weak charge is defined by a contact interaction, H = (G_F/2√2) Q_W γ5 ρ(r), ρ the nucleon density. An X of mass
 * m_X instead gives the Yukawa-smeared density Φ_m = ρ * m_X² e^{−m_X r}/(4πr), with the same volume integral. The
 * s₁/₂–p₁/₂ mixing matrix element is ∫ dr P(r) V(r), with P = F_s G_p − G_s F_p the product of the radial Dirac
 * functions (F = r f, G = r g), so
 *   K(m_X) = ∫ P Φ_m dr / ∫ P ρ dr,    ΔQ_W(effective) = K(m_X) ΔQ_W(contact).
 * Near the nucleus every s₁/₂ and p₁/₂ orbital has the same shape, the regular zero-energy solution of the Dirac
 * equation in the nuclear Coulomb field (binding energies of eV are nothing next to Zα/r), so P is computed once,
 * up to a normalisation that cancels in K: outside the nucleus P ∝ r^{2γ}, γ = √(1−(Zα)²), bending over at
 * r ~ 1/(Zα m_e) ≈ 10³ fm. The nucleus is a uniform sphere (inputs.ts). K → 1 for m_X ≫ 1/R ≈ 30 MeV and
 * K ≈ Γ(2γ)(m_X R)^{2−2γ} for R ≪ 1/m_X ≪ 1/(Zα m_e): 0.74 at 10 MeV, 0.975 at 100 MeV.
 */

const FM = 1e-15 / HBARC_GEV_M; // 1 fm in GeV⁻¹
const ZA = CESIUM.Z * ALPHA;
const R = Math.sqrt(5 / 3) * CESIUM.rmsChargeRadiusFm * FM;
/** Outer end of the radial integral: the Yukawa weight there is below e⁻²⁰ for m_X ≥ 1 MeV. */
const R_MAX = 4000 * FM;
/** Refinement levels toward the nuclear surface (panels down to R·2⁻²⁴ resolve m_X up to ~10⁵ GeV). */
const LEVELS = 24;
const GL = gaussLegendre(10);

/** Potential energy of the electron in the field of a uniformly charged sphere. */
function potential(r: number): number {
  return r < R ? (-ZA / (2 * R)) * (3 - (r * r) / (R * R)) : -ZA / r;
}

interface Weights {
  r: Float64Array;
  /** Quadrature weight × P(r). */
  wP: Float64Array;
  /** ∫ P ρ dr / ρ₀: the contact matrix element. */
  contact: number;
}

let cached: Weights | undefined;

/** Panel edges: refined geometrically toward R from both sides, then geometric (ratio 1.25) out to R_MAX. */
function panelEdges(): number[] {
  const e = [0, R / 2];
  for (let k = 2; k <= LEVELS; k++) e.push(R * (1 - 2 ** -k));
  e.push(R);
  for (let k = LEVELS; k >= 1; k--) e.push(R * (1 + 2 ** -k));
  let r = e[e.length - 1];
  while (r < R_MAX) {
    r = Math.min(r * 1.25, R_MAX);
    e.push(r);
  }
  return e;
}

/**
 * P(r) at the quadrature nodes: RK4 through the nodes (steps ≤ R/256 inside, ≤ 0.005 r outside, and R itself a step
 * point), started from the regular series at r₀ = 10⁻⁴ R: κ = −1 (s₁/₂) F = r, G = V₀r²/3; κ = +1 (p₁/₂) G = r,
 * F = (2m_e − V₀)r²/3. Radial equations at E = m_e: F′ = −κF/r + (E + m_e − V)G, G′ = κG/r − (E − m_e − V)F.
 */
function weights(): Weights {
  if (cached) return cached;
  const edges = panelEdges();
  const nodes: number[] = [];
  const w: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const c = (edges[i] + edges[i + 1]) / 2;
    const h = (edges[i + 1] - edges[i]) / 2;
    for (let j = 0; j < GL.x.length; j++) {
      nodes.push(c + h * GL.x[j]);
      w.push(h * GL.w[j]);
    }
  }
  const E = M_E;
  const V0 = potential(0);
  const r0 = 1e-4 * R;
  // y = [F_s, G_s, F_p, G_p]
  const y = [r0, (V0 / 3) * r0 * r0, ((2 * M_E - V0) / 3) * r0 * r0, r0];
  const der = (r: number, s: readonly number[], out: number[]) => {
    const v = potential(r);
    const up = E + M_E - v;
    const down = E - M_E - v;
    out[0] = s[0] / r + up * s[1]; // κ = −1
    out[1] = -s[1] / r - down * s[0];
    out[2] = -s[2] / r + up * s[3]; // κ = +1
    out[3] = s[3] / r - down * s[2];
  };
  const k1 = [0, 0, 0, 0];
  const k2 = [0, 0, 0, 0];
  const k3 = [0, 0, 0, 0];
  const k4 = [0, 0, 0, 0];
  const t = [0, 0, 0, 0];
  const step = (r: number, h: number) => {
    der(r, y, k1);
    for (let i = 0; i < 4; i++) t[i] = y[i] + (h / 2) * k1[i];
    der(r + h / 2, t, k2);
    for (let i = 0; i < 4; i++) t[i] = y[i] + (h / 2) * k2[i];
    der(r + h / 2, t, k3);
    for (let i = 0; i < 4; i++) t[i] = y[i] + h * k3[i];
    der(r + h, t, k4);
    for (let i = 0; i < 4; i++) y[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  };
  const advance = (from: number, to: number) => {
    const hMax = from < R ? R / 256 : 0.005 * from;
    const n = Math.max(1, Math.ceil((to - from) / hMax));
    const h = (to - from) / n;
    for (let i = 0; i < n; i++) step(from + i * h, h);
  };
  const r = new Float64Array(nodes.length);
  const wP = new Float64Array(nodes.length);
  let at = r0;
  let contact = 0;
  for (let i = 0; i < nodes.length; i++) {
    const next = nodes[i];
    if (at < R && next > R) {
      advance(at, R);
      at = R;
    }
    advance(at, next);
    at = next;
    const P = y[0] * y[3] - y[1] * y[2];
    r[i] = next;
    wP[i] = w[i] * P;
    if (next < R) contact += wP[i];
  }
  if (!(contact > 0) || !Number.isFinite(contact)) throw new NonFiniteError("the contact PNC matrix element of ¹³³Cs (finiteRange.ts)", { R }, contact);
  cached = { r, wP, contact };
  return cached;
}

/** Φ_m/ρ₀: the Yukawa-smeared uniform sphere (∫ Φ_m d³r = ∫ ρ d³r), written without overflow at large m r. */
function smeared(m: number, r: number): number {
  if (r < R) return 1 - ((1 + m * R) * (Math.exp(-m * (R - r)) - Math.exp(-m * (R + r)))) / (2 * m * r);
  const a = Math.exp(-m * (r - R));
  const b = Math.exp(-m * (r + R));
  return (R * (a + b) - (a - b) / m) / (2 * r);
}

/** K(m_X) for ¹³³Cs (m_X in GeV): the X's APV contribution relative to the contact limit of eq. (5.3). */
export function finiteRangeFactor(mX: number): number {
  const { r, wP, contact } = weights();
  let s = 0;
  for (let i = 0; i < r.length; i++) s += wP[i] * smeared(mX, r[i]);
  const K = s / contact;
  if (!Number.isFinite(K)) throw new NonFiniteError("the APV finite-range factor K(m_X)", { mX }, K);
  return K;
}

/** The nuclear radius of the uniform sphere (GeV⁻¹) and γ = √(1−(Zα)²), for the README's checks. */
export const FINITE_RANGE_MODEL = { R, gamma: Math.sqrt(1 - ZA * ZA) } as const;
