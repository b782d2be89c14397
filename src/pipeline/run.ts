// A corpus run: walk the inputs, take this run's shard of them, get each
// document's result (from the cache, or from a worker thread), in input order,
// and hand the results to the corpus stage (corpus.ts), or, for a shard, write
// them as a partial dataset for `sectormap merge` (partial.ts). Memory stays
// bounded by the window of files in flight, not by the corpus.
import { readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join } from "node:path";
import { createHash } from "node:crypto";
import type { ExtractConfig } from "../types.js";
import { walkInputs } from "../ingest/walk.js";
import type { OutputFormat } from "../dataset/writer.js";
import { packageRoot } from "../paths.js";
import type { FileResult, FileTask } from "./process.js";
import { sha256OfFile } from "./failed.js";
import { bytesOfResult, makeRunner, unfinished, type DocRunner } from "./pool.js";
import { ResultCache } from "./cache.js";
import { writeCorpus, type ManifestOptions, type RunSummary } from "./corpus.js";
import { PartialWriter, shardOf, type Shard } from "./partial.js";
import { exitOnSignals } from "./interrupt.js";
import { RunMemo, type DocumentOutcome } from "./run-memo.js";

export type { RunSummary } from "./corpus.js";

export interface RunOptions {
  paths: string[];
  out: string;
  jobs: number;
  include: string[];
  exclude: string[];
  formats: OutputFormat[];
  excel: boolean;
  config: ExtractConfig;
  /** Bytes above which a file is refused unread (--max-file-size; default 200 MB). */
  maxFileSize?: number;
  /** Seconds one document may take (--doc-timeout; default DEFAULT_DOC_TIMEOUT; 0: no limit). */
  docTimeout?: number;
  /** MB of heap a worker thread may use before its document is stopped with an error row (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** Folder of cached per-document results (--cache, SECTORMAP_CACHE); none when empty. */
  cache?: string;
  /** Only this shard of the inputs, written as a partial dataset (--shard K/N). */
  shard?: Shard;
  /** Called after each file is written (for progress bars); `bytes` is the file's size. */
  onFile?: (result: DocumentOutcome, done: number, total: number, bytes: number) => void;
  onNotice?: (message: string) => void;
}

/** Policy documents take seconds; minutes mean a pathological file, which must not hold up a batch. */
export const DEFAULT_DOC_TIMEOUT = 300;

/** Policy documents are a few MB; hundreds of MB means a scan archive or a wrong file. */
export const DEFAULT_MAX_FILE_SIZE = 200 * 1024 * 1024;

export async function runExtract(opts: RunOptions): Promise<RunSummary> {
  const { inputs, notices } = await walkInputs(opts.paths, { include: opts.include, exclude: opts.exclude, outDir: opts.out });
  notices.forEach((n) => opts.onNotice?.(n));
  const maxBytes = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const all: Array<FileTask & { index: number }> = inputs.map((i, index) => ({ absPath: i.absPath, source: i.source, ext: i.ext, maxBytes, index }));
  const tasks = opts.shard ? all.filter((t) => shardOf(t.source, opts.shard!.count) === opts.shard!.index) : all;
  const sizes = tasks.map((t) => sizeOf(t.absPath));

  // Threads start on the first document the cache does not have (none on a fully cached re-run).
  let runner: DocRunner | undefined;
  const run = (task: FileTask) => (runner ??= makeRunner({ jobs: opts.jobs, config: opts.config, formats: opts.formats, docTimeout: opts.docTimeout ?? DEFAULT_DOC_TIMEOUT, workerHeapMb: opts.workerHeapMb })).run(task);
  const cache = opts.cache ? new ResultCache(opts.cache, { version: toolVersion(), config: opts.config, formats: opts.formats, maxBytes }) : undefined;
  const onFile = opts.onFile && ((result: DocumentOutcome, done: number, total: number) => opts.onFile!(result, done, total, sizes[done - 1]));
  const manifestOptions = manifestOptionsOf(opts);

  // With a cache, every document's key first: a run over exactly the inputs and options of an
  // earlier one copies that run's dataset (run-memo.ts); otherwise the keys serve cachedWork.
  const keys = cache ? await cacheKeys(cache, tasks) : undefined;
  const memo = opts.cache && !opts.shard && keys?.every(Boolean) ? new RunMemo(opts.cache) : undefined;
  const memoKey = memo && RunMemo.keyOf(keys as string[], { formats: opts.formats, excel: opts.excel, manifestOptions, version: toolVersion() });
  if (memo && memoKey) {
    const restored = await memo.restore(memoKey, opts.out, { formats: opts.formats, excel: opts.excel, onFile });
    if (restored) return restored;
  }

  const cut = { short: false };
  const work = cache ? cachedWork(cache, keys!, run, cut) : run;
  // The threads are stopped as soon as the last result is in: the corpus merge that follows
  // needs none of them, and their heaps (a hundred MB or more each) would otherwise make the
  // run's peak memory during the merge.
  const stopThreads = async () => {
    const stopping = runner;
    runner = undefined;
    await stopping?.destroy();
  };
  try {
    const results = thenCall(inOrder(tasks, work, opts.jobs * 4), stopThreads);
    if (!opts.shard) {
      const outcomes: DocumentOutcome[] = [];
      const summary = await writeCorpus(recording(results, outcomes), {
        out: opts.out, formats: opts.formats, excel: opts.excel, config: opts.config, version: toolVersion(), manifestOptions, total: tasks.length, onFile,
      });
      // A document stopped over its time budget may finish next time: such a run is not kept whole.
      if (memo && memoKey && !cut.short) memo.keep(memoKey, opts.out, summary, outcomes);
      return summary;
    }
    return await writePartial(results, tasks, opts, { total: all.length, manifestOptions, onFile });
  } finally {
    await stopThreads();
  }
}

/** The results as they come; once the last one is taken, `after` is awaited (before the loop over them ends). */
async function* thenCall<T>(results: AsyncIterable<T>, after: () => Promise<void>): AsyncGenerator<T> {
  yield* results;
  await after();
}

/** Each task's cache key, in order; undefined for a file over the size limit or unreadable (the worker says why). */
async function cacheKeys(cache: ResultCache, tasks: FileTask[]): Promise<Array<string | undefined>> {
  const keys: Array<string | undefined> = [];
  for (const task of tasks) {
    // A file over the size limit is refused unread by the worker, at once: not worth hashing.
    if (task.maxBytes !== undefined && sizeOf(task.absPath) > task.maxBytes) keys.push(undefined);
    else keys.push(await sha256OfFile(task.absPath).then((sha) => cache.keyOf(task, sha), () => undefined));
  }
  return keys;
}

/** The results as they pass, with what each says about its document noted in `outcomes`. */
async function* recording(results: AsyncIterable<FileResult>, outcomes: DocumentOutcome[]): AsyncGenerator<FileResult> {
  for await (const r of results) {
    outcomes.push({ source: r.source, status: r.status, message: r.message });
    yield r;
  }
}

/**
 * A document's result from the cache when it is there; otherwise computed, and kept unless it
 * was cut short (then `cut.short` is set). `keys`: the tasks' cache keys, by task index.
 */
function cachedWork(cache: ResultCache, keys: Array<string | undefined>, run: (task: FileTask) => Promise<FileResult>, cut: { short: boolean }) {
  return async (task: FileTask & { index?: number }, position: number): Promise<FileResult> => {
    const key = keys[position];
    if (key === undefined) return run(task);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = await run(task);
    if (unfinished.has(result)) cut.short = true;
    else cache.put(key, result, bytesOfResult.get(result));
    return result;
  };
}

async function writePartial(
  results: AsyncIterable<FileResult>,
  tasks: Array<FileTask & { index: number }>,
  opts: RunOptions,
  more: { total: number; manifestOptions: ManifestOptions; onFile?: (result: FileResult, done: number, total: number) => void },
): Promise<RunSummary> {
  const writer = new PartialWriter(opts.out);
  const stopListening = exitOnSignals(() => writer.abort());
  try {
    const summary: RunSummary = { documents: 0, ok: 0, warnings: 0, errors: 0, failed: [], rows: {}, out: opts.out };
    for await (const result of results) {
      await writer.add(tasks[summary.documents].index, result);
      summary.documents++;
      summary[result.status === "ok" ? "ok" : result.status === "warning" ? "warnings" : "errors"]++;
      if (result.status === "error") summary.failed.push({ source: result.source, message: result.message });
      more.onFile?.(result, summary.documents, tasks.length);
      if (summary.documents % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await writer.commit({
      tool: "sectormap-partial", version: toolVersion(), shard: opts.shard!, total: more.total, documents: summary.documents,
      formats: opts.formats, excel: opts.excel, config: opts.config, manifestOptions: more.manifestOptions,
    });
    return summary;
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    stopListening();
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Run `work` over the items with at most `window` in flight, yielding results
 * in the items' order whatever order they finish in.
 */
async function* inOrder<T, R>(items: T[], work: (item: T, position: number) => Promise<R>, window: number): AsyncGenerator<R> {
  const pending: Array<Promise<R>> = [];
  let launched = 0;
  const launch = () => {
    const p = work(items[launched], launched++);
    p.catch(() => undefined); // rejections are re-raised when awaited below
    pending.push(p);
  };
  while (launched < items.length && pending.length < window) launch();
  while (pending.length) {
    const result = await pending.shift()!;
    if (launched < items.length) launch();
    yield result;
  }
}

/** The options the manifest records: no absolute paths (a file given by absolute path is named by its base name). */
function manifestOptionsOf(opts: RunOptions): ManifestOptions {
  const fileRef = (path: string) => (path ? { file: isAbsolute(path) ? basename(path) : path, sha256: sha256Of(path) } : null);
  return {
    formats: opts.formats,
    include: opts.include,
    exclude: opts.exclude,
    excel: opts.excel,
    codebook: fileRef(opts.config.codebook),
    actors: opts.config.actorFiles.map(fileRef),
    rules: fileRef(opts.config.recRules),
  };
}

function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function toolVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}
