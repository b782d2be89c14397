// What the exporters read: a dataset folder written by `extract`, with each
// document's full normalised text rebuilt from its segments.
import { readManifest, readTable } from "../dataset/read.js";
import type { Row, TableName } from "../dataset/tables.js";

export interface ExportDataset {
  dir: string;
  documents: Row[];
  segments: Row[];
  recommendations: Row[];
  actors: Row[];
  mentions: Row[];
  edges: Row[];
  codings: Row[];
  themes: Row[];
  /** Responses and key actions (absent from datasets written before the table existed). */
  responses?: Row[];
  /** Empty for datasets written before the relations table existed. */
  relations: Row[];
}

const TABLES_READ: TableName[] = ["documents", "segments", "recommendations", "actors", "mentions", "edges", "codings", "themes", "responses", "relations"];

/** Reads every table of a dataset (throws UsageError when `dir` is not a dataset). */
export function loadDataset(dir: string): ExportDataset {
  readManifest(dir);
  const tables = Object.fromEntries(TABLES_READ.map((t) => [t, readTable(dir, t)])) as Record<TableName, Row[]>;
  return { dir, ...tables };
}

// The text stage joins block texts with a blank line (buildDoc), and every
// offset in the dataset counts in that joined text.
const BLOCK_SEPARATOR = "\n\n";

/**
 * Each document's normalised text (Doc.text), rebuilt from its segments: the
 * dataset does not store whole texts, but the segments tile them exactly.
 * Throws when a segment's offsets disagree with the rebuilt text, because every
 * exported position would then be wrong.
 */
export function documentTexts(segments: Row[]): Map<string, string> {
  const byDoc = new Map<string, Row[]>();
  for (const s of segments) {
    const docId = String(s.doc_id);
    const list = byDoc.get(docId) ?? byDoc.set(docId, []).get(docId)!;
    list.push(s);
  }
  const texts = new Map<string, string>();
  for (const [docId, rows] of byDoc) {
    rows.sort((a, b) => Number(a.start) - Number(b.start));
    let text = "";
    for (const row of rows) {
      if (text) text += BLOCK_SEPARATOR;
      const segmentText = String(row.text);
      if (Number(row.start) !== text.length || Number(row.end) !== text.length + segmentText.length) {
        throw new Error(`segment ${row.segment_id} of ${docId}: offsets ${row.start}-${row.end} do not match the rebuilt text (expected ${text.length}-${text.length + segmentText.length})`);
      }
      text += segmentText;
    }
    texts.set(docId, text);
  }
  return texts;
}

/**
 * Converts JavaScript offsets (UTF-16 code units) in one text into Unicode
 * code point positions, which REFI-QDA counts in: every character outside the
 * Basic Multilingual Plane (emoji, mathematical letters such as 𝑥) is two
 * units for JavaScript but one position for a QDA program.
 */
export function codePointCounter(text: string): (utf16Offset: number) => number {
  // Offsets of the second half of each surrogate pair, in ascending order.
  const lowHalves: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) lowHalves.push(++i);
    }
  }
  return (offset) => {
    // Pairs that end before `offset` count one unit less each.
    let lo = 0, hi = lowHalves.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lowHalves[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

/** Slice by code point positions (the inverse view, for readers and tests). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}
