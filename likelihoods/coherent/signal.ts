import { AVOGADRO, HBARC2_GEV2_CM2, KEV } from "../../src/constants.js";
import { NE, NFINE } from "./data.js";
import { COHERENT, CSI_MOLAR_MASS, ISOTOPES } from "./inputs.js";
import { RecoilSignal } from "../../src/cevns/signal.js";
import { responseMatrix } from "./response.js";

/**
 * The CEvNS signal in the 12 observed energy bins (src/cevns/signal.ts, shared with CsI 2021 and argon): fine 1-PE
 * recoil bins through this detector's response, Cs and I with one nucleus each per CsI molecule.
 */

/** GeV of recoil per mean photoelectron. */
export const T_PER_PE = KEV / (COHERENT.quenching * COHERENT.lightYieldPEperKeV);

/** Number of CsI molecules (= Cs and I nuclei each). */
function molecules(): number {
  return ((COHERENT.detectorMassKg * 1000) / CSI_MOLAR_MASS) * AVOGADRO;
}

/** Neutrinos per flavour per cm² at the detector, times (ħc)² (GeV² cm⁻² → dimensionless with σ in GeV⁻²). */
function fluence(): number {
  return ((COHERENT.nuPerFlavourPerProton * COHERENT.protonsOnTarget) / (4 * Math.PI * (COHERENT.baselineM * 100) ** 2)) * HBARC2_GEV2_CM2;
}

/** Targets × fluence: events per unit cross section (GeV⁻²) per nucleus species. */
export function exposure(): number {
  return molecules() * fluence();
}

let R: Float64Array | undefined;
let shared: RecoilSignal | undefined;

function recoilSignal(): RecoilSignal {
  if (shared) return shared;
  R ??= responseMatrix();
  const edges = Array.from({ length: NFINE + 1 }, (_, j) => (COHERENT.finePE.from + j) * T_PER_PE);
  const n = molecules();
  shared = new RecoilSignal({
    isotopes: ISOTOPES.map((i) => ({ Z: i.Z, N: i.N, A: i.A, mass: i.mass, targets: n })),
    edges,
    response: R,
    nObs: NE,
    exposure: fluence(),
    promptEnergy: COHERENT.promptEnergy,
  });
  return shared;
}

/** J_k per isotope, flavour and observed energy bin at mass m_X: J[iso][k][fl*NE + e]. */
export function signalIntegrals(mX: number): Float64Array[][] {
  return recoilSignal().integrals(mX);
}

/** The signal per flavour and energy bin, S[fl*NE + e], for couplings g_ν (by flavour) and nucleon couplings. */
export function signalByFlavour(J: Float64Array[][], gNu: ArrayLike<number>, gp: number, gn: number, out: Float64Array): Float64Array {
  return recoilSignal().signal(J, gNu, gp, gn, out);
}

/** Neutron background through the detector response: [e][t]. */
export function neutronTemplate(neutronFine: Float64Array, NT: number): Float64Array {
  R ??= responseMatrix();
  const out = new Float64Array(NE * NT);
  for (let j = 0; j < NFINE; j++) for (let e = 0; e < NE; e++) for (let t = 0; t < NT; t++) out[e * NT + t] += neutronFine[j * NT + t] * R[j * NE + e];
  return out;
}
