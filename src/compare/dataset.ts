// A dataset folder read back for comparison: tables loaded on first use, and
// the per-document figures diff needs (segments eligible for theme coding).
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
    if (!rows) this.tables.set(table, (rows = readTable(this.dir, table)));
    return rows;
  }

  /**
   * Segments per document that theme coding looked at: the denominator of a
   * theme's share. The codebook decides which kinds of block it codes
   * (paragraphs, list items, table rows by default); the kinds it actually coded
   * in this dataset stand in for that choice, so a custom codebook is honoured
   * without reading it.
   */
  eligibleSegments(): Map<string, number> {
    if (this.eligible) return this.eligible;
    const segments = this.rows("segments");
    const kindOf = new Map(segments.map((s) => [String(s.segment_id), String(s.kind)]));
    const coded = new Set(this.rows("codings").map((c) => kindOf.get(String(c.segment_id))).filter((k): k is string => Boolean(k)));
    const kinds = coded.size ? coded : new Set(["paragraph", "list_item", "table_row"]);
    const out = new Map<string, number>();
    for (const s of segments) {
      if (kinds.has(String(s.kind)) && /\p{L}/u.test(String(s.text))) out.set(String(s.doc_id), (out.get(String(s.doc_id)) ?? 0) + 1);
    }
    return (this.eligible = out);
  }
}

/** Theme labels as the dataset's themes table names them. */
export function themeLabels(data: Dataset): Map<string, string> {
  const labels = new Map<string, string>();
  for (const r of data.rows("themes")) if (!labels.has(String(r.theme))) labels.set(String(r.theme), String(r.label));
  return labels;
}

export const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
