import { dataDir } from "../../src/data/dataDir.js";
import { damaged, gridValues, readTable, type TableSpec } from "../../src/data/table.js";
import { CSI2021, NE, NT, timeEfficiency } from "./inputs.js";

/**
 * The data release of arXiv:2110.07730 (../shared/data/coherent-csi-2021/, read and validated at run time; nothing is
 * copied here), arranged in the analysis bins of inputs.ts. Arrays over bins are PE-major: e * NT + t.
 */
export interface Csi2021Data {
  /** Beam-on coincidence (signal-region) events per bin. */
  observed: Float64Array;
  /** Beam-on anti-coincidence events per bin, as counted. */
  anticoincidence: Float64Array;
  /** Anti-coincidence events in the analysis region (0–60 PE, 0–6 µs). */
  anticoincidenceTotal: number;
  /**
   * Steady-state background template at the coincidence exposure: the anti-coincidence PE spectrum (same exposure
   * and cuts) times a time shape ∝ ε_T(t) (a steady rate seen through the time-dependent efficiency), summing to the
   * anti-coincidence count.
   */
  steadyState: Float64Array;
  /** Beam-related (prompt) and neutrino-induced neutron shapes: PE pdf × (time pdf × ε_T), normalised to 1 in the region. */
  brnShape: Float64Array;
  ninShape: Float64Array;
  /** Efficiency models ε(PE) = a/(1 + exp(−b (PE − c))) + d: nominal, +1σ, −1σ (rows of effCoefficients.txt). */
  efficiency: number[][];
  /** Quenching E_ee = a x + b x² + c x³ + d x⁴ (x in MeVnr, E_ee in MeVee): nominal, model 0 ±1σ, model 1 ±1σ. */
  quenching: number[][];
}

const WHO = "likelihood 'coherent2021'";
const DIR = "coherent-csi-2021";

/** Exact decimal grid values (as the file writes them: the double nearest each decimal). */
const decimalGrid = (from: number, step: number, n: number, digits: number) => Array.from({ length: n }, (_, k) => Number((from + step * k).toFixed(digits)));

const EVENTS = (rows: number, what: string): TableSpec => ({
  columns: 2,
  rows,
  rowsNote: what,
  names: ["PE", "time (µs)"],
  values: [
    { columns: [0], min: 0, max: 250, what: "reconstructed PE" },
    { columns: [1], min: 0, max: 6, what: "recoil times (µs)" },
  ],
});
const PE_PDF: TableSpec = {
  columns: 2,
  rows: 250,
  rowsNote: "1-PE bins 0.5..249.5",
  names: ["PE", "probability"],
  values: [{ columns: [1], min: 0, max: 1, what: "probabilities" }],
  grid: { axes: [{ column: 0, label: "PE", values: gridValues(0.5, 1, 250), text: "0.5..249.5 in 1-PE steps" }], text: "250 PE bins" },
};
const T_PDF: TableSpec = {
  columns: 2,
  rows: 650,
  rowsNote: "10-ns bins -0.245..6.245 µs",
  names: ["time (µs)", "probability"],
  values: [{ columns: [1], min: 0, what: "probabilities" }],
  grid: { axes: [{ column: 0, label: "t", values: decimalGrid(-0.245, 0.01, 650, 3), text: "-0.245..6.245 µs in 0.01 µs steps" }], text: "650 time bins" },
};
export const SPECS: Record<string, TableSpec> = {
  // Event counts as the data README gives them.
  "dataBeamOnC.txt": EVENTS(5142, "5,142 coincidence events"),
  "dataBeamOnAC.txt": EVENTS(4890, "4,890 anti-coincidence events"),
  "brnPE.txt": PE_PDF,
  "ninPE.txt": PE_PDF,
  "brnTrec.txt": T_PDF,
  "ninTrec.txt": T_PDF,
  "effCoefficients.txt": { columns: 4, rows: 3, rowsNote: "nominal, +1σ, -1σ", names: ["a", "b", "c", "d"] },
  "scintRespCoefficients.txt": { columns: 4, rows: 5, rowsNote: "nominal and four ±1σ models", names: ["a", "b", "c", "d"] },
};

const read = (f: string) => readTable(WHO, `${DIR}/${f}`, SPECS[f]);

/** Index of x in the increasing edges (bin [e_i, e_{i+1})), or −1 outside. */
export function binIndex(edges: readonly number[], x: number): number {
  if (!(x >= edges[0]) || !(x < edges[edges.length - 1])) return -1;
  let i = 0;
  while (x >= edges[i + 1]) i++;
  return i;
}

/** ε(PE) of one efficiency model, clamped at 0 (the logistic form goes negative below ~7 PE). */
export function efficiencyAt(c: readonly number[], pe: number): number {
  const e = c[0] / (1 + Math.exp(-c[1] * (pe - c[2]))) + c[3];
  return e > 0 ? e : 0;
}

/** E_ee (keVee) at a nuclear recoil T (keVnr) of one quenching model, clamped at 0. */
export function quenchedKeVee(c: readonly number[], keVnr: number): number {
  const x = keVnr * 1e-3;
  const e = x * (c[0] + x * (c[1] + x * (c[2] + x * c[3]))) * 1e3;
  return e > 0 ? e : 0;
}

const cache = new Map<string, Csi2021Data>();

export function loadCsi2021Data(): Csi2021Data {
  const dir = dataDir();
  const hit = cache.get(dir);
  if (hit) return hit;
  const { peEdges, timeEdges } = CSI2021;
  const histogram = (f: string) => {
    const h = new Float64Array(NE * NT);
    for (const [pe, t] of read(f).rows) {
      const e = binIndex(peEdges, pe);
      const k = binIndex(timeEdges, t);
      if (e >= 0 && k >= 0) h[e * NT + k] += 1;
    }
    return h;
  };
  const observed = histogram("dataBeamOnC.txt");
  const anticoincidence = histogram("dataBeamOnAC.txt");
  const anticoincidenceTotal = anticoincidence.reduce((s, x) => s + x, 0);

  // Steady state: AC PE spectrum × ∫ε_T over each time bin (normalised over 0–6 µs).
  const tShape = new Float64Array(NT);
  for (let k = 0; k < NT; k++) {
    const lo = timeEdges[k];
    const hi = timeEdges[k + 1];
    const m = 200;
    for (let q = 0; q < m; q++) tShape[k] += (timeEfficiency(lo + ((q + 0.5) * (hi - lo)) / m) * (hi - lo)) / m;
  }
  const tSum = tShape.reduce((s, x) => s + x, 0);
  const steadyState = new Float64Array(NE * NT);
  for (let e = 0; e < NE; e++) {
    let m = 0;
    for (let k = 0; k < NT; k++) m += anticoincidence[e * NT + k];
    for (let k = 0; k < NT; k++) steadyState[e * NT + k] = (m * tShape[k]) / tSum;
  }

  const neutronShape = (peFile: string, tFile: string) => {
    const peTable = read(peFile);
    const pe = new Float64Array(NE);
    for (const [x, p] of peTable.rows) {
      const e = binIndex(peEdges, x);
      if (e >= 0) pe[e] += p;
    }
    const t = new Float64Array(NT);
    for (const [x, p] of read(tFile).rows) {
      const k = binIndex(timeEdges, x);
      if (k >= 0) t[k] += p * timeEfficiency(x);
    }
    const norm = pe.reduce((s, x) => s + x, 0) * t.reduce((s, x) => s + x, 0);
    if (!(norm > 0)) throw damaged(WHO, peTable.file, 0, "a shape with weight inside 0-60 PE and 0-6 µs", "none");
    const out = new Float64Array(NE * NT);
    for (let e = 0; e < NE; e++) for (let k = 0; k < NT; k++) out[e * NT + k] = (pe[e] * t[k]) / norm;
    return out;
  };

  const eff = read("effCoefficients.txt");
  for (let r = 0; r < eff.rows.length; r++) {
    const v = efficiencyAt(eff.rows[r], 60);
    if (!(v > 0.5 && v <= 1.0001)) throw damaged(WHO, eff.file, eff.lines[r], "an efficiency model with 0.5 < ε(60 PE) ≤ 1", `ε(60 PE) = ${v}`);
  }
  const qf = read("scintRespCoefficients.txt");
  for (let r = 0; r < qf.rows.length; r++) {
    let prev = 0;
    for (let T = 1; T <= CSI2021.fineRecoil.toKeV; T += 1) {
      const v = quenchedKeVee(qf.rows[r], T);
      if (!(v > prev)) throw damaged(WHO, qf.file, qf.lines[r], `a quenching curve rising over 0-${CSI2021.fineRecoil.toKeV} keVnr`, `E_ee(${T} keVnr) = ${v} keVee`);
      prev = v;
    }
  }

  const data: Csi2021Data = {
    observed,
    anticoincidence,
    anticoincidenceTotal,
    steadyState,
    brnShape: neutronShape("brnPE.txt", "brnTrec.txt"),
    ninShape: neutronShape("ninPE.txt", "ninTrec.txt"),
    efficiency: eff.rows,
    quenching: qf.rows,
  };
  cache.set(dir, data);
  return data;
}
