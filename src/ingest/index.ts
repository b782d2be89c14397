// The ingest stage: one file on disk -> IngestedFile (pages of sectormap
// markdown, see src/types.ts), chosen by extension. Problems specific to one
// file are thrown as IngestError, so the pipeline can record them and go on.

import { readFileSync, statSync } from "node:fs";
import type { IngestedFile } from "../types.js";
import { IngestError } from "./errors.js";
import { ingestText } from "./text.js";

import { SUPPORTED_EXTENSIONS } from "./walk.js";

export { IngestError, UsageError } from "./errors.js";
export { walkInputs, SUPPORTED_EXTENSIONS, type InputFile } from "./walk.js";

/**
 * Larger files are refused before being read: policy documents are a few MB;
 * hundreds of MB means a scan archive or a wrong file, and would stall a worker.
 */
export const MAX_BYTES = 200 * 1024 * 1024;

export interface IngestOptions {
  /** Override MAX_BYTES (e.g. for tests). */
  maxBytes?: number;
}

/** Read and convert one file. `ext` is its extension as the walker reports it (".pdf"). */
export async function ingestFile(
  absPath: string,
  ext: string,
  opts: IngestOptions = {},
): Promise<{ file: IngestedFile; bytes: Uint8Array }> {
  const kind = ext.toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(kind)) {
    throw new IngestError("unsupported", `unsupported format (${kind || "no extension"})`);
  }
  const bytes = readBytes(absPath, opts.maxBytes ?? MAX_BYTES);
  return { file: await convert(bytes, kind), bytes };
}

async function convert(bytes: Uint8Array, ext: string): Promise<IngestedFile> {
  checkContentMatches(bytes, ext);
  switch (ext) {
    case ".pdf": {
      // Loaded on first use: the PDF engine is large and text-only runs never need it.
      const { ingestPdf } = await import("./pdf.js");
      return ingestPdf(bytes);
    }
    case ".txt":
      return ingestText(bytes, "txt");
    case ".md":
    case ".markdown":
      return ingestText(bytes, "md");
    case ".html":
    case ".htm":
      // Loaded on first use, like the PDF engine: a worker starts faster without the
      // HTML parser and mammoth (a tenth of a second each) when the corpus has none.
      return (await import("./html.js")).ingestHtml(bytes);
    case ".docx":
      return (await import("./docx.js")).ingestDocx(bytes);
    default:
      throw new IngestError("unsupported", `unsupported format (${ext})`);
  }
}

/**
 * A file whose content is plainly another format than its extension says
 * (a PDF saved as .txt, an RTF document named .txt or .docx) gets a message
 * that says so, rather than "binary content" or a page of control words.
 * (Damaged .pdf files are the PDF reader's to describe.)
 */
function checkContentMatches(bytes: Uint8Array, ext: string): void {
  const head = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  if (ext !== ".pdf" && head.startsWith("%PDF-")) {
    throw new IngestError("unsupported", `PDF content in a ${ext} file: rename it to .pdf`);
  }
  if (ext !== ".pdf" && head.startsWith("{\\rtf")) {
    throw new IngestError("unsupported", `RTF content in a ${ext} file: save it as .docx or plain text`);
  }
}

// Read synchronously: files are read one at a time by each worker thread (or by the one
// thread of --jobs 1), so nothing waits on them; and the asynchronous APIs cost more CPU
// than the read itself (thread-pool trips for open, stat, read and close: a quarter of
// the text pipeline on the seeds, where fs/promises' readFile was slower still).
function readBytes(absPath: string, maxBytes: number): Uint8Array {
  try {
    const info = statSync(absPath);
    if (!info.isFile()) throw new IngestError("unreadable", "not a regular file");
    if (info.size > maxBytes) {
      throw new IngestError("too-large", `file too large (${megabytes(info.size)}; limit ${megabytes(maxBytes)})`);
    }
    const buffer = readFileSync(absPath);
    // A plain Uint8Array view: its slice() copies (a Buffer's would share the memory).
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "file not found" : (err as Error).message;
    throw new IngestError("unreadable", `cannot read file: ${reason}`, { cause: err });
  }
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
