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
