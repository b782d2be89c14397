// Writes a dataset folder atomically: every table goes into a temporary folder
// beside --out, which replaces --out only when the whole run has finished. An
// interrupted or failed run leaves the previous dataset as it was.
//
// Rows become text here (serialiseRows, writeRowsWithGaps) and nowhere else, so that
// worker threads can do it and the writer only appends text.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { TABLES, type Row, type TableName } from "./tables.js";
import { csvCell, csvLine } from "./csv.js";
import { scratchSink, type ByteSink } from "./byte-sink.js";

export type OutputFormat = "csv" | "jsonl";

/** Text of one table in each output format, and how many rows it holds. */
export interface TableText {
  rows: number;
  /** The rows' lines, as UTF-8 bytes (or as text). */
  text: Partial<Record<OutputFormat, string | Uint8Array>>;
}

/** The rows of a table as UTF-8 bytes, one line per row, in each of `formats`. */
export function serialiseRows(table: TableName, rows: Row[], formats: OutputFormat[]): TableText & { text: Partial<Record<OutputFormat, Buffer>> } {
  const text: Partial<Record<OutputFormat, Buffer>> = {};
  const sink = scratchSink();
  for (const format of formats) {
    writeRows(sink, layoutOf(table), rows, format);
    text[format] = sink.take();
  }
  return { rows: rows.length, text };
}

/**
 * Rows as UTF-8 bytes in `sink`, with gaps for the `gaps` columns, whose values are only known
 * after the corpus-level merge (actor ids): each row's text with a GAP
 * character where each gap's value goes, and a ROW_END character after the
 * row. Neither character occurs in any other cell (CSV cells drop them; JSON
 * escapes them), nor as a byte of any other character in UTF-8, so the merge
 * finds rows and gaps in the UTF-8 bytes without decoding them (GappedRows).
 * Gap values must be plain strings that need no CSV quoting or JSON escaping (ids).
 */
export function writeRowsWithGaps(sink: ByteSink, table: TableName, rows: Row[], gaps: string[], format: OutputFormat): void {
  const layout = layoutOf(table);
  writeRows(sink, layout, rows, format, layout.names.map((name) => gaps.includes(name)), ROW_END);
}

/**
 * Rows into `sink`, one line each (then `after`), in pieces of a few thousand characters: one
 * encoding call per row cost more than the encoding, and one string for all the rows is
 * flattened whole (see byte-sink.ts). A gap (`gapAt`) is a GAP cell (CSV) or a string holding
 * GAP (JSON).
 */
function writeRows(sink: ByteSink, layout: RowLayout, rows: Row[], format: OutputFormat, gapAt?: boolean[], after = ""): void {
  let piece = "";
  for (const row of rows) {
    piece += (format === "jsonl" ? jsonLine(layout, row, gapAt) : csvRow(layout, row, gapAt)) + after;
    if (piece.length >= PIECE_CHARS) {
      sink.write(piece);
      piece = "";
    }
  }
  if (piece) sink.write(piece);
}
const PIECE_CHARS = 16 * 1024;

const GAP = "\u0000", ROW_END = "\u0001";
const GAP_BYTE = 0, ROW_END_BYTE = 1;

/**
 * Rows written by writeRowsWithGaps, as UTF-8 bytes (from `start`, `rows` rows of
 * `gaps` gaps each), filled row by row with their gap values.
 */
export class GappedRows {
  /** Per row, the byte offsets of its start, each gap, and its ROW_END. */
  private marks: number[] = [];
  /** Byte offset just past the last row. */
  readonly end: number;

  constructor(private bytes: Uint8Array, start: number, rows: number, private gaps: number) {
    let at = start;
    for (let r = 0; r < rows; r++) {
      this.marks.push(at);
      for (let g = 0; g < gaps; g++) this.marks.push((at = markerAt(bytes, GAP_BYTE, at) + 1) - 1);
      this.marks.push((at = markerAt(bytes, ROW_END_BYTE, at) + 1) - 1);
    }
    this.end = at;
  }

  /** Row `row` with `values` in its gaps, appended to `parts` (for joinParts). */
  fill(row: number, values: string[], parts: Array<Uint8Array | string>): void {
    const m = row * (this.gaps + 2);
    parts.push(this.bytes.subarray(this.marks[m], this.marks[m + 1]));
    for (let g = 0; g < this.gaps; g++) {
      parts.push(values[g], this.bytes.subarray(this.marks[m + 1 + g] + 1, this.marks[m + 2 + g]));
    }
  }
}

function markerAt(bytes: Uint8Array, marker: number, from: number): number {
  const at = bytes.indexOf(marker, from);
  if (at < 0) throw new Error("rows with gaps cut short");
  return at;
}

/** Byte chunks and (short) strings as one UTF-8 buffer. */
export function joinParts(parts: Array<Uint8Array | string>): Buffer {
  let length = 0;
  for (const p of parts) length += typeof p === "string" ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const p of parts) {
    if (typeof p === "string") at += out.write(p, at);
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

/** What writing a table's rows needs of its columns, worked out once per table. */
interface RowLayout {
  names: string[];
  /** Each column's `"name":` in JSONL, with the comma before it: the same on every row. */
  jsonKeys: string[];
  /** The JSON value of a missing cell: "" for a string column, 0 for a number. */
  jsonMissing: Array<string | number>;
}

const layouts = new Map<TableName, RowLayout>();
function layoutOf(table: TableName): RowLayout {
  let layout = layouts.get(table);
  if (!layout) {
    const columns = TABLES[table].columns;
    layout = {
      names: columns.map((c) => c.name),
      jsonKeys: columns.map((c, i) => `${i > 0 ? "," : ""}${JSON.stringify(c.name)}:`),
      jsonMissing: columns.map((c) => (c.type === "string" ? "" : 0)),
    };
    layouts.set(table, layout);
  }
  return layout;
}

/**
 * One row as a CSV line: cells in column order, missing ones empty, the two marker characters of
 * writeRowsWithGaps dropped from the text; GAP in the columns `gapAt` marks.
 */
function csvRow(layout: RowLayout, row: Row, gapAt?: boolean[]): string {
  const names = layout.names;
  let line = "";
  for (let i = 0; i < names.length; i++) {
    if (i) line += ",";
    if (gapAt?.[i]) line += GAP;
    else {
      const value = row[names[i]] ?? "";
      line += csvCell(typeof value === "string" && MARKERS_RE.test(value) ? value.replace(MARKERS_RE_G, "") : value);
    }
  }
  return line + "\n";
}
const MARKERS_RE = /[\u0000\u0001]/, MARKERS_RE_G = /[\u0000\u0001]/g;

/**
 * One row as a JSON object on one line; a column that `gapAt` marks holds GAP (its value comes
 * after the merge), as the string "\u0000" would be written but with the character itself
 * (JSON.stringify writes it escaped, so GAP marks only gaps).
 */
function jsonLine(layout: RowLayout, row: Row, gapAt?: boolean[]): string {
  const { names, jsonKeys, jsonMissing } = layout;
  let line = "{";
  for (let i = 0; i < names.length; i++) {
    line += jsonKeys[i] + (gapAt?.[i] ? QUOTED_GAP : jsonValue(row[names[i]] ?? jsonMissing[i]));
  }
  return line + "}\n";
}
const QUOTED_GAP = '"\u0000"';

/**
 * JSON.stringify of a cell, without calling it for the cells that need nothing escaped (most of
 * them): a string with no quote, backslash, control character or surrogate is its text in quotes,
 * and a finite number is written as String writes it.
 */
function jsonValue(value: string | number): string {
  if (typeof value === "string") return JSON_ESCAPES_RE.test(value) ? JSON.stringify(value) : '"' + value + '"';
  return typeof value === "number" && Number.isFinite(value) ? String(value) : JSON.stringify(value);
}
const JSON_ESCAPES_RE = /["\\\u0000-\u001f\ud800-\udfff]/;

export interface WriterOptions {
  formats: OutputFormat[];
  /** Write CSV with a UTF-8 byte order mark (Excel reads UTF-8 correctly only with it). */
  excelBom: boolean;
}

const SCRATCH = ".scratch";

export class DatasetWriter {
  readonly tmpDir: string;
  private streams = new Map<string, WriteStream>();
  readonly counts: Partial<Record<TableName, number>> = {};

  constructor(readonly outDir: string, private options: WriterOptions) {
    const out = resolve(outDir);
    mkdirSync(dirname(out), { recursive: true });
    this.tmpDir = join(dirname(out), `.sectormap-tmp-${basename(out)}-${randomBytes(4).toString("hex")}`);
    mkdirSync(this.tmpDir);
  }

  /**
   * A folder for intermediate files of the run (rows waiting for the corpus
   * merge). It lives inside the temporary folder, so abort() removes it with
   * everything else; commit() removes it before the folder moves into place.
   */
  scratchDir(): string {
    const dir = join(this.tmpDir, SCRATCH);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Declare a table so that it is written (with its header) even when it gets no rows. */
  open(table: TableName): void {
    this.counts[table] ??= 0;
    for (const format of this.options.formats) this.stream(table, format);
  }

  async write(table: TableName, rows: Row | Row[]): Promise<void> {
    await this.append(table, serialiseRows(table, Array.isArray(rows) ? rows : [rows], this.options.formats));
  }

  /** Rows already serialised (by serialiseRows, in a worker thread). */
  async append(table: TableName, rows: TableText): Promise<void> {
    this.open(table);
    this.counts[table]! += rows.rows;
    for (const format of this.options.formats) {
      const text = rows.text[format];
      if (!text || !text.length) continue;
      const stream = this.stream(table, format);
      if (!stream.write(text)) await once(stream, "drain");
    }
  }

  /** A file that is not a table (manifest.json, datapackage.json). */
  async writeFile(name: string, content: string): Promise<void> {
    await writeFile(join(this.tmpDir, name), content);
  }

  /** Lines of a CSV file that is not a table (themes_matrix.csv), written as they come. */
  async appendCsv(name: string, columns: string[], lines: string): Promise<void> {
    const stream = this.fileStream(name, () => this.csvHeader(columns));
    if (lines && !stream.write(lines)) await once(stream, "drain");
  }

  /** Close every table and move the folder into place. */
  async commit(): Promise<void> {
    await Promise.all([...this.streams.values()].map((s) => new Promise<void>((done, fail) => s.end((err?: Error | null) => (err ? fail(err) : done())))));
    rmSync(join(this.tmpDir, SCRATCH), { recursive: true, force: true });
    const out = resolve(this.outDir);
    const old = existsSync(out) ? `${this.tmpDir}-old` : "";
    if (old) renameSync(out, old);
    renameSync(this.tmpDir, out);
    if (old) rmSync(old, { recursive: true, force: true });
  }

  /**
   * Throw the temporary folder away (on failure or interruption). A stream destroyed a moment
   * ago may still be creating its file, so removal is retried (ENOTEMPTY) a few times.
   */
  abort(): void {
    for (const s of this.streams.values()) s.destroy();
    rmSync(this.tmpDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }

  private stream(table: TableName, format: OutputFormat): WriteStream {
    return this.fileStream(`${table}.${format}`, () => (format === "csv" ? this.csvHeader(TABLES[table].columns.map((c) => c.name)) : ""));
  }

  /** The stream of a file in the dataset, opened (with its first text) on first use. */
  private fileStream(name: string, first: () => string): WriteStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = createWriteStream(join(this.tmpDir, name));
      const text = first();
      if (text) stream.write(text);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** A CSV header line, after a byte order mark when the dataset is for Excel. */
  private csvHeader(columns: string[]): string {
    return (this.options.excelBom ? "\uFEFF" : "") + csvLine(columns);
  }
}
