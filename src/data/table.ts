import { dirname, join, relative } from "node:path";
import { DamagedDataError, DataFileError, MissingDataError } from "../errors.js";
import { dataDir } from "./dataDir.js";
import { exists, readText } from "./files.js";
import { DECIMAL } from "../units.js";

/**
 * The one reader of the experimental data files: every file is checked against a declarative spec as it is read,
 * and any damage (truncation, an empty file, a non-numeric token, a dropped column, masses out of order, a bin
 * missing from a grid…) is a one-line DamagedDataError naming who needs the file, its path and line, what was
 * expected and what was found, and the fix. A missing file is a MissingDataError. Numbers must be decimal (DECIMAL
 * in units.ts): `Number()` also accepts "0x10", "", " ", "Infinity", which are not data.
 */

/** Bounds on the values of some columns (0-based); every value is always a finite decimal number. */
export interface ValueRule {
  /** The columns: a list, or every column from `from` on. */
  columns: readonly number[] | { from: number };
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  integer?: boolean;
  /** What the values are, for messages ("counts", "ε", "fractions"). */
  what: string;
}

/** A column whose values increase down the file (optionally only within runs of equal values of `within`). */
export interface Increasing {
  column: number;
  /** Strictly increasing; otherwise equal neighbours are allowed (digitised curves repeat points at steps). */
  strict: boolean;
  /** Only compare rows whose column `within` is equal (a grid sorted by that column first). */
  within?: number;
}

/** One axis of a grid: the column and every value it must take. */
export interface GridAxis {
  column: number;
  label: string;
  values: readonly number[];
  /** The values in words, for messages ("odd 7..29"). */
  text: string;
}

/** Every combination of the axes' values appears exactly once (and no other). */
export interface GridSpec {
  axes: readonly GridAxis[];
  /** The grid in words, for messages ("12 PE x 12 time bins"). */
  text: string;
}

export interface TableSpec {
  /** Number of numeric columns: exact, the allowed counts, or a minimum (every row must have the same count). */
  columns: number | readonly number[] | { min: number };
  /** Exact number of data rows, or a minimum (default: at least one). */
  rows?: number | { min: number };
  /** What the row count means, for messages ("25 PE x 24 time bins"). */
  rowsNote?: string;
  /**
   * "comment": the first non-blank line is a '#' comment. "names": the first non-blank line is '# name name …' whose
   * names match the numeric column count (returned as `names`). Without it, '#' lines are still skipped anywhere.
   */
  header?: "comment" | "names";
  /** Column names (0-based order) for messages. */
  names?: readonly string[];
  increasing?: readonly Increasing[];
  values?: readonly ValueRule[];
  grid?: GridSpec;
}

export interface Table {
  /** Absolute path of the file. */
  file: string;
  rows: number[][];
  /** 1-based line number of each row. */
  lines: number[];
  /** Column names of a "names" header. */
  names?: string[];
  /** 1-based line number of the header (0 without one). */
  headerLine: number;
}

/** Absolute path of a file in the data directory. */
export function dataFilePath(relPath: string): string {
  return join(dataDir(), relPath);
}

/** The fix for a damaged file: restore it (naming the nearest README of the data release) or use an intact copy. */
export function restoreHint(file: string): string {
  const root = dataDir();
  let dir = dirname(file);
  let readme: string | undefined;
  while (!relative(root, dir).startsWith("..")) {
    const r = join(dir, "README.md");
    if (exists(r)) {
      readme = r;
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return `restore it from the release${readme ? ` (see ${readme})` : ""} or point --data-dir / U1X_DATA_DIR at an intact copy`;
}

/** A DamagedDataError for a data-directory file, with the standard fix. */
export function damaged(who: string, file: string, line: number, expected: string, found: string): DamagedDataError {
  return new DamagedDataError(who, file, line, expected, found, restoreHint(file));
}

/** A token or line as it appears in a message: quoted, on one line, at most 60 characters. */
export function quote(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return `'${t.length > 60 ? `${t.slice(0, 57)}...` : t}'`;
}

/** The text of a data file (path relative to the data directory); missing and unreadable files are errors. */
export function readDataText(who: string, relPath: string): { file: string; text: string } {
  const file = dataFilePath(relPath);
  if (!exists(file)) throw new MissingDataError(who, file);
  try {
    return { file, text: readText(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new DataFileError(`${who}: data file ${file} cannot be read (${code}); ${restoreHint(file)}`, who, file);
  }
}

/** The file's lines without line terminators (CRLF tolerated; a final newline does not make an extra line). */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Read and validate a whitespace-separated numeric table (path relative to the data directory). `who` names what
 * needs it ("likelihood 'coherent'"). Blank lines and '#' comments are skipped. Throws MissingDataError or
 * DamagedDataError; the numbers are exactly `Number(token)` of each token.
 */
export function readTable(who: string, relPath: string, spec: TableSpec): Table {
  const { file, text } = readDataText(who, relPath);
  return parseTable(who, file, text, spec);
}

/** readTable's checks and parse of a file's text. */
function parseTable(who: string, file: string, text: string, spec: TableSpec): Table {
  const fail = (line: number, expected: string, found: string) => damaged(who, file, line, expected, found);
  const col = (j: number) => `column ${j + 1}${spec.names?.[j] ? ` (${spec.names[j]})` : ""}`;
  const cols = spec.columns;
  const okColumns = (n: number) => (typeof cols === "number" ? n === cols : "min" in cols ? n >= cols.min : cols.includes(n));
  const allowedText =
    typeof cols === "number" ? plural(cols, "column") : "min" in cols ? `at least ${plural(cols.min, "column")}` : `${cols.join(" or ")} columns`;
  const exact = typeof spec.rows === "number" ? spec.rows : undefined;
  const min = typeof spec.rows === "object" ? spec.rows.min : exact === undefined ? 1 : exact;
  const rowsText = (n: number) => `${plural(n, "row")}${spec.rowsNote ? ` (${spec.rowsNote})` : ""}`;

  // Lines as in the file ('\r' of CRLF is removed by trim); a final newline does not make an extra line.
  const lines = text.split("\n");
  const end = text.endsWith("\n") ? lines.length : lines.length + 1; // the line after the last
  if (lines.every((l) => !l.trim())) {
    const expected = spec.header ? "a '#' header line and data rows" : exact !== undefined ? rowsText(exact) : "data rows";
    throw fail(1, expected, text.length === 0 ? "an empty file" : "only blank lines");
  }

  let ncol: number | undefined;
  let ncolLine = 0;
  let names: string[] | undefined;
  let i = 0;
  let headerLine = 0;
  if (spec.header) {
    while (!lines[i].trim()) i++;
    headerLine = i + 1;
    const h = lines[i].trim();
    if (!h.startsWith("#")) throw fail(i + 1, "a '#' header line", quote(h));
    if (spec.header === "names") {
      names = h.replace(/^#\s*/, "").split(/\s+/).filter(Boolean);
      if (!okColumns(names.length)) throw fail(i + 1, `a header naming ${allowedText}`, `${plural(names.length, "name")} ${quote(h)}`);
      ncol = names.length;
      ncolLine = i + 1;
    }
    i++;
  }

  // Value rules, per column (built once the column count is known).
  const rulesFor = (j: number) => (spec.values ?? []).filter((r) => ("from" in r.columns ? j >= r.columns.from : r.columns.includes(j)));
  let colRules: ValueRule[][] = [];
  const increasing = spec.increasing ?? [];
  const checkValue = (r: ValueRule, x: number): string | undefined => {
    if (r.min !== undefined && !(x >= r.min)) return `≥ ${r.min}`;
    if (r.above !== undefined && !(x > r.above)) return `> ${r.above}`;
    if (r.max !== undefined && !(x <= r.max)) return `≤ ${r.max}`;
    if (r.integer && !Number.isInteger(x)) return "integer";
    return undefined;
  };

  // Grid bookkeeping.
  const grid = spec.grid;
  const axisIndex = grid?.axes.map((a) => new Map(a.values.map((v, k) => [v, k] as const)));
  const gridSize = grid ? grid.axes.reduce((n, a) => n * a.values.length, 1) : 0;
  const seenAt = new Int32Array(gridSize);
  const binText = (vals: readonly number[]) => `(${grid!.axes.map((a, k) => `${a.label} ${vals[k]}`).join(", ")})`;

  const rows: number[][] = [];
  const rowLines: number[] = [];
  for (; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t || t.startsWith("#")) continue;
    const line = i + 1;
    if (exact !== undefined && rows.length === exact) throw fail(line, rowsText(exact), `more (this is row ${exact + 1})`);
    const tokens = t.split(/\s+/);
    if (ncol === undefined) {
      if (!okColumns(tokens.length)) throw fail(line, allowedText, `${plural(tokens.length, "column")} ${quote(t)}`);
      ncol = tokens.length;
      ncolLine = line;
    }
    if (colRules.length !== ncol) colRules = Array.from({ length: ncol }, (_, j) => rulesFor(j));
    if (tokens.length !== ncol) {
      const like = names ? "as the header names" : `like line ${ncolLine}`;
      throw fail(line, `${plural(ncol, "column")} ${like}`, `${tokens.length} ${quote(t)}`);
    }
    const row: number[] = [];
    for (let j = 0; j < ncol; j++) {
      const tok = tokens[j];
      const x = DECIMAL.test(tok) ? Number(tok) : Number.NaN;
      if (!Number.isFinite(x)) throw fail(line, `a finite decimal number in ${col(j)}`, quote(tok));
      const rules = colRules[j];
      for (let k = 0; k < rules.length; k++) {
        const bad = checkValue(rules[k], x);
        if (bad) throw fail(line, `${rules[k].what} ${bad} in ${col(j)}`, quote(tok));
      }
      row.push(x);
    }
    const prev = rows[rows.length - 1];
    if (prev)
      for (const inc of increasing) {
        if (inc.within !== undefined && prev[inc.within] !== row[inc.within]) continue;
        const a = prev[inc.column];
        const b = row[inc.column];
        if (inc.strict ? !(b > a) : !(b >= a)) {
          const scope = inc.within !== undefined ? ` within equal ${col(inc.within)}` : "";
          throw fail(line, `${col(inc.column)} ${inc.strict ? "strictly increasing" : "non-decreasing"}${scope}`, `${tokens[inc.column]} after ${a} on line ${rowLines[rowLines.length - 1]}`);
        }
      }
    if (grid) {
      let key = 0;
      for (let k = 0; k < grid.axes.length; k++) {
        const ax = grid.axes[k];
        const idx = axisIndex![k].get(row[ax.column]);
        if (idx === undefined) throw fail(line, `${col(ax.column)} on the grid's ${ax.label} values (${ax.text})`, quote(tokens[ax.column]));
        key = key * ax.values.length + idx;
      }
      if (seenAt[key]) throw fail(line, `each bin of the ${grid.text} once`, `bin ${binText(grid.axes.map((a) => row[a.column]))} again (first on line ${seenAt[key]})`);
      seenAt[key] = line;
    }
    rows.push(row);
    rowLines.push(line);
  }

  if (rows.length < min) {
    const expected = exact !== undefined ? rowsText(exact) : `at least ${rowsText(min)}`;
    throw fail(end, expected, `${rows.length}`);
  }
  if (grid) {
    const missing = seenAt.indexOf(0);
    if (missing >= 0) {
      const vals: number[] = [];
      let k = missing;
      for (let a = grid.axes.length - 1; a >= 0; a--) {
        const n = grid.axes[a].values.length;
        vals[a] = grid.axes[a].values[k % n];
        k = Math.floor(k / n);
      }
      throw fail(end, `every bin of the ${grid.text}`, `no bin ${binText(vals)}`);
    }
  }
  return { file, rows, lines: rowLines, names, headerLine };
}

/**
 * readTable's result as columns (Float64Array per column), for the large plain tables (a '#' header or none, no grid):
 * a single pass over the text that accepts only files readTable accepts, with the same numbers (`Number` of the same
 * tokens) — tokens split at spaces, tabs and CR/VT/FF, each a DECIMAL, the spec's column counts, row counts, value
 * bounds and orderings. Anything else (a damaged file, or merely unusual whitespace) goes to readTable, which names
 * the problem or reads the file.
 */
export function readColumns(who: string, relPath: string, spec: TableSpec): { file: string; columns: Float64Array[] } {
  const { file, text } = readDataText(who, relPath);
  const columns = spec.header !== "names" && !spec.grid ? fastColumns(text, spec) : undefined;
  if (columns) return { file, columns };
  const { rows } = parseTable(who, file, text, spec);
  return { file, columns: Array.from({ length: rows[0].length }, (_, j) => Float64Array.from(rows, (r) => r[j])) };
}

/** Whitespace as the fast path knows it (a subset of trim's and \s's: other characters send a file to readTable). */
const WS = "[ \\t\\v\\f\\r]";
const BLANK_OR_COMMENT = new RegExp(`^${WS}*(?:#|$)`);
const DECIMAL_SOURCE = DECIMAL.source.slice(1, -1); // DECIMAL without its anchors
const rowPatterns = new Map<number, RegExp>();

/** A whole data row of n DECIMAL tokens, each captured. */
function rowPattern(n: number): RegExp {
  let re = rowPatterns.get(n);
  if (!re) {
    re = new RegExp(`^${WS}*(${DECIMAL_SOURCE})${`${WS}+(${DECIMAL_SOURCE})`.repeat(n - 1)}${WS}*$`);
    rowPatterns.set(n, re);
  }
  return re;
}

/** The columns of a table readTable would accept without complaint, or undefined (then readTable decides). */
function fastColumns(text: string, spec: TableSpec): Float64Array[] | undefined {
  const cols = spec.columns;
  const okColumns = (n: number) => (typeof cols === "number" ? n === cols : "min" in cols ? n >= cols.min : cols.includes(n));
  const exact = typeof spec.rows === "number" ? spec.rows : undefined;
  const min = typeof spec.rows === "object" ? spec.rows.min : exact === undefined ? 1 : exact;
  const increasing = spec.increasing ?? [];
  const values = spec.values ?? [];
  // Row-major values; each row is checked once complete.
  const flat: number[] = [];
  let row: RegExp | undefined;
  let ncol = 0;
  let nrows = 0;
  let header = !spec.header;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m = row === undefined ? null : row.exec(line);
    if (m === null) {
      if (BLANK_OR_COMMENT.test(line)) {
        if (!header && line.includes("#")) header = true;
        continue;
      }
      if (row !== undefined) return undefined;
      // The first data row fixes the column count.
      const n = line.split(new RegExp(`${WS}+`)).filter(Boolean).length;
      if (!okColumns(n) || n > 64) return undefined;
      ncol = n;
      row = rowPattern(n);
      m = row.exec(line);
      if (m === null) return undefined;
    }
    if (!header) return undefined; // readTable wants the '#' header first
    for (let j = 1; j <= ncol; j++) flat.push(Number(m[j]));
    nrows++;
  }
  if (nrows < min || (exact !== undefined && nrows > exact)) return undefined;
  for (let k = 0; k < flat.length; k++) if (!Number.isFinite(flat[k])) return undefined;
  for (const r of values) {
    const listed = "from" in r.columns ? undefined : r.columns;
    const first = "from" in r.columns ? r.columns.from : 0;
    for (let j = first; j < ncol; j++) {
      if (listed && !listed.includes(j)) continue;
      for (let k = j; k < flat.length; k += ncol) {
        const x = flat[k];
        if ((r.min !== undefined && !(x >= r.min)) || (r.above !== undefined && !(x > r.above)) || (r.max !== undefined && !(x <= r.max)) || (r.integer && !Number.isInteger(x)))
          return undefined;
      }
    }
  }
  for (const inc of increasing) {
    const c = inc.column;
    const w = inc.within;
    for (let k = ncol; k < flat.length; k += ncol) {
      if (w !== undefined && flat[k - ncol + w] !== flat[k + w]) continue;
      const a = flat[k - ncol + c];
      const b = flat[k + c];
      if (inc.strict ? !(b > a) : !(b >= a)) return undefined;
    }
  }
  const out = Array.from({ length: ncol }, () => new Float64Array(nrows));
  for (let j = 0; j < ncol; j++) {
    const col = out[j];
    for (let r = 0, k = j; r < nrows; r++, k += ncol) col[r] = flat[k];
  }
  return out;
}

/** Evenly spaced grid values from `from` in steps of `step` (exact for the binary-exact steps of the data files). */
export function gridValues(from: number, step: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => from + step * k);
}

