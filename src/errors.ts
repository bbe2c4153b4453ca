/** An error caused by the user's input or environment: the CLI prints its message as one line and exits 1. */
export class UserError extends Error {
  override name = "UserError";
}

/**
 * A data file (experimental data in the data directory, or a committed computed input) is missing or damaged.
 * `who` names what needs the file ("likelihood 'coherent'", "the hadronic-width calculation (darkcast/vmd
 * tables)"), `file` is its absolute path. The message is one line.
 */
export class DataFileError extends UserError {
  override name = "DataFileError";
  readonly who: string;
  readonly file: string;
  constructor(message: string, who: string, file: string) {
    super(message);
    this.who = who;
    this.file = file;
  }

  /** The same kind of error (same class, who and file) with `; ${text}` appended to the message. */
  withHint(text: string): this {
    const e = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(e, this);
    const message = `${this.message}; ${text}`;
    Object.defineProperty(e, "message", { value: message, writable: true, enumerable: false, configurable: true });
    const stack = this.stack?.replace(this.message, message) ?? `${this.name}: ${message}`;
    Object.defineProperty(e, "stack", { value: stack, writable: true, enumerable: false, configurable: true });
    return e;
  }
}

/** A required data file is missing from the data directory. */
export class MissingDataError extends DataFileError {
  override name = "MissingDataError";
  constructor(who: string, file: string) {
    super(
      `${who} needs the data file ${file}, which is missing: point the data directory at the shared data with --data-dir DIR or U1X_DATA_DIR=DIR`,
      who,
      file,
    );
  }
}

/**
 * A data file is present but damaged (truncated, emptied, a non-numeric token, a missing column, masses out of
 * order…): `<who>: data file <path> line <n>: expected <what>, found <what>; <fix>`.
 */
export class DamagedDataError extends DataFileError {
  override name = "DamagedDataError";
  /** The 1-based line of the damage (0 when the problem is the file as a whole). */
  readonly line: number;
  constructor(who: string, file: string, line: number, expected: string, found: string, fix: string) {
    super(`${who}: data file ${file}${line > 0 ? ` line ${line}` : ""}: expected ${expected}, found ${found}; ${fix}`, who, file);
    this.line = line;
  }
}

/**
 * A committed computed input (the NSI refit, the trident kernel) is missing or invalid; the message names the
 * command that regenerates it.
 */
export class CommittedFileError extends DataFileError {
  override name = "CommittedFileError";
}

/** `x0 = 1, x1 = -2.5`: a point's coordinates at full precision, for error messages. */
function formatPoint(point: Record<string, number>): string {
  const parts = Object.entries(point).map(([k, v]) => `${k} = ${v}`);
  return parts.length > 0 ? parts.join(", ") : "(no coordinates)";
}

/**
 * A non-finite value (NaN, or an infinity where none is meaningful) inside the engine: an engine bug, not a user
 * error (the CLI exits 2). `what` names what produced it ("the objective of nelderMead", "the signal ratio S of
 * search X"), `point` the coordinates where it did. One line:
 * `non-finite value (NaN) from <what> at x0 = …, x1 = …`.
 */
export class NonFiniteError extends Error {
  override name = "NonFiniteError";
  readonly what: string;
  readonly point: Record<string, number>;
  readonly value: number;
  constructor(what: string, point: Record<string, number>, value = Number.NaN) {
    super(`non-finite value (${value}) from ${what} at ${formatPoint(point)}`);
    this.what = what;
    this.point = { ...point };
    this.value = value;
  }
}

/**
 * A numerical solver reached its iteration (or subdivision) cap without meeting its tolerance: an engine error
 * (the CLI exits 2). One line naming the solver, the problem (interval, tolerance) and the cap:
 * `<solver>: not converged on <problem> within <cap>`, e.g.
 * `Brent root finder: not converged on [0, 1] to tol 1e-12 within 200 iterations (last x = 0.5)`.
 * Callers that can live with an unconverged answer use the reporting variants (`brentRoot`, `integrateReport`,
 * `brentMinimize(...).converged`) instead.
 */
export class SolverError extends Error {
  override name = "SolverError";
  readonly solver: string;
  constructor(solver: string, problem: string, cap: string) {
    super(`${solver}: not converged on ${problem} within ${cap}`);
    this.solver = solver;
  }
}
