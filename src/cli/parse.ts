import { MEV } from "../constants.js";
import { couplings, type Mixing } from "../couplings/couplings.js";
import { resolveModel } from "../models/spec.js";
import { UserError } from "../errors.js";

const UNITS: Record<string, number> = { ev: 1e-9, kev: 1e-6, mev: MEV, gev: 1, tev: 1e3 };

/** A mass in GeV from "0.2", "200MeV", "0.2 GeV"; positive and finite. */
export function parseMass(input: unknown, what = "--mx"): number {
  const s = String(input ?? "").trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]*)$/.exec(s);
  if (!m) throw new UserError(`${what}: cannot read a mass from '${s}' (give GeV, or a unit: 200MeV, 1.5GeV)`);
  const unit = m[2].toLowerCase() || "gev";
  const f = UNITS[unit];
  if (f === undefined) throw new UserError(`${what}: unknown unit '${m[2]}' (use eV, keV, MeV, GeV or TeV)`);
  const v = Number(m[1]) * f;
  if (!Number.isFinite(v) || v <= 0) throw new UserError(`${what}: the mass must be positive and finite, got '${s}'`);
  return v;
}

/** A finite number. */
export function parseNumber(input: unknown, what: string): number {
  const s = String(input ?? "").trim();
  const v = s === "" ? Number.NaN : Number(s);
  if (!Number.isFinite(v)) throw new UserError(`${what}: expected a finite number, got '${s}'`);
  return v;
}

/** The kinetic mixing from --eps or --eps-ratio (exactly one). */
export function parseMixing(args: { eps?: unknown; epsRatio?: unknown }, required = true): Mixing | undefined {
  const hasEps = args.eps !== undefined;
  const hasRatio = args.epsRatio !== undefined;
  if (hasEps && hasRatio) throw new UserError("give either --eps or --eps-ratio, not both");
  if (hasEps) return { eps: parseNumber(args.eps, "--eps") };
  if (hasRatio) return { epsRatio: parseNumber(args.epsRatio, "--eps-ratio") };
  if (required) throw new UserError("the kinetic mixing is missing: give --eps ε or --eps-ratio εe/g_X");
  return undefined;
}

/** The options of the point commands (chi2, widths, coherent). */
export interface PointArgs {
  model: string;
  mx: string;
  g: string;
  eps?: string;
  epsRatio?: string;
  maxCharge: number;
  format: string;
}

/** A model at one point (mass, g_X, mixing), as the point commands take it. */
export function parsePoint(a: PointArgs) {
  const model = resolveModel(a.model, a.maxCharge);
  const mX = parseMass(a.mx);
  const gX = parseNumber(a.g, "--g");
  const mix = parseMixing(a) as Mixing;
  return { model, mX, gX, mix, couplings: couplings(model, gX, mix, mX) };
}
