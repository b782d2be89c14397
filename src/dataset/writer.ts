// Writes a dataset folder atomically: every table goes into a temporary folder
// beside --out, which replaces --out only when the whole run has finished. An
// interrupted or failed run leaves the previous dataset as it was.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, type WriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { TABLES, type Row, type TableName } from "./tables.js";
import { csvLine, csvLines } from "./csv.js";

export type OutputFormat = "csv" | "jsonl";

const CHUNK_ROWS = 500;

export interface WriterOptions {
  formats: OutputFormat[];
  /** Write CSV with a UTF-8 byte order mark (Excel reads UTF-8 correctly only with it). */
  excelBom: boolean;
}

export class DatasetWriter {
  readonly tmpDir: string;
  private streams = new Map<string, WriteStream>();
  /** Rows not yet handed to their stream, by file name: cell arrays for CSV, JSON lines for JSONL. */
  private pending = new Map<string, Array<Array<string | number> | string>>();
  readonly counts: Partial<Record<TableName, number>> = {};

  constructor(readonly outDir: string, private options: WriterOptions) {
    const out = resolve(outDir);
    mkdirSync(dirname(out), { recursive: true });
    this.tmpDir = join(dirname(out), `.sectormap-tmp-${basename(out)}-${randomBytes(4).toString("hex")}`);
    mkdirSync(this.tmpDir);
  }

  /** Declare a table so that it is written (with its header) even when it gets no rows. */
  open(table: TableName): void {
    this.counts[table] ??= 0;
    for (const format of this.options.formats) this.stream(table, format);
  }

  async write(table: TableName, row: Row): Promise<void> {
    this.open(table);
    this.counts[table]! += 1;
    const columns = TABLES[table].columns;
    // Rows are gathered and handed to their stream in chunks: a stream write (and a
    // csv-stringify call) per row costs more than making the row.
    for (const format of this.options.formats) {
      const key = `${table}.${format}`;
      const rows = this.pending.get(key) ?? this.pending.set(key, []).get(key)!;
      rows.push(
        format === "csv"
          ? columns.map((c) => row[c.name] ?? "")
          : JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, row[c.name] ?? (c.type === "string" ? "" : 0)]))) + "\n",
      );
      if (rows.length >= CHUNK_ROWS) await this.flush(key, format);
    }
  }

  private async flush(key: string, format: OutputFormat): Promise<void> {
    const rows = this.pending.get(key);
    if (!rows?.length) return;
    this.pending.set(key, []);
    const text = format === "csv" ? csvLines(rows as Array<Array<string | number>>) : (rows as string[]).join("");
    const stream = this.streams.get(key)!;
    if (!stream.write(text)) await once(stream, "drain");
  }

  /** A file that is not a table (manifest.json, themes_matrix.csv). */
  async writeFile(name: string, content: string): Promise<void> {
    await writeFile(join(this.tmpDir, name), content);
  }

  /** Close every table and move the folder into place. */
  async commit(): Promise<void> {
    for (const key of this.pending.keys()) await this.flush(key, key.endsWith(".csv") ? "csv" : "jsonl");
    await Promise.all([...this.streams.values()].map((s) => new Promise<void>((done, fail) => s.end((err?: Error | null) => (err ? fail(err) : done())))));
    const out = resolve(this.outDir);
    const old = existsSync(out) ? `${this.tmpDir}-old` : "";
    if (old) renameSync(out, old);
    renameSync(this.tmpDir, out);
    if (old) rmSync(old, { recursive: true, force: true });
  }

  /** Throw the temporary folder away (on failure or interruption). */
  abort(): void {
    for (const s of this.streams.values()) s.destroy();
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  private stream(table: TableName, format: OutputFormat): WriteStream {
    const key = `${table}.${format}`;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = createWriteStream(join(this.tmpDir, key));
      if (format === "csv") stream.write((this.options.excelBom ? "\uFEFF" : "") + csvLine(TABLES[table].columns.map((c) => c.name)));
      this.streams.set(key, stream);
    }
    return stream;
  }
}
