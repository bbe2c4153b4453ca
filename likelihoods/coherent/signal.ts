import { AVOGADRO, G_F, HBARC2_GEV2_CM2, KEV } from "../../src/constants.js";
import { NE, NFINE } from "./data.js";
import { COHERENT, CSI_MOLAR_MASS, ISOTOPES } from "./inputs.js";
import { helmFormFactor } from "../../src/nuclear/formFactor.js";
import { gaussLegendre } from "../../src/numerics/gaussLegendre.js";
import { kinematicKernel, weakCharge, xsPrefactor } from "./physics.js";
import { responseMatrix } from "./response.js";

/**
 * The CEvNS signal in the 12 observed energy bins, per isotope and flavour (0 = prompt ν_µ, 1 = delayed ν_e,
 * 2 = delayed ν̄_µ), expanded in the X propagator P = 1/(q² + m_X²):
 *   S = Σ_iso,fl [Q_W² J0 − 2 Q_W κ_fl J1 + κ_fl² J2],   κ_fl = √2 g_ν,fl (Z g_p + N g_n)/G_F,
 *   J_k = N_target Φ (G_F²M/4π) ∫ dT K_fl(T) F²(q²) P^k, through the detector response.
 * The recoil integral uses 8-point Gauss–Legendre per fine 1-PE bin; everything that does not depend on m_X is
 * computed once (nodes, kernels, form factors), the P^k weights once per mass.
 */
const NODES = 8;
const GL8 = gaussLegendre(NODES);

/** GeV of recoil per mean photoelectron. */
export const T_PER_PE = KEV / (COHERENT.quenching * COHERENT.lightYieldPEperKeV);

/** Number of CsI molecules (= Cs and I nuclei each) and neutrinos per flavour per cm²... in GeV² units. */
export function exposure(): number {
  const nTargets = ((COHERENT.detectorMassKg * 1000) / CSI_MOLAR_MASS) * AVOGADRO;
  const fluence = (COHERENT.nuPerFlavourPerProton * COHERENT.protonsOnTarget) / (4 * Math.PI * (COHERENT.baselineM * 100) ** 2); // cm⁻²
  return nTargets * fluence * HBARC2_GEV2_CM2;
}

interface Nodes {
  /** q² = 2MT at each node [iso][j*NODES + node] and its weight × kernel × F² × prefactor × exposure [iso][fl][j*NODES + node]. */
  q2: Float64Array[];
  base: Float64Array[][];
  /** J_0 [iso][fl*NE + e], which does not depend on m_X. */
  J0: Float64Array[];
}

let nodes: Nodes | undefined;
let R: Float64Array | undefined;

function massIndependentNodes(): Nodes {
  if (nodes) return nodes;
  const expo = exposure();
  R ??= responseMatrix();
  const q2: Float64Array[] = [];
  const base: Float64Array[][] = [];
  const J0: Float64Array[] = [];
  for (const iso of ISOTOPES) {
    const t = new Float64Array(NFINE * NODES);
    const b = [0, 1, 2].map(() => new Float64Array(NFINE * NODES));
    for (let j = 0; j < NFINE; j++) {
      const lo = (COHERENT.finePE.from + j) * T_PER_PE;
      const hi = lo + T_PER_PE;
      const h = 0.5 * (hi - lo);
      for (let i = 0; i < NODES; i++) {
        const Tn = lo + h * (1 + GL8.x[i]);
        t[j * NODES + i] = 2 * iso.mass * Tn;
        const F = helmFormFactor(Math.sqrt(2 * iso.mass * Tn), iso.A);
        for (const fl of [0, 1, 2] as const) b[fl][j * NODES + i] = h * GL8.w[i] * expo * xsPrefactor(iso.mass) * F * F * kinematicKernel(fl, Tn, iso.mass, COHERENT.promptEnergy);
      }
    }
    const j0s = new Float64Array(3 * NE);
    for (let fl = 0; fl < 3; fl++)
      for (let j = 0; j < NFINE; j++) {
        let j0 = 0;
        for (let i = 0; i < NODES; i++) j0 += b[fl][j * NODES + i];
        for (let e = 0; e < NE; e++) j0s[fl * NE + e] += j0 * R[j * NE + e];
      }
    q2.push(t);
    base.push(b);
    J0.push(j0s);
  }
  nodes = { q2, base, J0 };
  return nodes;
}

const P = new Float64Array(NFINE * NODES);

/**
 * J_k per isotope, flavour and observed energy bin at mass m_X: J[iso][k][fl*NE + e]. J[iso][0] does not depend
 * on m_X and is shared between masses (read only).
 */
export function signalIntegrals(mX: number): Float64Array[][] {
  const { q2, base, J0 } = massIndependentNodes();
  const resp = R as Float64Array;
  const m2 = mX * mX;
  return ISOTOPES.map((_iso, s) => {
    for (let k = 0; k < P.length; k++) P[k] = 1 / (q2[s][k] + m2);
    const J1 = new Float64Array(3 * NE);
    const J2 = new Float64Array(3 * NE);
    for (let fl = 0; fl < 3; fl++) {
      const b = base[s][fl];
      for (let j = 0; j < NFINE; j++) {
        let j1 = 0;
        let j2 = 0;
        for (let k = j * NODES; k < (j + 1) * NODES; k++) {
          j1 += b[k] * P[k];
          j2 += b[k] * P[k] * P[k];
        }
        for (let e = 0; e < NE; e++) {
          const r = resp[j * NE + e];
          J1[fl * NE + e] += j1 * r;
          J2[fl * NE + e] += j2 * r;
        }
      }
    }
    return [J0[s], J1, J2];
  });
}

/** The signal per flavour and energy bin, S[fl*NE + e], for couplings g_ν (by flavour) and nucleon couplings. */
const ISO_Z = ISOTOPES.map((i) => i.Z);
const ISO_N = ISOTOPES.map((i) => i.N);
const ISO_QW = ISOTOPES.map((i) => weakCharge(i.Z, i.N));

export function signalByFlavour(J: Float64Array[][], gNu: ArrayLike<number>, gp: number, gn: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let s = 0; s < ISO_QW.length; s++) {
    const QW = ISO_QW[s];
    const A = ISO_Z[s] * gp + ISO_N[s] * gn;
    const J0 = J[s][0];
    const J1 = J[s][1];
    const J2 = J[s][2];
    for (let fl = 0; fl < 3; fl++) {
      const kappa = (Math.SQRT2 * gNu[fl] * A) / G_F;
      const a = QW * QW;
      const b = -2 * QW * kappa;
      const c = kappa * kappa;
      for (let e = fl * NE; e < (fl + 1) * NE; e++) out[e] += a * J0[e] + b * J1[e] + c * J2[e];
    }
  }
  return out;
}

/** Neutron background through the detector response: [e][t]. */
export function neutronTemplate(neutronFine: Float64Array, NT: number): Float64Array {
  R ??= responseMatrix();
  const out = new Float64Array(NE * NT);
  for (let j = 0; j < NFINE; j++) for (let e = 0; e < NE; e++) for (let t = 0; t < NT; t++) out[e * NT + t] += neutronFine[j * NT + t] * R[j * NE + e];
  return out;
}
