import { G_F } from "../constants.js";
import type { Couplings } from "../couplings/couplings.js";
import { helmFormFactor } from "../nuclear/formFactor.js";
import { gaussLegendre } from "../numerics/gaussLegendre.js";
import { kinematicKernel, weakCharge, xsPrefactor } from "./physics.js";

/**
 * The CEvNS signal of a stopped-pion source on any detector, per isotope, flavour (0 = prompt ν_µ, 1 = delayed ν_e,
 * 2 = delayed ν̄_µ) and observed bin, expanded in the X propagator P = 1/(q² + m_X²) (physics.ts):
 *   S = Σ_iso,fl [Q_W² J0 − 2 Q_W κ_fl J1 + κ_fl² J2],   κ_fl = √2 g_ν,fl (Z g_p + N g_n)/G_F,
 *   J_k = targets × exposure × (G_F²M/4π) ∫ dT K_fl(T) F²(q²) P^k, through the detector response.
 * The recoil integral uses Gauss–Legendre per fine recoil bin. Everything independent of m_X (nodes, kernels, form
 * factors, J0) is computed once in the constructor; `integrals(m_X)` once per mass; `signal` per point.
 * COHERENT CsI 2017 (likelihoods/coherent), CsI 2021 and argon 2020 all run this one implementation.
 */
export interface CevnsIsotope {
  Z: number;
  N: number;
  /** Mass number (Helm form factor). */
  A: number;
  /** Nuclear mass (GeV). */
  mass: number;
  /** Number of such nuclei in the detector. */
  targets: number;
}

export interface RecoilSignalSpec {
  isotopes: readonly CevnsIsotope[];
  /** Edges of the fine recoil-energy bins (GeV), length nFine + 1. */
  edges: ArrayLike<number>;
  /** Detector response from fine bin j to observed bin e, R[j * nObs + e] (efficiency, quenching, resolution). */
  response: ArrayLike<number>;
  nObs: number;
  /** Neutrino fluence per flavour times (ħc)², so that events = targets × exposure × σ[GeV⁻²]. */
  exposure: number;
  /** Energy of the prompt ν_µ line (GeV). */
  promptEnergy: number;
  /** Gauss–Legendre nodes per fine bin (default 8). */
  nodes?: number;
}

/** One mass of a term: the J_k integrals of m_X and a buffer for the signal per flavour and observed bin. */
export interface RecoilPoint {
  mX: number;
  J: Float64Array[][];
  byFlavour: Float64Array;
}

export class RecoilSignal {
  readonly nObs: number;
  private readonly nFine: number;
  private readonly nodes: number;
  private readonly response: ArrayLike<number>;
  /** q² at each node, per isotope. */
  private readonly q2: Float64Array[];
  /** Weight × kernel × F² × prefactor × targets × exposure at each node, per isotope and flavour. */
  private readonly base: Float64Array[][];
  /** J0 per isotope, [fl * nObs + e]. */
  private readonly J0: Float64Array[];
  private readonly Z: number[];
  private readonly N: number[];
  private readonly QW: number[];
  private readonly P: Float64Array;
  private readonly gNu = new Float64Array(3);

  constructor(spec: RecoilSignalSpec) {
    this.nObs = spec.nObs;
    this.nFine = spec.edges.length - 1;
    this.nodes = spec.nodes ?? 8;
    this.response = spec.response;
    if (spec.response.length !== this.nFine * this.nObs) throw new Error(`RecoilSignal: response has ${spec.response.length} entries, expected ${this.nFine} × ${this.nObs}`);
    const gl = gaussLegendre(this.nodes);
    this.q2 = [];
    this.base = [];
    this.J0 = [];
    for (const iso of spec.isotopes) {
      const t = new Float64Array(this.nFine * this.nodes);
      const b = [0, 1, 2].map(() => new Float64Array(this.nFine * this.nodes));
      const scale = iso.targets * spec.exposure * xsPrefactor(iso.mass);
      for (let j = 0; j < this.nFine; j++) {
        const lo = spec.edges[j];
        const h = 0.5 * (spec.edges[j + 1] - lo);
        for (let i = 0; i < this.nodes; i++) {
          const T = lo + h * (1 + gl.x[i]);
          t[j * this.nodes + i] = 2 * iso.mass * T;
          const F = helmFormFactor(Math.sqrt(2 * iso.mass * T), iso.A);
          for (const fl of [0, 1, 2] as const) b[fl][j * this.nodes + i] = h * gl.w[i] * scale * F * F * kinematicKernel(fl, T, iso.mass, spec.promptEnergy);
        }
      }
      this.q2.push(t);
      this.base.push(b);
      this.J0.push(this.fold(b, null));
    }
    this.Z = spec.isotopes.map((i) => i.Z);
    this.N = spec.isotopes.map((i) => i.N);
    this.QW = spec.isotopes.map((i) => weakCharge(i.Z, i.N));
    this.P = new Float64Array(this.nFine * this.nodes);
  }

  /** Σ over the nodes of base × w (w = null: 1) per fine bin, folded through the response: [fl * nObs + e]. */
  private fold(b: Float64Array[], w: Float64Array | null): Float64Array {
    const out = new Float64Array(3 * this.nObs);
    for (let fl = 0; fl < 3; fl++)
      for (let j = 0; j < this.nFine; j++) {
        let s = 0;
        for (let k = j * this.nodes; k < (j + 1) * this.nodes; k++) s += w ? b[fl][k] * w[k] : b[fl][k];
        if (s === 0) continue;
        for (let e = 0; e < this.nObs; e++) out[fl * this.nObs + e] += s * this.response[j * this.nObs + e];
      }
    return out;
  }

  /** J_k per isotope at m_X: J[iso][k][fl * nObs + e]; J[iso][0] is shared between masses (read only). */
  integrals(mX: number): Float64Array[][] {
    const m2 = mX * mX;
    return this.q2.map((q2, s) => {
      const P = this.P;
      for (let k = 0; k < P.length; k++) P[k] = 1 / (q2[k] + m2);
      const J1 = this.fold(this.base[s], P);
      const P2 = Float64Array.from(P, (x) => x * x);
      const J2 = this.fold(this.base[s], P2);
      return [this.J0[s], J1, J2];
    });
  }

  /** The SM signal per flavour and observed bin (no X: the same at every m_X). */
  smSignal(): Float64Array {
    return this.signal(this.integrals(1), [0, 0, 0], 0, 0, new Float64Array(3 * this.nObs));
  }

  /** The J_k integrals of m_X and a signal buffer (what a term prepares per mass). */
  point(mX: number): RecoilPoint {
    return { mX, J: this.integrals(mX), byFlavour: new Float64Array(3 * this.nObs) };
  }

  /**
   * The signal per flavour and observed bin at couplings c into pt.byFlavour: the beam's prompt ν_µ and delayed ν̄_µ
   * couple with g_νµ, its delayed ν_e with g_νe.
   */
  signalAt(pt: RecoilPoint, c: Couplings): Float64Array {
    const g = this.gNu;
    g[0] = c.nu[1];
    g[1] = c.nu[0];
    g[2] = c.nu[1];
    return this.signal(pt.J, g, c.p, c.n, pt.byFlavour);
  }

  /** The signal per flavour and observed bin, out[fl * nObs + e], for neutrino couplings g_ν (by flavour, absolute) and nucleon couplings. */
  signal(J: Float64Array[][], gNu: ArrayLike<number>, gp: number, gn: number, out: Float64Array): Float64Array {
    out.fill(0);
    const n = this.nObs;
    for (let s = 0; s < this.QW.length; s++) {
      const QW = this.QW[s];
      const A = this.Z[s] * gp + this.N[s] * gn;
      const [J0, J1, J2] = J[s];
      for (let fl = 0; fl < 3; fl++) {
        const kappa = (Math.SQRT2 * gNu[fl] * A) / G_F;
        const a = QW * QW;
        const b = -2 * QW * kappa;
        const c = kappa * kappa;
        for (let e = fl * n; e < (fl + 1) * n; e++) out[e] += a * J0[e] + b * J1[e] + c * J2[e];
      }
    }
    return out;
  }
}
