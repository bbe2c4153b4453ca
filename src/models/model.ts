/**
 * A U(1)_X model as the phenomenology sees it: the charges of the SM fields (N_i are heavy and dropped).
 * Lepton index 0, 1, 2 = e, µ, τ.
 */
export interface Model {
  /** Catalogue id ("V12", "C3") when the charges are exactly the catalogue entry's. */
  id?: string;
  /** The catalogue entry these charges are a multiple of: charges = factor × the entry's (factor 1 for an id). */
  catalogue?: { id: string; factor: number };
  name: string;
  /** Universal quark charge. */
  xq: number;
  xL: readonly [number, number, number];
  xE: readonly [number, number, number];
  /** Right-handed neutrino charges, when known (information only). */
  xN?: readonly [number, number, number];
}

/** The pure dark photon: every SM charge zero (it couples only through ε). */
export function isDarkPhoton(m: Model): boolean {
  return m.xq === 0 && m.xL.every((x) => x === 0) && m.xE.every((x) => x === 0);
}

/** Table 1 coefficients: x_f = cB·B + ce·L_e + cmu·L_µ + ctau·L_τ (quark charge cB/3). */
export interface VectorCoefficients {
  cB: number;
  ce: number;
  cmu: number;
  ctau: number;
}

/** The model of a Table 1 coefficient vector; anomaly freedom needs cB = −(ce + cmu + ctau)/3. */
export function vectorModel(c: VectorCoefficients, id?: string): Model {
  const l = [c.ce, c.cmu, c.ctau] as const;
  return { id, name: vectorName(c), xq: c.cB / 3, xL: l, xE: l };
}

/** The coefficients of a vector-like model, or undefined for a chiral one. */
export function coefficientsOf(m: Model): VectorCoefficients | undefined {
  if (!m.xL.every((x, i) => x === m.xE[i])) return undefined;
  return { cB: 3 * m.xq + 0, ce: m.xL[0], cmu: m.xL[1], ctau: m.xL[2] };
}

/** The anomaly condition of eq. (4.3) in Table 1's convention (SU(2)²X with x_H = 0). */
export function isAnomalyFreeVector(c: VectorCoefficients, tol = 1e-9): boolean {
  return Math.abs(3 * c.cB + (c.ce + c.cmu + c.ctau)) <= tol * (1 + Math.abs(c.cB));
}

/** A readable name, e.g. "Lmu-Ltau", "3B-7Le-Lmu-Ltau"; the zero vector is the dark photon. */
export function vectorName(c: VectorCoefficients): string {
  const terms: [number, string][] = [
    [c.cB, "B"],
    [c.ce, "Le"],
    [c.cmu, "Lmu"],
    [c.ctau, "Ltau"],
  ];
  let s = "";
  for (const [k, sym] of terms) {
    if (k === 0) continue;
    const mag = Math.abs(k);
    const coef = mag === 1 ? "" : fmtCoef(mag);
    s += (k < 0 ? "-" : s ? "+" : "") + coef + sym;
  }
  return s || "DarkPhoton";
}

/** A coefficient as the names are typed: an integer, a small fraction (1/3), or a decimal. */
export function fmtCoef(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const f = smallFraction(x);
  return f ? `${f[0]}/${f[1]}` : String(Number(x.toPrecision(6)));
}

/** A fraction p/q with q ≤ 1000 within 1e-12 of x (continued fractions), or undefined. */
export function smallFraction(x: number): [number, number] | undefined {
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let y = x;
  for (let i = 0; i < 20; i++) {
    const a = Math.floor(y);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > 1000) return undefined;
    if (Math.abs(h1 / k1 - x) <= 1e-12 * Math.max(1, Math.abs(x))) return [h1, k1];
    const frac = y - a;
    if (frac === 0) return undefined;
    y = 1 / frac;
  }
  return undefined;
}

/**
 * The (α, R) coordinates of eq. (4.4): x_f ∝ sin α (L_e − L_µ) + cos α (B/3 − L_µ) + R (L_µ − L_τ),
 * with R ≥ 0 (R → −R is α → α + π, footnote 9). Returns R = ∞ (and α = NaN) for exact L_µ − L_τ and
 * undefined for the dark photon.
 */
export function alphaR(c: VectorCoefficients): { alpha: number; R: number } | undefined {
  // Matching coefficients: k sin α = ce, k cos α = 3 cB, k R = −ctau.
  const k0 = Math.hypot(c.ce, 3 * c.cB);
  if (k0 === 0) {
    if (c.ctau === 0) return undefined;
    return { alpha: Number.NaN, R: Number.POSITIVE_INFINITY };
  }
  const k = c.ctau > 0 ? -k0 : k0;
  return { alpha: Math.atan2(c.ce / k, (3 * c.cB) / k), R: -c.ctau / k };
}

/** Coefficients (cB, ce, cmu, ctau) of the point (α, R) of eq. (4.4), up to normalisation. */
export function fromAlphaR(alpha: number, R: number): VectorCoefficients {
  if (!Number.isFinite(R)) return { cB: 0, ce: 0, cmu: 1, ctau: -1 };
  const s = Math.sin(alpha);
  const co = Math.cos(alpha);
  return { cB: co / 3, ce: s, cmu: -s - co + R, ctau: -R };
}
