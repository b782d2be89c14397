// Reading table rows. Today a table row is a block whose text is "| a | b | c |"; this
// is the one place that knows it, so that reading cells from structured table data
// (headers and cells on the block) later changes only this function.
import type { Block } from "../../types.js";

export interface Cell {
  text: string;
  /** Offsets into Doc.text, end exclusive. */
  start: number;
  end: number;
}

/** The cells of a table-row block, trimmed, with their offsets; [] for other blocks. */
export function rowCells(b: Block): Cell[] {
  if (b.kind !== "table_row") return [];
  const cells: Cell[] = [];
  let from = 0;
  for (let i = 0; i <= b.text.length; i++) {
    if (i < b.text.length && b.text[i] !== "|") continue;
    const raw = b.text.slice(from, i);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    cells.push({ text, start: b.start + from + lead, end: b.start + from + lead + text.length });
    from = i + 1;
  }
  // "| a | b |" gives an empty piece before the first bar and after the last one.
  if (b.text.trimStart().startsWith("|") && cells[0]?.text === "") cells.shift();
  if (b.text.trimEnd().endsWith("|") && cells.at(-1)?.text === "") cells.pop();
  return cells;
}

/** The "| --- | --- |" line under a markdown header. */
export function isRule(cells: Cell[]): boolean {
  return cells.length > 0 && cells.every((c) => /^:?-{3,}:?$|^$/.test(c.text));
}
