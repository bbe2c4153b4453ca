import { UserError } from "../errors.js";
import { DEFAULT_LIKELIHOODS } from "./registry.js";

/**
 * Named selections of terms and inputs (`--preset`). `paper2022` is the default: the core paper's eq. (B.1) with
 * COHERENT CsI 2017 and the 2021 g−2 inputs (Table 1). `current` is the data of 2025: the final g−2 with the 2025
 * prediction, COHERENT CsI 2021 and argon 2020 instead of CsI 2017 (the same detector: never both), every recastable
 * search, CCFR trident and electroweak precision. Explicit --likelihoods and --inputs override a preset.
 */
export interface Preset {
  description: string;
  likelihoods: readonly string[];
  /** The measurement set (undefined: each term's default). */
  inputs?: string;
}

export const PRESETS: Readonly<Record<string, Preset>> = {
  paper2022: { description: "the core paper: eq. (B.1) with COHERENT CsI 2017, g−2 2021 inputs", likelihoods: DEFAULT_LIKELIHOODS },
  current: {
    description: "2025 data: g−2 2025, COHERENT CsI 2021 + argon 2020, every search, trident and EW",
    likelihoods: ["amu", "borexino", "nsi", "coherent2021", "coherentAr", "resonances", "trident", "ew"],
    inputs: "2025",
  },
};

/** The preset named by --preset (undefined when none is given). */
export function resolvePreset(name: string | undefined): Preset | undefined {
  if (name === undefined) return undefined;
  const p = PRESETS[name];
  if (!p) throw new UserError(`--preset: unknown preset '${name}' (known: ${Object.keys(PRESETS).join(", ")})`);
  return p;
}
