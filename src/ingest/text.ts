// .txt and .md files -> IngestedFile. The text is already "sectormap markdown"
// (the seed corpus is text converted from PDF with markdown marks), so the
// work here is light: decode, unify line ends, split pages at form feeds, and
// turn the bits of HTML that converters leave in markdown (<sup>, <br>, <a>,
// entities) into plain marks. `#`, list markers and `**` are kept for the
// structurer; other inline marks (links, emphasis) are its business too.

import type { IngestedFile } from "../types.js";
import { decodeText } from "./decode.js";
import { decodeEntities } from "./html.js";
import { replaceEach } from "../regexp.js";
import { isSpaceCode } from "../text/char-class.js";
// The YAML library is loaded for the first front matter only (a worker need not load it otherwise).
import { parseYaml } from "../yaml-cache.js";

export function ingestText(bytes: Uint8Array, format: "txt" | "md"): IngestedFile {
  const { text, encoding } = decodeText(bytes, format === "md" ? "markdown file" : ".txt file");
  const warnings: string[] = [];
  if (encoding.includes("invalid")) warnings.push("some bytes are not valid UTF-8 and were replaced");

  const { body, title } = splitFrontMatter(unifyLineEnds(text));
  // (Not `.map(markdownToSectormap)`: the page's index would be taken for its piece size.)
  const pages = splitPages(body).map((page) => markdownToSectormap(page));
  pages.forEach((page, i) => {
    if (page.trim() === "" && pages.length > 1) warnings.push(`page ${i + 1}: no text`);
  });
  return { format, pages, warnings, metaTitle: title };
}

/** CRLF and lone CR become LF; a vertical tab (Word's manual line break in text exports) too. */
function unifyLineEnds(text: string): string {
  return text.replace(/\r\n?|\v/g, "\n");
}

/** Form feeds separate pages (pdftotext writes one after every page); a trailing one opens no page. */
function splitPages(text: string): string[] {
  const pages = text.split("\f");
  if (pages.length > 1 && pages[pages.length - 1].trim() === "") pages.pop();
  return pages;
}

/**
 * YAML front matter ("---\ntitle: ...\n---") at the top of a markdown file is
 * metadata, not text: its `title` becomes metaTitle. Anything that does not
 * parse as a YAML mapping is left in the text.
 */
function splitFrontMatter(text: string): { body: string; title?: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { body: text };
  let data: unknown;
  try {
    data = parseYaml(m[1]);
  } catch {
    return { body: text };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { body: text };
  const title = (data as Record<string, unknown>).title;
  return { body: text.slice(m[0].length), title: typeof title === "string" && title.trim() ? title.trim() : undefined };
}

// "<sup>&</sup>lt;sup>5</sup>" is how one PDF converter writes an escaped "<sup>5</sup>".
const SPLIT_ESCAPE_RE = /<sup>&<\/sup>(lt|gt|amp);/g;
// A footnote body: a line that starts with its superscript number.
const FOOTNOTE_LINE_RE = /^[ \t]*<sup>\s*(\d+)\s*<\/sup>[ \t]*(?=\S)/gm;
// A superscript that is only a footnote reference ("1", "2,3", "*").
const FOOTNOTE_REF_RE = /<sup>\s*(?:\d+(?:\s*[,–-]\s*\d+)*|[*†‡§]+)\s*<\/sup>/gi;
// Any other superscript or subscript keeps its text: 3<sup>rd</sup> -> 3rd.
const SUP_SUB_RE = /<(su[pb])\b[^>]*>([\s\S]*?)<\/\1>/gi;
const LINK_TAG_RE = /<\/?a\b[^>]*>/gi;
const COMMENT_RE = /<!--[\s\S]*?-->/g;
// Autolinks: <https://example.org/x> -> https://example.org/x
const AUTOLINK_RE = /<((?:https?|ftp|mailto):[^<>\n]*)>/gi;
const BR_RE = /<br\s*\/?>/gi;
// Entities: named (&amp;) and numeric (&#8364; &#x20AC;).
const ENTITY_RE = /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

/**
 * Pages longer than this are converted in pieces of about this many characters. Why: V8 puts a
 * string over about 64K characters in its own memory mapping, and every whole-page replace or
 * split-and-join below that changes something makes a new one, about 1 ms apiece on a 100 KB page
 * (a single-page .txt file); pieces this size are cheap, and one join makes the page.
 */
export const PIECE_CHARS = 16 * 1024;

/**
 * One page of markdown as sectormap markdown: the HTML bits turned into plain
 * marks, setext headings ("Title\n=====") into `#` lines. A long page is converted
 * piece by piece, cut at blank lines that no conversion reaches across (see safePieces),
 * or inside a line too long to hold one (see midLineCutFrom): the same result as converting
 * it whole.
 */
export function markdownToSectormap(page: string, pieceChars = PIECE_CHARS, cutLines = true): string {
  // Every HTML pattern starts with "<": a page without one skips them all.
  // Comments and split escapes go first: removing them can make new tags.
  const hasTags = page.includes("<");
  const cleaned = (text: string) => (hasTags ? removeCommentsAndSplitEscapes(text) : text);
  if (page.length <= 2 * pieceChars) return convertPiece(cleaned(page));
  const { pieces, linesCut } = safePieces(page, pieceChars, cleaned, cutLines);
  if (pieces.length === 1) return convertPiece(pieces[0]);
  const steps: LineSteps = { ran: false };
  const converted = pieces.map((piece) => convertPiece(piece, steps));
  // The steps that read whole lines (<br> in a table row, section headings) ran on a page cut
  // inside a line: whether the cut changed what they did is not worth working out (pages of
  // statutes or with <br> are rarely one long line); the page is converted again, cut at blank lines only.
  if (linesCut && steps.ran) return markdownToSectormap(page, pieceChars, false);
  // Many pages have nothing to convert: joining their pieces again would only copy them.
  return spellsOut(converted, page) ? page : converted.join("");
}

/** Is `whole` the pieces joined (compared in place, without joining them)? */
function spellsOut(pieces: string[], whole: string): boolean {
  let at = 0;
  for (const piece of pieces) {
    if (!whole.startsWith(piece, at)) return false;
    at += piece.length;
  }
  return at === whole.length;
}

/**
 * A piece whose tags stay open grows (by pieceChars or more at a time) up to this many times
 * pieceChars before cutting stops. Each check reads the piece again: at most this many checks
 * of at most this many pieces' length for every piece cut, so the work stays linear.
 */
const MAX_PIECE_GROWTH = 4;

/**
 * A long page cut into pieces that convert as they would in the whole page, each already
 * `cleaned` (comments and split escapes removed, as removing them from the whole page would):
 * cut just after a blank line ("\n\n"), about every `pieceChars` characters, where no pattern
 * of convertPiece can match across. Line-by-line steps (setext and section headings, labels,
 * <br>) look at most at the line before and at lines up to the next blank one, and no line break
 * is in an entity or an autolink. The tag patterns are what could reach across: a tag still
 * open, or a <sup>/<sub> closed after the cut. So a piece is cut off only when its tags are
 * closed (see tagsClosed). Of the cleaning steps, only a comment can reach across a blank
 * line: no cut falls inside one.
 *
 * Why the page is cleaned piece by piece and not whole: a cleaned copy of a page over
 * about 64K characters is a string in its own memory mapping, which costs a millisecond
 * (see PIECE_CHARS); the pieces are small and one join makes the page.
 */
function safePieces(page: string, pieceChars: number, cleaned: (text: string) => string, cutLines: boolean): { pieces: string[]; linesCut: boolean } {
  const pieces: string[] = [];
  const comments = commentSpans(page);
  let from = 0; // where the piece starts
  let linesCut = false;
  pieceChars = Math.max(1, pieceChars); // each piece at least one character long
  const found: CutsFound = { blank: -2, inLine: -2 };
  let cut = nextCut(page, from + pieceChars, pieceChars, cutLines, found);
  while (cut >= 0 && page.length - from > 2 * pieceChars) {
    const piece = insideSpan(comments, cut) ? undefined : cleaned(page.slice(from, cut));
    if (piece !== undefined && tagsClosed(piece.toLowerCase())) {
      pieces.push(piece);
      if (page.charCodeAt(cut - 1) !== 10) linesCut = true;
      from = cut;
      cut = nextCut(page, from + pieceChars, pieceChars, cutLines, found);
    } else if (cut - from > MAX_PIECE_GROWTH * pieceChars) {
      break; // a tag open for long: the rest of the page converts as one piece
    } else cut = nextCut(page, cut + pieceChars, pieceChars, cutLines, found); // the piece grows by pieceChars or more
  }
  pieces.push(cleaned(from ? page.slice(from) : page));
  return { pieces, linesCut };
}

/**
 * The first place at or after `at` where a piece may end: just after a blank line, or when
 * none comes within `pieceChars` (a page that is one long paragraph), inside a line where
 * midLineCutFrom allows it (when `cutLines`). -1 for none. `found` keeps what the last call
 * found: a page without a blank line (or a place to cut a line) is not searched to its end for
 * every piece (`at` only grows from call to call).
 */
function nextCut(page: string, at: number, pieceChars: number, cutLines: boolean, found: CutsFound): number {
  if (found.blank !== -1 && found.blank < at) found.blank = page.indexOf("\n\n", at);
  const b = found.blank;
  if (!cutLines || (b >= 0 && b < at + pieceChars)) return b < 0 ? -1 : b + 2;
  if (found.inLine !== -1 && found.inLine < at) found.inLine = midLineCutFrom(page, at);
  const inLine = found.inLine;
  if (inLine < 0) return b < 0 ? -1 : b + 2;
  return b >= 0 && b + 2 < inLine ? b + 2 : inLine;
}

/** The first blank line and the first place to cut inside a line at or after the last place asked (-1: none left; -2: not looked for yet). */
interface CutsFound {
  blank: number;
  inLine: number;
}

/** Characters a cut inside a line keeps this far from, before it and after it (see midLineCutFrom). */
const PLAIN_BEFORE_CUT = 64;
const PLAIN_AFTER_CUT = 160;
/**
 * Nor "&" this many characters before those 64: an entity that starts there must end before them
 * (an entity is at most 34 characters long: "&", 32 and ";"; one made by a split escape,
 * "<sup>&</sup>amp;" and the text after it, ends at most 45 characters after its "&").
 */
const NO_AMPERSAND_BEFORE = 64;

/**
 * The first place at or after `at` inside a line where a long page may be cut (-1 for none):
 * between two lower-case ASCII letters, with no "<", ">", "&" nor line break (U+2028 and U+2029
 * too: a regex's multi-line "^" matches after them) among the 64 characters before it and the
 * 160 after it, and no white space (\s: no-break spaces too) first among those 64. Why each
 * conversion comes out the same in the two pieces as in the whole (the tags of the piece before
 * must be closed too, see tagsClosed; a cut inside a comment is refused by safePieces):
 * - no tag, comment, split escape or entity touches those characters: a tag or comment removed
 *   starts with "<" and ends with ">", and the spaces a footnote line's mark takes after its ">"
 *   would start them; a split escape ("<sup>&</sup>lt;") or an entity ("&...;") that reaches them
 *   has its "&" among them or among the NO_AMPERSAND_BEFORE characters before them (a "&#10;"
 *   decoded just before them once made a line start next to the cut); so the characters around
 *   the cut are the page's own when the steps that read line starts run, and the first line of
 *   the piece after keeps 160 characters or more;
 * - the piece after starts with a lower-case letter, which starts no pattern read at the start
 *   of a line (a footnote line "<sup>", an escaped label "\(", "Sec." / "Section", a setext
 *   underline or a rule); the line the piece before ends with ends with a letter (no underline
 *   or rule); and a line of 160 characters or more is too long to be a setext title;
 * - nor is such a pattern cut in two: each may start with white space of any length, then has
 *   at most 8 other characters before a place inside it between two lower-case letters
 *   ("**Sectio", "\(abcde"), while the 64 characters before a cut hold no line's start and
 *   begin with one that is not white space (an escaped label or "Section" cut in two was left
 *   as it was when its line started with no-break spaces, or after a U+2028);
 * - the steps that read whole lines otherwise (<br> in a table row, section headings) are
 *   not trusted with a cut line: see markdownToSectormap.
 */
function midLineCutFrom(page: string, at: number): number {
  for (let p = Math.max(at, PLAIN_BEFORE_CUT); p + PLAIN_AFTER_CUT <= page.length; ) {
    if (!isLowerAscii(page.charCodeAt(p)) || !isLowerAscii(page.charCodeAt(p - 1))) {
      p++;
      continue;
    }
    // The last character of the window that no cut may be near, if any: the next candidate is past it.
    let blocked = -1;
    for (let k = p + PLAIN_AFTER_CUT - 1; k >= p - PLAIN_BEFORE_CUT && blocked < 0; k--) if (isCutBlocker(page.charCodeAt(k))) blocked = k;
    for (let k = p - PLAIN_BEFORE_CUT - 1; k >= p - PLAIN_BEFORE_CUT - NO_AMPERSAND_BEFORE && k >= 0 && blocked < 0; k--) if (page.charCodeAt(k) === 38) blocked = k;
    if (blocked >= 0) p = blocked + 1 + PLAIN_BEFORE_CUT + (page.charCodeAt(blocked) === 38 ? NO_AMPERSAND_BEFORE : 0);
    else if (isSpaceCode(page.charCodeAt(p - PLAIN_BEFORE_CUT))) p++;
    else return p;
  }
  return -1;
}

/** "<", ">", "&" or a line break (U+2028 and U+2029 too). */
const isCutBlocker = (c: number) => c === 60 || c === 62 || c === 38 || c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isLowerAscii = (c: number) => c >= 97 && c <= 122;

/** [start, end) of each HTML comment in the page, in order (as COMMENT_RE removes them). */
function commentSpans(page: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!page.includes("<!--")) return spans;
  COMMENT_RE.lastIndex = 0;
  for (let m = COMMENT_RE.exec(page); m; m = COMMENT_RE.exec(page)) spans.push([m.index, COMMENT_RE.lastIndex]);
  return spans;
}

/** Is `at` strictly inside one of the spans (sorted, not overlapping)? */
function insideSpan(spans: Array<[number, number]>, at: number): boolean {
  let lo = 0, hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= at) lo = mid + 1;
    else if (spans[mid][0] >= at) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Are the piece's tags closed within it (the piece in lower case)? Every "<" that may open a
 * tag has its ">" before the next "<" (so every pattern that removes a tag removes all of it,
 * and the "<" left keep their ">"), and every <sup> / <sub> opening tag has a closing tag of
 * its own after it (a closing tag closes one open tag; removing a footnote reference removes
 * an opening tag and the closing tag right after it, which keeps that true). A "<" before a
 * space, a digit or "=" is text ("x < 5"): every tag pattern has a letter, "/" or "!" there,
 * and no removal takes the character after such a "<".
 */
function tagsClosed(piece: string): boolean {
  for (let i = piece.indexOf("<"); i >= 0; ) {
    const next = piece.indexOf("<", i + 1);
    if (!isTextLessThan(piece.charCodeAt(i + 1))) {
      const close = piece.indexOf(">", i);
      if (close < 0 || (next >= 0 && next < close)) return false;
    }
    i = next;
  }
  for (const name of ["sup", "sub"]) {
    let open = 0;
    for (let i = piece.indexOf("<" + name); i >= 0; ) {
      open++;
      const tagEnd = piece.indexOf(">", i);
      const next = piece.indexOf("<" + name, tagEnd + 1);
      // Closing tags before the next opening tag each close one open tag.
      for (let c = piece.indexOf("</" + name + ">", tagEnd + 1); c >= 0 && (next < 0 || c < next) && open > 0; c = piece.indexOf("</" + name + ">", c + 1)) open--;
      i = next;
    }
    if (open > 0) return false;
  }
  return true;
}

/** After "<", a space, a digit or "=": the "<" is text, no tag. */
function isTextLessThan(next: number): boolean {
  return next === 32 || next === 9 || next === 10 || next === 13 || (next >= 48 && next <= 57) || next === 61;
}

/** Did a step that reads whole lines (see markdownToSectormap) run? */
interface LineSteps {
  ran: boolean;
}

/** markdownToSectormap on one piece of a page (or a whole page); `steps.ran` is set when a step that reads whole lines ran. */
function convertPiece(page: string, steps?: LineSteps): string {
  let s = page;
  if (s.includes("<")) s = htmlToMarks(s, steps);
  // replaceEach: String#replace with a function copies the whole page even when nothing matches.
  if (s.includes("&")) s = replaceEach(s, ENTITY_RE, (m) => decodeEntities(m[0]));
  if (s.includes("\\(")) s = replaceEach(s, ESCAPED_LABEL_RE, (m) => `${m[1]}(${m[2]})`);
  if (SECTION_HINT_RE.test(s)) {
    if (steps) steps.ran = true;
    s = sectionHeadings(s);
  }
  return setextHeadings(s);
}

// "\(ii\)  text": a label whose parentheses a markdown converter escaped.
const ESCAPED_LABEL_RE = /^([^\S\n]*)\\\(([A-Za-z]{1,6}|\d{1,3})\\\)/gm;
// Cheap test for a page that may hold statute-style section headings.
// (Spaces include no-break spaces: web pages set them after "Sec.".)
const SECTION_HINT_RE = /^[^\S\n]*(?:\*\*)?(?:Sec\.|Section)[^\S\n]+\d/m;
// "Sec. 2.  Title." or "**Section 1.  Policy.**  Text": the start of a section of an
// executive order, proclamation or statute, at the start of a line (bold or not).
const SECTION_START_RE = /^[^\S\n]*(\*\*)?((?:Sec\.|Section)[^\S\n]+\d{1,3}[a-z]?\.)[^\S\n]+(?=\S)/;
/** A section title is short: a longer "title" is a sentence that happens to start with "Section 3.". */
const MAX_SECTION_TITLE_WORDS = 20;
/** A bold title may wrap: its closing ** is looked for on this many lines. */
const SECTION_TITLE_LINES = 3;

/**
 * Statutes, executive orders and proclamations set their section headings run-in:
 * "**Sec. 2.  Title of the Section.**  (a)  The Secretary shall ..." or, without
 * bold, "Sec. 5.  General Provisions.  (a)  Nothing in this order ...". The heading
 * becomes a `##` line of its own and the text after it starts a new block, so the
 * section's first item does not run on from the heading, and the heading does not
 * run on from the item before it. The title ends at the closing `**` (bold) or at
 * its first full stop (plain).
 */
function sectionHeadings(page: string): string {
  const lines = page.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = SECTION_START_RE.exec(lines[i]);
    if (!start) {
      out.push(lines[i]);
      continue;
    }
    const bold = start[1] !== undefined;
    // The title and the text after it, over the lines of this paragraph that the title may span.
    let rest = lines[i].slice(start[0].length);
    let used = 0;
    let end = titleEnd(rest, bold);
    while (end < 0 && used + 1 < SECTION_TITLE_LINES && i + used + 1 < lines.length && lines[i + used + 1].trim() !== "") {
      used++;
      rest += "\n" + lines[i + used];
      end = titleEnd(rest, bold);
    }
    const title = end < 0 ? "" : rest.slice(0, end).replace(/\s+/g, " ").replace(/\*+/g, "").trim();
    if (end < 0 || !title || title.split(" ").length > MAX_SECTION_TITLE_WORDS) {
      out.push(lines[i]); // not a section heading after all: the lines stay as they were
      continue;
    }
    const after = rest.slice(end).replace(/^\s*\*\*/, "").replace(/^[^\S\n]+/, "");
    out.push("", `## ${start[2].replace(/\s+/g, " ")} ${title}`, "");
    if (after.trim()) out.push(after);
    i += used;
  }
  return out.join("\n");
}

/** Where a section title ends in `rest` (after its closing mark), or -1 when it does not end there. */
function titleEnd(rest: string, bold: boolean): number {
  if (bold) {
    const close = rest.indexOf("**");
    return close < 0 ? -1 : close + 2;
  }
  const stop = /\.(?=\s|$)/.exec(rest);
  return stop ? stop.index + 1 : -1;
}

const ESCAPED: Record<string, string> = { lt: "<", gt: ">", amp: "&" };

/** The first HTML steps, before a page is cut into pieces: HTML comments dropped, split escapes rejoined. */
function removeCommentsAndSplitEscapes(page: string): string {
  // Patterns with capture groups go through replaceEach: a plain replace with them is slow on long pages.
  return replaceEach(page.replace(COMMENT_RE, ""), SPLIT_ESCAPE_RE, (m) => ESCAPED[m[1]]);
}

/** The other HTML bits as plain marks (after removeCommentsAndSplitEscapes); patterns with capture groups go through replaceEach. */
function htmlToMarks(page: string, steps?: LineSteps): string {
  let s = replaceEach(page, FOOTNOTE_LINE_RE, (m) => `[^${m[1]}]: `).replace(FOOTNOTE_REF_RE, "");
  s = replaceEach(s, SUP_SUB_RE, (m) => m[2]);
  s = s.replace(LINK_TAG_RE, "");
  s = replaceEach(s, AUTOLINK_RE, (m) => m[1]);
  if (!/<br/i.test(s)) return s;
  if (steps) steps.ran = true;
  return s
    .split("\n")
    // Inside a table row a line break would split the row: there it is a space.
    .map((line) => line.replace(BR_RE, /^\s*\|/.test(line) ? " " : "\n"))
    .join("\n");
}

/**
 * "Title" over "=====" is a level-1 heading, over "-----" a level-2 one, when
 * the title is a single short line of its own. Any other line of only dashes,
 * stars or underscores is a thematic break: a paragraph break.
 */
function setextHeadings(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!mayBeRule(line)) continue; // most lines: no regex run at all
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    const prev = i > 0 ? lines[i - 1] : "";
    const beforePrev = i > 1 ? lines[i - 2] : "";
    // Short enough to be a title: converters also put rules under long paragraphs.
    const titleLike =
      prev.trim() !== "" && prev.length <= 150 && beforePrev.trim() === "" && !/^\s*(#|[-*+•|]\s|\d+[.)]\s|\[\^)/.test(prev);
    if (underline && titleLike && (underline[1].length >= 2 || underline[1][0] === "=")) {
      lines[i - 1] = `${underline[1][0] === "=" ? "#" : "##"} ${prev.trim()}`;
      lines[i] = "";
    } else if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) {
      lines[i] = "";
    }
  }
  return lines.join("\n");
}

/** Can the line be an underline or a thematic break: "=", "-", "*" or "_" after at most 3 spaces? */
function mayBeRule(line: string): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  return c === 61 || c === 45 || c === 42 || c === 95; // = - * _
}
