/** An error caused by the user's input or environment: the CLI prints its message as one line and exits 1. */
export class UserError extends Error {
  override name = "UserError";
}

/** A required data file is missing from the data directory. */
export class MissingDataError extends UserError {
  override name = "MissingDataError";
  constructor(likelihood: string, file: string) {
    super(
      `likelihood '${likelihood}' needs the data file ${file}, which is missing: point the data directory at the ` +
        `shared data with --data-dir DIR or U1X_DATA_DIR=DIR, or leave '${likelihood}' out with --likelihoods`,
    );
  }
}
