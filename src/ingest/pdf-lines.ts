// Positioned text runs (what pdf.js reports for a page) grouped into lines:
//   runs -> rows (same baseline; small raised runs become <sup> markers)
//        -> segments (a row cut where the horizontal gap is wide: cells, columns)
//        -> lines (a row's segments with its size and font).
// Pure geometry, no pdf.js here, so it can be tested with hand-made runs.

/** One run of text as the PDF draws it. Coordinates in points, y grows downwards (top of page = 0). */
export interface TextRun {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (height of the text matrix). */
  size: number;
  /** The PDF font's identity within the document (pdf.js loaded name). */
  font: string;
  /** The PDF drew a space right before this run on its line (see pdf.ts): a word break
   * even where the gap is too narrow to read as one (justified text, narrow space glyphs). */
  spaceBefore?: boolean;
}

export interface PageRuns {
  width: number;
  height: number;
  runs: TextRun[];
}

export interface Row {
  y: number;
  size: number;
  runs: Array<TextRun & { sup?: boolean }>;
}

export interface Segment {
  x0: number;
  x1: number;
  text: string;
  /** Largest type in the segment (superscripts aside). */
  size: number;
  /** Characters per font. */
  fonts: Map<string, number>;
}

export interface Line {
  y: number;
  size: number;
  x0: number;
  x1: number;
  /** The font carrying most of the line's characters. */
  font: string;
  /** True when every character of the line is in that one font. */
  oneFont: boolean;
  segments: Segment[];
}

// A run ahead of a wide gap that is only a bullet or a list label ("•", "1.", "a)", "(iv)").
// Symbol fonts (Wingdings, Symbol) put their bullets in the private-use range U+F020-U+F0FF.
export const BULLET_CHARS = "•▪●◦‣∙·○■□➢➤►✓✔–—\uF020-\uF0FF";
const BULLET_RE = new RegExp(`^[${BULLET_CHARS}o\\-*]$`);
const LABEL_RE = /^\(?(?:\d{1,3}(?:\.\d{1,2})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]$/;
const DOT_LEADER_RE = /\s*(?:\.\s?){4,}\s*/;

export const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// ---------------------------------------------------------------- rows

/** Group runs sharing a baseline; then fold small raised rows (footnote markers) into the row they sit on. */
export function buildRows(runs: TextRun[]): Row[] {
  const sorted = runs.filter((r) => r.text.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const run of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(run.y - row.y) <= 0.3 * Math.min(run.size, row.size)) {
      row.runs.push(run);
      if (run.size > row.size) row.size = run.size;
    } else {
      rows.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  // A superscript: a short row of smaller type, raised less than a line above the next row, touching its runs.
  for (let i = 0; i < rows.length - 1; i++) {
    const small = rows[i];
    const base = rows[i + 1];
    const raised = base.y - small.y;
    const chars = small.runs.reduce((n, r) => n + r.text.trim().length, 0);
    if (small.size > 0.85 * base.size || raised <= 0 || raised > 0.6 * base.size || chars > 6) continue;
    // Touching: right after a run ("region³") or right before one (a footnote's own number).
    const touches = small.runs.every((s) =>
      base.runs.some((b) => (s.x >= b.x + b.width - 2 && s.x <= b.x + b.width + 0.6 * base.size) || (s.x + s.width <= b.x + 2 && s.x + s.width >= b.x - 0.6 * base.size)),
    );
    if (!touches) continue;
    base.runs.push(...small.runs.map((r) => ({ ...r, sup: true })));
    rows.splice(i, 1);
    i--;
  }
  for (const row of rows) {
    row.runs.sort((a, b) => a.x - b.x);
    row.runs = withoutOverprint(row.runs);
  }
  return rows;
}

/** Fake bold: the same text drawn twice, a hair apart. Keep one copy. */
function withoutOverprint(runs: Row["runs"]): Row["runs"] {
  return runs.filter((run, i) => {
    for (let k = i - 1; k >= 0 && run.x - runs[k].x < 2; k--) {
      const other = runs[k];
      if (other.text === run.text && Math.abs(other.y - run.y) < 2) return false;
    }
    return true;
  });
}

// ---------------------------------------------------------------- segments

/** Text of runs laid side by side: a space where the gap is wider than a thin space, or where the PDF drew one. */
function joinRuns(runs: Row["runs"]): string {
  // Pieces joined once at the end, and the last character remembered: asking a string being built
  // with += for its end flattens it each time, which made a row of 100,000 runs take a minute.
  const pieces: string[] = [];
  let endsWithSpace = false;
  const append = (piece: string) => {
    if (!piece) return;
    pieces.push(piece);
    endsWithSpace = piece.endsWith(" ");
  };
  let end = -Infinity;
  for (const run of runs) {
    let piece = run.text.replace(/\s+/g, " ");
    if (run.sup) piece = `<sup>${piece.trim()}</sup>`;
    const gap = run.x - end;
    const wordBreak = gap > 0.12 * run.size || (run.spaceBefore === true && gap > -0.1 * run.size);
    if (pieces.length && !endsWithSpace && !piece.startsWith(" ") && wordBreak && !run.sup) append(" ");
    append(piece);
    end = run.x + run.width;
  }
  return pieces.join("").replace(/\s+/g, " ").trim();
}

/** Cut a row where the gap between runs is wide (table cells, columns); keep a bullet with its text. */
export function buildSegments(row: Row): Segment[] {
  const groups: Array<Row["runs"]> = [];
  let end = -Infinity;
  for (const run of row.runs) {
    const gap = run.x - end;
    if (!groups.length || gap > Math.max(6, 1.0 * row.size)) groups.push([run]);
    else groups[groups.length - 1].push(run);
    end = Math.max(end, run.x + run.width);
  }
  const segments: Segment[] = [];
  for (const group of groups) {
    const x0 = group[0].x;
    // (Not Math.max(...array): a spread of a huge row's runs overflows the stack.)
    const x1 = group.reduce((x, r) => Math.max(x, r.x + r.width), -Infinity);
    const text = joinRuns(group);
    const fonts = new Map<string, number>();
    let size = 0;
    for (const run of group) {
      if (run.sup) continue;
      fonts.set(run.font, (fonts.get(run.font) ?? 0) + run.text.trim().length);
      size = Math.max(size, run.size);
    }
    const previous = segments[segments.length - 1];
    if (previous && (BULLET_RE.test(previous.text) || LABEL_RE.test(previous.text))) {
      previous.text += " " + text;
      previous.x1 = x1;
      previous.size = Math.max(previous.size, size);
      previous.fonts = fonts; // the bullet's own font (often a symbol font) says nothing about the line
      continue;
    }
    // Dot leaders ("Introduction ........ 5") separate a table-of-contents entry from its page number.
    const parts = text.split(DOT_LEADER_RE);
    if (parts.length === 2 && parts[0] && parts[1]) {
      segments.push({ x0, x1: x1 - 1, text: parts[0], size, fonts }, { x0: x1 - 1, x1, text: parts[1], size, fonts: new Map() });
    } else {
      segments.push({ x0, x1, text, size: size || row.size, fonts });
    }
  }
  return segments;
}

export function toLine(y: number, segments: Segment[]): Line {
  const byFont = new Map<string, number>();
  for (const seg of segments) for (const [font, n] of seg.fonts) byFont.set(font, (byFont.get(font) ?? 0) + n);
  const fonts = [...byFont].sort((a, b) => b[1] - a[1]);
  return {
    y,
    size: segments.reduce((size, s) => Math.max(size, s.size), -Infinity),
    x0: segments[0].x0,
    x1: segments[segments.length - 1].x1,
    font: fonts[0]?.[0] ?? "",
    oneFont: fonts.length === 1,
    segments,
  };
}
