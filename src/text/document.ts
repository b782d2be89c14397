// The text stage: an ingested file becomes a Doc, the one structure every
// extractor reads. Doc.text is built here from the blocks (joined by a blank
// line), so every offset is exact and every block knows its page.
import { createHash } from "node:crypto";
import type { Block, Doc, Format, IngestedFile } from "../types.js";
import { normalizeChars } from "./normalize.js";
import { removeRunningHeadersFooters } from "./pages.js";
import { TextLexicon } from "./hyphenation.js";
import { inferHeadings, joinContinuations, joinPieces, readBlocks } from "./structure.js";
import { splitSentences } from "./sentences.js";
import { readMetadata } from "./meta.js";
import { linesAreBlocks, tidyScrapedLines } from "./reflow.js";
import { readZones } from "./zones.js";
import { joinRowsAcrossPages, readTables } from "./tables.js";

export interface SourceInfo {
  source: string;
  format: Format;
  sha256: string;
  bytes: number;
}

const BLOCK_SEPARATOR = "\n\n";

/** doc_id: derived from the source path only, so editing a file keeps its id. */
export function docIdOf(source: string): string {
  return "d" + createHash("sha256").update(source).digest("hex").slice(0, 12);
}

export function buildDoc(info: SourceInfo, file: IngestedFile): Doc {
  const normalised = file.pages.map((p) => normalizeChars(p));
  const { pages: unwrapped } = removeRunningHeadersFooters(normalised);
  // Plain text and markdown may hold one block per line (text saved from a web page): not re-flowed.
  const oneBlockPerLine = (info.format === "txt" || info.format === "md") && linesAreBlocks(unwrapped);
  const pages = oneBlockPerLine ? unwrapped.map(tidyScrapedLines) : unwrapped;
  // The document's own spelling decides line-break hyphens ("migra-"/"tion" vs "long-"/"term").
  const vocabulary = new TextLexicon(pages.join("\n"));
  const drafts = joinRowsAcrossPages(joinContinuations(readBlocks(pages, { joinWrappedHeadings: info.format === "pdf", linesAreBlocks: oneBlockPerLine })));
  // HTML and Word mark their headings; guessing them from short lines is for text converted from PDF.
  // Bold-line headings take their level from the headings around them in every format.
  inferHeadings(drafts, { fromShortLines: info.format !== "html" && info.format !== "docx" });

  const blocks: Block[] = [];
  const pageStarts: number[] = new Array(pages.length).fill(-1);
  const headingPath: Array<{ level: number; text: string }> = [];
  // Block texts are collected and joined once at the end: a string grown by `+=` is a rope
  // of 700 pieces, and every later character-by-character reading of it paid for that.
  const parts: string[] = [];
  let length = 0;

  for (const draft of drafts) {
    const joined = joinPieces(draft.pieces, vocabulary);
    if (!joined.text) continue;
    if (parts.length) length += BLOCK_SEPARATOR.length;
    const start = length;
    parts.push(joined.text);
    length += joined.text.length;
    const page = draft.pieces[0].page;
    const pageAt = (offsetInBlock: number) => {
      let p = page;
      for (const [at, next] of joined.pageBreaks) if (offsetInBlock >= at) p = next;
      return p;
    };
    // The block starts its first page, and each page break inside it starts the next one.
    if (pageStarts[page - 1] < 0) pageStarts[page - 1] = start;
    for (const [at, next] of joined.pageBreaks) if (pageStarts[next - 1] < 0) pageStarts[next - 1] = start + at;
    if (draft.kind === "heading") {
      while (headingPath.length && headingPath[headingPath.length - 1].level >= draft.level) headingPath.pop();
    }
    blocks.push({
      index: blocks.length,
      kind: draft.kind,
      level: draft.kind === "heading" ? draft.level : 0,
      label: draft.label,
      depth: draft.depth,
      section: headingPath.map((h) => h.text),
      page,
      start,
      end: length,
      text: joined.text,
      sentences: splitSentences(joined.text).map(([s, e]) => ({ start: start + s, end: start + e, page: pageAt(s) })),
      zone: "body",
      table: undefined,
    });
    if (draft.kind === "heading") headingPath.push({ level: draft.level, text: joined.text });
  }

  // The table of contents becomes front-matter paragraphs; every block gets its zone.
  readZones(blocks, { headingsFromType: info.format === "pdf" });
  // Table rows learn their table, cells and column headers.
  readTables(blocks);
  const text = parts.join(BLOCK_SEPARATOR);
  // Pages that start no block begin where the next page's content begins.
  for (let i = pageStarts.length - 1; i >= 0; i--) {
    if (pageStarts[i] < 0) pageStarts[i] = i + 1 < pageStarts.length ? pageStarts[i + 1] : text.length;
  }

  const doc: Doc = {
    docId: docIdOf(info.source),
    source: info.source,
    format: info.format,
    sha256: info.sha256,
    bytes: info.bytes,
    text,
    pages: file.pages.length,
    pageStarts,
    blocks,
    meta: { title: "", date: "", place: "", words: 0, language: "", docType: "other" },
    warnings: [...file.warnings],
  };
  doc.meta = readMetadata(doc, file.metaTitle);
  return doc;
}

/** The page (1-based) an offset of doc.text falls on. */
export function pageOfOffset(doc: Doc, offset: number): number {
  let lo = 0, hi = doc.pageStarts.length - 1, page = 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.pageStarts[mid] <= offset) { page = mid + 1; lo = mid + 1; } else hi = mid - 1;
  }
  return page;
}
