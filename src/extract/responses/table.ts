// Reading table rows: the text stage gives every table-row block its cells, with offsets
// into Doc.text (Block.table, src/text/tables.ts). This is the one place responses read them.
import type { Block, TableCell } from "../../types.js";

export type Cell = TableCell;

/** The cells of a table-row block as the text stage read them (src/text/tables.ts); [] for other blocks. */
export function rowCells(b: Block): Cell[] {
  return b.table?.cells ?? [];
}

/** The "| --- | --- |" line under a markdown header. */
export function isRule(cells: Cell[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-{3,}:?$|^$/.test(c.text));
}
