import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseShard, shardIndices } from "../src/jobs/runner.js";
import { expectCleanFailure, U1X_BIN, u1x } from "./helpers/cli.js";

// Reference: the unsharded command itself. Sharding, resuming and merging must reproduce its output byte for byte
// (issue #19), in every format.
const dir = mkdtempSync(join(tmpdir(), "u1x-jobs-"));

/** Run a command in N shards (each into its own file) and merge them. */
function shardAndMerge(args: string[], n: number, format: string): string {
  const files = Array.from({ length: n }, (_, i) => {
    const r = u1x([...args, "--shard", `${i}/${n}`]);
    expect(r.code, r.stderr).toBe(0);
    const f = join(dir, `${args[0]}-${i}-of-${n}.jsonl`);
    writeFileSync(f, r.stdout);
    return f;
  });
  const m = u1x(["merge", ...files.reverse(), "--format", format]);
  expect(m.code, m.stderr).toBe(0);
  return m.stdout;
}

const JOBS: [string, string[]][] = [
  ["rank", ["rank", "--mx", "200MeV", "--max-charge", "2", "--likelihoods", "amu,borexino,nsi,resonances", "--threads", "2"]],
  ["rank --profile-mass", ["rank", "--profile-mass", "--from", "100MeV", "--to", "300MeV", "--max-charge", "2", "--likelihoods", "amu,borexino", "--threads", "1"]],
  ["scan-mass", ["scan-mass", "--model", "Lmu-Ltau", "--from", "20MeV", "--to", "1GeV", "--points", "5", "--likelihoods", "amu,borexino,nsi"]],
  ["exclusion", ["exclusion", "--model", "B-L", "--eps", "0", "--from", "20MeV", "--to", "1GeV", "--points", "4", "--likelihoods", "amu,borexino,nsi,resonances", "--threads", "1"]],
  ["alpha-r-map", ["alpha-r-map", "--grid", "4x3", "--likelihoods", "amu,borexino,nsi", "--threads", "2"]],
];

describe("shards merge into exactly the unsharded output", () => {
  for (const [name, args] of JOBS)
    it(name, () => {
      for (const format of ["json", "csv"]) {
        const whole = u1x([...args, "--format", format]);
        expect(whole.code, whole.stderr).toBe(0);
        expect(shardAndMerge(args, 3, format)).toBe(whole.stdout);
      }
    });
});

describe("shard files", () => {
  it("deal the items round-robin, each once, and name them", () => {
    expect(shardIndices(7, { index: 1, count: 3 })).toEqual([1, 4]);
    const all = [0, 1, 2].flatMap((i) => shardIndices(7, { index: i, count: 3 })).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const r = u1x(["rank", "--mx", "200MeV", "--max-charge", "2", "--likelihoods", "amu", "--shard", "0/2", "--threads", "1"]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ u1xShard: 1, job: "rank", shard: { index: 0, count: 2 } });
    for (const l of lines.slice(1)) {
      expect(l.index % 2).toBe(0);
      expect(l.key).toMatch(/^V\d+$/);
      expect(l.result.dchi2).toBeTypeOf("number");
    }
  });
  it("refuse bad shards, missing items, mixed jobs and a --format with --shard", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expectCleanFailure(["rank", "--mx", "200MeV", "--shard", "3/3"], /0 ≤ i < N/);
    expectCleanFailure(["rank", "--mx", "200MeV", "--shard", "one/3"], /expected i\/N/);
    expectCleanFailure(["rank", "--mx", "200MeV", "--shard", "0/3", "--format", "table"], /JSON Lines.*u1x merge/);
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    writeFileSync(a, u1x(["rank", "--mx", "200MeV", "--max-charge", "2", "--likelihoods", "amu", "--shard", "0/2", "--threads", "1"]).stdout);
    writeFileSync(b, u1x(["rank", "--mx", "300MeV", "--max-charge", "2", "--likelihoods", "amu", "--shard", "1/2", "--threads", "1"]).stdout);
    expectCleanFailure(["merge", a], /items are missing.*shards 1 of 2/);
    expectCleanFailure(["merge", a, b], /another job/);
    writeFileSync(join(dir, "junk.jsonl"), "not json\n");
    expectCleanFailure(["merge", join(dir, "junk.jsonl")], /line 1/);
  });
});

describe("--resume", () => {
  it("a killed run loses at most the items in flight; the re-run appends the rest and prints the unsharded output", async () => {
    const args = ["rank", "--mx", "200MeV", "--likelihoods", "amu,borexino,nsi,resonances", "--searches", "paper", "--threads", "1", "--format", "json"];
    const file = join(dir, "resume.jsonl");
    const child = spawn(process.execPath, [U1X_BIN, ...args, "--resume", file], { stdio: "ignore" });
    // Kill it (SIGKILL: no clean-up) once some results are on disk.
    const lines = () => (existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 2 : 0);
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        if (lines() >= 20 || Date.now() - t0 > 60_000) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 20);
      child.on("exit", (code) => {
        clearInterval(poll);
        if (code === 0) reject(new Error("the run finished before it could be killed"));
      });
    });
    await new Promise((r) => child.on("close", r));
    const kept = lines();
    expect(kept).toBeGreaterThanOrEqual(20);
    expect(kept).toBeLessThan(419);
    const resumed = u1x([...args, "--resume", file]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe(u1x(args).stdout);
    // Every model once in the file: nothing recomputed twice, nothing lost.
    const indices = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => JSON.parse(l).index);
    expect(new Set(indices).size).toBe(419);
    expect(indices).toHaveLength(419);
    // A file of another job is refused.
    expectCleanFailure(["rank", "--mx", "300MeV", "--likelihoods", "amu", "--resume", file], /another job/);
  }, 120_000);
});
