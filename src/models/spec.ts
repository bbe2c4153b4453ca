import { UserError } from "../errors.js";
import { catalogue, type VectorEntry } from "./catalogue.js";
import { readModelFile } from "./file.js";
import { coefficientsOf, fmtCoef, isAnomalyFreeVector, type Model, smallFraction, universalQuarkCharge, type VectorCoefficients, vectorModel } from "./model.js";
import { DECIMAL } from "../units.js";

/**
 * Resolve a model spec: "cB,ce,cmu,ctau" (e.g. "3,-7,-1,-1"), a name ("Lmu-Ltau", "3B-7Le-Lmu-Ltau",
 * "B-L", "B-3Le"; L = Le+Lmu+Ltau), a catalogue id ("V12", "C3"), "DarkPhoton", or a model file (file.ts).
 * Charges are taken exactly as typed (B−L is x_q = 1/3, x_ℓ = −1; the overall sign is kept); only an id uses the
 * catalogue's normalisation. A typed vector proportional to a catalogue model records that entry and the factor
 * (`catalogue`); other anomaly-free vectors are user models (their N charges are −c_ℓ, eq. 2.3).
 */
export function resolveModel(spec: string, maxCharge = 10): Model {
  const s = spec.trim();
  if (!s) throw new UserError("empty model spec");
  if (isModelFile(s)) return withCatalogue(readModelFile(s), maxCharge);
  const cat = catalogue(maxCharge);
  if (/^[VC]\d+$/i.test(s)) {
    const hit = [...cat.vector, ...cat.chiral].find((e) => e.id.toUpperCase() === s.toUpperCase());
    if (!hit) throw new UserError(`unknown model id '${s}' (the catalogue at --max-charge ${maxCharge} has V1..V${cat.vector.length} and C1..C${cat.chiral.length})`);
    return { ...hit.model, catalogue: { id: hit.id, factor: 1 } };
  }
  const c = s.includes(",") ? parseList(s) : parseName(s);
  if (!isAnomalyFreeVector(c))
    throw new UserError(
      `model '${spec}' is not anomaly-free: vector-like models need cB = −(ce+cmu+ctau)/3 in x_f = cB·B + ce·Le + cmu·Lmu + ctau·Ltau (eq. 4.3)`,
    );
  const model = vectorModel(c);
  const hit = findVector(c, cat.vector);
  if (!hit) return model;
  const factor = proportionality(c, hit);
  return { ...model, ...(factor === 1 ? { id: hit.id } : {}), catalogue: { id: hit.id, factor } };
}

/** A spec naming a model file: FILE.json, FILE.yaml or FILE.yml. */
export function isModelFile(spec: string): boolean {
  return /\.(json|ya?ml)$/i.test(spec);
}

/**
 * Record the catalogue entry a model's charges are a multiple of (quark-universal vector-like or chiral models), so
 * that a catalogue vector written as a model file is labelled as it is when typed as a spec. Extra features of the file
 * (mixing, decays) are kept; the name stays the file's.
 */
export function withCatalogue(model: Model, maxCharge = 10): Model {
  if (model.anomalous || !model.fields) return model;
  const cat = catalogue(maxCharge);
  const c = coefficientsOf(model);
  if (c) {
    if (!isAnomalyFreeVector(c)) return model;
    const hit = findVector(c, cat.vector);
    return hit ? { ...model, catalogue: { id: hit.id, factor: proportionality(c, hit) } } : model;
  }
  const f = model.fields;
  const xq = universalQuarkCharge(f);
  if (xq === undefined) return model;
  // Chiral: the entry whose (x_q, x_L, x_E) — and x_N where the file gives it — the charges are a multiple of.
  const mine = [xq, ...f.L, ...f.E, ...(f.N ?? [])];
  for (const e of cat.chiral) {
    const theirs = [e.xq, ...e.xL, ...e.xE, ...(f.N ? e.xN : [])];
    const k = mine.find((x) => x !== 0);
    const j = theirs[mine.indexOf(k as number)];
    if (k === undefined || !j) continue;
    const factor = k / j;
    if (theirs.every((y, i) => Math.abs(y * factor - mine[i]) <= 1e-12 * Math.max(1, Math.abs(mine[i])))) {
      const snapped = smallFraction(factor);
      return { ...model, catalogue: { id: e.id, factor: snapped ? snapped[0] / snapped[1] : factor } };
    }
  }
  return model;
}

/** The catalogue entry proportional to c (either sign), if any. */
export function findVector(c: VectorCoefficients, list: readonly VectorEntry[]): VectorEntry | undefined {
  const v = [c.cB, c.ce, c.cmu, c.ctau];
  const n = Math.hypot(...v);
  if (n === 0) return list.find((e) => e.cB === 0 && e.ce === 0 && e.cmu === 0 && e.ctau === 0);
  return list.find((e) => {
    const w = [e.cB, e.ce, e.cmu, e.ctau];
    const m = Math.hypot(...w);
    if (m === 0) return false;
    const dot = v.reduce((s, x, i) => s + x * w[i], 0) / (n * m);
    return Math.abs(Math.abs(dot) - 1) < 1e-12;
  });
}

/** k with c = k × entry (1 for the dark photon); exact small fractions are snapped (1/3, −2, …). */
function proportionality(c: VectorCoefficients, e: VectorCoefficients): number {
  const pairs: [number, number][] = [
    [c.cB, e.cB],
    [c.ce, e.ce],
    [c.cmu, e.cmu],
    [c.ctau, e.ctau],
  ];
  const [x, y] = pairs.reduce((best, p) => (Math.abs(p[1]) > Math.abs(best[1]) ? p : best));
  if (y === 0) return 1;
  const k = x / y;
  const f = smallFraction(k);
  return f ? f[0] / f[1] : k;
}

/** "V8", or "V8 ×1/3" / "V293 ×−1" when the typed charges are a multiple of the catalogue entry; null otherwise. */
export function catalogueLabel(m: Model): string | null {
  if (!m.catalogue) return null;
  const { id, factor } = m.catalogue;
  if (factor === 1) return id;
  return `${id} ×${fmtCoef(factor).replace("-", "−")}`;
}

function parseList(s: string): VectorCoefficients {
  const parts = s.split(",").map((x) => x.trim());
  if (parts.length !== 4 || parts.some((x) => !DECIMAL.test(x) && !/^[+-]?\d+\/\d+$/.test(x)))
    throw new UserError(`malformed charge list '${s}': expected four numbers cB,ce,cmu,ctau (e.g. 3,-7,-1,-1)`);
  const [cB, ce, cmu, ctau] = parts.map(fraction);
  if (![cB, ce, cmu, ctau].every(Number.isFinite)) throw new UserError(`malformed charge list '${s}': the charges must be finite`);
  return { cB, ce, cmu, ctau };
}

const SYMBOLS: Record<string, (keyof VectorCoefficients)[]> = {
  b: ["cB"],
  le: ["ce"],
  lmu: ["cmu"],
  "lμ": ["cmu"],
  ltau: ["ctau"],
  "lτ": ["ctau"],
  l: ["ce", "cmu", "ctau"],
};

function parseName(s: string): VectorCoefficients {
  const t = s.replace(/\s+/g, "").replace(/_/g, "").toLowerCase();
  const c: VectorCoefficients = { cB: 0, ce: 0, cmu: 0, ctau: 0 };
  if (t === "darkphoton" || t === "dark-photon" || t === "dp") return c;
  const re = /([+-]?)(\d+(?:\.\d+)?(?:\/\d+)?)?(lmu|lμ|ltau|lτ|le|l|b)/gy;
  let pos = 0;
  let m: RegExpExecArray | null;
  while (pos < t.length) {
    re.lastIndex = pos;
    m = re.exec(t);
    if (!m || m[0] === "") throw new UserError(`unknown model '${s}': expected a name like Lmu-Ltau or 3B-7Le-Lmu-Ltau, cB,ce,cmu,ctau, an id like V12, or a model file FILE.json`);
    const sign = m[1] === "-" ? -1 : 1;
    const coef = m[2] ? fraction(m[2]) : 1;
    for (const k of SYMBOLS[m[3]]) c[k] += sign * coef;
    pos = re.lastIndex;
  }
  return c;
}

function fraction(x: string): number {
  const [a, b] = x.split("/");
  return b === undefined ? Number(a) : Number(a) / Number(b);
}
