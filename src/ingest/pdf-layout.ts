// From positioned text runs (what pdf.js reports for a page) to one page of
// "sectormap markdown" (see src/types.ts). Pure geometry, no pdf.js here, so it
// can be tested with hand-made runs. The steps, in order:
//   runs -> rows (same baseline; small raised runs become <sup> markers)
//        -> segments (a row cut where the horizontal gap is wide: cells, columns)
//        -> regions (a two-column page is read left column first, then right)
//        -> lines, tables (`| a | b |`), headings (`#`), bold lines, bullets, footnotes
//        -> text, with blank lines where the vertical gap says "new paragraph".

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
}

export interface PageRuns {
  width: number;
  height: number;
  runs: TextRun[];
}

/** Facts about the whole document that make pages consistent with each other. */
export interface DocumentStyle {
  /** The size most body text is set in. */
  bodySize: number;
  /** The font most body text is set in. */
  bodyFont: string;
  /** Fonts that carry a small share of the text: short lines wholly in one are emphasised (bold) lines. */
  emphasisFonts: Set<string>;
  /** Heading sizes, largest first: index 0 -> `#`, 1 -> `##`, the rest `###`. */
  headingSizes: number[];
}

interface Row {
  y: number;
  size: number;
  runs: Array<TextRun & { sup?: boolean }>;
}

interface Segment {
  x0: number;
  x1: number;
  text: string;
  /** Largest type in the segment (superscripts aside). */
  size: number;
  /** Characters per font. */
  fonts: Map<string, number>;
}

interface Line {
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
const BULLET_CHARS = "•▪●◦‣∙·○■□➢➤►✓✔–—\uF0A7\uF0B7\uF0D8\uF0FC\uF076\uF0A8";
const BULLET_RE = new RegExp(`^[${BULLET_CHARS}o\\-*]$`);
const LABEL_RE = /^\(?(?:\d{1,3}(?:\.\d{1,2})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]$/;
const BULLET_LINE_RE = new RegExp(`^([${BULLET_CHARS}o*]|-)\\s+(\\S.*)$`);
const DOT_LEADER_RE = /\s*(?:\.\s?){4,}\s*/;

const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// ---------------------------------------------------------------- document style

/** Body size and font, emphasis fonts and heading sizes, counted in characters over all pages. */
export function documentStyle(pages: PageRuns[]): DocumentStyle {
  const bySize = new Map<number, number>();
  const byFont = new Map<string, number>();
  let total = 0;
  for (const page of pages) {
    for (const run of page.runs) {
      const n = run.text.trim().length;
      const size = Math.round(run.size * 2) / 2;
      bySize.set(size, (bySize.get(size) ?? 0) + n);
      byFont.set(run.font, (byFont.get(run.font) ?? 0) + n);
      total += n;
    }
  }
  const top = <K>(m: Map<K, number>, fallback: K): K => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
  const bodySize = top(bySize, 10);
  const bodyFont = top(byFont, "");
  const emphasisFonts = new Set([...byFont].filter(([f, n]) => f !== bodyFont && n < 0.3 * total).map(([f]) => f));
  const headingSizes = [...bySize.keys()].filter((s) => s >= bodySize * 1.1).sort((a, b) => b - a);
  return { bodySize, bodyFont, emphasisFonts, headingSizes };
}

// ---------------------------------------------------------------- rows

/** Group runs sharing a baseline; then fold small raised rows (footnote markers) into the row they sit on. */
function buildRows(runs: TextRun[]): Row[] {
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

/** Text of runs laid side by side: a space where the gap is wider than a thin space. */
function joinRuns(runs: Row["runs"]): string {
  let text = "";
  let end = -Infinity;
  for (const run of runs) {
    let piece = run.text.replace(/\s+/g, " ");
    if (run.sup) piece = `<sup>${piece.trim()}</sup>`;
    const gap = run.x - end;
    if (text && !text.endsWith(" ") && !piece.startsWith(" ") && gap > 0.12 * run.size && !run.sup) text += " ";
    text += piece;
    end = run.x + run.width;
  }
  return text.replace(/\s+/g, " ").trim();
}

/** Cut a row where the gap between runs is wide (table cells, columns); keep a bullet with its text. */
function buildSegments(row: Row): Segment[] {
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
    const x1 = Math.max(...group.map((r) => r.x + r.width));
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

function toLine(y: number, segments: Segment[]): Line {
  const byFont = new Map<string, number>();
  for (const seg of segments) for (const [font, n] of seg.fonts) byFont.set(font, (byFont.get(font) ?? 0) + n);
  const fonts = [...byFont].sort((a, b) => b[1] - a[1]);
  return {
    y,
    size: Math.max(...segments.map((s) => s.size)),
    x0: segments[0].x0,
    x1: segments[segments.length - 1].x1,
    font: fonts[0]?.[0] ?? "",
    oneFont: fonts.length === 1,
    segments,
  };
}

// ---------------------------------------------------------------- columns

/**
 * Find a vertical gutter: an x in the middle of the text area that (almost)
 * no line crosses, with prose on both sides. Returns its x, or undefined for a
 * single-column page. Tables are not columns: their cells are short and many.
 */
function findGutter(lines: Line[]): number | undefined {
  if (lines.length < 6) return undefined;
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const width = right - left;
  if (width < 200) return undefined;
  // Crossing count at each candidate x; the gutter is the middle of the widest band with the fewest crossings.
  const candidates: Array<{ x: number; crossing: number }> = [];
  for (let x = left + 0.3 * width; x <= left + 0.7 * width; x += 2) {
    candidates.push({ x, crossing: lines.filter((l) => l.segments.some((s) => s.x0 < x && s.x1 > x)).length });
  }
  const fewest = Math.min(...candidates.map((c) => c.crossing));
  if (fewest > 0.25 * lines.length) return undefined;
  let band: [number, number] = [0, -1];
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].crossing !== fewest) continue;
    let j = i;
    while (j + 1 < candidates.length && candidates[j + 1].crossing === fewest) j++;
    if (j - i > band[1] - band[0]) band = [i, j];
    i = j;
  }
  // A gutter is wider than a word space: at least ~8 points of clear paper.
  if ((band[1] - band[0]) * 2 < 8) return undefined;
  const best = { x: (candidates[band[0]].x + candidates[band[1]].x) / 2 };
  const gutter = best.x;
  const sides = lines.filter((l) => !l.segments.some((s) => s.x0 < gutter && s.x1 > gutter));
  const leftParts = sides.map((l) => l.segments.filter((s) => s.x1 <= gutter)).filter((p) => p.length);
  const rightParts = sides.map((l) => l.segments.filter((s) => s.x0 >= gutter)).filter((p) => p.length);
  if (leftParts.length < 4 || rightParts.length < 4) return undefined;
  // Text columns are about equally wide; a narrow left "column" beside a wide one is a table's first column.
  // Typical line widths (median right edge), so that a title or a long line does not skew them.
  const leftWidth = median(leftParts.map((p) => p[p.length - 1].x1)) - left;
  const rightWidth = median(rightParts.map((p) => p[p.length - 1].x1)) - Math.min(...rightParts.map((p) => p[0].x0));
  const narrow = Math.min(leftWidth, rightWidth);
  const wide = Math.max(leftWidth, rightWidth);
  if (narrow < 0.75 * wide) return undefined;
  // Prose: most lines on a side are one segment that fills a good part of the column.
  const prose = (parts: Segment[][], colWidth: number) =>
    parts.filter((p) => p.length === 1 && p[0].x1 - p[0].x0 > 0.5 * colWidth).length >= 0.5 * parts.length;
  if (!prose(leftParts, gutter - left) || !prose(rightParts, right - gutter)) return undefined;
  return gutter;
}

/** Reading order: lines crossing the gutter stay in place; each run of lines between them is read left part, then right part. */
function splitColumns(lines: Line[], gutter: number): Line[][] {
  const regions: Line[][] = [];
  let lefts: Line[] = [];
  let rights: Line[] = [];
  const flush = () => {
    if (lefts.length) regions.push(lefts);
    if (rights.length) regions.push(rights);
    lefts = [];
    rights = [];
  };
  for (const line of lines) {
    if (line.segments.some((s) => s.x0 < gutter && s.x1 > gutter)) {
      flush();
      regions.push([line]);
      continue;
    }
    const l = line.segments.filter((s) => s.x1 <= gutter);
    const r = line.segments.filter((s) => s.x0 >= gutter);
    if (l.length) lefts.push(toLine(line.y, l));
    if (r.length) rights.push(toLine(line.y, r));
  }
  flush();
  // Consecutive single-line regions (full-width lines) belong together for paragraph spacing.
  const merged: Line[][] = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && region.length === 1 && last.length >= 1 && last[last.length - 1].y < region[0].y && isFullWidthRegion(last, gutter)) last.push(region[0]);
    else merged.push([...region]);
  }
  return merged;
}

const isFullWidthRegion = (region: Line[], gutter: number) =>
  region.every((l) => l.segments.some((s) => s.x0 < gutter && s.x1 > gutter));

// ---------------------------------------------------------------- tables

/**
 * The columns of a table: the x-ranges its cells cover, merged where they
 * overlap. White stripes between them are the column gaps. Works for cells
 * aligned left, centred or right, which left edges alone would not.
 */
function columnsOf(lines: Line[]): Array<[number, number]> {
  const spans = lines.flatMap((l) => l.segments.map((s): [number, number] => [s.x0 - 2, s.x1 + 2])).sort((a, b) => a[0] - b[0]);
  const columns: Array<[number, number]> = [];
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
function findTables(lines: Line[], isEmphasised: (line: Line) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].segments.length < 2) {
      i++;
      continue;
    }
    let j = i + 1;
    let columns = columnsOf([lines[i]]).length;
    while (j < lines.length) {
      const line = lines[j];
      const gap = line.y - lines[j - 1].y;
      if (gap > 3.5 * line.size) break;
      // A one-cell line right after a paragraph gap is prose again.
      if (line.segments.length === 1 && gap > 1.7 * line.size) break;
      // A one-cell bold line is a heading below the table (table headers have two or more cells).
      if (line.segments.length === 1 && isEmphasised(line) && !isEmphasised(lines[j - 1])) break;
      const joined = columnsOf(lines.slice(i, j + 1)).length;
      if (joined < 2 || joined < columns) break;
      columns = joined;
      j++;
    }
    const multi = lines.slice(i, j).filter((l) => l.segments.length >= 2).length;
    if (multi >= 2) spans.push([i, j]);
    i = Math.max(j, i + 1);
  }
  return spans;
}

/** Table lines as `| a | b |` rows; lines close together are one row whose cells wrap. */
function tableRows(lines: Line[]): string[] {
  const columns = columnsOf(lines);
  const columnOf = (seg: Segment) => Math.max(0, columns.findIndex(([x0, x1]) => seg.x0 >= x0 && seg.x1 <= x1));
  const pitch = median(lines.slice(1).map((l, k) => l.y - lines[k].y).filter((d) => d > 0)) || lines[0].size * 1.2;
  // Rows start where the gap is wider than the line pitch (cell padding). A table without such
  // gaps starts a row at each first cell opening with a capital or digit: a wrapped cell goes on
  // in lower case or leaves the first column empty.
  const gapped = lines.some((l, k) => k > 0 && l.y - lines[k - 1].y > pitch * 1.6);
  const rows: string[][] = [];
  let previousY = -Infinity;
  for (const line of lines) {
    const first = line.segments[0];
    const startsRow =
      !rows.length || line.y - previousY > pitch * 1.6 || (!gapped && columnOf(first) === 0 && /^[\p{Lu}\p{N}]/u.test(first.text));
    if (startsRow) rows.push(columns.map(() => ""));
    const cells = rows[rows.length - 1];
    for (const seg of line.segments) {
      const col = columnOf(seg);
      cells[col] = cells[col] ? cells[col] + " " + seg.text : seg.text;
    }
    previousY = line.y;
  }
  return rows.map((cells) => "| " + cells.map((c) => c.replace(/\|/g, "/")).join(" | ") + " |");
}

// ---------------------------------------------------------------- lines to markdown

const ENDS_LIKE_SENTENCE = /[.,;:!?]$/;

function headingLevel(line: Line, style: DocumentStyle): number {
  if (line.size < style.bodySize * 1.1) return 0;
  const i = style.headingSizes.findIndex((s) => Math.abs(s - Math.round(line.size * 2) / 2) < 0.3);
  return Math.min(3, (i < 0 ? style.headingSizes.length : i) + 1);
}

function lineText(line: Line): string {
  return line.segments.map((s) => s.text).join(" ");
}

/**
 * Body text that would read as markdown structure is escaped the way the
 * text stage un-escapes it: "# of migrants" is not a heading, "- with the
 * result" (a dash continuing a sentence) is not a bullet.
 */
function escapeBody(text: string): string {
  return /^#|^[-*+]\s+\p{Ll}|^\(\w{1,4}\)\s/u.test(text) ? "\\" + text : text;
}

/** A list line: bullet glyphs become "- ", labels ("1.", "a)") stay; nesting by indentation. */
function asListLine(text: string, indent: number): string | undefined {
  const m = BULLET_LINE_RE.exec(text);
  // A dash before a lower-case word continues a sentence ("- with resulting shortages"); "o" needs a word after it.
  const dashInSentence = /^[-–—]$/.test(m?.[1] ?? "") && /^\p{Ll}/u.test(m?.[2] ?? "");
  if (m && !dashInSentence && !(m[1] === "o" && !/^\p{L}/u.test(m[2]))) return " ".repeat(indent) + "- " + m[2];
  const n = /^(\(?(?:\d{1,3}(?:\.\d{1,2})*|[a-zA-Z]|[ivxlc]{1,6}|[IVXLC]{1,6})[.)])\s+(\S.*)$/.exec(text);
  if (n) return " ".repeat(indent) + n[1] + " " + n[2];
  return undefined;
}

/** A line not continued by the next one: a paragraph gap follows, or the next line starts a new sentence or item. */
function standsAlone(lines: Line[], i: number, pitch: number): boolean {
  const next = lines[i + 1];
  if (!next || next.y - lines[i].y > pitch * 1.4 + 1) return true;
  return !/^\p{Ll}/u.test(lineText(next));
}

/** Convert one region (a column, or the whole page) to markdown lines. */
function regionToMarkdown(lines: Line[], style: DocumentStyle, pageBottom: number): string[] {
  const out: string[] = [];
  const isEmphasised = (line: Line) => line.oneFont && style.emphasisFonts.has(line.font);
  const tables = findTables(lines, isEmphasised);
  const bulletXs = lines.filter((l) => asListLine(lineText(l), 0)).map((l) => l.x0);
  const listLeft = bulletXs.length ? Math.min(...bulletXs) : 0;
  const pitch = median(lines.slice(1).map((l, k) => l.y - lines[k].y).filter((d) => d > 0 && d < 3 * style.bodySize)) || style.bodySize * 1.25;
  // Footnotes: in the lower part of the region, a line opening with a raised number (or a number in
  // small type), with nothing but footnote-like lines below it.
  const opensFootnote = (l: Line) =>
    /^<sup>\d{1,3}<\/sup>/.test(lineText(l)) || (l.size <= style.bodySize * 0.9 && /^\d{1,3}\s+\S/.test(lineText(l)));
  const footnoteFrom = lines.findIndex(
    (l, k) =>
      l.y > pageBottom * 0.55 &&
      opensFootnote(l) &&
      lines.slice(k).every((m) => opensFootnote(m) || m.size <= l.size + 0.5 || lineText(m).split(" ").length <= 5),
  );
  let i = 0;
  let previous: Line | undefined;
  let previousKind = "";
  const blank = () => {
    if (out.length && out[out.length - 1] !== "") out.push("");
  };
  while (i < lines.length) {
    const line = lines[i];
    const gap = previous ? line.y - previous.y : 0;
    const paragraphBreak = previous && (gap > pitch * 1.4 + 1 || Math.abs(line.size - previous.size) > 1);

    const table = tables.find(([a]) => a === i);
    if (table) {
      blank();
      out.push(...tableRows(lines.slice(table[0], table[1])));
      out.push("");
      previous = lines[table[1] - 1];
      previousKind = "table";
      i = table[1];
      continue;
    }

    const text = lineText(line);
    if (footnoteFrom >= 0 && i >= footnoteFrom) {
      const m = /^(?:<sup>)?(\d{1,3})(?:<\/sup>)?\s*(\S.*)$/.exec(text);
      if (m && opensFootnote(line)) {
        blank();
        out.push(`[^${m[1]}]: ${m[2]}`);
      } else if (out.length && out[out.length - 1].startsWith("[^") && text.split(" ").length > 5) {
        out[out.length - 1] += " " + text;
      } else out.push(text);
      previous = line;
      previousKind = "footnote";
      i++;
      continue;
    }

    const level = headingLevel(line, style);
    const words = text.split(" ").length;
    // Large type that runs on into a lower-case line is a paragraph set large (a quote), not a heading.
    if (level && words <= 15 && (previousKind === `h${level}` || standsAlone(lines, i, pitch))) {
      // A heading set on several lines is one heading.
      if (previousKind === `h${level}` && !paragraphBreak && out.length) out[out.length - 1] += " " + text;
      else {
        blank();
        out.push("#".repeat(level) + " " + text);
      }
      previous = line;
      previousKind = `h${level}`;
      i++;
      continue;
    }

    const emphasised = line.oneFont && style.emphasisFonts.has(line.font) && line.size >= style.bodySize * 0.95;
    // The second line of a bold heading that wraps joins the first.
    if (emphasised && previousKind === "bold" && !paragraphBreak && standsAlone(lines, i, pitch) && out[out.length - 1].length < 120) {
      out[out.length - 1] = out[out.length - 1].replace(/\*\*$/, " " + text.replace(/\*\*/g, "") + "**");
      previous = line;
      i++;
      continue;
    }
    if (paragraphBreak || previousKind.startsWith("h") || previousKind === "bold" || previousKind === "table") blank();
    let list = asListLine(text, Math.max(0, Math.round((line.x0 - listLeft) / 18)) * 2);
    // "(3) AVRR surveys ..." right after a body line (that does not announce a list with ":") goes on with its paragraph.
    const midSentence = previousKind === "text" && !paragraphBreak && !/:$/.test(out[out.length - 1] ?? "");
    if (list && midSentence && /^\(/.test(text)) list = undefined;
    if (list) {
      out.push(list);
      previousKind = "list";
    } else if (
      emphasised &&
      words <= 14 &&
      !ENDS_LIKE_SENTENCE.test(text) &&
      !/^\p{Ll}/u.test(text) &&
      (!previous || paragraphBreak || previousKind !== "text") &&
      standsAlone(lines, i, pitch)
    ) {
      blank();
      out.push(`**${text.replace(/\*\*/g, "")}**`);
      previousKind = "bold";
    } else {
      out.push(escapeBody(text));
      previousKind = "text";
    }
    previous = line;
    i++;
  }
  return out;
}

/** One page of runs as sectormap markdown. */
export function pageToMarkdown(page: PageRuns, style: DocumentStyle): string {
  const rows = buildRows(page.runs);
  const lines = rows.map((row) => toLine(row.y, buildSegments(row)));
  const gutter = findGutter(lines);
  const regions = gutter === undefined ? [lines] : splitColumns(lines, gutter);
  const out: string[] = [];
  for (const region of regions) {
    if (out.length && out[out.length - 1] !== "") out.push("");
    out.push(...regionToMarkdown(region, style, page.height));
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}
