import { describe, expect, it } from "vitest";
import { u1x } from "./helpers/cli.js";

// Every command in every format it supports gives a well-formed document: JSON that parses, CSV whose rows have the
// header's number of fields (RFC 4180 quoting), Markdown tables with a separator row, LaTeX tabulars whose rows have
// the declared number of columns. Reference: the formats' own grammars.
const P = ["--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "0"];
const COMMANDS: [string, string[], string[]][] = [
  ["models", ["models", "--max-charge", "2", "--category", "vector"], ["table", "json", "csv", "md", "latex"]],
  ["couplings", ["couplings", "--model", "B-L", "--eps-ratio", "0.5"], ["table", "json", "csv", "md", "latex"]],
  ["widths", ["widths", ...P], ["table", "json", "csv", "md", "latex"]],
  ["chi2", ["chi2", ...P, "--likelihoods", "amu,borexino,nsi"], ["table", "json", "csv", "md", "latex"]],
  ["fit", ["fit", "--model", "Lmu-Ltau", "--mx", "0.2", "--likelihoods", "amu,borexino,nsi"], ["table", "json", "csv", "md", "latex"]],
  ["rank", ["rank", "--mx", "0.2", "--likelihoods", "amu,borexino", "--max-charge", "2", "--top", "3", "--threads", "1"], ["table", "json", "csv", "md", "latex"]],
  ["scan-mass", ["scan-mass", "--model", "Lmu-Ltau", "--points", "2", "--likelihoods", "amu,borexino"], ["table", "json", "csv", "md", "latex"]],
  ["mass-bound", ["mass-bound", "--points", "2", "--to", "5GeV"], ["table", "json", "csv", "md", "latex"]],
  ["limits", ["limits", "--model", "B-L", "--mx", "0.5", "--eps", "0", "--searches", "paper"], ["table", "json", "csv", "md"]],
  ["trident", ["trident", ...P], ["table", "json", "csv", "md"]],
  ["coherent", ["coherent", ...P], ["table", "json", "csv", "md"]],
  ["inputs", ["inputs"], ["table", "json", "csv", "md", "latex"]],
];

function csvFields(line: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) n++;
  }
  return n;
}

describe("every command in every format", () => {
  for (const [name, args, formats] of COMMANDS)
    it.each(formats)(`${name} --format %s`, (format) => {
      const r = u1x([...args, "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      const out = r.stdout;
      expect(out).not.toMatch(/NaN|Infinity|\binf\b|undefined|\[object/);
      if (format === "json") expect(() => JSON.parse(out)).not.toThrow();
      if (format === "csv") {
        const lines = out.trimEnd().split("\n");
        const n = csvFields(lines[0]);
        expect(lines.length).toBeGreaterThan(1);
        for (const l of lines) expect(csvFields(l), l).toBe(n);
      }
      if (format === "md") {
        const rows = out.split("\n").filter((l) => l.startsWith("|"));
        expect(rows.length).toBeGreaterThan(2);
        expect(rows[1]).toMatch(/^\|(---\|)+$/);
        // cells are separated by unescaped pipes
        const cells = (l: string) => l.split(/(?<!\\)\|/).length;
        const n = cells(rows[0]);
        for (const l of rows) expect(cells(l), l).toBe(n);
      }
      if (format === "latex") {
        const spec = /\\begin\{tabular\}\{(l+)\}/.exec(out);
        expect(spec).not.toBeNull();
        const rows = out.split("\n").filter((l) => l.endsWith("\\\\"));
        for (const l of rows) expect(l.split(" & ").length, l).toBe(spec![1].length);
        expect(out).toContain("\\end{tabular}");
      }
    });
});

describe("toJson (every --format json)", () => {
  it("writes undefined values as null and typed arrays as arrays, as JSON.stringify with the old replacer did", async () => {
    const { toJson } = await import("../src/output/format.js");
    const value = { a: Number.NaN, b: [1, Number.POSITIVE_INFINITY, { c: Float64Array.from([0.5, -2]) }], d: new Int32Array([3]), e: "x", f: null, g: { h: [Number.NEGATIVE_INFINITY] } };
    // The reference: JSON.stringify with a replacer that does both conversions explicitly.
    const reference = JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? null : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v), 2) + "\n";
    expect(toJson(value)).toBe(reference);
    expect(JSON.parse(toJson(value))).toEqual({ a: null, b: [1, null, { c: [0.5, -2] }], d: [3], e: "x", f: null, g: { h: [null] } });
    // The input is left as it was.
    expect(value.b[2]).toHaveProperty("c");
    expect((value.b[2] as { c: Float64Array }).c).toBeInstanceOf(Float64Array);
  });
});
