import { dataDir } from "../../src/data/dataDir.js";
import { type GridAxis, gridValues, readTable, type TableSpec } from "../../src/data/table.js";
import { COHERENT } from "./inputs.js";

const NE = 12;
const NT = 12;
const NFINE = COHERENT.finePE.to - COHERENT.finePE.from; // 33 fine mean-PE bins

/**
 * The data release, arranged as the 12T×12E analysis does (data README, "How the published 12T×12E analysis
 * assembles the prediction"). Arrays are [E bin][t bin] flattened as e*12 + t.
 */
export interface CoherentData {
  observed: Float64Array;
  /** Steady-state background template (beam-off samples, product of marginals, scaled to the signal exposure). */
  background: Float64Array;
  /** Prompt-neutron prediction in fine mean-PE bins [fine][t]. */
  neutronFine: Float64Array;
  /** Arrival-time fractions of prompt (ν_µ) and delayed (ν_e, ν̄_µ) neutrinos per time bin. */
  promptTime: Float64Array;
  delayedTime: Float64Array;
}

const cache = new Map<string, CoherentData>();

/** The grids of the release (data README): every file covers its grid exactly once. */
/** Centres of the analysis bins: PE 7, 9, …, 29 and t = 0.25, 0.75, …, 5.75 µs. */
export const PE_CENTRES: readonly number[] = gridValues(7, 2, NE);
export const TIME_CENTRES: readonly number[] = gridValues(0.25, 0.5, NT);
const PE_12: GridAxis = { column: 0, label: "PE", values: PE_CENTRES, text: "odd 7..29" };
const T_12 = (column: number): GridAxis => ({ column, label: "t", values: TIME_CENTRES, text: "0.25..5.75 µs in 0.5 µs steps" });
const PE_25: GridAxis = { column: 0, label: "PE", values: gridValues(1, 2, 25), text: "odd 1..49" };
const T_24 = (column: number): GridAxis => ({ column, label: "t", values: gridValues(0.25, 0.5, 24), text: "0.25..11.75 µs in 0.5 µs steps" });
const PE_50: GridAxis = { column: 1, label: "PE", values: gridValues(0, 1, 50), text: "0..49" };
const COUNTS = { columns: [2], min: 0, integer: true, what: "event counts" } as const;
const BACKGROUND: TableSpec = {
  columns: 3,
  rows: 600,
  rowsNote: "25 PE x 24 time bins",
  names: ["PE", "time", "counts"],
  values: [COUNTS],
  grid: { axes: [PE_25, T_24(1)], text: "25 PE x 24 time bins" },
};
const TIME_FRACTIONS: TableSpec = {
  columns: 2,
  rows: NT,
  rowsNote: "12 time bins",
  names: ["time", "fraction"],
  values: [{ columns: [1], min: 0, max: 1, what: "fractions" }],
  grid: { axes: [T_12(0)], text: "12 time bins" },
};
const SPECS: Record<string, TableSpec> = {
  "Co_data.dat": {
    columns: 3,
    rows: NE * NT,
    rowsNote: "12 PE x 12 time bins",
    names: ["PE", "time", "counts"],
    values: [COUNTS],
    grid: { axes: [PE_12, T_12(1)], text: "12 PE x 12 time bins" },
  },
  "full_AC_on.dat": BACKGROUND,
  "full_AC_off.dat": BACKGROUND,
  "full_CO_off.dat": BACKGROUND,
  "total_neutron.dat": {
    columns: 3,
    rows: 1200,
    rowsNote: "24 time x 50 PE bins",
    names: ["time", "PE", "expected counts"],
    values: [{ columns: [2], min: 0, what: "expected counts" }],
    grid: { axes: [T_24(0), PE_50], text: "24 time x 50 PE bins" },
  },
  "data_prompt_cut.dat": TIME_FRACTIONS,
  "data_delayed_cut.dat": TIME_FRACTIONS,
};

const read = (f: string) => readTable("likelihood 'coherent'", `coherent-csi-2017/${f}`, SPECS[f]).rows;

export function loadCoherentData(): CoherentData {
  const dir = dataDir();
  const hit = cache.get(dir);
  if (hit) return hit;
  const eIndex = (pe: number) => Math.round((pe - 7) / 2); // PE centres 7..29
  const tIndex = (t: number) => Math.round((t - 0.25) / 0.5); // 0.25..5.75 µs
  const observed = new Float64Array(NE * NT);
  for (const [pe, t, n] of read("Co_data.dat")) {
    const e = eIndex(pe);
    const k = tIndex(t);
    if (e >= 0 && e < NE && k >= 0 && k < NT) observed[e * NT + k] += n;
  }
  // Steady-state background: the three beam-off samples summed, within 6–30 PE and 0–6 µs.
  const raw = new Float64Array(NE * NT);
  for (const f of ["full_AC_on.dat", "full_AC_off.dat", "full_CO_off.dat"])
    for (const [pe, t, n] of read(f)) {
      const e = eIndex(pe);
      const k = tIndex(t);
      if (e >= 0 && e < NE && k >= 0 && k < NT && Number.isInteger((pe - 7) / 2)) raw[e * NT + k] += n;
    }
  const total = raw.reduce((s, x) => s + x, 0);
  const eMarg = new Float64Array(NE);
  const tMarg = new Float64Array(NT);
  for (let e = 0; e < NE; e++) for (let k = 0; k < NT; k++) {
    eMarg[e] += raw[e * NT + k];
    tMarg[k] += raw[e * NT + k];
  }
  const background = new Float64Array(NE * NT);
  for (let e = 0; e < NE; e++) for (let k = 0; k < NT; k++) background[e * NT + k] = ((eMarg[e] * tMarg[k]) / total) * COHERENT.backgroundScale;
  // Prompt neutrons: mean PE 4..36 (1-PE bins), t ≤ 5.75 µs.
  const neutronFine = new Float64Array(NFINE * NT);
  for (const [t, pe, n] of read("total_neutron.dat")) {
    const j = pe - COHERENT.finePE.from;
    const k = tIndex(t);
    if (j >= 0 && j < NFINE && k >= 0 && k < NT && t <= 5.75) neutronFine[j * NT + k] += n;
  }
  const timeFractions = (f: string) => {
    const a = new Float64Array(NT);
    for (const [t, p] of read(f)) {
      const k = tIndex(t);
      if (k >= 0 && k < NT) a[k] = p;
    }
    return a;
  };
  const data = { observed, background, neutronFine, promptTime: timeFractions("data_prompt_cut.dat"), delayedTime: timeFractions("data_delayed_cut.dat") };
  cache.set(dir, data);
  return data;
}

export { NE, NFINE, NT };
