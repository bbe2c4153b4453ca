import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { repoPath } from "../../src/paths.js";

/** The binary users run: package.json's bin (the bundled CLI, dist/cli/u1x.js; npm test builds it first). */
export const U1X_BIN = repoPath(JSON.parse(readFileSync(repoPath("package.json"), "utf8")).bin.u1x);

/** Run the built binary. */
export function u1x(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [U1X_BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bad input: non-zero exit, one line on stderr, nothing on stdout. */
export function expectCleanFailure(args: string[], pattern: RegExp, env?: Record<string, string>) {
  const r = u1x(args, env);
  expect(r.code, r.stderr).not.toBe(0);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}
