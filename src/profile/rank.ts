import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { dataDir } from "../data/dataDir.js";
import { UserError } from "../errors.js";
import { Chi2 } from "../likelihood/compose.js";
import { selectLikelihoods } from "../likelihood/registry.js";
import type { LikelihoodOptions } from "../likelihood/types.js";
import { catalogue, type VectorEntry } from "../models/catalogue.js";
import type { Model } from "../models/model.js";
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
  /** Which catalogue models: the vector-like ones (Table 1, default) or the chiral ones. */
  category?: "vector" | "chiral";
}

export interface RankRow extends FitResult {
  rank: number;
  /** The mass of the fit (the best mass with --profile-mass). */
  mX: number;
  id: string;
  name: string;
  /** Table 1 coefficients of a vector model; the charges in flavour order of a chiral one. */
  model: { cB: number; ce: number; cmu: number; ctau: number } | { xq: number; xL: readonly number[]; xE: readonly number[]; xN: readonly number[] };
  alpha: number | null;
  R: number | null;
}

/** The Table 1 coefficients of a vector model's row (undefined for a chiral one). */
export function rowCoefficients(r: Pick<RankRow, "model">): { cB: number; ce: number; cmu: number; ctau: number } | undefined {
  return "cB" in r.model ? r.model : undefined;
}

/** The charges of a chiral model's row (undefined for a vector one). */
export function rowCharges(r: Pick<RankRow, "model">): { xq: number; xL: readonly number[]; xE: readonly number[]; xN: readonly number[] } | undefined {
  return "xq" in r.model ? r.model : undefined;
}

interface RankEntry {
  id: string;
  name: string;
  model: Model;
  describe: Pick<RankRow, "model" | "alpha" | "R">;
}

/** The catalogue models a ranking fits, in catalogue order. */
export function rankEntries(maxCharge: number, category: "vector" | "chiral" = "vector"): RankEntry[] {
  const cat = catalogue(maxCharge);
  if (category === "chiral")
    return cat.chiral.map((e) => ({ id: e.id, name: e.model.name, model: e.model, describe: { model: { xq: e.xq, xL: e.xL, xE: e.xE, xN: e.xN }, alpha: null, R: null } }));
  return cat.vector.map((e: VectorEntry) => ({ id: e.id, name: e.name, model: e.model, describe: { model: { cB: e.cB, ce: e.ce, cmu: e.cmu, ctau: e.ctau }, alpha: e.alpha, R: e.R } }));
}

/** Fit a list of catalogue models (by index) in this thread. */
export function fitEntries(job: RankJob, indices: number[], onDone?: () => void): { index: number; fit: FitResult & { mX: number } }[] {
  const likelihoods = selectLikelihoods(job.likelihoods);
  const vec = rankEntries(job.maxCharge, job.category);
  return indices.map((i) => {
    const fit = job.massRange
      ? profileMass(vec[i].model, likelihoods, job.options, job.massRange[0], job.massRange[1])
      : { mX: job.mX, ...fitModel(new Chi2(vec[i].model, job.mX, likelihoods, job.options), { intervals: job.intervals }) };
    onDone?.();
    return { index: i, fit };
  });
}

function row(e: RankEntry, fit: FitResult & { mX: number }): Omit<RankRow, "rank"> {
  return { id: e.id, name: e.name, ...e.describe, ...fit };
}

/**
 * Profile every vector-like (or, with `category: "chiral"`, every chiral) model of the catalogue at one mass and sort
 * by Δχ² (Table 1). With threads > 1 the
 * models are dealt round-robin to worker threads; each fit is independent and deterministic, so the result does
 * not depend on the thread count.
 */
export async function rankModels(job: Omit<RankJob, "dataDir">, threads = 1, progress?: (done: number, total: number) => void): Promise<RankRow[]> {
  const full: RankJob = { ...job, dataDir: dataDir() };
  const vec = rankEntries(job.maxCharge, job.category);
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
