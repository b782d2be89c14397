// One file through every per-document stage: ingest -> text -> extract -> rows.
// Runs in a worker thread (worker.ts) or in-process (--jobs 1, tests, inspect).
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import type { Doc, ExtractConfig, Extraction, Format } from "../types.js";
import { ingestFile } from "../ingest/index.js";
import { IngestError } from "../ingest/errors.js";
import { buildDoc, docIdOf } from "../text/document.js";
import { extractDocument, loadExtractors, type Extractors } from "../extract/index.js";
import { themeRows } from "../extract/themes/index.js";
import { codingRows, documentRow, recommendationRows, segmentIdsOf, segmentRows } from "../dataset/rows.js";
import type { Row } from "../dataset/tables.js";
import type { DocActors } from "../dataset/actors.js";

export interface FileTask {
  absPath: string;
  source: string;
  ext: string;
}

/** Everything the corpus-level stage needs from one file; plain data, so it crosses threads. */
export interface FileResult {
  source: string;
  status: "ok" | "warning" | "error";
  message: string;
  document: Row;
  segments: Row[];
  recommendations: Row[];
  codings: Row[];
  themes: Row[];
  actors: DocActors;
  /** Theme code -> segments, for the wide matrix. */
  themeSegments: Record<string, number>;
}

const FORMAT_OF: Record<string, Format> = { ".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html" };

let cached: { key: string; extractors: Extractors } | undefined;
/** Compile rules once per thread, for the config at hand. */
export function extractorsFor(config: ExtractConfig): Extractors {
  const key = JSON.stringify(config);
  if (cached?.key !== key) cached = { key, extractors: loadExtractors(config) };
  return cached.extractors;
}

/** Read and structure one file (no extraction): what `inspect` shows. */
export async function readDoc(task: FileTask): Promise<Doc> {
  const { file, bytes } = await ingestFile(task.absPath, task.ext);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return buildDoc({ source: task.source, format: FORMAT_OF[task.ext.toLowerCase()] ?? "txt", sha256, bytes: bytes.length }, file);
}

export async function processFile(task: FileTask, config: ExtractConfig): Promise<FileResult> {
  let doc: Doc;
  try {
    doc = await readDoc(task);
  } catch (err) {
    return failedFile(task, err);
  }
  const extractors = extractorsFor(config);
  const extraction: Extraction = extractDocument(doc, extractors);
  const segmentIds = segmentIdsOf(doc);
  const recommendations = recommendationRows(doc, extraction, segmentIds);
  const status = doc.warnings.length ? "warning" : "ok";
  const message = doc.warnings.join("; ");
  const themes = themeRows(doc, extraction.codings, extractors.codebook).map((t) => ({ doc_id: doc.docId, source: doc.source, ...t }));
  return {
    source: doc.source,
    status,
    message,
    document: documentRow(doc, { status, message }),
    segments: segmentRows(doc, segmentIds),
    recommendations,
    codings: codingRows(doc, extraction, segmentIds),
    themes,
    themeSegments: Object.fromEntries(themes.map((t) => [t.theme, t.segments])),
    actors: {
      docId: doc.docId,
      source: doc.source,
      segmentIds,
      actors: extraction.actors,
      mentions: extraction.mentions,
      recommendations: recommendations.map((r, i) => ({ recId: String(r.rec_id), addressee: String(r.addressee), block: extraction.recommendations[i].block })),
    },
  };
}

/** A file that could not be read still gets its documents row, with the reason. */
async function failedFile(task: FileTask, err: unknown): Promise<FileResult> {
  const message = err instanceof IngestError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  let sha256 = "", bytes = 0;
  try {
    const data = await readFile(task.absPath);
    sha256 = createHash("sha256").update(data).digest("hex");
    bytes = (await stat(task.absPath)).size;
  } catch {
    // unreadable: the message already says so
  }
  const docId = docIdOf(task.source);
  return {
    source: task.source,
    status: "error",
    message,
    document: {
      doc_id: docId, source: task.source, format: FORMAT_OF[task.ext.toLowerCase()] ?? "", sha256, bytes, pages: 0, words: 0,
      language: "", title: "", doc_type: "", date: "", place: "", status: "error", message,
    },
    segments: [], recommendations: [], codings: [], themes: [], themeSegments: {},
    actors: { docId, source: task.source, segmentIds: [], actors: [], mentions: [], recommendations: [] },
  };
}
