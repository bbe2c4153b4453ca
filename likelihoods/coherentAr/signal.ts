import { RecoilSignal } from "../../src/cevns/signal.js";
import { fluencePerFlavour, molecules } from "../../src/cevns/source.js";
import { arrivalFractionsByComponent, type PromptDelayed, withPulse } from "../../src/cevns/timing.js";
import { AMU, KEV, M_MU, M_PI_CHARGED } from "../../src/constants.js";
import { type ArgonData, NE, NT, TIME_EDGE0, TIME_WIDTH } from "./data.js";
import { type EfficiencyAt, FINE, NFINE, responseMatrix } from "./response.js";

/**
 * The CEvNS prediction for CENNS-10 from the engine's own physics (src/cevns: the cross section with the X
 * propagator, the Helm form factor, the stopped-pion spectra and arrival times), shared with the CsI modules: ⁴⁰Ar
 * nuclei in the fiducial mass, the release's exposure, flux and baseline, through the response of response.ts into
 * the 12 energy bins, per flavour (0 prompt ν_µ, 1 delayed ν_e, 2 delayed ν̄_µ), and the fractions of the prompt and
 * delayed neutrinos in the release's time bins.
 */

/** ⁴⁰Ar (AME2020, M. Wang et al., Chin. Phys. C 45 (2021) 030003): 39.9623831 u. */
export const AR40 = { name: "Ar40", Z: 18, N: 22, A: 40, mass: 39.9623831 * AMU } as const;
/** Molar mass of atmospheric argon (CIAAW 2017: 39.948 g/mol; 99.6% ⁴⁰Ar), for the number of nuclei. */
export const ARGON_MOLAR_MASS = 39.948;
/** The prompt ν_µ line of π⁺ → µ⁺ν_µ at rest, (m_π² − m_µ²)/(2m_π) = 29.79 MeV. */
export const PROMPT_ENERGY = (M_PI_CHARGED ** 2 - M_MU ** 2) / (2 * M_PI_CHARGED);

export function argonNuclei(data: ArgonData): number {
  return molecules(data.parameters.fiducialMassKg, ARGON_MOLAR_MASS);
}

/** The release's time bins: ten of 0.5 µs from −0.1 µs. */
export const TIME_EDGES = Array.from({ length: NT + 1 }, (_, k) => TIME_EDGE0 + k * TIME_WIDTH);

/**
 * The fractions of the prompt and delayed neutrinos in each time bin, from the release's own model (LArParametersAnlA.yaml,
 * snsPOTTraceTiming: "a gaussian of mean a and width b … convolved with the π⁺ and µ⁺ neutrino decay lifetimes",
 * src/cevns/timing.ts) for a proton pulse of mean `meanNs` and width `widthNs`. Used only for the flavour
 * reweighting of the release's CEvNS template (index.ts); the template's own time profile is the release's.
 */
export function timeFractions(meanNs: number, widthNs: number): PromptDelayed {
  return arrivalFractionsByComponent(TIME_EDGES, withPulse(meanNs / 1000, widthNs / 1000));
}

const signals = new WeakMap<ArgonData, Map<string, RecoilSignal>>();

/** The RecoilSignal of CENNS-10 (cached per data set and response variant). */
export function argonRecoilSignal(data: ArgonData, options: { efficiencyAt?: EfficiencyAt; fine?: typeof FINE } = {}): RecoilSignal {
  const key = `${options.efficiencyAt ?? "reconstructed"}|${JSON.stringify(options.fine ?? FINE)}`;
  let byKey = signals.get(data);
  if (!byKey) signals.set(data, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const fine = options.fine ?? FINE;
  const nFine = options.fine ? Math.round((fine.toKeV - fine.fromKeV) / fine.widthKeV) : NFINE;
  const s = new RecoilSignal({
    isotopes: [{ Z: AR40.Z, N: AR40.N, A: AR40.A, mass: AR40.mass, targets: argonNuclei(data) }],
    edges: Array.from({ length: nFine + 1 }, (_, j) => (fine.fromKeV + j * fine.widthKeV) * KEV),
    response: responseMatrix(data, options),
    nObs: NE,
    exposure: fluencePerFlavour(data.parameters),
    promptEnergy: PROMPT_ENERGY,
  });
  byKey.set(key, s);
  return s;
}
