import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { validateRefitResult } from "../likelihoods/nsi/parameters.js";
import { validateKernelFile } from "../likelihoods/trident/index.js";
import { dataDir, setDataDir } from "../src/data/dataDir.js";
import { readTable } from "../src/data/table.js";
import { CommittedFileError, DamagedDataError, DataFileError, MissingDataError, UserError } from "../src/errors.js";
import { readCommitted, repoPath } from "../src/paths.js";
import { u1x } from "./helpers/cli.js";

/**
 * Every data file is validated as it is read: a damaged copy of the shared data (truncated, emptied, a non-numeric
 * token, a dropped column, masses out of order, a bin twice) makes the CLI fail cleanly with one line that names the
 * file and the line, never a silently different result.
 */

const SHARED = dataDir();

/** A scratch data directory holding copies of some folders of the shared data; damaged files are restored after each case. */
function scratch(folders: string[]) {
  let dir = "";
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "u1x-data-"));
    for (const f of folders) cpSync(join(SHARED, f), join(dir, f), { recursive: true });
  });
  afterEach(() => {
    for (const [rel, text] of saved) if (text !== undefined) writeFileSync(join(dir, rel), text);
    saved.clear();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: (rel: string) => join(dir, rel),
    get dir() {
      return dir;
    },
    /** Replace a file's text by `edit(text)` for this case. */
    damage(rel: string, edit: (text: string) => string) {
      const text = readFileSync(join(dir, rel), "utf8");
      if (!saved.has(rel)) saved.set(rel, text);
      writeFileSync(join(dir, rel), edit(text));
    },
    /** Delete a file for this case. */
    remove(rel: string) {
      const text = readFileSync(join(dir, rel), "utf8");
      if (!saved.has(rel)) saved.set(rel, text);
      rmSync(join(dir, rel));
    },
  };
}

// Line edits (1-based line numbers, as in the error messages).
const lines = (t: string) => t.split("\n");
const keepLines = (n: number) => (t: string) => lines(t).slice(0, n).join("\n");
const setToken = (line: number, col: number, token: string) => (t: string) => {
  const ls = lines(t);
  const tok = ls[line - 1].trim().split(/\s+/);
  tok[col - 1] = token;
  ls[line - 1] = tok.join("\t");
  return ls.join("\n");
};
const dropColumn = (line: number) => (t: string) => {
  const ls = lines(t);
  ls[line - 1] = ls[line - 1].trim().split(/\s+/).slice(0, -1).join("\t");
  return ls.join("\n");
};
const swapLines = (a: number) => (t: string) => {
  const ls = lines(t);
  [ls[a - 1], ls[a]] = [ls[a], ls[a - 1]];
  return ls.join("\n");
};
const copyLine = (from: number, to: number) => (t: string) => {
  const ls = lines(t);
  ls[to - 1] = ls[from - 1];
  return ls.join("\n");
};

/** The CLI fails cleanly (exit 1, nothing on stdout, one line on stderr) naming the file and, for damage, the line. */
function expectDataError(args: string[], file: string, line?: number, pattern?: RegExp): string {
  const r = u1x(args);
  expect(r.code, r.stderr || r.stdout.slice(0, 200)).toBe(1);
  expect(r.stdout).toBe("");
  const err = r.stderr.trim().split("\n");
  expect(err, r.stderr).toHaveLength(1);
  expect(err[0]).toContain(`${file}`);
  if (line !== undefined) expect(err[0]).toContain(`${file} line ${line}: expected `);
  // (compose.ts appends "; or leave '<name>' out with --likelihoods" when a likelihood needs the file)
  if (line !== undefined) expect(err[0]).toMatch(/restore it from the release .* or point --data-dir \/ U1X_DATA_DIR at an intact copy(; or leave '\w+' out with --likelihoods)?$/);
  if (pattern) expect(err[0]).toMatch(pattern);
  return err[0];
}

describe("COHERENT CsI 2017 data files", () => {
  const d = scratch(["coherent-csi-2017"]);
  const chi2 = () => ["chi2", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "0", "--likelihoods", "coherent", "--data-dir", d.dir];
  const f = (name: string) => `coherent-csi-2017/${name}`;

  it("an intact copy gives exactly the shared data's result", () => {
    const args = ["chi2", "--model", "B-L", "--mx", "0.02", "--g", "1e-5", "--eps", "0", "--likelihoods", "coherent", "--format", "json"];
    const shared = u1x([...args, "--data-dir", SHARED]);
    const copy = u1x([...args, "--data-dir", d.dir]);
    expect(shared.code, shared.stderr).toBe(0);
    expect(copy.code, copy.stderr).toBe(0);
    expect(copy.stdout).toBe(shared.stdout);
    expect(JSON.parse(copy.stdout).terms.coherent).toBeGreaterThan(0);
  });

  it("a truncated background sample", () => {
    d.damage(f("full_AC_on.dat"), keepLines(411));
    expectDataError(chi2(), d.path(f("full_AC_on.dat")), 412, /likelihood 'coherent'.*expected 600 rows \(25 PE x 24 time bins\), found 411; .*README\.md/);
  });
  it("an emptied observed-counts file", () => {
    d.damage(f("Co_data.dat"), () => "");
    expectDataError(chi2(), d.path(f("Co_data.dat")), 1, /expected 144 rows.*found an empty file/);
  });
  it("a non-numeric token in the neutron prediction", () => {
    d.damage(f("total_neutron.dat"), setToken(10, 3, "abc"));
    expectDataError(chi2(), d.path(f("total_neutron.dat")), 10, /finite decimal number in column 3.*found 'abc'/);
  });
  it("a hexadecimal token in an arrival-time file (Number() would accept it)", () => {
    d.damage(f("data_prompt_cut.dat"), setToken(3, 2, "0x10"));
    expectDataError(chi2(), d.path(f("data_prompt_cut.dat")), 3, /found '0x10'/);
  });
  it("a fraction above 1 in an arrival-time file", () => {
    d.damage(f("data_delayed_cut.dat"), setToken(5, 2, "1.5"));
    expectDataError(chi2(), d.path(f("data_delayed_cut.dat")), 5, /fractions ≤ 1/);
  });
  it("a dropped column", () => {
    d.damage(f("full_CO_off.dat"), dropColumn(50));
    expectDataError(chi2(), d.path(f("full_CO_off.dat")), 50, /expected 3 columns like line 1, found 2/);
  });
  it("a negative count", () => {
    d.damage(f("full_AC_off.dat"), setToken(7, 3, "-1"));
    expectDataError(chi2(), d.path(f("full_AC_off.dat")), 7, /event counts ≥ 0/);
  });
  it("a bin listed twice (the row count unchanged)", () => {
    d.damage(f("Co_data.dat"), copyLine(4, 5));
    expectDataError(chi2(), d.path(f("Co_data.dat")), 5, /each bin of the 12 PE x 12 time bins once, found bin \(PE 7, t 1\.75\) again \(first on line 4\)/);
  });
  it("a bin off the grid", () => {
    d.damage(f("Co_data.dat"), setToken(1, 1, "8"));
    expectDataError(chi2(), d.path(f("Co_data.dat")), 1, /grid's PE values/);
  });
  it("a missing file names the data directory options", () => {
    d.remove(f("data_delayed_cut.dat"));
    expectDataError(chi2(), d.path(f("data_delayed_cut.dat")), undefined, /^u1x: likelihood 'coherent' needs the data file .*, which is missing: point the data directory at the shared data with --data-dir DIR or U1X_DATA_DIR=DIR/);
  });
});

describe("DarkCast VMD tables (u1x widths)", () => {
  const d = scratch(["darkcast/vmd", "darkcast/README.md"]);
  const widths = () => ["widths", "--model", "B-L", "--mx", "0.5", "--g", "1e-4", "--eps", "0", "--data-dir", d.dir];
  const f = (name: string) => `darkcast/vmd/${name}`;

  it("an intact copy works", () => {
    expect(u1x(widths()).code).toBe(0);
  });
  it("an emptied table (which used to give Γ(ππ) = 0)", () => {
    d.damage(f("rf.pi+_pi-.rho0.dat"), () => "");
    expectDataError(widths(), d.path(f("rf.pi+_pi-.rho0.dat")), 1, /^u1x: the hadronic-width calculation \(darkcast\/vmd tables\): .*found an empty file/);
  });
  it("a header without rows", () => {
    d.damage(f("rf.pi+_pi-.rho0.dat"), keepLines(1));
    expectDataError(widths(), d.path(f("rf.pi+_pi-.rho0.dat")), 2, /expected at least 2 rows, found 0/);
  });
  it("masses out of order", () => {
    d.damage(f("rf.K_K.phi.dat"), swapLines(10));
    expectDataError(widths(), d.path(f("rf.K_K.phi.dat")), 11, /column 1 \(mass\) strictly increasing/);
  });
  it("a non-finite token", () => {
    d.damage(f("rf.pi+_pi-_pi0.omega.dat"), setToken(20, 2, "Infinity"));
    expectDataError(widths(), d.path(f("rf.pi+_pi-_pi0.omega.dat")), 20, /found 'Infinity'/);
  });
  it("an overflowing number", () => {
    d.damage(f("rf.pi+_pi-_pi0.omega.dat"), setToken(21, 2, "1e999"));
    expectDataError(widths(), d.path(f("rf.pi+_pi-_pi0.omega.dat")), 21, /found '1e999'/);
  });
  it("the header line lost", () => {
    d.damage(f("rf.pi0_gamma.omega.dat"), (t) => lines(t).slice(1).join("\n"));
    expectDataError(widths(), d.path(f("rf.pi0_gamma.omega.dat")), 1, /expected a '#' header line/);
  });
  it("a missing table names no likelihood and no --likelihoods", () => {
    d.remove(f("rf.K_K.phi.dat"));
    const msg = expectDataError(widths(), d.path(f("rf.K_K.phi.dat")), undefined, /the hadronic-width calculation .* needs the data file .*--data-dir DIR/);
    expect(msg).not.toMatch(/--likelihoods|likelihood 'widths'/);
  });
});

describe("DarkCast limits (u1x limits)", () => {
  const d = scratch(["darkcast"]);
  const limits = (search: string, mx = "0.5") => ["limits", "--model", "B-L", "--mx", mx, "--eps", "0", "--searches", search, "--data-dir", d.dir];
  const lmt = (name: string) => `darkcast/limits/${name}.lmt`;

  it("an intact copy works", () => {
    const r = u1x(limits("NA64_NA642019imj,BaBar_Lees2014xha,E137_Andreas2012mt,LHCb_Aaij2017rft_displaced,LHCb_Aaij2017rft_prompt"));
    expect(r.code, r.stderr).toBe(0);
  });
  it("a non-numeric ε (which used to become NaN and be skipped)", () => {
    d.damage(lmt("NA64_NA642019imj"), setToken(5, 2, "abc"));
    expectDataError(limits("NA64_NA642019imj"), d.path(lmt("NA64_NA642019imj")), 5, /^u1x: likelihood 'resonances': .*finite decimal number in column 2 \(lower ε\), found 'abc'/);
  });
  it("a hexadecimal mass", () => {
    d.damage(lmt("NA64_NA642019imj"), setToken(3, 1, "0x10"));
    expectDataError(limits("NA64_NA642019imj"), d.path(lmt("NA64_NA642019imj")), 3, /found '0x10'/);
  });
  it("masses out of order", () => {
    d.damage(lmt("BaBar_Lees2014xha"), swapLines(100));
    expectDataError(limits("BaBar_Lees2014xha"), d.path(lmt("BaBar_Lees2014xha")), 101, /column 1 \(mass\) non-decreasing/);
  });
  it("a curve truncated to its header", () => {
    d.damage(lmt("BaBar_Lees2014xha"), keepLines(1));
    expectDataError(limits("BaBar_Lees2014xha"), d.path(lmt("BaBar_Lees2014xha")), 2, /at least 2 rows, found 0/);
  });
  it("a two-sided limit with a dropped column", () => {
    d.damage(lmt("E137_Andreas2012mt"), dropColumn(40));
    expectDataError(limits("E137_Andreas2012mt"), d.path(lmt("E137_Andreas2012mt")), 40, /expected 3 columns like line 2, found 2/);
  });
  it("a zero ε", () => {
    d.damage(lmt("E137_Andreas2012mt"), setToken(12, 3, "0"));
    expectDataError(limits("E137_Andreas2012mt"), d.path(lmt("E137_Andreas2012mt")), 12, /ε > 0 in column 3 \(upper ε\)/);
  });
  it("an r-value grid with a dropped column", () => {
    d.damage(lmt("LHCb_Aaij2017rft_displaced"), dropColumn(300));
    expectDataError(limits("LHCb_Aaij2017rft_displaced"), d.path(lmt("LHCb_Aaij2017rft_displaced")), 300, /expected 3 columns like line 2, found 2/);
  });
  it("an r-value grid with couplings out of order", () => {
    d.damage(lmt("LHCb_Aaij2017rft_displaced"), swapLines(1000));
    expectDataError(limits("LHCb_Aaij2017rft_displaced"), d.path(lmt("LHCb_Aaij2017rft_displaced")), 1001, /column 2 \(ε\) strictly increasing within equal column 1 \(mass\)/);
  });
  it("a .prd header that does not match the columns", () => {
    const prd = "darkcast/limits/LHCb_Aaij2017rft.prd";
    d.damage(prd, (t) => t.replace(" omega_pi0", ""));
    expectDataError(limits("LHCb_Aaij2017rft_prompt"), d.path(prd), 2, /expected 10 columns as the header names, found 11/);
  });
  it("a .prd fraction above 1", () => {
    const prd = "darkcast/limits/LHCb_Aaij2017rft.prd";
    d.damage(prd, setToken(8, 3, "1.5"));
    expectDataError(limits("LHCb_Aaij2017rft_prompt"), d.path(prd), 8, /fractions ≤ 1\.001 in column 3/);
  });
  it("a .prd header naming an unknown mechanism", () => {
    const prd = "darkcast/limits/LHCb_Aaij2017rft.prd";
    d.damage(prd, (t) => t.replace(" omega_pi0", " omega_px0"));
    expectDataError(limits("LHCb_Aaij2017rft_prompt"), d.path(prd), 1, /production mechanism .* as header name 4, found 'omega_px0'/);
  });
  it("limits.tsv is not read: the search descriptors live in likelihoods/resonances/searches.json", () => {
    d.remove("darkcast/limits.tsv");
    const r = u1x(limits("NA64_NA642019imj"));
    expect(r.code, r.stderr).toBe(0);
  });
  it("a missing limit file", () => {
    d.remove(lmt("NA64_NA642019imj"));
    expectDataError(limits("NA64_NA642019imj"), d.path(lmt("NA64_NA642019imj")), undefined, /needs the data file .*, which is missing: .*--data-dir DIR or U1X_DATA_DIR=DIR/);
  });
});

describe("readTable (spec details)", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "u1x-table-"));
    mkdirSync(join(dir, "t"));
    setDataDir(dir);
  });
  afterAll(() => {
    setDataDir(undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const read = (text: string, spec: Parameters<typeof readTable>[2]) => {
    writeFileSync(join(dir, "t/x.dat"), text);
    return () => readTable("test", "t/x.dat", spec);
  };

  it("parses exactly what Number() gives for decimal tokens, with CRLF, comments and blank lines", () => {
    const t = read("# m r\r\n1.  2e-3\r\n\r\n# note\n.5e+1 -2\n", { columns: 2, header: "comment" })();
    expect(t.rows).toEqual([
      [1, 0.002],
      [5, -2],
    ]);
    expect(t.lines).toEqual([2, 5]);
  });
  it.each(["0x10", "Infinity", "NaN", "1e999", "1,5", "--1", "1e", "0b1"])("rejects the token %s", (tok) => {
    expect(read(`1 ${tok}\n`, { columns: 2 })).toThrow(/line 1: expected a finite decimal number in column 2/);
  });
  it("accepts a column count from a set, consistently", () => {
    expect(read("1 2\n3 4 5\n", { columns: [2, 3] })).toThrow(/line 2: expected 2 columns like line 1, found 3/);
    expect(read("1 2 3\n3 4 5\n", { columns: [2, 3] })().rows).toHaveLength(2);
  });
  it("counts too many rows at the first extra one", () => {
    expect(read("1\n2\n3\n", { columns: 1, rows: 2 })).toThrow(/line 3: expected 2 rows, found more/);
  });
  it("reports a missing grid bin at the end of the file", () => {
    const grid = { axes: [{ column: 0, label: "x", values: [1, 2, 3], text: "1..3" }], text: "3 bins" };
    expect(read("1 0\n3 0\n", { columns: 2, grid })).toThrow(/line 3: expected every bin of the 3 bins, found no bin \(x 2\)/);
  });
  it("a header of names must match the columns", () => {
    expect(read("# mass a b\n1 0.5\n", { columns: { min: 2 }, header: "names" })).toThrow(/line 2: expected 3 columns as the header names, found 2/);
    expect(read("# mass a\n1 0.5\n", { columns: { min: 2 }, header: "names" })().names).toEqual(["mass", "a"]);
  });
  it("throws DamagedDataError and MissingDataError, both DataFileErrors", () => {
    let err: unknown;
    try {
      read("", { columns: 1 })();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DamagedDataError);
    expect(err).toBeInstanceOf(DataFileError);
    expect(() => readTable("test", "t/none.dat", { columns: 1 })).toThrow(MissingDataError);
  });
});

describe("DataFileError.withHint", () => {
  it("returns the same kind of error with the hint appended to the one-line message", () => {
    const e = new MissingDataError("likelihood 'coherent'", "/data/x.dat");
    const h = e.withHint("or leave 'coherent' out with --likelihoods");
    expect(h).toBeInstanceOf(MissingDataError);
    expect(h).toBeInstanceOf(UserError);
    expect(h.name).toBe("MissingDataError");
    expect(h.who).toBe("likelihood 'coherent'");
    expect(h.file).toBe("/data/x.dat");
    expect(h.message).toBe(`${e.message}; or leave 'coherent' out with --likelihoods`);
    expect(h.message).not.toContain("\n");
    expect(e.message).not.toContain("--likelihoods");
    const d = new DamagedDataError("w", "/f", 3, "x", "y", "fix").withHint("hint");
    expect(d).toBeInstanceOf(DamagedDataError);
    expect(d.line).toBe(3);
    expect(d.message).toBe("w: data file /f line 3: expected x, found y; fix; hint");
  });
});

/** The parsed committed files, loosely typed so that a test can damage any field. */
interface RefitJson {
  eta?: { E0: unknown[]; sigma: unknown[]; rho: Record<string, unknown>; Yn?: unknown };
}
interface KernelJson {
  kernel?: { q2: unknown[]; vv: unknown[]; aa: unknown[]; weights: unknown[]; resolution: { nT?: unknown } };
}

describe("committed computed inputs", () => {
  const refit = (): RefitJson & { eta: NonNullable<RefitJson["eta"]> } => JSON.parse(readFileSync(repoPath("fits/nsi-refit/result.json"), "utf8"));
  const kernel = (): KernelJson & { kernel: NonNullable<KernelJson["kernel"]> } => JSON.parse(readFileSync(repoPath("likelihoods/trident/kernel.json"), "utf8"));

  it("the committed files are valid", () => {
    expect(validateRefitResult(refit())).toBeUndefined();
    expect(validateKernelFile(kernel())).toBeUndefined();
  });
  it("the NSI refit: missing, non-finite or malformed fields", () => {
    const cases: [(r: RefitJson) => void, RegExp][] = [
      [(r) => delete r.eta, /eta to be an object.*nothing/],
      [(r) => delete r.eta!.Yn, /eta\.Yn to be a finite number.*nothing \(the field is missing\)/],
      [(r) => (r.eta!.E0[1] = "abc"), /eta\.E0\[1\] to be a finite number.*the string "abc"/],
      [(r) => (r.eta!.E0 = r.eta!.E0.slice(0, 2)), /eta\.E0 to be an array of 3 values.*an array of 2/],
      [(r) => (r.eta!.sigma[2] = 0), /eta\.sigma\[2\] to be a finite number > 0/],
      [(r) => (r.eta!.rho.mutau = 1.5), /eta\.rho\.mutau to be a finite number in \[-1, 1\], found 1\.5/],
      [(r) => (r.eta!.rho.emu = null), /eta\.rho\.emu.*null/],
    ];
    for (const [damage, pattern] of cases) {
      const r = refit();
      damage(r);
      const p = validateRefitResult(r);
      expect(p, String(pattern)).toBeDefined();
      expect(`expected ${p!.expected}, found ${p!.found}`).toMatch(pattern);
    }
  });
  it("the trident kernel: missing, non-finite or misaligned fields", () => {
    const cases: [(k: KernelJson) => void, RegExp][] = [
      [(k) => delete k.kernel, /kernel to be an object/],
      [(k) => (k.kernel!.q2[7] = "Infinity"), /kernel\.q2\[7\] to be a finite number > 0/],
      [(k) => (k.kernel!.vv = k.kernel!.vv.slice(1)), /kernel\.vv to have as many entries as kernel\.q2 \(226\).*225/],
      [(k) => delete k.kernel!.resolution.nT, /kernel\.resolution\.nT to be a finite integer > 0/],
      [(k) => (k.kernel!.weights = []), /kernel\.weights to be an array of at least 1 values/],
      [(k) => (k.kernel!.aa[0] = null), /kernel\.aa\[0\].*null/],
    ];
    for (const [damage, pattern] of cases) {
      const k = kernel();
      damage(k);
      const p = validateKernelFile(k);
      expect(p, String(pattern)).toBeDefined();
      expect(`expected ${p!.expected}, found ${p!.found}`).toMatch(pattern);
    }
  });
  it("readCommitted: one line naming the likelihood, the file and the command that regenerates it", () => {
    const dir = mkdtempSync(join(tmpdir(), "u1x-committed-"));
    try {
      const file = join(dir, "result.json");
      const read = () => readCommitted(file, "nsi", "u1x nsi-refit --write", validateRefitResult);
      const expectError = (pattern: RegExp) => {
        let err: Error | undefined;
        try {
          read();
        } catch (e) {
          err = e as Error;
        }
        expect(err).toBeInstanceOf(CommittedFileError);
        expect(err).toBeInstanceOf(DataFileError);
        expect(err!.message).not.toContain("\n");
        expect(err!.message).toContain(file);
        expect(err!.message).toMatch(/regenerate it with 'u1x nsi-refit --write'$/);
        expect(err!.message).toMatch(pattern);
      };
      expectError(/^likelihood 'nsi' needs .*, which is missing: /);
      writeFileSync(file, '{"eta": {"E0": [1, 2,\n');
      expectError(/^likelihood 'nsi': committed file .*: expected valid JSON, found /);
      const r = refit();
      r.eta.sigma[0] = "1e999";
      writeFileSync(file, JSON.stringify(r));
      expectError(/expected eta\.sigma\[0\] to be a finite number > 0, found the string "1e999"/);
      writeFileSync(file, JSON.stringify(refit()).replace(/"Yn":[^,}]+/, '"Yn":1e999'));
      expectError(/expected eta\.Yn to be a finite number, found Infinity/);
      writeFileSync(file, JSON.stringify(refit()));
      expect(read()).toEqual(refit());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
