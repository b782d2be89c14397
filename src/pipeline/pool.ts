// Runs the per-document work: on worker threads when the compiled worker is
// there (always, even for --jobs 1, so that a document over its time budget or
// a run that is interrupted can be stopped mid-document by terminating its
// thread), in this thread otherwise (tests running from src/).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { setFlagsFromString } from "node:v8";
import { Piscina } from "piscina";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { packageRoot } from "../paths.js";
import type { FileResult, FileTask } from "./process.js";
import { errorResult } from "./failed.js";
import { decodeResult } from "./result-bytes.js";

/** Results cut short (a document stopped over its time budget): never cached, since a rerun may finish. */
export const unfinished = new WeakSet<FileResult>();

/** Results from worker threads, with the bytes they came as (which the cache keeps as they are). */
export const bytesOfResult = new WeakMap<FileResult, Buffer>();

export interface DocRunner {
  run(task: FileTask): Promise<FileResult>;
  destroy(): Promise<void>;
}

export interface RunnerOptions {
  jobs: number;
  config: ExtractConfig;
  formats: OutputFormat[];
  /** Seconds one document may take before its thread is stopped (0: no limit). */
  docTimeout: number;
  /** MB of JavaScript heap (old generation) one worker thread may use (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
}

/**
 * A worker thread's heap limit. A policy document needs tens of MB (a 5.7 MB text that is one
 * paragraph, between 100 and 200); a document that needs more than this is a pathological file: it
 * gets an error row and the run goes on, where it used to fail the whole run (or swap the machine).
 */
export const WORKER_HEAP_MB = 1024;

/**
 * V8 compiles a function with its optimising compiler (TurboFan, on background threads) once it
 * has run "enough"; each worker thread compiles all the extractors again. On a run of a few hundred
 * documents that compilation took about a third of the run's CPU time (measured per thread: 4 to
 * 6 CPU s of 13 for the seeds x40), much of it for functions that are warm rather than hot. Eight
 * times V8's default budget (67,584) left them to the baseline tiers and saved 1.5 to 2 CPU s
 * there; sixteen times halves the compilations again (about 290 -> 150 on the seeds x40, --jobs 1)
 * and takes the background threads from 2.4-3.2 to 1.7 CPU s (3.2 -> 2.0-2.2 with --jobs 2, where
 * that compilation competes with the workers for the cores), at no cost to the workers: hot
 * functions are still optimised, a little later. Thirty-two times compiles less again but slows
 * the workers by a second (their code stays unoptimised too long).
 * V8 flags are per process: this applies to the main thread and every worker started after it.
 */
const INTERRUPT_BUDGET = 16 * 67_584;
let budgetSet = false;
function raiseOptimisationBudget(): void {
  if (budgetSet) return;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  budgetSet = true;
}

export function makeRunner(opts: RunnerOptions): DocRunner {
  raiseOptimisationBudget();
  const workerFile = join(packageRoot(), "dist", "pipeline", "worker.js");
  if (!existsSync(workerFile)) {
    // Loaded only here: the extractors, their rules and lexicons cost about half a second to load.
    const inThisThread = import("./process.js");
    return { run: async (task) => (await inThisThread).processFile(task, opts.config, opts.formats), destroy: async () => undefined };
  }
  // Keep every thread alive for the whole run: a thread that retires when idle reloads the
  // extractors, rules, gazetteer, codebook and lexicons (about half a second) when it is started again.
  // One thread at first: piscina adds the others (up to --jobs) as soon as documents wait, so a
  // re-run that misses the cache for one file does not start (and load the rules in) them all.
  const heapMb = opts.workerHeapMb ?? WORKER_HEAP_MB;
  const pool = new Piscina({ filename: workerFile, maxThreads: opts.jobs, minThreads: 1, idleTimeout: 60_000, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return {
    async run(task) {
      const stop = new AbortController();
      // The clock starts when the worker starts on the document, after loading the rules
      // (a fresh thread, e.g. one replacing a stopped thread, takes a second or more for that).
      const { port1: startedHere, port2: startedThere } = new MessageChannel();
      let timer: NodeJS.Timeout | undefined;
      if (opts.docTimeout > 0) startedHere.once("message", () => { timer = setTimeout(() => stop.abort("doc-timeout"), opts.docTimeout * 1000); });
      try {
        const data: Uint8Array = await pool.run({ task, config: opts.config, formats: opts.formats, started: startedThere }, { signal: stop.signal, transferList: [startedThere] });
        const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
        const result = decodeResult(bytes);
        bytesOfResult.set(result, bytes);
        return result;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
          // The thread is gone (piscina starts a fresh one); the document gets an error row. Not
          // cached, as for a time-out: the limit may be raised, and the same file then read.
          const result = await errorResult(task, `stopped: the document needs more than ${heapMb} MB of memory`, opts.formats);
          unfinished.add(result);
          return result;
        }
        if (!stop.signal.aborted) throw err;
        // piscina has terminated the thread (and starts a fresh one): the document gets an error row.
        const result = await errorResult(task, `stopped after ${opts.docTimeout} s (the time budget per document, --doc-timeout)`, opts.formats);
        unfinished.add(result);
        return result;
      } finally {
        clearTimeout(timer);
        startedHere.close();
      }
    },
    destroy: () => pool.destroy(),
  };
}
