// Tables: table rows ("| a | b |" blocks) grouped into tables, each row told
// its cells (with offsets into Doc.text) and its table's column headers, so
// that extractors can read a management-response matrix by column instead of
// re-parsing row text. Also: a row that a page break cut in two (the cells go
// on at the top of the next page) is put back together before offsets exist.
import type { Block, TableCell, TableInfo } from "../types.js";
import type { DraftBlock } from "./structure.js";

/** Header cells are short labels ("Recommendation", "Responsible unit", "Deadline"). */
const MAX_HEADER_WORDS = 8;

/** A cell of a row's text: its text and where it sits in that text (end exclusive). */
interface RawCell {
  text: string;
  from: number;
  to: number;
}

/**
 * The cells of a table row written "| a | b |". "\|" is a bar inside a cell.
 * Empty inner cells are kept (they hold a column's place); the empty pieces
 * before the first bar and after the last are not cells.
 */
export function splitCells(text: string): RawCell[] {
  const cells: RawCell[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && (text.charCodeAt(i) !== 124 || (i > 0 && text.charCodeAt(i - 1) === 92))) continue; // "|", not "\|"
    const raw = text.slice(from, i);
    const lead = raw.length - raw.trimStart().length;
    const cell = raw.trim();
    cells.push({ text: cell, from: from + lead, to: from + lead + cell.length });
    from = i + 1;
  }
  if (text.trimStart().startsWith("|") && cells[0]?.text === "") cells.shift();
  if (text.trimEnd().endsWith("|") && cells.length && cells[cells.length - 1].text === "") cells.pop();
  return cells;
}

function words(text: string): number {
  return text ? text.split(/\s+/).length : 0;
}

/**
 * If this row goes on from the row above it (cut by a page break), the column
 * each of its cells continues; undefined when it does not. The row continues
 * when its first cell is empty or goes on in lower case, or the first cell
 * above stops mid-phrase. With as many cells as the row above, cells map one
 * to one; with fewer (the next page's table found fewer columns), the first
 * cell continues the first column and the others the columns above that stop
 * mid-phrase ("MRRM Programme, Protection Unit," / "M&E Unit"), in order.
 */
function continuedColumns(previous: RawCell[], next: RawCell[]): number[] | undefined {
  if (previous.length < 2 || next.length < 2 || next.length > previous.length) return undefined;
  const firstFilled = next.find((c) => c.text);
  if (!firstFilled) return undefined;
  const continues = next[0].text === "" || /^\p{Ll}/u.test(firstFilled.text) || MID_PHRASE_END_RE.test(previous[0].text);
  if (!continues) return undefined;
  if (next.length === previous.length) return next.map((_, k) => k);
  const open: number[] = [];
  for (let k = 1; k < previous.length; k++) if (MID_PHRASE_END_RE.test(previous[k].text)) open.push(k);
  const filledAfterFirst = next.slice(1).filter((c) => c.text).length;
  if (open.length < filledAfterFirst) return undefined;
  const columns = [0];
  let o = 0;
  for (const c of next.slice(1)) columns.push(c.text ? open[o++] : -1);
  return columns;
}

/** A cell that ends on a comma or a function word stops mid-phrase: the row goes on. */
const MID_PHRASE_END_RE = /(?:,|\b(?:and|or|the|of|to|in|for|with|from|by|on|at|a|an))$/i;

/**
 * Put back together table rows that a page break cut: the last row of a page
 * and the first row of the next, with the same number of cells, when the
 * second row's cells plainly go on (see continuesRow). Footnotes between them
 * stay after the joined row. Repeated header rows are never joined.
 */
export function joinRowsAcrossPages(drafts: DraftBlock[]): DraftBlock[] {
  const out: DraftBlock[] = [];
  let lastRow: { draft: DraftBlock; cells: RawCell[]; at: number } | undefined;
  for (const draft of drafts) {
    if (draft.kind === "footnote") {
      out.push(draft);
      continue;
    }
    if (draft.kind !== "table_row") {
      lastRow = undefined;
      out.push(draft);
      continue;
    }
    const text = draft.pieces[0].text;
    const cells = splitCells(text);
    const page = draft.pieces[0].page;
    const columns = lastRow && page > lastRow.draft.pieces[lastRow.draft.pieces.length - 1].page ? continuedColumns(lastRow.cells, cells) : undefined;
    if (lastRow && columns) {
      const joined = lastRow.cells.map((c) => c.text);
      columns.forEach((col, k) => {
        if (col >= 0 && cells[k].text) joined[col] = joined[col] ? `${joined[col]} ${cells[k].text}` : cells[k].text;
      });
      // One piece keeps the row one line: the page break's place inside the row is not kept.
      lastRow.draft.pieces = [{ text: `| ${joined.join(" | ")} |`, page: lastRow.draft.pieces[0].page }];
      lastRow.cells = splitCells(lastRow.draft.pieces[0].text);
      // Footnotes read between the two halves go after the joined row.
      const footnotes = out.splice(lastRow.at + 1);
      out.push(...footnotes);
      continue;
    }
    out.push(draft);
    lastRow = { draft, cells, at: out.length - 1 };
  }
  return out;
}

/** A header row: two or more cells, every cell short, none a sentence, some text in each of most. */
function looksLikeHeader(cells: RawCell[]): boolean {
  if (cells.length < 2) return false;
  let filled = 0;
  for (const c of cells) {
    if (!c.text) continue;
    filled++;
    // Not a sentence, a number, or a "Label:" of a key-value table.
    if (words(c.text) > MAX_HEADER_WORDS || /[.;:]$/.test(c.text) || /^\d+(?:[.,]\d+)*%?$/.test(c.text)) return false;
  }
  return filled >= Math.max(2, Math.ceil(cells.length / 2));
}

// Words that name the columns of evaluation and action-plan tables: a first row made of them is a
// header even when the rows below are as short as it is.
const HEADER_WORD_RE =
  /\b(?:actions?|deadlines?|time\s*(?:frame|line)|timing|dates?|responsib\w*|lead|owners?|units?|recommendations?|responses?|status|comments?|priority|indicators?|targets?|results?|baseline|findings?|issues?|objectives?|outputs?|outcomes?|budget|total|year|description|remarks?)\b/i;

/** Most of the row's filled cells name a column the way headers do ("Key action", "Responsible unit"). */
function namesColumns(cells: RawCell[]): boolean {
  const filled = cells.filter((c) => c.text);
  return filled.filter((c) => HEADER_WORD_RE.test(c.text)).length * 2 >= filled.length;
}

/** Some row below is not itself label-like: a table of short labels only has no header to tell apart. */
function bodyDiffers(rows: RawCell[][]): boolean {
  return rows.some((r) => !looksLikeHeader(r));
}

/**
 * Group table rows into tables (rows one after the other; footnotes between
 * them do not end a table, anything else does) and give every row its
 * TableInfo. The first row is the header when it looks like one (short label
 * cells) and some row below does not, or its cells name columns the way
 * headers do, or an earlier table had the same header; a later row that repeats the header
 * (at the top of the next page) is a header row too.
 */
export function readTables(blocks: Block[]): void {
  let id = 0;
  let i = 0;
  // Header rows seen so far: a matrix repeated per recommendation repeats its header, even
  // above a row as short as the header itself.
  const seenHeaders = new Set<string>();
  while (i < blocks.length) {
    if (blocks[i].kind !== "table_row") {
      i++;
      continue;
    }
    const rows: Block[] = [];
    let j = i;
    for (; j < blocks.length && (blocks[j].kind === "table_row" || blocks[j].kind === "footnote"); j++) {
      if (blocks[j].kind === "table_row") rows.push(blocks[j]);
    }
    const cellsOf = rows.map((b) => splitCells(b.text));
    const columns = Math.max(...cellsOf.map((c) => c.length));
    const firstKey = cellsOf[0].map((c) => c.text).join("|").toLowerCase();
    const hasHeader = rows.length >= 2 && looksLikeHeader(cellsOf[0]) && (bodyDiffers(cellsOf.slice(1)) || namesColumns(cellsOf[0]) || seenHeaders.has(firstKey));
    if (hasHeader) seenHeaders.add(firstKey);
    const headers: string[] = [];
    for (let k = 0; k < columns; k++) headers.push(hasHeader ? (cellsOf[0][k]?.text ?? "") : "");
    const headerKey = hasHeader ? firstKey : "";
    rows.forEach((b, r) => {
      const cells: TableCell[] = cellsOf[r].map((c) => ({ text: c.text, start: b.start + c.from, end: b.start + c.to }));
      const repeatsHeader = hasHeader && cellsOf[r].map((c) => c.text).join("|").toLowerCase() === headerKey;
      const info: TableInfo = { id, row: r, header: r === 0 ? hasHeader : repeatsHeader, headers, cells };
      b.table = info;
    });
    id++;
    i = j;
  }
}
