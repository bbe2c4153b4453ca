import { parentPort, workerData } from "node:worker_threads";
import { setDataDir } from "../data/dataDir.js";
import { UserError } from "../errors.js";
import { fitEntries, type RankJob } from "./rank.js";

/** Worker thread of rankModels: fits its share of the catalogue and reports progress. */
const { job, indices } = workerData as { job: RankJob; indices: number[] };
try {
  setDataDir(job.dataDir);
  const results = fitEntries(job, indices, () => parentPort!.postMessage({ type: "tick" }));
  parentPort!.postMessage({ type: "done", results });
} catch (e) {
  const err = e as Error;
  parentPort!.postMessage({ type: "error", user: err instanceof UserError, error: err instanceof UserError ? err.message : String(err?.stack ?? err) });
}
