// Tables: lines whose cells keep to the same columns become `| a | b |` rows.
import { median, type Line, type Segment } from "./pdf-lines.js";

// ---------------------------------------------------------------- tables

/** Text that ends on a comma or a function word stops mid-phrase. */
const MID_PHRASE_END_RE = /(?:,|\b(?:and|or|the|of|to|in|for|with|from|by|on|at|a|an))$/i;

/**
 * The columns of a table: the x-ranges its cells cover, merged where they
 * overlap. White stripes between them are the column gaps. Works for cells
 * aligned left, centred or right, which left edges alone would not.
 */
function columnsOf(lines: Line[]): Columns {
  return mergeSpans(lines.flatMap((l) => l.segments.map((s): [number, number] => [s.x0 - 2, s.x1 + 2])));
}

/** The columns of a table's lines and one more line: the same as columnsOf on them all (a union of spans), without going over the table again. */
function columnsWith(columns: Columns, line: Line): Columns {
  // (mergeSpans builds new column pairs: the table's columns are not changed.)
  return mergeSpans([...columns, ...line.segments.map((s): [number, number] => [s.x0 - 2, s.x1 + 2])]);
}

/** Spans merged where they overlap or touch (the pieces of their union), left to right. */
function mergeSpans(spans: Array<[number, number]>): Columns {
  spans.sort((a, b) => a[0] - b[0]);
  const columns: Columns = [];
  for (const [x0, x1] of spans) {
    const last = columns[columns.length - 1];
    if (last && x0 <= last[1]) last[1] = Math.max(last[1], x1);
    else columns.push([x0, x1]);
  }
  return columns;
}

/**
 * Runs of lines that keep at least two columns apart: a line joins the run
 * when adding it does not merge columns (a prose line across the page does).
 * A table needs two lines with two or more cells.
 */
export function findTables(lines: Line[], isEmphasised: (line: Line) => boolean, isRunningLine: (line: Line) => boolean = () => false): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < lines.length) {
    // A running header or footer ("11/24/25, 5:39 PM | Rapid review ... - GOV.UK") is never a table row.
    if (lines[i].segments.length < 2 || isRunningLine(lines[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    let tableColumns = columnsOf([lines[i]]);
    let columns = tableColumns.length;
    while (j < lines.length) {
      const line = lines[j];
      if (isRunningLine(line)) break;
      const gap = line.y - lines[j - 1].y;
      if (gap > 3.5 * line.size) break;
      // A one-cell line right after a paragraph gap is prose again.
      if (line.segments.length === 1 && gap > 1.7 * line.size) break;
      // A one-cell bold line is a heading below the table (table headers have two or more cells).
      if (line.segments.length === 1 && isEmphasised(line) && !isEmphasised(lines[j - 1])) break;
      const withLine = columnsWith(tableColumns, line);
      const joined = withLine.length;
      if (joined < 2 || joined < columns) break;
      tableColumns = withLine;
      columns = joined;
      j++;
    }
    const multi = lines.slice(i, j).filter((l) => l.segments.length >= 2).length;
    if (multi >= 2) spans.push([i, j]);
    i = Math.max(j, i + 1);
  }
  return spans;
}

/** The x-ranges of a table's columns, left to right. */
export type Columns = Array<[number, number]>;

/**
 * The column of each segment by the columns of the table it continues (the same table on the page
 * before): the column it overlaps most. Undefined when a segment overlaps none of them, or the lines
 * have more columns of their own (another table).
 */
function carriedColumnOf(lines: Line[], carried: Columns): ((seg: Segment) => number) | undefined {
  if (columnsOf(lines).length > carried.length) return undefined;
  const best = (seg: Segment) => {
    let at = -1;
    let most = 0;
    carried.forEach(([x0, x1], k) => {
      const overlap = Math.min(x1, seg.x1) - Math.max(x0, seg.x0);
      if (overlap > most) [at, most] = [k, overlap];
    });
    return at;
  };
  return lines.every((l) => l.segments.every((seg) => best(seg) >= 0)) ? best : undefined;
}

/**
 * Table lines as `| a | b |` rows; lines close together are one row whose cells wrap. `carried`:
 * the columns of the table this one continues from the page before, so that a column left empty on
 * this page keeps its place. Returns the rows and the columns used.
 */
export function tableRows(lines: Line[], carried?: Columns): { rows: string[]; columns: Columns } {
  const byCarried = carried ? carriedColumnOf(lines, carried) : undefined;
  const columns = byCarried && carried ? carried : columnsOf(lines);
  const columnOf = byCarried ?? ((seg: Segment) => Math.max(0, columns.findIndex(([x0, x1]) => seg.x0 >= x0 && seg.x1 <= x1)));
  const pitch = median(lines.slice(1).map((l, k) => l.y - lines[k].y).filter((d) => d > 0)) || lines[0].size * 1.2;
  // Rows start where the gap is wider than the line pitch (cell padding). A table without such
  // gaps starts a row at each first cell opening with a capital or digit: a wrapped cell goes on
  // in lower case or leaves the first column empty.
  const gapped = lines.some((l, k) => k > 0 && l.y - lines[k - 1].y > pitch * 1.6);
  const rows: string[][] = [];
  let previousY = -Infinity;
  for (const line of lines) {
    const first = line.segments[0];
    // A first cell that stops mid-phrase ("Support from", "Improve data collection and") goes on
    // in the next line even when that line starts with a capital ("MDR Unit to improve ...").
    const firstCellOpen = rows.length > 0 && MID_PHRASE_END_RE.test(rows[rows.length - 1][0]);
    const startsRow =
      !rows.length ||
      line.y - previousY > pitch * 1.6 ||
      (!gapped && columnOf(first) === 0 && /^[\p{Lu}\p{N}]/u.test(first.text) && !firstCellOpen);
    if (startsRow) rows.push(columns.map(() => ""));
    const cells = rows[rows.length - 1];
    for (const seg of line.segments) {
      const col = columnOf(seg);
      cells[col] = cells[col] ? cells[col] + " " + seg.text : seg.text;
    }
    previousY = line.y;
  }
  return { rows: rows.map((cells) => "| " + cells.map((c) => c.replace(/\|/g, "/")).join(" | ") + " |"), columns };
}
