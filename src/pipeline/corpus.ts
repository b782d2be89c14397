// The corpus stage of a run: per-document results, in input order, become a
// dataset folder. Each document's rows are appended as they come (they are
// already text); what must wait for the corpus-level actor merge waits on disk
// (merge.ts); then the merge, the descriptors, and the atomic move into place.
// Shared by `extract` (results from workers or the cache) and `merge` (results
// from partial datasets), which is why both give byte-identical datasets.
import type { ExtractConfig } from "../types.js";
import { DatasetWriter, type OutputFormat } from "../dataset/writer.js";
import { TABLES, type TableName } from "../dataset/tables.js";
import { datapackageDescriptor } from "../export/datapackage.js";
import type { FileResult } from "./process.js";
import { CorpusMerge } from "./merge.js";
import { gazetteerLookup, type GazetteerLookup } from "../dataset/actors.js";
import { exitOnSignals } from "./interrupt.js";

export interface RunSummary {
  documents: number;
  ok: number;
  warnings: number;
  errors: number;
  failed: Array<{ source: string; message: string }>;
  rows: Partial<Record<TableName, number>>;
  out: string;
}

/** The options a manifest records (no absolute paths): enough for `check` to re-run. */
export interface ManifestOptions {
  formats: OutputFormat[];
  include: string[];
  exclude: string[];
  excel: boolean;
  codebook: { file: string; sha256: string } | null;
  actors: Array<{ file: string; sha256: string } | null>;
  rules: { file: string; sha256: string } | null;
}

export interface CorpusOptions {
  out: string;
  formats: OutputFormat[];
  excel: boolean;
  config: ExtractConfig;
  version: string;
  manifestOptions: ManifestOptions;
  /** How many documents will come (for progress). */
  total: number;
  onFile?: (result: FileResult, done: number, total: number) => void;
}

// The tables `extract` writes; `recurrences` is added later by `sectormap recurrences`.
export const EXTRACT_TABLES = (Object.keys(TABLES) as TableName[]).filter((t) => t !== "recurrences");

export async function writeCorpus(results: AsyncIterable<FileResult>, opts: CorpusOptions): Promise<RunSummary> {
  const writer = new DatasetWriter(opts.out, { formats: opts.formats, excelBom: opts.excel });
  const stopListening = exitOnSignals(() => writer.abort());
  try {
    EXTRACT_TABLES.forEach((t) => writer.open(t));
    const summary: RunSummary = { documents: 0, ok: 0, warnings: 0, errors: 0, failed: [], rows: writer.counts, out: opts.out };
    const merge = new CorpusMerge(writer, opts.formats, () => gazetteerOf(opts.config));
    // themes_matrix.csv: one line per document, under a column per code of the codebook. The
    // columns come with the results (the codebook is loaded here only when none brings them).
    const csv = opts.formats.includes("csv");
    let matrixColumns: string[] | undefined;
    const inputsRead: Array<{ source: string; sha256: string; status: string }> = [];

    for await (const result of results) {
      summary.documents++;
      summary[result.status === "ok" ? "ok" : result.status === "warning" ? "warnings" : "errors"]++;
      if (result.status === "error") summary.failed.push({ source: result.source, message: result.message });
      for (const [table, rows] of result.tables) await writer.append(table, rows);
      if (csv && !matrixColumns && result.matrixColumns) await writer.appendCsv("themes_matrix.csv", (matrixColumns = result.matrixColumns), "");
      if (result.matrixLine) await writer.appendCsv("themes_matrix.csv", matrixColumns!, result.matrixLine);
      merge.add(result.merge);
      inputsRead.push({ source: result.source, sha256: result.sha256, status: result.status });
      opts.onFile?.(result, summary.documents, opts.total);
      // Results that are ready at once (cached, small files) would otherwise keep signals waiting.
      if (summary.documents % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (csv && !matrixColumns) await writer.appendCsv("themes_matrix.csv", (matrixColumns = await matrixColumnsOf(opts.config)), "");
    // Corpus level: one actor_id per entity across documents, then the tables that need it.
    await merge.finish();

    // The Frictionless descriptor of the tables (issue 7), so R and Python read them with types and keys.
    const described = datapackageDescriptor({ tables: EXTRACT_TABLES, formats: opts.formats, excel: opts.excel, matrixColumns });
    await writer.writeFile("datapackage.json", JSON.stringify(described, null, 2) + "\n");
    // What was run, on what: no timestamps, no absolute paths.
    const manifest = {
      tool: "sectormap",
      version: opts.version,
      options: opts.manifestOptions,
      inputs: inputsRead,
      documents: { total: summary.documents, ok: summary.ok, warning: summary.warnings, error: summary.errors },
      rows: writer.counts,
    };
    await writer.writeFile("manifest.json", JSON.stringify(manifest, null, 2) + "\n");
    await writer.commit();
    return summary;
  } catch (err) {
    writer.abort();
    throw err;
  } finally {
    stopListening();
  }
}

// The extractors' modules are loaded only when the results do not say what the corpus
// stage needs (no document was read, or partial datasets of an older version).
async function gazetteerOf(config: ExtractConfig): Promise<GazetteerLookup> {
  const { loadGazetteer } = await import("../extract/actors/index.js");
  return gazetteerLookup(loadGazetteer(config.actorFiles));
}

async function matrixColumnsOf(config: ExtractConfig): Promise<string[]> {
  const { loadCodebook, themesMatrix } = await import("../extract/themes/index.js");
  return themesMatrix([], loadCodebook(config.codebook || undefined)).columns;
}
