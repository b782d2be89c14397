// A dataset folder read back for comparison: tables loaded on first use (a
// 2,000-document dataset holds hundreds of MB, so each command reads only the
// tables it needs, or only some of their columns), and the segments theme
// coding read.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { hasTable, readManifest, readTable, type Manifest } from "../dataset/read.js";
import type { Row, TableName } from "../dataset/tables.js";
import { jsonField } from "./jsonl.js";

export class Dataset {
  private tables = new Map<TableName, Row[]>();
  private eligible?: Map<string, number>;
  readonly manifest: Manifest;

  constructor(readonly dir: string) {
    this.manifest = readManifest(dir); // throws a usage error when DIR is no dataset
  }

  has(table: TableName): boolean {
    return hasTable(this.dir, table);
  }

  rows(table: TableName): Row[] {
    let rows = this.tables.get(table);
    if (!rows) {
      const lines = this.jsonLines(table);
      rows = lines ? lines.map((l) => JSON.parse(l) as Row) : readTable(this.dir, table);
      this.tables.set(table, rows);
    }
    return rows;
  }

  /**
   * Segments per document that theme coding read: the denominator of a theme's
   * share. The themes table gives it without reading the (large) segments
   * table: share = segments / eligible, so eligible = segments / share, taken
   * from the document's most frequent theme (share has 4 decimals, so this is
   * exact for documents of up to a few thousand segments). A document with no
   * theme coded has its segments counted instead, of the kinds the default
   * codebook reads.
   */
  eligibleSegments(): Map<string, number> {
    if (this.eligible) return this.eligible;
    const out = new Map<string, number>();
    const best = new Map<string, { segments: number; share: number }>();
    for (const t of this.rows("themes")) {
      const segments = Number(t.segments) || 0;
      const share = Number(t.share) || 0;
      if (segments > 0 && share > 0 && segments > (best.get(str(t.doc_id))?.segments ?? 0)) best.set(str(t.doc_id), { segments, share });
    }
    for (const [doc, b] of best) out.set(doc, Math.round(b.segments / b.share));
    const uncoded = new Set(this.rows("documents").filter((d) => d.status !== "error" && !best.has(str(d.doc_id))).map((d) => str(d.doc_id)));
    if (uncoded.size) {
      for (const s of this.rows("segments")) {
        const doc = str(s.doc_id);
        if (uncoded.has(doc) && DEFAULT_CODED_KINDS.has(str(s.kind)) && /\p{L}/u.test(str(s.text))) out.set(doc, (out.get(doc) ?? 0) + 1);
      }
    }
    return (this.eligible = out);
  }

  /**
   * Only some columns of a table (absent values as ""): from JSONL without
   * parsing whole rows; from the parsed rows otherwise.
   */
  columns(table: TableName, names: string[]): Row[] {
    const parsed = this.tables.get(table);
    const lines = parsed ? undefined : this.jsonLines(table);
    if (!lines) return this.rows(table).map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? ""])));
    return lines.map((line) => Object.fromEntries(names.map((n) => [n, jsonField(line, n) ?? ""])));
  }

  /** The table's JSONL lines (one row each), or undefined when the dataset has no JSONL of it. */
  jsonLines(table: TableName): string[] | undefined {
    const path = join(this.dir, `${table}.jsonl`);
    if (!existsSync(path)) return undefined;
    // indexOf and slice rather than split + filter: these files run to hundreds of MB.
    const text = readFileSync(path, "utf8");
    const lines: string[] = [];
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      if (end > start && text.charCodeAt(start) === 123 /* "{" */) lines.push(text.slice(start, end));
      start = end + 1;
    }
    return lines;
  }

  /** The file holding a table (JSONL preferred), or undefined when the dataset lacks it. */
  tableFile(table: TableName): { format: "jsonl" | "csv"; path: string } | undefined {
    for (const format of ["jsonl", "csv"] as const) {
      const path = join(this.dir, `${table}.${format}`);
      if (existsSync(path)) return { format, path };
    }
    return undefined;
  }
}

/** Block kinds the default codebook codes (code_blocks in src/extract/themes/default-codebook.yaml). */
const DEFAULT_CODED_KINDS = new Set(["paragraph", "list_item", "table_row"]);

/** Do two files hold the same bytes? Sizes first, then chunk by chunk (tables run to hundreds of MB). */
export function sameBytes(pathA: string, pathB: string): boolean {
  if (statSync(pathA).size !== statSync(pathB).size) return false;
  const size = 4 << 20;
  const a = Buffer.allocUnsafe(size);
  const b = Buffer.allocUnsafe(size);
  const fdA = openSync(pathA, "r");
  const fdB = openSync(pathB, "r");
  try {
    for (;;) {
      const n = readSync(fdA, a, 0, size, null);
      const m = readSync(fdB, b, 0, size, null);
      if (n !== m || !a.subarray(0, n).equals(b.subarray(0, m))) return false;
      if (n === 0) return true;
    }
  } finally {
    closeSync(fdA);
    closeSync(fdB);
  }
}

/** Theme labels as the dataset's themes table names them. */
export function themeLabels(data: Dataset): Map<string, string> {
  const labels = new Map<string, string>();
  for (const r of data.rows("themes")) if (!labels.has(String(r.theme))) labels.set(String(r.theme), String(r.label));
  return labels;
}

export const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
