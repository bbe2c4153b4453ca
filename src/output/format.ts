import { UserError } from "../errors.js";

export const FORMATS = ["table", "json", "csv", "md", "latex"] as const;
export type Format = (typeof FORMATS)[number];

export type Cell = string | number | boolean | null | undefined;
export interface Column<T> {
  header: string;
  /** LaTeX header (defaults to header). */
  latex?: string;
  value: (row: T) => Cell;
  /** Significant digits for numbers (default 4). */
  digits?: number;
}

/** A number for humans: fixed for moderate magnitudes, exponent otherwise; "–" where it is undefined (never NaN/inf). */
export function fmtNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

function cellText(c: Cell, digits?: number): string {
  if (c === null || c === undefined) return "–";
  if (typeof c === "number") return fmtNumber(c, digits);
  if (typeof c === "boolean") return c ? "yes" : "no";
  return String(c);
}

function latexNumber(c: Cell, digits?: number): string {
  if (typeof c === "boolean") return c ? "yes" : "no";
  if (typeof c !== "number" || !Number.isFinite(c)) return c === null || c === undefined || typeof c === "number" ? "--" : String(c).replace(/_/g, "\\_");
  const a = Math.abs(c);
  if (c === 0 || (a >= 1e-3 && a < 1e5)) return `$${fmtNumber(c, digits)}$`;
  const [m, e] = c.toExponential((digits ?? 4) - 1).split("e");
  return `$${m}\\times 10^{${Number(e)}}$`;
}

const csvEscape = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Render rows in a text format (table, csv, md, latex). JSON is rendered by the caller from its own object. */
export function renderRows<T>(rows: readonly T[], cols: readonly Column<T>[], format: Exclude<Format, "json">, caption?: string): string {
  const text = rows.map((r) => cols.map((c) => cellText(c.value(r), c.digits)));
  switch (format) {
    case "csv": {
      const raw = rows.map((r) => cols.map((c) => {
        const v = c.value(r);
        return v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : typeof v === "number" ? String(v) : csvEscape(String(v));
      }));
      return [cols.map((c) => csvEscape(c.header)).join(","), ...raw.map((r) => r.join(","))].join("\n") + "\n";
    }
    case "md": {
      const head = `| ${cols.map((c) => c.header).join(" | ")} |`;
      const sep = `|${cols.map(() => "---").join("|")}|`;
      const cell = (x: string) => x.replace(/\|/g, "\\|");
      return [caption ? `${caption}\n` : "", head, sep, ...text.map((r) => `| ${r.map(cell).join(" | ")} |`)].filter(Boolean).join("\n") + "\n";
    }
    case "latex": {
      const lines = [
        "\\begin{tabular}{" + "l".repeat(cols.length) + "}",
        "\\hline",
        cols.map((c) => c.latex ?? c.header.replace(/_/g, "\\_")).join(" & ") + " \\\\",
        "\\hline",
        ...rows.map((r) => cols.map((c) => latexNumber(c.value(r), c.digits)).join(" & ") + " \\\\"),
        "\\hline",
        "\\end{tabular}",
      ];
      if (caption) lines.unshift(`% ${caption}`);
      return lines.join("\n") + "\n";
    }
    default: {
      const widths = cols.map((c, j) => Math.max(c.header.length, ...text.map((r) => r[j].length)));
      const line = (cells: string[]) => cells.map((s, j) => s.padStart(widths[j])).join("  ");
      return [caption ?? "", line(cols.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].filter((s) => s !== "").join("\n") + "\n";
    }
  }
}

/**
 * JSON in which a value that is undefined is null: non-finite numbers (α and R of L_µ−L_τ, ε·e/g_X at g_X = 0)
 * and typed arrays become plain arrays.
 */
export function toJson(x: unknown): string {
  // JSON.stringify writes NaN and ±Infinity as null itself; only typed arrays need converting. Without a replacer it
  // keeps its fast path (a replacer function is called for every value: ~10 ms of `limits --scan`'s 5,744 rows).
  return JSON.stringify(withPlainArrays(x), null, 2) + "\n";
}

/** x with every typed array replaced by a plain array (objects and arrays copied only where one is inside). */
function withPlainArrays(x: unknown): unknown {
  if (x === null || typeof x !== "object") return x;
  if (ArrayBuffer.isView(x)) return Array.from(x as Float64Array);
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v = withPlainArrays(x[i]);
      if (v !== x[i]) (out ??= x.slice())[i] = v;
    }
    return out ?? x;
  }
  if (typeof (x as { toJSON?: unknown }).toJSON === "function") return x;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(x)) {
    const v0 = (x as Record<string, unknown>)[k];
    const v = withPlainArrays(v0);
    if (v !== v0) (out ??= { ...(x as Record<string, unknown>) })[k] = v;
  }
  return out ?? x;
}

/** The --format of a command (table when omitted). */
export function checkFormat(f: string | undefined, allowed: readonly Format[]): Format {
  const v = f ?? "table";
  if (!(allowed as readonly string[]).includes(v)) throw new UserError(`unsupported --format '${v}' here (use one of: ${allowed.join(", ")})`);
  return v as Format;
}
