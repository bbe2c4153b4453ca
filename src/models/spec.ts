import { UserError } from "../errors.js";
import { catalogue, type VectorEntry } from "./catalogue.js";
import { isAnomalyFreeVector, type Model, type VectorCoefficients, vectorModel } from "./model.js";

/**
 * Resolve a model spec: "cB,ce,cmu,ctau" (e.g. "3,-7,-1,-1"), a name ("Lmu-Ltau", "3B-7Le-Lmu-Ltau",
 * "B-L", "B-3Le"; L = Le+Lmu+Ltau), a catalogue id ("V12", "C3") or "DarkPhoton".
 * A vector proportional to a catalogue model resolves to that model, in the catalogue's normalisation;
 * other anomaly-free vectors are accepted as user models (their N charges are −c_ℓ, eq. 2.3).
 */
export function resolveModel(spec: string, maxCharge = 10): Model {
  const s = spec.trim();
  if (!s) throw new UserError("empty model spec");
  const cat = catalogue(maxCharge);
  const byId = /^[VC]\d+$/i.test(s) ? [...cat.vector, ...cat.chiral].find((e) => e.id.toUpperCase() === s.toUpperCase()) : undefined;
  if (byId) return byId.model;
  if (/^[VC]\d+$/i.test(s)) throw new UserError(`unknown model id '${s}' (the catalogue has V1..V${cat.vector.length} and C1..C${cat.chiral.length})`);
  const c = /^[\s\d.eE+-]+(,[\s\d.eE+-]+){3}$/.test(s) ? parseList(s) : parseName(s);
  if (!isAnomalyFreeVector(c))
    throw new UserError(
      `model '${spec}' is not anomaly-free: vector-like models need cB = −(ce+cmu+ctau)/3 in x_f = cB·B + ce·Le + cmu·Lmu + ctau·Ltau (eq. 4.3)`,
    );
  const hit = findVector(c, cat.vector);
  return hit ? hit.model : vectorModel(c);
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

function parseList(s: string): VectorCoefficients {
  const v = s.split(",").map((x) => Number(x.trim()));
  if (v.some((x) => !Number.isFinite(x))) throw new UserError(`malformed charge list '${s}': expected four numbers cB,ce,cmu,ctau`);
  return { cB: v[0], ce: v[1], cmu: v[2], ctau: v[3] };
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
    if (!m || m[0] === "") throw new UserError(`unknown model '${s}': expected a name like Lmu-Ltau or 3B-7Le-Lmu-Ltau, cB,ce,cmu,ctau, or an id like V12`);
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
