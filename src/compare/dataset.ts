// A dataset folder read back for comparison: tables loaded on first use (a
// 2,000-document dataset holds hundreds of MB, so each command reads only the
// tables it needs), file fingerprints, and the segments theme coding read.
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { hasTable, readManifest, readTable, type Manifest } from "../dataset/read.js";
import type { Row, TableName } from "../dataset/tables.js";

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

  /**
   * A cheap identity of a table's file (SHA-1 of its bytes, JSONL preferred):
   * equal fingerprints mean equal tables without parsing either; "" when the
   * dataset lacks the table.
   */
  fileFingerprint(table: TableName): { format: string; sha1: string } {
    for (const format of ["jsonl", "csv"]) {
      const path = join(this.dir, `${table}.${format}`);
      if (existsSync(path)) return { format, sha1: sha1OfFile(path) };
    }
    return { format: "", sha1: "" };
  }
}

/** Block kinds the default codebook codes (code_blocks in src/extract/themes/default-codebook.yaml). */
const DEFAULT_CODED_KINDS = new Set(["paragraph", "list_item", "table_row"]);

/** SHA-1 of a file read in chunks (tables can be hundreds of MB). */
function sha1OfFile(path: string): string {
  const hash = createHash("sha1");
  const buffer = Buffer.allocUnsafe(4 << 20);
  const fd = openSync(path, "r");
  try {
    let n: number;
    while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** Theme labels as the dataset's themes table names them. */
export function themeLabels(data: Dataset): Map<string, string> {
  const labels = new Map<string, string>();
  for (const r of data.rows("themes")) if (!labels.has(String(r.theme))) labels.set(String(r.theme), String(r.label));
  return labels;
}

export const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
