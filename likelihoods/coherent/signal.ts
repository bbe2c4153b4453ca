import { AVOGADRO, G_F, KEV } from "../../src/constants.js";
import { NE, NFINE } from "./data.js";
import { COHERENT, CSI_MOLAR_MASS, ISOTOPES } from "./inputs.js";
import { helmFormFactor } from "../../src/nuclear/formFactor.js";
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
const GL8 = {
  x: [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363],
  w: [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763],
};

/** GeV of recoil per mean photoelectron. */
export const T_PER_PE = KEV / (COHERENT.quenching * COHERENT.lightYieldPEperKeV);

/** Number of CsI molecules (= Cs and I nuclei each) and neutrinos per flavour per cm²... in GeV² units. */
export function exposure(): number {
  const nTargets = ((COHERENT.detectorMassKg * 1000) / CSI_MOLAR_MASS) * AVOGADRO;
  const fluence = (COHERENT.nuPerFlavourPerProton * COHERENT.protonsOnTarget) / (4 * Math.PI * (COHERENT.baselineM * 100) ** 2); // cm⁻²
  const GEV2_TO_CM2 = 0.389379372e-27; // (ħc)² in GeV² cm², CODATA 2018
  return nTargets * fluence * GEV2_TO_CM2;
}

interface Nodes {
  /** Recoil T at each node [iso][j][node] and its weight × kernel × F² × prefactor × exposure [iso][fl][j][node]. */
  T: Float64Array[];
  base: Float64Array[][];
}

let nodes: Nodes | undefined;

function massIndependentNodes(): Nodes {
  if (nodes) return nodes;
  const expo = exposure();
  const T: Float64Array[] = [];
  const base: Float64Array[][] = [];
  for (const iso of ISOTOPES) {
    const t = new Float64Array(NFINE * 8);
    const b = [0, 1, 2].map(() => new Float64Array(NFINE * 8));
    for (let j = 0; j < NFINE; j++) {
      const lo = (COHERENT.finePE.from + j) * T_PER_PE;
      const hi = lo + T_PER_PE;
      const h = 0.5 * (hi - lo);
      for (let i = 0; i < 8; i++) {
        const Tn = lo + h * (1 + GL8.x[i]);
        t[j * 8 + i] = Tn;
        const F = helmFormFactor(Math.sqrt(2 * iso.mass * Tn), iso.A);
        for (const fl of [0, 1, 2] as const) b[fl][j * 8 + i] = h * GL8.w[i] * expo * xsPrefactor(iso.mass) * F * F * kinematicKernel(fl, Tn, iso.mass, COHERENT.promptEnergy);
      }
    }
    T.push(t);
    base.push(b);
  }
  nodes = { T, base };
  return nodes;
}

let R: Float64Array | undefined;

/** J_k per isotope, flavour and observed energy bin at mass m_X: J[iso][k][fl*NE + e]. */
export function signalIntegrals(mX: number): Float64Array[][] {
  const { T, base } = massIndependentNodes();
  R ??= responseMatrix();
  const m2 = mX * mX;
  return ISOTOPES.map((iso, s) => {
    const J = [0, 1, 2].map(() => new Float64Array(3 * NE));
    for (let fl = 0; fl < 3; fl++)
      for (let j = 0; j < NFINE; j++) {
        let j0 = 0;
        let j1 = 0;
        let j2 = 0;
        for (let i = 0; i < 8; i++) {
          const b = base[s][fl][j * 8 + i];
          const P = 1 / (2 * iso.mass * T[s][j * 8 + i] + m2);
          j0 += b;
          j1 += b * P;
          j2 += b * P * P;
        }
        for (let e = 0; e < NE; e++) {
          const r = R![j * NE + e];
          J[0][fl * NE + e] += j0 * r;
          J[1][fl * NE + e] += j1 * r;
          J[2][fl * NE + e] += j2 * r;
        }
      }
    return J;
  });
}

/** The signal per flavour and energy bin, S[fl*NE + e], for couplings g_ν (by flavour) and nucleon couplings. */
const ISO_Z = ISOTOPES.map((i) => i.Z);
const ISO_N = ISOTOPES.map((i) => i.N);
const ISO_QW = ISOTOPES.map((i) => weakCharge(i.Z, i.N));

export function signalByFlavour(J: Float64Array[][], gNu: readonly [number, number, number], gp: number, gn: number, out: Float64Array): Float64Array {
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
