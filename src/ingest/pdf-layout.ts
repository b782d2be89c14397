// From positioned text runs (what pdf.js reports for a page) to one page of
// "sectormap markdown" (see src/types.ts). Pure geometry, no pdf.js here, so it
// can be tested with hand-made runs. The steps, in order:
//   runs -> lines (pdf-lines.ts: rows, segments, <sup> markers)
//        -> regions (pdf-columns.ts: a two-column page is read left column first, then right)
//        -> tables (pdf-tables.ts: `| a | b |`), headings (`#`), bold lines, bullets, footnotes
//        -> text, with blank lines where the vertical gap says "new paragraph".
import { BULLET_CHARS, buildRows, buildSegments, median, toLine, type Line, type PageRuns } from "./pdf-lines.js";
import { findGutter, splitColumns } from "./pdf-columns.js";
import { findTables, tableRows, type Columns } from "./pdf-tables.js";
import { drawnListLines } from "./pdf-lists.js";

export type { PageRuns, TextRun } from "./pdf-lines.js";

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

// A list line: a bullet glyph (or "-", "*", "o") and its text.
const BULLET_LINE_RE = new RegExp(`^([${BULLET_CHARS}o*]|-)\\s+(\\S.*)$`);

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

// ---------------------------------------------------------------- lines to markdown

const ENDS_LIKE_SENTENCE = /[.,;:!?]$/;

function headingLevel(line: Line, style: DocumentStyle): number {
  if (line.size < style.bodySize * 1.1) return 0;
  const i = style.headingSizes.findIndex((s) => Math.abs(s - Math.round(line.size * 2) / 2) < 0.3);
  return Math.min(3, (i < 0 ? style.headingSizes.length : i) + 1);
}

// A line's text is asked for many times per line (headings, lists, footnotes, paragraph breaks):
// joined once. Lines are not changed once built, so the text stays right.
const lineTexts = new WeakMap<Line, string>();

function lineText(line: Line): string {
  let text = lineTexts.get(line);
  if (text === undefined) {
    text = line.segments.map((s) => s.text).join(" ");
    lineTexts.set(line, text);
  }
  return text;
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

/**
 * Where the region's lines of body text end when they run full: most of them reach it, so take the
 * fourth fifth of their right ends (undefined when the region has too few such lines to tell).
 */
function typicalRightEdge(lines: Line[], style: DocumentStyle): number | undefined {
  const ends = lines
    .filter((l) => Math.abs(l.size - style.bodySize) <= 1 && lineText(l).split(" ").length >= 6)
    .map((l) => l.x1)
    .sort((a, b) => a - b);
  return ends.length >= 4 ? ends[Math.floor(ends.length * 0.8)] : undefined;
}

/** A sentence's end, before a closing quote or bracket and a footnote marker. */
const SENTENCE_END_RE = /[.!?]["”’)\]]*(?:<sup>[^<]*<\/sup>)?$/;
/** A label on a line of its own that its text follows: "Recommendation 4.", "Finding 12.", "Lesson B:". */
const RUN_IN_LABEL_RE = /^\p{L}+(?:\s+\p{L}+)?\s+(?:\d{1,3}|[IVXLC]{1,6}|\p{Lu})[.:]$/u;
/** Width of a character, in ems, taken wide: a paragraph end is missed rather than invented. */
const WIDE_CHAR_EM = 0.6;

/**
 * Did `previous` end its paragraph though no gap says so? Many reports set paragraphs with no
 * space between them: a paragraph's last line then ends a sentence and stops short of the right
 * edge, by more than the next line's first word would have taken (which a line running on would
 * have held), and the next line opens like a sentence. A label on a line of its own
 * ("Recommendation 4.") stays with the text it labels.
 */
function endedShort(previous: Line, line: Line, textRight: number | undefined): boolean {
  if (textRight === undefined || !SENTENCE_END_RE.test(lineText(previous)) || RUN_IN_LABEL_RE.test(lineText(previous))) return false;
  const text = lineText(line);
  if (!/^[\p{Lu}\d“"‘(]/u.test(text)) return false;
  const firstWord = text.split(" ", 1)[0];
  return textRight - previous.x1 > (firstWord.length + 1) * WIDE_CHAR_EM * line.size;
}

/** A line not continued by the next one: a paragraph gap follows, or the next line starts a new sentence or item. */
function standsAlone(lines: Line[], i: number, pitch: number): boolean {
  const next = lines[i + 1];
  if (!next || next.y - lines[i].y > pitch * 1.4 + 1) return true;
  return !/^\p{Ll}/u.test(lineText(next));
}

/**
 * What a page passes to the next: the columns of the table it ends with, if it ends with one. A
 * table at the top of the next page is read in those columns (a column that is empty on that page
 * keeps its place, so each cell stays under its header).
 */
export interface PageCarry {
  tableColumns?: Columns;
}

/**
 * The index of the line the footnotes start at, or -1: a line in the lower part of the page that
 * opens a footnote, below which every line opens one too, or is short (5 words or fewer), or is
 * set no larger than it (+0.5). That last test needs the largest of the other lines below: taken
 * from a running maximum from the bottom up, so that the page is gone over once.
 */
function firstFootnote(lines: Line[], pageBottom: number, opensFootnote: (line: Line) => boolean): number {
  const largestBelow = new Float64Array(lines.length + 1).fill(-Infinity);
  for (let k = lines.length - 1; k >= 0; k--) {
    const m = lines[k];
    const exempt = opensFootnote(m) || lineText(m).split(" ").length <= 5;
    largestBelow[k] = exempt ? largestBelow[k + 1] : Math.max(largestBelow[k + 1], m.size);
  }
  return lines.findIndex((l, k) => l.y > pageBottom * 0.55 && opensFootnote(l) && largestBelow[k] <= l.size + 0.5);
}

/** Running headers sit above this share of the page's height, running footers below 1 minus it. */
const PAGE_MARGIN_SHARE = 0.1;

/** Convert one region (a column, or the whole page) to markdown lines. */
function regionToMarkdown(lines: Line[], style: DocumentStyle, pageBottom: number, carry: PageCarry): string[] {
  const out: string[] = [];
  const isEmphasised = (line: Line) => line.oneFont && style.emphasisFonts.has(line.font);
  // Running headers and footers: the first or last line of the page, in its margin, in small type,
  // set apart from the text by more than a line's gap.
  const runningLines = new Set<Line>();
  const first = lines[0];
  const last = lines[lines.length - 1];
  const apart = (line: Line, neighbour: Line) => line.size < style.bodySize * 0.95 && line.size < neighbour.size * 0.9 && Math.abs(neighbour.y - line.y) > 2 * line.size;
  if (lines.length > 1 && first.y < pageBottom * PAGE_MARGIN_SHARE && apart(first, lines[1])) runningLines.add(first);
  if (lines.length > 1 && last.y > pageBottom * (1 - PAGE_MARGIN_SHARE) && apart(last, lines[lines.length - 2])) runningLines.add(last);
  const tables = findTables(lines, isEmphasised, (l) => runningLines.has(l));
  const bulletXs = lines.filter((l) => asListLine(lineText(l), 0)).map((l) => l.x0);
  const listLeft = bulletXs.length ? bulletXs.reduce((a, b) => Math.min(a, b)) : 0;
  const pitch = median(lines.slice(1).map((l, k) => l.y - lines[k].y).filter((d) => d > 0 && d < 3 * style.bodySize)) || style.bodySize * 1.25;
  const textRight = typicalRightEdge(lines, style);
  // Footnotes: in the lower part of the region, a line opening with a raised number (or a number in
  // small type), with nothing but footnote-like lines below it.
  // Footnotes start at the region's left margin: a number in a table cell further right is not one.
  const regionLeft = lines.reduce((x, l) => Math.min(x, l.x0), Infinity);
  const opensFootnote = (l: Line) =>
    l.x0 <= regionLeft + 25 &&
    (/^<sup>\d{1,3}<\/sup>/.test(lineText(l)) || (l.size <= style.bodySize * 0.9 && /^\d{1,3}\s+\S/.test(lineText(l))));
  const footnoteFrom = firstFootnote(lines, pageBottom, opensFootnote);
  const inTable = (k: number) => tables.some(([a, b]) => k >= a && k < b);
  const drawnList = drawnListLines(lines, pitch, (l) => asListLine(lineText(l), 0) !== undefined, (k) => inTable(k) || (footnoteFrom >= 0 && k >= footnoteFrom));
  let lastTable: { end: number; columns: Columns } | undefined;
  let i = 0;
  let previous: Line | undefined;
  let previousKind = "";
  const blank = () => {
    if (out.length && out[out.length - 1] !== "") out.push("");
  };
  while (i < lines.length) {
    const line = lines[i];
    const gap = previous ? line.y - previous.y : 0;
    // A change of type size breaks the paragraph, unless the line goes on at the normal pitch, in lower
    // case or with a bracket, from a line that stops mid-sentence (a browser prints a link's address
    // in smaller type inside the sentence: "... planning guidance" / "(https://www.england.nhs.uk/...").
    const sizeChange =
      previous !== undefined &&
      Math.abs(line.size - previous.size) > 1 &&
      !(
        gap <= pitch * 1.2 &&
        Math.max(line.size, previous.size) < style.bodySize * 1.1 &&
        Math.min(line.size, previous.size) >= 0.8 * Math.max(line.size, previous.size) &&
        !ENDS_LIKE_SENTENCE.test(lineText(previous)) &&
        /^[\p{Ll}(]/u.test(lineText(line))
      );
    const paragraphBreak = previous && (gap > pitch * 1.4 + 1 || sizeChange || (previousKind === "text" && endedShort(previous, line, textRight)));

    const table = tables.find(([a]) => a === i);
    if (table) {
      blank();
      // Nothing but a running header above it (no heading): the table may go on from the page before.
      const atTop = lines.slice(0, table[0]).every((l) => l.y < pageBottom * PAGE_MARGIN_SHARE && l.size <= style.bodySize + 0.5 && !isEmphasised(l));
      const read = tableRows(lines.slice(table[0], table[1]), atTop ? carry.tableColumns : undefined);
      out.push(...read.rows);
      out.push("");
      lastTable = { end: table[1], columns: read.columns };
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
      } else if (out.length && out[out.length - 1].startsWith("[^") && /\p{L}{3}/u.test(text) && !/^page\s+\d/i.test(text)) {
        // The footnote goes on (a page number or footer line below it does not).
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
      // The gap is weighed against the heading's own type: a title set in large type has wide leading.
      const headingGoesOn = previousKind === `h${level}` && previous !== undefined && !sizeChange && gap <= Math.max(pitch * 1.4 + 1, line.size * 1.6);
      if (headingGoesOn && out.length) out[out.length - 1] += " " + text;
      else {
        blank();
        out.push("#".repeat(level) + " " + text);
      }
      previous = line;
      previousKind = `h${level}`;
      i++;
      continue;
    }

    // An item of a list whose bullets are drawn (see pdf-lists.ts), or a line that goes on with one.
    const drawnItem = drawnList.get(i);
    if (drawnItem) {
      if (drawnItem.startsItem) out.push(" ".repeat(2 * drawnItem.depth) + "- " + text);
      else {
        if (previousKind !== "drawn-list") blank(); // an item going on from the page before
        out.push(escapeBody(text));
      }
      previous = line;
      previousKind = "drawn-list";
      i++;
      continue;
    }

    const emphasised = line.oneFont && style.emphasisFonts.has(line.font) && line.size >= style.bodySize * 0.95;
    // A title in capitals at body size ("EVALUATION OBJECTIVE AND SCOPE") is set apart like a bold one.
    const capitals = line.size >= style.bodySize * 0.95 && isCapitalsTitle(text);
    // The second line of a bold heading that wraps joins the first.
    if ((emphasised || capitals) && previousKind === "bold" && !paragraphBreak && standsAlone(lines, i, pitch) && out[out.length - 1].length < 120) {
      out[out.length - 1] = out[out.length - 1].replace(/\*\*$/, " " + text.replace(/\*\*/g, "") + "**");
      previous = line;
      i++;
      continue;
    }
    if (paragraphBreak || previousKind.startsWith("h") || previousKind === "bold" || previousKind === "table" || previousKind === "drawn-list") blank();
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
    } else if (capitals && (!previous || paragraphBreak || previousKind !== "text" || ENDS_SENTENCE_RE.test(lineText(previous))) && standsAlone(lines, i, pitch)) {
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
  // The page ends with a table when only footnotes and a running footer follow it.
  const endsWithTable =
    lastTable !== undefined && lines.slice(lastTable.end).every((l, k) => l.y > pageBottom * (1 - PAGE_MARGIN_SHARE) || (footnoteFrom >= 0 && lastTable!.end + k >= footnoteFrom));
  carry.tableColumns = endsWithTable ? lastTable!.columns : undefined;
  return out;
}

const ENDS_SENTENCE_RE = /[.!?:;]$/;
/** A line in capitals cut before its end ("VALIDITY OF") is not a whole title. */
const CAPITALS_MID_PHRASE_RE = /\b(?:AND|OR|OF|THE|TO|IN|FOR|WITH|A|AN|BY|ON|AT|FROM|DE|DES|DU|LA|LE|LES|ET|EN|Y|DEL)$/;

/**
 * A short line in capitals that reads as a title: no lower-case letter, mostly letters, at most
 * 14 words, not ending like a sentence or with a page number (a contents entry, "ANNEXES 23"),
 * and more than an acronym ("IOM", "FCFA").
 */
function isCapitalsTitle(text: string): boolean {
  if (text.length < 6 || text.length > 120 || /\p{Ll}/u.test(text)) return false;
  if (/[.,;]$/.test(text) || /\s\d{1,3}$/.test(text) || CAPITALS_MID_PHRASE_RE.test(text)) return false;
  const letters = text.match(/\p{Lu}/gu)?.length ?? 0;
  if (letters < 6 || letters < 0.6 * text.replace(/\s/g, "").length) return false;
  const words = text.split(" ");
  return words.length <= 14 && (words.length >= 2 || letters >= 8);
}

/** The pages of a document as sectormap markdown, each page told how the one before it ended. */
export function pagesToMarkdown(pages: PageRuns[], style: DocumentStyle): string[] {
  const carry: PageCarry = {};
  return pages.map((page) => pageToMarkdown(page, style, carry));
}

/** One page of runs as sectormap markdown. */
export function pageToMarkdown(page: PageRuns, style: DocumentStyle, carry: PageCarry = {}): string {
  const rows = buildRows(page.runs);
  const lines = rows.map((row) => toLine(row.y, buildSegments(row)));
  const gutter = findGutter(lines);
  const regions = gutter === undefined ? [lines] : splitColumns(lines, gutter);
  const out: string[] = [];
  for (const region of regions) {
    if (out.length && out[out.length - 1] !== "") out.push("");
    out.push(...regionToMarkdown(region, style, page.height, carry));
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}
