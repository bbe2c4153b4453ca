import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError } from "./errors.js";

/** The repository root: the nearest folder above this file whose package.json is u1x's (works from src/ and dist/). */
export const REPO_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "u1x") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("u1x: cannot locate the repository root (package.json)");
    dir = up;
  }
})();

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts);
}

/**
 * A committed computed input (a refit, a kernel) that a likelihood reads. When it is missing, the error names the
 * likelihood, the file and the command that regenerates it.
 */
export function readCommitted<T>(relPath: string, likelihood: string, regenerate: string): T {
  const file = repoPath(relPath);
  if (!existsSync(file)) throw new UserError(`likelihood '${likelihood}' needs ${file}: regenerate it with '${regenerate}'`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}
