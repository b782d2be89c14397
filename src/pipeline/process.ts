// One file through every per-document stage: ingest -> text -> extract -> rows.
// Runs in a worker thread (worker.ts) or in-process (--jobs 1, tests, inspect).
import { createHash } from "node:crypto";
import type { Doc, ExtractConfig, Extraction } from "../types.js";
import { ingestFile } from "../ingest/index.js";
import { IngestError } from "../ingest/errors.js";
import { buildDoc, docIdOf } from "../text/document.js";
import { extractDocument, loadExtractors, type Extractors } from "../extract/index.js";
import { themeRows, themesMatrix, type Codebook } from "../extract/themes/index.js";
import { codingRows, documentRow, recommendationRows, relationRows, responseRows, segmentIdsOf, segmentRows } from "../dataset/rows.js";
import type { TableName } from "../dataset/tables.js";
import { gazetteerFactsOf, gazetteerLookup, type DocActors, type GazetteerLookup } from "../dataset/actors.js";
import { serialiseRows, type OutputFormat, type TableText } from "../dataset/writer.js";
import { csvLine } from "../dataset/csv.js";
import { mergeShare, type MergeShare } from "./merge.js";
import { errorResult, FORMAT_OF } from "./failed.js";

export interface FileTask {
  absPath: string;
  source: string;
  ext: string;
  /** Files larger than this are refused unread (--max-file-size; default: the ingest limit). */
  maxBytes?: number;
}

/**
 * Everything the corpus-level stage needs from one file; plain data, so it
 * crosses threads. Rows are already text: the main thread only appends them.
 */
export interface FileResult {
  source: string;
  sha256: string;
  status: "ok" | "warning" | "error";
  message: string;
  /** The rows of the tables that need nothing from other documents. */
  tables: Array<[TableName, TableText]>;
  /** The document's line of themes_matrix.csv ("" for none, or without CSV output). */
  matrixLine: string;
  /**
   * The columns of themes_matrix.csv (doc_id, source, then the codebook's codes), so
   * that the main thread need not load the codebook; absent from error results.
   */
  matrixColumns?: string[];
  merge: MergeShare;
}


let cached: { key: string; extractors: Extractors; gazetteer: GazetteerLookup; matrixColumns: string[] } | undefined;
/** Compile rules once per thread, for the config at hand. */
export function extractorsFor(config: ExtractConfig): Extractors {
  return compiled(config).extractors;
}

function compiled(config: ExtractConfig): NonNullable<typeof cached> {
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    const extractors = loadExtractors(config);
    cached = { key, extractors, gazetteer: gazetteerLookup(extractors.gazetteer), matrixColumns: themesMatrix([], extractors.codebook).columns };
  }
  return cached;
}

/** Read and structure one file (no extraction): what `inspect` shows. */
export async function readDoc(task: FileTask): Promise<Doc> {
  const { file, bytes } = await ingestFile(task.absPath, task.ext, { maxBytes: task.maxBytes });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return buildDoc({ source: task.source, format: FORMAT_OF[task.ext.toLowerCase()] ?? "txt", sha256, bytes: bytes.length }, file);
}

export async function processFile(task: FileTask, config: ExtractConfig, formats: OutputFormat[]): Promise<FileResult> {
  let doc: Doc;
  try {
    doc = await readDoc(task);
  } catch (err) {
    return failedFile(task, err, formats);
  }
  const { extractors, gazetteer, matrixColumns } = compiled(config);
  const extraction: Extraction = extractDocument(doc, extractors);
  const segmentIds = segmentIdsOf(doc);
  const recommendations = recommendationRows(doc, extraction, segmentIds);
  const status = doc.warnings.length ? "warning" : "ok";
  const message = doc.warnings.join("; ");
  const themes = themeRows(doc, extraction.codings, extractors.codebook).map((t) => ({ doc_id: doc.docId, source: doc.source, ...t }));
  const actors: DocActors = {
    docId: doc.docId,
    source: doc.source,
    segmentIds,
    actors: extraction.actors,
    mentions: extraction.mentions,
    recommendations: recommendations.map((r, i) => ({ recId: String(r.rec_id), addressee: String(r.addressee), block: extraction.recommendations[i].block })),
  };
  return {
    source: doc.source,
    sha256: doc.sha256,
    status,
    message,
    tables: [
      ["documents", serialiseRows("documents", [documentRow(doc, { status, message })], formats)],
      ["segments", serialiseRows("segments", segmentRows(doc, segmentIds), formats)],
      ["codings", serialiseRows("codings", codingRows(doc, extraction, segmentIds), formats)],
      ["responses", serialiseRows("responses", responseRows(doc, extraction, segmentIds, recommendations.map((r) => String(r.rec_id))), formats)],
      ["themes", serialiseRows("themes", themes, formats)],
    ],
    matrixLine: formats.includes("csv") ? matrixLine(themes, extractors.codebook) : "",
    matrixColumns,
    merge: mergeShare(
      actors,
      recommendations,
      formats,
      { rows: relationRows(doc, extraction, segmentIds), parties: (extraction.relations ?? []).map((r) => [r.relation, r.fromActor, r.toActor]) },
      gazetteerFactsOf(extraction.actors, gazetteer),
    ),
  };
}

/** The document's row of the wide document x theme matrix (none when it has no theme rows). */
function matrixLine(themes: Array<{ doc_id: string; source: string; theme: string; segments: number }>, codebook: Codebook): string {
  const matrix = themesMatrix(themes, codebook);
  return matrix.rows.map((r) => csvLine(matrix.columns.map((c) => r[c] ?? 0))).join("");
}

/** A file that could not be read still gets its documents row, with the reason. */
async function failedFile(task: FileTask, err: unknown, formats: OutputFormat[]): Promise<FileResult> {
  const message = err instanceof IngestError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  // A file refused for its size is not read at all, not even to hash it.
  return errorResult(task, message, formats, !(err instanceof IngestError && err.code === "too-large"));
}
