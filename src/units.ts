import { EV, KEV, MEV } from "./constants.js";
import { UserError } from "./errors.js";

/**
 * Parsing of numbers and masses as users type them (CLI flags, recipes, model files). Strict: only decimal
 * notation ("0x10", "Infinity", "1_000" and "" are refused), and units are case-sensitive, so that "200meV"
 * (milli-electronvolts) can never be read as 200 MeV.
 */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Mass units in GeV (case-sensitive). */
export const MASS_UNITS: Readonly<Record<string, number>> = { meV: 1e-3 * EV, eV: EV, keV: KEV, MeV: MEV, GeV: 1, TeV: 1e3 };

/** A finite decimal number. */
export function parseNumber(input: unknown, what: string): number {
  const s = String(input ?? "").trim();
  if (!DECIMAL.test(s)) throw new UserError(`${what}: expected a decimal number, got '${s}'`);
  const v = Number(s);
  if (!Number.isFinite(v)) throw new UserError(`${what}: expected a finite number, got '${s}'`);
  return v;
}

/** An integer ≥ min. */
export function parseInteger(input: unknown, what: string, min = 1): number {
  const s = String(input ?? "").trim();
  if (!/^[+-]?\d+$/.test(s) || !Number.isSafeInteger(Number(s)) || Number(s) < min)
    throw new UserError(`${what}: expected ${min === 1 ? "a positive integer" : `an integer ≥ ${min}`}, got '${s}'`);
  return Number(s);
}

/** A mass in GeV from "0.2", "200MeV", "0.2 GeV" (units case-sensitive); positive and finite. */
export function parseMass(input: unknown, what = "--mx"): number {
  const s = String(input ?? "").trim();
  const m = /^(\S+?)\s*([a-zA-Z]*)$/.exec(s);
  if (!m || !DECIMAL.test(m[1])) throw new UserError(`${what}: cannot read a mass from '${s}' (give GeV, or a unit: 200MeV, 1.5GeV)`);
  const unit = m[2] || "GeV";
  const f = MASS_UNITS[unit];
  if (f === undefined) {
    const near = Object.keys(MASS_UNITS).filter((u) => u.toLowerCase() === unit.toLowerCase());
    throw new UserError(`${what}: unknown unit '${m[2]}' (units are case-sensitive: ${Object.keys(MASS_UNITS).join(", ")}${near.length ? `; did you mean ${near.join(" or ")}?` : ""})`);
  }
  const v = Number(m[1]) * f;
  if (!Number.isFinite(v) || v <= 0) throw new UserError(`${what}: the mass must be positive and finite, got '${s}'`);
  return v;
}

/** A mass for messages: "200 MeV", "4.9 GeV", "2e-10 GeV". */
export function formatMass(m: number): string {
  if (m >= 1e-3 && m < 1) return `${Number((m * 1e3).toPrecision(4))} MeV`;
  if (m >= 1 && m < 1e4) return `${Number(m.toPrecision(4))} GeV`;
  return `${m.toPrecision(3)} GeV`;
}
