// Tables: management-response matrices and recommendation tables. The text stage groups rows
// into tables and tells each row its cells and column headers (Block.table). A header row with a cue
// cell ("Key action", "Recommendation") makes the cells of that column, in the rows below,
// units of the cue's kind; a "Responsible unit" column names their addressee. A cell that
// starts in lower case continues the cell above it (text wrapped over two table rows).
import type { Block, Doc, RecKind, TableCell } from "../../types.js";
import type { RecRules } from "./rules.js";
import { cueOf } from "./context.js";

export type Cell = TableCell;

export interface CellUnit {
  block: number;
  start: number;
  end: number;
  text: string;
  kind: RecKind;
  cue: string;
  addressee: string;
}

export interface TableUnits {
  units: CellUnit[];
  /** Rows of cue tables (header and body): judged here, not sentence by sentence. */
  rows: Set<number>;
  /** Addressees a "Recommendation to:" cell lists, by section path joined with " / ". */
  recommendationTo: Map<string, string>;
}

const RESPONSIBLE = /\b(?:responsib|lead\b|focal\s+point|by\s+whom|who\b|responsable|unité)/i;
const MAX_HEADER_WORDS = 8;

/** The cells of a table row as the text stage read them (src/text/tables.ts); [] for other blocks. */
export function cellsOf(b: Block): Cell[] {
  return b.table?.cells ?? [];
}

export function tableUnits(doc: Doc, rules: RecRules): TableUnits {
  const units: CellUnit[] = [];
  const rows = new Set<number>();
  const recommendationTo = new Map<string, string>();
  let table: { kind: RecKind; cue: string; col: number; who: number } | null = null;

  for (const b of doc.blocks) {
    if (b.kind !== "table_row") {
      if (b.kind !== "footnote") table = null;
      continue;
    }
    const cells = cellsOf(b);
    if (cells.every((c) => /^:?-{3,}:?$|^$/.test(c.text))) {
      if (table) rows.add(b.index); // the "| --- | --- |" line under a markdown header
      continue;
    }
    const label = cells.find((c) => rules.addressee.labelList.test(c.text));
    if (label) {
      const names = namesAfterLabel(label.text, rules);
      if (names) recommendationTo.set(b.section.join(" / "), names);
    }

    // Only rows the text stage read as column headers can open a cue table.
    const header = b.table?.header ? headerOf(cells, rules) : null;
    if (header) {
      table = header;
      rows.add(b.index);
      continue;
    }
    if (!table) continue;
    rows.add(b.index);
    const cell = cells[table.col];
    if (!cell?.text) continue;
    const who = table.who >= 0 ? cells[table.who]?.text ?? "" : "";
    const last = units.at(-1);
    const continues = /^[a-z]/.test(cell.text) || /(?:\b(?:from|and|of|to|the|for|with|in|on|by|or|a|an)|[,;&-])$/i.test(last?.text ?? "");
    if (last && continues && last.block >= b.index - 2) {
      // Wrapped over two rows: "Improve data collection and" + "analysis of gender aspects."
      Object.assign(last, { end: cell.end, text: `${last.text} ${cell.text}`, addressee: joinNames(last.addressee, who) });
    } else {
      units.push({ block: b.index, start: cell.start, end: cell.end, text: cell.text, kind: table.kind, cue: table.cue, addressee: tidyNames(who) });
    }
  }
  return { units, rows, recommendationTo };
}

/** A header row: short cells, one of which carries a recommendation or commitment cue. */
function headerOf(cells: Cell[], rules: RecRules): { kind: RecKind; cue: string; col: number; who: number } | null {
  if (cells.length < 2 || cells.some((c) => c.text.split(/\s+/).length > MAX_HEADER_WORDS)) return null;
  for (let col = 0; col < cells.length; col++) {
    const c = cueOf(cells[col].text, rules);
    if (c && c.kind !== "stop" && c.kind !== "offer") {
      return { kind: c.kind, cue: c.id, col, who: cells.findIndex((x, i) => i !== col && RESPONSIBLE.test(x.text)) };
    }
  }
  return null;
}

/** "Recommendation to: ● project management; ● donors" -> "project management; donors". */
function namesAfterLabel(text: string, rules: RecRules): string {
  const m = rules.addressee.labelList.exec(text);
  return m ? tidyNames(text.slice(m.index + m[0].length)) : "";
}

function tidyNames(text: string): string {
  return text
    .split(/[●•▪;]|\s-\s/)
    .map((s) => s.replace(/[.,:\s]+$/, "").trim())
    .filter((s) => /\p{L}{2}/u.test(s))
    .join("; ");
}

function joinNames(a: string, b: string): string {
  const more = tidyNames(b);
  if (!more) return a;
  if (!a) return more;
  // a name wrapped over two rows ("MRRM Programme, Protection Unit," + "M&E Unit") continues
  return /[,&]$/.test(a) || /^[a-z]/.test(more) ? `${a} ${more}` : `${a}; ${more}`;
}
