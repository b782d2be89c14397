// Writes a dataset folder atomically: every table goes into a temporary folder
// beside --out, which replaces --out only when the whole run has finished. An
// interrupted or failed run leaves the previous dataset as it was.
//
// Rows become text here (serialiseRows, rowsPieces) and nowhere else, so that
// worker threads can do it and the writer only appends text.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { TABLES, type Row, type TableName } from "./tables.js";
import { csvLine, csvLines } from "./csv.js";

export type OutputFormat = "csv" | "jsonl";

/** Text of one table in each output format, and how many rows it holds. */
export interface TableText {
  rows: number;
  text: Partial<Record<OutputFormat, string>>;
}

/** The rows of a table as text, one line per row, in each of `formats`. */
export function serialiseRows(table: TableName, rows: Row[], formats: OutputFormat[]): TableText {
  const text: TableText["text"] = {};
  for (const format of formats) {
    text[format] = format === "csv" ? csvLines(rows.map((row) => cellsOf(table, row))) : rows.map((row) => jsonPieces(table, row, [])[0]).join("");
  }
  return { rows: rows.length, text };
}

/**
 * Rows as text with gaps for the `gaps` columns, whose values are only known
 * after the corpus-level merge (actor ids): fillPieces(pieces, values) gives
 * a row's line. Gap values must be plain strings that need no CSV quoting or
 * JSON escaping (ids). With no gaps, the one piece of a row is its whole line.
 */
export function rowsPieces(table: TableName, rows: Row[], gaps: string[], format: OutputFormat): string[][] {
  if (format === "jsonl") return rows.map((row) => jsonPieces(table, row, gaps));
  // One csvLines call for all the rows: a gap is
  // a NUL cell and every row ends in a cell holding U+0001, so the text splits back into rows
  // and pieces. Neither character survives normalisation into any other cell (see cellsOf).
  const gapAt = TABLES[table].columns.map((c) => gaps.includes(c.name));
  const text = csvLines(rows.map((row) => [...cellsOf(table, row).map((v, i) => (gapAt[i] ? GAP : v)), ROW_END]));
  return text.split(`,${ROW_END}\n`).slice(0, rows.length).map((line) => (line + "\n").split(GAP));
}
const GAP = "\u0000", ROW_END = "\u0001";

/** A row's cells in column order; missing ones empty; the two marker characters of rowsPieces dropped. */
function cellsOf(table: TableName, row: Row): Array<string | number> {
  return TABLES[table].columns.map((c) => {
    const value = row[c.name] ?? "";
    return typeof value === "string" && MARKERS_RE.test(value) ? value.replace(MARKERS_RE_G, "") : value;
  });
}
const MARKERS_RE = /[\u0000\u0001]/, MARKERS_RE_G = /[\u0000\u0001]/g;

/** One row as a JSON object on one line, split at its gap columns' (empty) string values. */
function jsonPieces(table: TableName, row: Row, gaps: string[]): string[] {
  const columns = TABLES[table].columns;
  const keys = jsonKeysOf(table);
  const pieces: string[] = [];
  let piece = "{";
  columns.forEach((c, i) => {
    piece += keys[i];
    if (gaps.length > 0 && gaps.includes(c.name)) {
      pieces.push(piece + '"');
      piece = '"';
    } else piece += JSON.stringify(row[c.name] ?? (c.type === "string" ? "" : 0));
  });
  pieces.push(piece + "}\n");
  return pieces;
}

/** Per table, each column's `"name":` in JSONL (with the comma before it): the same on every row. */
const jsonKeys = new Map<TableName, string[]>();
function jsonKeysOf(table: TableName): string[] {
  let keys = jsonKeys.get(table);
  if (!keys) jsonKeys.set(table, (keys = TABLES[table].columns.map((c, i) => `${i > 0 ? "," : ""}${JSON.stringify(c.name)}:`)));
  return keys;
}

/** The line rowsPieces stands for, with `values` in its gaps. */
export function fillPieces(pieces: string[], values: string[]): string {
  let line = pieces[0];
  for (let i = 1; i < pieces.length; i++) line += values[i - 1] + pieces[i];
  return line;
}

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
      if (!text) continue;
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
