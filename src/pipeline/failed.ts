// The result of a file that gives no data (unreadable, too large, stopped over
// its time budget): its documents row with the reason. Kept apart from
// process.ts so that the main thread can make one without loading the
// extractors (their rules and lexicons), which only worker threads need.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Format } from "../types.js";
import { serialiseRows, type OutputFormat } from "../dataset/writer.js";
import { mergeShare } from "./merge.js";
import type { FileResult, FileTask } from "./process.js";

export const FORMAT_OF: Record<string, Format> = { ".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html" };

export async function errorResult(task: FileTask, message: string, formats: OutputFormat[], hash = true): Promise<FileResult> {
  let sha256 = "", bytes = 0;
  try {
    bytes = (await stat(task.absPath)).size;
    if (hash) sha256 = await sha256OfFile(task.absPath);
  } catch {
    // unreadable: the message already says so
  }
  // The text stage's modules (and YAML) are loaded only for a failure, not by every run's main thread.
  const { docIdOf } = await import("../text/document.js");
  const docId = docIdOf(task.source);
  const document = {
    doc_id: docId, source: task.source, format: FORMAT_OF[task.ext.toLowerCase()] ?? "", sha256, bytes, pages: 0, words: 0,
    language: "", title: "", doc_type: "", date: "", place: "", status: "error", message,
  };
  return {
    source: task.source,
    sha256,
    status: "error",
    message,
    tables: [["documents", serialiseRows("documents", [document], formats)]],
    matrixLine: "",
    merge: mergeShare({ docId, source: task.source, segmentIds: [], actors: [], mentions: [], recommendations: [] }, [], formats),
  };
}

/** sha256 of a file, streamed: memory stays flat whatever its size. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
