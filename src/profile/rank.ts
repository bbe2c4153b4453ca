import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { dataDir } from "../data/dataDir.js";
import { UserError } from "../errors.js";
import { Chi2 } from "../likelihood/compose.js";
import { selectLikelihoods } from "../likelihood/registry.js";
import type { LikelihoodOptions } from "../likelihood/types.js";
import { catalogue, type VectorEntry } from "../models/catalogue.js";
import { profileMass } from "./massProfile.js";
import { type FitResult, fitModel } from "./profile.js";

export interface RankJob {
  mX: number;
  likelihoods: string[];
  options: LikelihoodOptions;
  maxCharge: number;
  intervals: boolean;
  dataDir: string;
  /** Profile m_X over [lo, hi] (GeV) too (`--profile-mass`). */
  massRange?: [number, number];
}

export interface RankRow extends FitResult {
  rank: number;
  /** The mass of the fit (the best mass with --profile-mass). */
  mX: number;
  id: string;
  name: string;
  model: { cB: number; ce: number; cmu: number; ctau: number };
  alpha: number | null;
  R: number | null;
}

/** Fit a list of catalogue models (by index) in this thread. */
export function fitEntries(job: RankJob, indices: number[], onDone?: () => void): { index: number; fit: FitResult & { mX: number } }[] {
  const likelihoods = selectLikelihoods(job.likelihoods);
  const vec = catalogue(job.maxCharge).vector;
  return indices.map((i) => {
    const fit = job.massRange
      ? profileMass(vec[i].model, likelihoods, job.options, job.massRange[0], job.massRange[1])
      : { mX: job.mX, ...fitModel(new Chi2(vec[i].model, job.mX, likelihoods, job.options), { intervals: job.intervals }) };
    onDone?.();
    return { index: i, fit };
  });
}

function row(e: VectorEntry, fit: FitResult & { mX: number }): Omit<RankRow, "rank"> {
  return { id: e.id, name: e.name, model: { cB: e.cB, ce: e.ce, cmu: e.cmu, ctau: e.ctau }, alpha: e.alpha, R: e.R, ...fit };
}

/**
 * Profile every vector-like model of the catalogue at one mass and sort by Δχ² (Table 1). With threads > 1 the
 * models are dealt round-robin to worker threads; each fit is independent and deterministic, so the result does
 * not depend on the thread count.
 */
export async function rankModels(job: Omit<RankJob, "dataDir">, threads = 1, progress?: (done: number, total: number) => void): Promise<RankRow[]> {
  const full: RankJob = { ...job, dataDir: dataDir() };
  const vec = catalogue(job.maxCharge).vector;
  const all = vec.map((_, i) => i);
  const n = Math.max(1, Math.min(threads, availableParallelism(), all.length));
  let done = 0;
  const tick = () => progress?.(++done, all.length);
  let results: { index: number; fit: FitResult & { mX: number } }[];
  if (n === 1) results = fitEntries(full, all, tick);
  else {
    const chunks = Array.from({ length: n }, (_, k) => all.filter((i) => i % n === k));
    const workerUrl = new URL("./worker.js", import.meta.url);
    const workers: Worker[] = [];
    results = (
      await Promise.all(
        chunks.map(
          (indices) =>
            new Promise<{ index: number; fit: FitResult & { mX: number } }[]>((resolve, reject) => {
              const w = new Worker(workerUrl, { workerData: { job: full, indices } });
              workers.push(w);
              let settled = false;
              w.on("message", (msg: { type: string; results?: { index: number; fit: FitResult & { mX: number } }[]; error?: string; user?: boolean }) => {
                if (msg.type === "tick") tick();
                else if (msg.type === "done") {
                  settled = true;
                  resolve(msg.results!);
                } else if (msg.type === "error") {
                  settled = true;
                  reject(msg.user ? new UserError(msg.error) : new Error(msg.error));
                }
              });
              w.on("error", (e) => {
                settled = true;
                reject(e);
              });
              // A worker that ends without a result (killed, out of memory) must not leave the ranking waiting.
              w.on("exit", (code) => {
                if (!settled) reject(new Error(`a ranking worker thread exited (code ${code}) without its results`));
              });
            }),
        ),
      ).catch((e) => {
        // One worker failed: stop the others rather than wait for them.
        for (const w of workers) void w.terminate();
        throw e;
      })
    ).flat();
  }
  const rows = results.map(({ index, fit }) => row(vec[index], fit));
  for (const r of rows) if (!Number.isFinite(r.dchi2)) throw new Error(`the fit of ${r.name} gave a non-finite Δχ² (${r.dchi2})`);
  rows.sort((a, b) => a.dchi2 - b.dchi2 || a.id.localeCompare(b.id));
  return rows.map((r, i) => ({ rank: i + 1, ...r }));
}
