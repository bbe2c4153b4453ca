import { KEV } from "../../src/constants.js";
import { NE, NFINE } from "./data.js";
import { COHERENT, CSI_MOLAR_MASS, ISOTOPES } from "./inputs.js";
import { RecoilSignal } from "../../src/cevns/signal.js";
import { fluencePerFlavour, molecules } from "../../src/cevns/source.js";
import { responseMatrix } from "./response.js";

/**
 * The CEvNS signal in the 12 observed energy bins (src/cevns/signal.ts, shared with CsI 2021 and argon): fine 1-PE
 * recoil bins through this detector's response, Cs and I with one nucleus each per CsI molecule.
 */

/** GeV of recoil per mean photoelectron. */
export const T_PER_PE = KEV / (COHERENT.quenching * COHERENT.lightYieldPEperKeV);

/** Number of CsI molecules (= Cs and I nuclei each) and the fluence (src/cevns/source.ts). */
const csiMolecules = () => molecules(COHERENT.detectorMassKg, CSI_MOLAR_MASS);
const fluence = () => fluencePerFlavour(COHERENT);

/** Targets × fluence: events per unit cross section (GeV⁻²) per nucleus species. */
export function exposure(): number {
  return csiMolecules() * fluence();
}

let R: Float64Array | undefined;
let shared: RecoilSignal | undefined;

/** The CsI detector's RecoilSignal (built once): J_k per mass, the SM signal, the signal at couplings. */
export function recoilSignal(): RecoilSignal {
  if (shared) return shared;
  R ??= responseMatrix();
  const edges = Array.from({ length: NFINE + 1 }, (_, j) => (COHERENT.finePE.from + j) * T_PER_PE);
  const n = csiMolecules();
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

/** Neutron background through the detector response: [e][t]. */
export function neutronTemplate(neutronFine: Float64Array, NT: number): Float64Array {
  R ??= responseMatrix();
  const out = new Float64Array(NE * NT);
  for (let j = 0; j < NFINE; j++) for (let e = 0; e < NE; e++) for (let t = 0; t < NT; t++) out[e * NT + t] += neutronFine[j * NT + t] * R[j * NE + e];
  return out;
}
