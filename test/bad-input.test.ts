import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCleanFailure, u1x } from "./helpers/cli.js";

// Every bad input is refused: non-zero exit, one line on stderr, nothing on stdout (issue "Trust", section 5).
// Reference: the CLI contract in README.md ("Commands") and the units/ranges stated there.
const tmp = mkdtempSync(join(tmpdir(), "u1x-bad-"));
writeFileSync(join(tmp, "a-file"), "not a folder");
const point = ["--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "0"];

const REFUSED: [string, string[], RegExp][] = [
  // units are case-sensitive; a mass outside a term's validity range is refused with the range
  ["200meV is milli-eV, outside Borexino's range", ["chi2", "--model", "Lmu-Ltau", "--mx", "200meV", "--g", "1e-3", "--eps", "0"], /'borexino' holds for m_X ≥ 1 MeV.*2\.00e-10 GeV/],
  ["lower-case mev is no unit", ["chi2", "--model", "Lmu-Ltau", "--mx", "200mev", "--g", "1e-3", "--eps", "0"], /unknown unit 'mev'.*case-sensitive.*meV or MeV/],
  ["MEV is no unit", ["widths", "--model", "Lmu-Ltau", "--mx", "200MEV", "--g", "1e-3", "--eps", "0"], /unknown unit 'MEV'/],
  ["trident below its kernel's range", ["trident", "--model", "Lmu-Ltau", "--mx", "5MeV", "--g", "1e-3", "--eps", "0"], /'trident' holds for m_X ≥ 10 MeV/],
  ["fit below Borexino's range", ["fit", "--model", "Lmu-Ltau", "--mx", "100keV"], /'borexino' holds for m_X ≥ 1 MeV/],
  ["scan-mass starting below a range", ["scan-mass", "--model", "Lmu-Ltau", "--from", "100keV", "--to", "1GeV", "--points", "2"], /'borexino' holds/],
  ["rank --profile-mass starting below a range", ["rank", "--profile-mass", "--from", "100keV"], /'borexino' holds/],
  ["a negative mass", ["widths", "--model", "Lmu-Ltau", "--mx", "-1", "--g", "1e-3", "--eps", "0"], /positive/],
  ["a mass in hex", ["widths", "--model", "Lmu-Ltau", "--mx", "0x10", "--g", "1e-3", "--eps", "0"], /cannot read a mass/],
  // g_X: positive, perturbative, decimal; negative numbers reach the check instead of confusing the parser
  ["negative g_X", ["chi2", ...point.slice(0, 4), "--g", "-1e-3", "--eps", "0"], /g_X must be positive, got -0\.001/],
  ["g_X = 0", ["chi2", ...point.slice(0, 4), "--g", "0", "--eps", "0"], /g_X must be positive/],
  ["non-perturbative g_X", ["chi2", ...point.slice(0, 4), "--g", "4", "--eps", "0"], /not perturbative/],
  ["g_X in hex", ["chi2", ...point.slice(0, 4), "--g", "0x10", "--eps", "0"], /decimal number, got '0x10'/],
  ["g_X Infinity", ["chi2", ...point.slice(0, 4), "--g", "Infinity", "--eps", "0"], /decimal number/],
  ["g_X with trailing text", ["chi2", ...point.slice(0, 4), "--g", "1e-3x", "--eps", "0"], /decimal number/],
  ["missing g_X", ["chi2", "--model", "Lmu-Ltau", "--mx", "0.2", "--eps", "0"], /--g/],
  ["both mixings", ["chi2", ...point, "--eps-ratio", "1"], /either --eps or --eps-ratio/],
  ["|ε| ≥ 1", ["couplings", "--model", "Lmu-Ltau", "--g", "1e-3", "--eps", "1"], /not a small mixing/],
  // integers and lists
  ["--top 0", ["rank", "--mx", "0.2", "--top", "0"], /--top: expected a positive integer, got '0'/],
  ["--top 1.5", ["rank", "--mx", "0.2", "--top", "1.5"], /--top: expected a positive integer/],
  ["--top -2", ["rank", "--mx", "0.2", "--top", "-2"], /--top: expected a positive integer, got '-2'/],
  ["--threads 0", ["rank", "--mx", "0.2", "--threads", "0"], /--threads: expected a positive integer/],
  ["--points 1 for mass-bound", ["mass-bound", "--points", "1"], /--points: expected an integer ≥ 2/],
  ["--points x", ["scan-mass", "--model", "Lmu-Ltau", "--points", "x"], /--points/],
  ["--max-charge 0", ["models", "--max-charge", "0"], /--max-charge: expected a positive integer/],
  ["--max-charge 31", ["models", "--max-charge", "31"], /at most 30/],
  ["--max-charge 2.5", ["models", "--max-charge", "2.5"], /--max-charge/],
  ["nsi-refit --starts 0", ["nsi-refit", "--starts", "0"], /--starts: expected a positive integer, got '0'/],
  ["nsi-refit --seed -1", ["nsi-refit", "--seed", "-1"], /--seed: expected an integer ≥ 0/],
  ["an empty likelihood entry", ["chi2", ...point, "--likelihoods", "amu,,borexino"], /empty entry in 'amu,,borexino'/],
  ["a likelihood twice", ["chi2", ...point, "--likelihoods", "amu,amu"], /named twice/],
  ["an empty search entry", ["limits", "--model", "B-L", "--mx", "0.5", "--eps", "0", "--searches", "NA64_NA642019imj,"], /empty entry/],
  ["an empty energy entry", ["trident", "--rebuild", "--energy", "160GeV,,"], /empty entry/],
  ["an unknown neutrino convention", ["widths", ...point, "--neutrinos", "majorana"], /--neutrinos: expected left or dirac/],
  ["an unknown input set", ["fit", "--model", "Lmu-Ltau", "--mx", "0.2", "--inputs", "1999"], /unknown --inputs '1999'/],
  ["an unknown input set (mass-bound)", ["mass-bound", "--inputs", "1999"], /unknown --inputs/],
  ["a malformed charge list", ["couplings", "--model", "1,-3,0", "--eps", "0"], /malformed charge list/],
  ["a charge list in hex", ["couplings", "--model", "0x3,-9,0,0", "--eps", "0"], /malformed charge list/],
  // conflicting flags
  ["--mx with --profile-mass", ["rank", "--mx", "0.2", "--profile-mass"], /--mx and --profile-mass exclude each other/],
  ["--from without --profile-mass", ["rank", "--mx", "0.2", "--from", "10MeV"], /go with --profile-mass/],
  ["--mx with limits --scan", ["limits", "--model", "B-L", "--eps", "0", "--mx", "0.2", "--scan", "10MeV:1GeV"], /--mx and --scan exclude each other/],
  ["--g with limits --scan", ["limits", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--scan", "10MeV:1GeV"], /--g and --scan exclude each other/],
  ["--points without --scan", ["limits", "--model", "B-L", "--eps", "0", "--mx", "0.2", "--points", "3"], /--points goes with --scan/],
  ["a malformed --scan", ["limits", "--model", "B-L", "--eps", "0", "--scan", "10MeV-1GeV"], /--scan/],
  ["plot --format json", ["plot", "mass-bound", "--out", join(tmp, "x.svg"), "--format", "json"], /plot writes an SVG file/],
  ["tables --format csv", ["tables", "--out", tmp, "--format", "csv"], /unsupported --format 'csv'/],
  // outputs that cannot be written are refused before any computation
  ["plot into a missing folder", ["plot", "mass-bound", "--out", "/nonexistent/dir/x.svg"], /cannot write \/nonexistent\/dir\/x\.svg/],
  ["plot onto a folder", ["plot", "mass-bound", "--out", tmp], /is a directory/],
  ["tables below a file", ["tables", "--out", join(tmp, "a-file", "tables")], /cannot write to the folder .*a-file\/tables.*not a folder/],
  ["an unknown option", ["chi2", ...point, "--gx", "1"], /Unknown argument/],
];

describe("bad input is refused (exit ≠ 0, one line on stderr, nothing on stdout)", () => {
  it.each(REFUSED)("%s", (_what, args, pattern) => expectCleanFailure(args, pattern));
});

describe("negative numbers in every notation parse", () => {
  it.each([
    ["--eps -1e-4", ["chi2", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps", "-1e-4", "--likelihoods", "amu", "--format", "json"]],
    ["--eps-ratio -6.26", ["chi2", "--model", "3,-6,7,-10", "--mx", "0.2", "--g", "1e-4", "--eps-ratio", "-6.26", "--likelihoods", "amu", "--format", "json"]],
    ["--eps-ratio=-.5", ["chi2", "--model", "Lmu-Ltau", "--mx", "0.2", "--g", "1e-3", "--eps-ratio=-.5", "--likelihoods", "amu", "--format", "json"]],
    ["--model -3,4,4,1", ["chi2", "--model", "-3,4,4,1", "--mx", "0.2", "--g", "1e-4", "--eps", "0", "--likelihoods", "amu", "--format", "json"]],
  ])("%s", (_what, args) => {
    const r = u1x(args);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).terms.amu).toBeGreaterThanOrEqual(0);
  });
});

describe("a command reads only what its likelihoods need", () => {
  it("chi2 --likelihoods amu,borexino,nsi,trident,ew runs with no data directory", () => {
    const r = u1x(["chi2", ...point, "--likelihoods", "amu,borexino,nsi,trident,ew", "--format", "json"], { U1X_DATA_DIR: "/nonexistent" });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).terms)).toEqual(["amu", "borexino", "nsi", "trident", "ew"]);
  });
  it("a missing data file names the command's need, and --likelihoods only where that option exists", () => {
    expectCleanFailure(["chi2", ...point, "--likelihoods", "amu,coherent"], /likelihood 'coherent' needs the data file .*coherent-csi-2017.*--data-dir.*leave 'coherent' out with --likelihoods/, { U1X_DATA_DIR: "/nonexistent" });
    const w = u1x(["widths", ...point], { U1X_DATA_DIR: "/nonexistent" });
    expect(w.stderr).toMatch(/hadronic-width calculation .*needs the data file .*--data-dir/);
    expect(w.stderr).not.toMatch(/--likelihoods/);
  });
});

describe("the limits ceiling is explained, and --g evaluates each search", () => {
  it("limits --eps-ratio -300 states which g_X the scan stops at and why", () => {
    const r = u1x(["limits", "--model", "B-L", "--mx", "0.5", "--eps-ratio", "-300", "--searches", "NA64_NA642019imj", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    // |ε| ≤ 0.5 at fixed ε·e/g_X = −300: g_X ≤ 0.5 e/300 (e = √(4πα) = 0.30282).
    expect(j.gCeiling).toBeCloseTo((0.5 * Math.sqrt((4 * Math.PI) / 137.035999084)) / 300, 8);
    expect(j.gCeilingReason).toMatch(/\|ε\| ≤ 0\.5 at ε·e\/g_X = -300/);
  });
  it("limits --g gives the signal ratio and the verdict per search", () => {
    const j = JSON.parse(u1x(["limits", "--model", "B-L", "--mx", "0.5", "--eps", "0", "--g", "1e-3", "--searches", "BaBar_Lees2014xha", "--format", "json"]).stdout);
    const s = j.searches.BaBar_Lees2014xha;
    // S ∝ g_X² for a prompt search at fixed ε: S(g) = (g/g_max)².
    expect(s.ratio).toBeCloseTo((1e-3 / s.gMax) ** 2, 6);
    expect(s.excluded).toBe(s.ratio >= 1);
  });
});

describe("version, help and undefined values", () => {
  it("u1x --version prints the package version", () => {
    const r = u1x(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
  });
  it.each(["models", "couplings", "widths", "chi2", "fit", "rank", "nsi-refit", "coherent", "trident", "limits", "scan-mass", "mass-bound", "tables", "plot"])(
    "every option of '%s' has help text that states its default or that it is required",
    (cmd) => {
      const help = u1x([cmd, "--help"]).stdout;
      // yargs indents option names by at most 6 columns and wraps descriptions deeper: a block runs to the next name.
      const blocks = help.split(/\n(?= {1,6}-)/).filter((b) => /^ {1,6}-/.test(b) && !/^ {1,6}--(help|version)\b/.test(b));
      expect(blocks.length).toBeGreaterThan(3);
      for (const b of blocks) expect(b, b).toMatch(/default|required/);
    },
  );
  it("--likelihoods help states the real default", () => {
    expect(u1x(["fit", "--help"]).stdout.replace(/\s+/g, " ")).toContain("default: amu,borexino,nsi,coherent,resonances");
  });
  it("no output contains NaN or Infinity: α and R of L_µ−L_τ and ε·e/g_X at g_X = 0 are null", () => {
    const outputs = [
      u1x(["models", "--format", "json"]).stdout,
      u1x(["models", "--format", "csv"]).stdout,
      u1x(["models"]).stdout,
      u1x(["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "1e-4", "--format", "json"]).stdout,
      u1x(["chi2", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "1e-4"]).stdout,
      u1x(["fit", "--model", "DarkPhoton", "--mx", "0.2", "--likelihoods", "amu,borexino,nsi", "--format", "json"]).stdout,
      u1x(["widths", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0", "--format", "json"]).stdout,
      u1x(["widths", "--model", "DarkPhoton", "--mx", "0.2", "--eps", "0"]).stdout,
    ];
    for (const o of outputs) {
      expect(o.length).toBeGreaterThan(0);
      expect(o).not.toMatch(/NaN|Infinity|\binf\b/);
    }
    const lmt = JSON.parse(outputs[0]).vector.find((v: { name: string }) => v.name === "Lmu-Ltau");
    expect(lmt.alpha).toBeNull();
    expect(lmt.R).toBeNull();
    expect(JSON.parse(outputs[3]).epsRatio).toBeNull();
    expect(JSON.parse(outputs[6]).lifetimeSeconds).toBeNull(); // nothing to decay into at ε = 0
  });
  it("the README's examples run as written", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /<!-- examples -->\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(block, "README.md has an examples block").not.toBeNull();
    const lines = block![1].split("\n").filter((l) => l.startsWith("npx u1x "));
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) {
      const args = l.replace(/\s+#.*$/, "").replace(/^npx u1x /, "").split(/\s+/).filter(Boolean).map((a) => a.replace(/^TMP/, tmp));
      if (args[0] === "tables" || (args[0] === "rank" && args.includes("--profile-mass"))) continue; // minutes: run by the recipes' tests
      const r = u1x(args);
      expect(r.code, `${l}\n${r.stderr}`).toBe(0);
      expect(r.stdout.length, l).toBeGreaterThan(0);
    }
  });
});

describe("results cannot mislead", () => {
  it("every text format of rank and scan-mass has a converged column", () => {
    for (const f of ["table", "csv", "md", "latex"]) {
      const r = u1x(["rank", "--mx", "0.2", "--likelihoods", "amu,borexino,nsi", "--top", "3", "--threads", "1", "--format", f]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, f).toMatch(/converged/);
    }
    const csv = u1x(["scan-mass", "--model", "Lmu-Ltau", "--points", "2", "--likelihoods", "amu,borexino,nsi", "--format", "csv"]).stdout;
    expect(csv.split("\n")[0]).toMatch(/,converged$/);
    expect(csv.split("\n")[1]).toMatch(/,(true|false)$/);
  });
  it("tables and plot write atomically: no temporary file is left behind", () => {
    const out = join(tmp, "fig1.svg");
    writeFileSync(out, "old");
    const r = u1x(["plot", "mass-bound", "--points", "3", "--to", "10GeV", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<svg/);
  });
});
