import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import yargs from "yargs";
import { buildCli, fastArgs } from "../src/cli/main.js";
import { catalogue } from "../src/models/catalogue.js";
import { enumerateAssignments, isVectorLike } from "../src/models/enumerate.js";
import { repoPath } from "../src/paths.js";
import { u1x } from "./helpers/cli.js";

/** The arguments yargs hands a command's handler (the reference the fast path must reproduce). */
async function yargsArgs(argv: string[]): Promise<Record<string, unknown>> {
  let got: Record<string, unknown> | undefined;
  await buildCli(yargs, argv, () => async (a) => {
    got = a;
  }).parseAsync();
  if (!got) throw new Error(`yargs ran no command for ${argv.join(" ")}`);
  return got;
}

// Issue #19: start-up under 0.1 s. Speed itself is measured by bench/run.ts, not here; these are the contracts.
describe("start-up (issue #19)", () => {
  // README's main job is `npx u1x …`: npx runs package.json's bin directly, so the built file must be executable.
  it("the built CLI is executable through its shebang (npx u1x)", () => {
    const bin = repoPath(JSON.parse(readFileSync(repoPath("package.json"), "utf8")).bin.u1x);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toBe(JSON.parse(readFileSync(repoPath("package.json"), "utf8")).version);
  });

  it("the unbundled entry (the bin before the bundle) stays executable: npx keeps old bin links per project path", () => {
    const old = repoPath("dist/src/cli/main.js");
    expect(statSync(old).mode & 0o111).not.toBe(0);
    expect(execFileSync(old, ["--version"], { encoding: "utf8" }).trim()).toBe(JSON.parse(readFileSync(repoPath("package.json"), "utf8")).version);
  });

  it("the CLI's own parser hands a command exactly the arguments yargs would", async () => {
    const plain = [
      ["chi2", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--mx", "200MeV", "--likelihoods", "amu", "--format", "json"],
      ["chi2", "--model", "B-L", "--eps-ratio", "-3", "--g", "1e-4", "--mx", "200MeV"],
      ["chi2", "--model=-B+L", "--eps-ratio=-0.5", "--g", "1e-4", "--mx", "0.2", "--neutrinos", "dirac", "--data-dir", "/nowhere", "--max-charge", "12"],
      ["models"],
      ["models", "--category", "vector", "--format", "csv"],
      ["couplings", "--model", "Lmu-Ltau", "--eps", "loop", "--g", "1e-3"],
      ["widths", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--mx", "200MeV"],
      ["limits", "--model", "B-L", "--eps", "0", "--mx", "200MeV", "--searches", "paper"],
      ["trident", "--rebuild", "--energy", "160GeV"],
      ["rank", "--mx", "200MeV", "--top", "3", "--intervals", "--inputs-file", "x.json"],
      ["exclusion", "--model", "B-L", "--profile-eps", "--cl", "90", "--points", "4"],
      ["alpha-r-map", "--grid", "3x3", "--r-max", "10"],
    ];
    for (const argv of plain) {
      const fast = fastArgs(argv);
      expect(fast, argv.join(" ")).toBeDefined();
      expect(fast?.args, argv.join(" ")).toEqual(await yargsArgs(argv));
    }
  });

  it("leaves every other command line to yargs (help, version, errors, positionals, repeated or short options)", () => {
    const others = [
      [],
      ["--help"],
      ["--version"],
      ["chi2", "--help"],
      ["chi2", "--version"],
      ["nosuch"],
      ["chi2", "--g", "1e-4", "--mx", "1"], // --model is required
      ["chi2", "--model", "B-L", "--model", "B-L"],
      ["chi2", "--model", "B-L", "--foo", "1"],
      ["chi2", "--model", "B-L", "extra"],
      ["chi2", "--model", ""],
      ["chi2", "--model"],
      ["chi2", "-g", "1e-4", "--model", "B-L"],
      ["chi2", "--model", "B-L", "--epsRatio", "2"],
      ["trident", "--write=true"],
      ["trident", "--write", "-5"],
      ["merge", "a.jsonl"],
      ["plot", "fig4", "--out", "x.svg"],
    ];
    for (const argv of others) expect(fastArgs(argv), argv.join(" ")).toBeUndefined();
  });

  it("a command reads no data it does not need: chi2 --likelihoods amu, couplings and models run without the data directory", () => {
    const empty = mkdtempSync(join(tmpdir(), "u1x-nodata-"));
    const runs = [
      ["chi2", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--mx", "200MeV", "--likelihoods", "amu", "--format", "json"],
      ["couplings", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--format", "json"],
      ["models", "--format", "json"],
    ];
    for (const argv of runs) {
      const withData = u1x(argv);
      const without = u1x([...argv, "--data-dir", empty]);
      expect(without.code, without.stderr).toBe(0);
      expect(without.stdout).toBe(withData.stdout);
    }
    // The directory is the one read: a term that needs the data names the missing file in it.
    const coherent = u1x(["chi2", "--model", "B-L", "--eps", "0", "--g", "1e-4", "--mx", "200MeV", "--likelihoods", "coherent", "--data-dir", empty]);
    expect(coherent.code).not.toBe(0);
    expect(coherent.stderr).toContain(join(empty, "coherent-csi-2017"));
  });

  it("the vector-only enumeration is the full one's vector-like part, so V-ids do not depend on which one ran", () => {
    for (const m of [3, 10]) expect(enumerateAssignments(m, "vector")).toEqual(enumerateAssignments(m).filter(isVectorLike));
    // Core paper section 2.2 / Table 1's catalogue: 255 vector-like assignments, 419 distinct vector models at |x| ≤ 10.
    const cat = catalogue(10);
    expect(cat.vectorAssignments).toBe(255);
    expect(cat.vector).toHaveLength(419);
  });
});
