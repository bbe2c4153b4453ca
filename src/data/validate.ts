/**
 * Declarative checks of parsed JSON (the committed computed inputs: the NSI refit, the trident kernel). A check
 * returns the first problem as "expected …, found …", or undefined when the value fits.
 */

export interface Problem {
  expected: string;
  found: string;
}

/** Checks a parsed value; undefined when it is valid. */
export type Validator = (value: unknown) => Problem | undefined;

export type Shape =
  | { kind: "number"; min?: number; above?: number; max?: number; integer?: boolean }
  | { kind: "string" }
  | { kind: "array"; of: Shape; length?: number; minLength?: number }
  | { kind: "object"; fields: Readonly<Record<string, Shape>> };

type NumberBounds = { min?: number; above?: number; max?: number; integer?: boolean };

/** A finite number, optionally bounded. */
export const finite = (bounds: NumberBounds = {}): Shape => ({ kind: "number", ...bounds });
export const string = (): Shape => ({ kind: "string" });
/** An array of values of one shape, of an exact or minimum length. */
export const arrayOf = (of: Shape, size: { length?: number; minLength?: number } = {}): Shape => ({ kind: "array", of, ...size });
/** An object with (at least) these fields. */
export const object = (fields: Readonly<Record<string, Shape>>): Shape => ({ kind: "object", fields });

/** A JSON value as it appears in a message (short, one line). */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing (the field is missing)";
  if (v === null) return "null";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const s = JSON.stringify(v);
    return `the string ${s.length > 40 ? `${s.slice(0, 37)}..."` : s}`;
  }
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return typeof v === "object" ? "an object" : typeof v;
}

function numberText(s: Extract<Shape, { kind: "number" }>): string {
  const parts = [s.integer ? "a finite integer" : "a finite number"];
  if (s.above !== undefined) parts.push(`> ${s.above}`);
  if (s.min !== undefined && s.max !== undefined) parts.push(`in [${s.min}, ${s.max}]`);
  else if (s.min !== undefined) parts.push(`≥ ${s.min}`);
  else if (s.max !== undefined) parts.push(`≤ ${s.max}`);
  return parts.join(" ");
}

/** The first place where `value` does not fit `shape`; `path` names the value ("eta.E0[1]"). */
export function checkShape(value: unknown, shape: Shape, path = "the file"): Problem | undefined {
  const fail = (what: string): Problem => ({ expected: `${path} to be ${what}`, found: describe(value) });
  switch (shape.kind) {
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(numberText(shape));
      const ok =
        (shape.above === undefined || value > shape.above) &&
        (shape.min === undefined || value >= shape.min) &&
        (shape.max === undefined || value <= shape.max) &&
        (!shape.integer || Number.isInteger(value));
      return ok ? undefined : fail(numberText(shape));
    }
    case "string":
      return typeof value === "string" ? undefined : fail("a string");
    case "array": {
      const size = shape.length !== undefined ? `${shape.length} ` : shape.minLength !== undefined ? `at least ${shape.minLength} ` : "";
      if (!Array.isArray(value)) return fail(`an array of ${size}values`);
      if ((shape.length !== undefined && value.length !== shape.length) || (shape.minLength !== undefined && value.length < shape.minLength))
        return fail(`an array of ${size}values`);
      for (let i = 0; i < value.length; i++) {
        const p = checkShape(value[i], shape.of, `${path}[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("an object");
      const rec = value as Record<string, unknown>;
      const prefix = path === "the file" ? "" : `${path}.`;
      for (const [k, s] of Object.entries(shape.fields)) {
        const p = checkShape(rec[k], s, `${prefix}${k}`);
        if (p) return p;
      }
      return undefined;
    }
  }
}

/** Arrays at these paths of the same length (e.g. a kernel's q2, vv, aa, va). */
export function sameLength(arrays: Readonly<Record<string, readonly unknown[]>>): Problem | undefined {
  const entries = Object.entries(arrays);
  const [first, a0] = entries[0];
  for (const [k, a] of entries.slice(1))
    if (a.length !== a0.length) return { expected: `${k} to have as many entries as ${first} (${a0.length})`, found: `${a.length}` };
  return undefined;
}
