import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { MissingDataError } from "../errors.js";
import { REPO_ROOT } from "../paths.js";

/** Environment variable that overrides the data directory. */
export const DATA_DIR_ENV = "U1X_DATA_DIR";

let override: string | undefined;

/** Set the data directory for this process (the CLI's --data-dir). */
export function setDataDir(dir: string | undefined): void {
  override = dir === undefined ? undefined : resolve(dir);
}

/** The data directory: --data-dir, else $U1X_DATA_DIR, else ../shared/data next to the repository. */
export function dataDir(): string {
  if (override) return override;
  const env = process.env[DATA_DIR_ENV];
  if (env) return isAbsolute(env) ? env : resolve(env);
  return resolve(REPO_ROOT, "..", "shared", "data");
}

/** Read a data file (path relative to the data directory); a missing file names the likelihood that needs it. */
export function readDataFile(likelihood: string, relPath: string): string {
  const full = join(dataDir(), relPath);
  if (!existsSync(full)) throw new MissingDataError(likelihood, full);
  return readFileSync(full, "utf8");
}

/** Parse whitespace-separated numeric columns, skipping blank lines and '#' comments. */
export function parseColumns(text: string): number[][] {
  const rows: number[][] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t || t.startsWith("#")) continue;
    rows.push(t.split(/\s+/).map(Number));
  }
  return rows;
}
