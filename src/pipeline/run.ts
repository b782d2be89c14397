// A corpus run: walk the inputs, process files on a worker pool, write each
// document's rows in input order as soon as it is ready (workers hand them
// over as text), keep what must wait for the corpus-level actor merge on disk
// (merge.ts), then merge and move the finished dataset into place. Memory
// stays bounded by the window of files in flight, not by the corpus.
import { readFileSync } from "node:fs";
import { basename, isAbsolute, join } from "node:path";
import { createHash } from "node:crypto";
import type { ExtractConfig } from "../types.js";
import { walkInputs } from "../ingest/walk.js";
import { DatasetWriter, type OutputFormat } from "../dataset/writer.js";
import { TABLES, type TableName } from "../dataset/tables.js";
import { loadGazetteer } from "../extract/actors/index.js";
import { loadCodebook, themesMatrix } from "../extract/themes/index.js";
import { csvLine } from "../dataset/csv.js";
import { packageRoot } from "../paths.js";
import type { FileResult, FileTask } from "./process.js";
import { makeRunner } from "./pool.js";
import { CorpusMerge } from "./merge.js";
import { datapackageDescriptor } from "../export/datapackage.js";

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
  /** Called after each file is written (for progress bars). */
  onFile?: (result: FileResult, done: number, total: number) => void;
  onNotice?: (message: string) => void;
}

export interface RunSummary {
  documents: number;
  ok: number;
  warnings: number;
  errors: number;
  failed: Array<{ source: string; message: string }>;
  rows: Partial<Record<TableName, number>>;
  out: string;
}

/** Policy documents take seconds; minutes mean a pathological file, which must not hold up a batch. */
export const DEFAULT_DOC_TIMEOUT = 300;

// The tables `extract` writes; `recurrences` is added later by `sectormap recurrences`.
const EXTRACT_TABLES = (Object.keys(TABLES) as TableName[]).filter((t) => t !== "recurrences");

export async function runExtract(opts: RunOptions): Promise<RunSummary> {
  const { inputs, notices } = await walkInputs(opts.paths, { include: opts.include, exclude: opts.exclude, outDir: opts.out });
  notices.forEach((n) => opts.onNotice?.(n));
  const tasks: FileTask[] = inputs.map((i) => ({ absPath: i.absPath, source: i.source, ext: i.ext, maxBytes: opts.maxFileSize }));

  const writer = new DatasetWriter(opts.out, { formats: opts.formats, excelBom: opts.excel });
  // Interrupted: throw the temporary folder away and leave at once (worker threads die with
  // the process), so the previous dataset stays as it was. The handler runs promptly because
  // documents are processed on worker threads and this thread's own loops yield.
  const abort = (signal: NodeJS.Signals) => { writer.abort(); process.exit(signal === "SIGINT" ? 130 : 143); };
  process.once("SIGINT", abort);
  process.once("SIGTERM", abort);
  const runner = makeRunner({ jobs: opts.jobs, config: opts.config, formats: opts.formats, docTimeout: opts.docTimeout ?? DEFAULT_DOC_TIMEOUT });
  try {
    EXTRACT_TABLES.forEach((t) => writer.open(t));
    const summary: RunSummary = { documents: tasks.length, ok: 0, warnings: 0, errors: 0, failed: [], rows: writer.counts, out: opts.out };
    const merge = new CorpusMerge(writer, loadGazetteer(opts.config.actorFiles), opts.formats);
    const codebook = loadCodebook(opts.config.codebook || undefined);
    // themes_matrix.csv: one line per document, under a column per code of the codebook.
    const matrixColumns = opts.formats.includes("csv") ? themesMatrix([], codebook).columns : undefined;
    if (matrixColumns) await writer.appendCsv("themes_matrix.csv", matrixColumns, "");
    const inputsRead: ManifestInput[] = [];

    let done = 0;
    for await (const result of inOrder(tasks, (task) => runner.run(task), opts.jobs * 4)) {
      summary[result.status === "ok" ? "ok" : result.status === "warning" ? "warnings" : "errors"]++;
      if (result.status === "error") summary.failed.push({ source: result.source, message: result.message });
      for (const [table, rows] of result.tables) await writer.append(table, rows);
      if (matrixColumns) await writer.appendCsv("themes_matrix.csv", matrixColumns, result.matrixLine);
      merge.add(result.merge);
      inputsRead.push({ source: result.source, sha256: result.sha256, status: result.status });
      opts.onFile?.(result, ++done, tasks.length);
      // Results that are ready at once (small files) would otherwise keep signals waiting.
      if (done % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Corpus level: one actor_id per entity across documents, then the tables that need it.
    await merge.finish();

    // The Frictionless descriptor of the tables (issue 7), so R and Python read them with types and keys.
    const described = datapackageDescriptor({ tables: EXTRACT_TABLES, formats: opts.formats, excel: opts.excel, matrixColumns });
    await writer.writeFile("datapackage.json", JSON.stringify(described, null, 2) + "\n");
    await writer.writeFile("manifest.json", JSON.stringify(manifest(opts, inputsRead, summary, writer.counts), null, 2) + "\n");
    await writer.commit();
    return summary;
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    process.off("SIGINT", abort);
    process.off("SIGTERM", abort);
    await runner.destroy();
  }
}

/**
 * Run `work` over the items with at most `window` in flight, yielding results
 * in the items' order whatever order they finish in.
 */
async function* inOrder<T, R>(items: T[], work: (item: T) => Promise<R>, window: number): AsyncGenerator<R> {
  const pending: Array<Promise<R>> = [];
  let launched = 0;
  const launch = () => {
    const p = work(items[launched++]);
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

/** What was run, on what: enough for `check` to re-run it. No timestamps, no absolute paths. */
interface ManifestInput { source: string; sha256: string; status: string }

function manifest(opts: RunOptions, inputs: ManifestInput[], summary: RunSummary, counts: Partial<Record<TableName, number>>) {
  const fileRef = (path: string) => (path ? { file: isAbsolute(path) ? basename(path) : path, sha256: sha256Of(path) } : null);
  return {
    tool: "sectormap",
    version: toolVersion(),
    options: {
      formats: opts.formats,
      include: opts.include,
      exclude: opts.exclude,
      excel: opts.excel,
      codebook: fileRef(opts.config.codebook),
      actors: opts.config.actorFiles.map(fileRef),
      rules: fileRef(opts.config.recRules),
    },
    inputs,
    documents: { total: summary.documents, ok: summary.ok, warning: summary.warnings, error: summary.errors },
    rows: counts,
  };
}

function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function toolVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}
