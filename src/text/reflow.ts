// Are a file's lines wrapped prose (re-flow them into paragraphs) or blocks
// already (one line per heading, paragraph or list item, as text saved from
// a web page has)? Wrapped prose has a wrap width: most lines that another
// line follows come close to it ("near" the 90th percentile of their lengths).
// Lines that are blocks have no such width: a heading of three words follows a
// paragraph of eighty, and their lengths spread from 10 to 1,500 characters.
//
// Measured on the corpora: wrapped markdown and text converted from PDF put
// 60-98% of their inner lines near the wrap width; one-line-per-block web
// scrapes put 14-17% there. The threshold sits between the two.

import { isSpaceCode } from "./char-class.js";

/** Lines that start structure (heading, list item, table row, bold line, footnote) are not prose lines. */
const STRUCTURE_LINE_RE = /^\s*(?:#|[-*+•▪●◦]\s|\(?\w{1,4}[.)]\s|\||\*\*|\[\^|<sup>)/;
/** Fewer inner lines than this say nothing: keep re-flowing, as for a short note. */
const MIN_INNER_LINES = 8;
/** A line is near the wrap width when at least this share of it. */
const NEAR_WIDTH = 0.6;
/** Wrapped text puts at least this share of its inner lines near the wrap width. */
const MIN_WRAPPED_SHARE = 0.4;

/**
 * True when the pages' prose lines are blocks already: each line should
 * become a block of its own, not be re-flowed with the next one. Only the
 * "inner" lines count: prose lines followed by another prose line (the last
 * line of a paragraph is short in wrapped text too).
 */
export function linesAreBlocks(pages: string[]): boolean {
  const lengths: number[] = [];
  for (const page of pages) {
    let previousLength = 0; // of the previous line when it was prose, else 0
    // Walk the lines without splitting the page into an array of strings, nor copying a line
    // unless it may start structure.
    for (let start = 0; start <= page.length; ) {
      let end = page.indexOf("\n", start);
      if (end < 0) end = page.length;
      // The line trimmed: [from, to).
      let from = start, to = end;
      while (from < to && isSpaceCode(page.charCodeAt(from))) from++;
      while (to > from && isSpaceCode(page.charCodeAt(to - 1))) to--;
      start = end + 1;
      const prose = to > from && !(mayStartStructure(page, from, to) && STRUCTURE_LINE_RE.test(page.slice(from, to)));
      if (previousLength && prose) lengths.push(previousLength);
      previousLength = prose ? to - from : 0;
    }
  }
  if (lengths.length < MIN_INNER_LINES) return false;
  const sorted = [...lengths].sort((a, b) => a - b);
  const width = sorted[Math.floor(sorted.length * 0.9)];
  let near = 0;
  for (const n of lengths) if (n >= NEAR_WIDTH * width) near++;
  return near / lengths.length < MIN_WRAPPED_SHARE;
}

/**
 * Can the trimmed line page[from, to) match STRUCTURE_LINE_RE? A test of its first characters
 * that spares the regex (and a copy of the line) for lines starting with a word: those match
 * only as a short label, one to four word characters and "." or ")" ("a) ", "12. ").
 */
function mayStartStructure(page: string, from: number, to: number): boolean {
  let k = from;
  const first = page.charCodeAt(k);
  if (first === 40) k++; // "("
  else if (!isAsciiWordCode(first)) return true; // "#", "-", "|", "**", "[^", "<sup>"... : the regex decides
  let run = 0;
  while (k < to && isAsciiWordCode(page.charCodeAt(k))) {
    k++;
    if (++run > 4) return false;
  }
  const after = page.charCodeAt(k);
  return first === 40 || (run >= 1 && (after === 46 || after === 41)); // "." or ")"
}

/** [A-Za-z0-9_]: the regex class \w. */
function isAsciiWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;
}

/**
 * In a file whose lines are blocks, does `next` still continue `previous`?
 * Only when the break falls plainly inside a sentence: the line ends on a
 * comma, a hyphen or an open bracket, or the next line starts in lower case
 * after a line that does not end a sentence.
 */
export function continuesLine(previous: string, next: string): boolean {
  if (/[,\-–(]$/.test(previous)) return true;
  return !/[.!?:;]$/.test(previous) && /^\p{Ll}/u.test(next);
}

// ---------- lines of a page saved as text ----------

/** "Footnote" then its number, each on a line: a footnote reference cut out of a sentence. */
const FOOTNOTE_WORD_RE = /^(?:footnote|note)$/i;
/** "Footnote 12" on a line of its own: the footnote's text follows. */
const FOOTNOTE_HEAD_RE = /^(?:footnote|note)\s+(\d{1,3})$/i;
const RETURN_LINK_RE = /^return\s+to\s+(?:footnote|note)(?:\s+\d{1,3})?(?:\s+referrer)?$/i;
const NUMBER_LINE_RE = /^\d{1,3}$/;
/** The feedback form and the date stamp that close a government web page. */
const PAGE_FOOTER_RE = /^(?:report\s+a\s+problem(?:\s+or\s+mistake)?\s+on\s+this\s+page|date\s+modified:?)/i;
const DATE_MODIFIED_RE = /^date\s+modified:?\s*(\d{4}-\d{2}-\d{2})?$/i;
/** A link's text is short: a line this short between two pieces of one sentence is part of it. */
const MAX_LINK_WORDS = 8;

/**
 * Tidy the lines of a page saved from the web as text, where every inline
 * element (a link, a footnote reference) starts a line of its own:
 *  - "Footnote" / "2" in mid-sentence is a reference: dropped, the sentence re-joined;
 *  - "Footnote 2" / its text / "Return to footnote" / "2" / "referrer" is a footnote: `[^2]: text`;
 *  - a line starting with punctuation or in lower case continues the line above, and so
 *    does a short line (a link's text) between a line that does not end a sentence and
 *    such a continuation;
 *  - the page's feedback form and "Date modified" stamp are dropped.
 * Only for files whose lines are blocks (see linesAreBlocks).
 */
export function tidyScrapedLines(page: string): string {
  const lines = page.split("\n").map((l) => l.trim());
  const out: string[] = [];
  let joinNext = false; // the last output line continues with the next line read
  let inFooter = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) {
      out.push("");
      joinNext = false;
      continue;
    }
    if (PAGE_FOOTER_RE.test(line)) inFooter = !DATE_MODIFIED_RE.test(line) || inFooter;
    if (inFooter || DATE_MODIFIED_RE.test(line)) {
      // The form runs to "Date modified:"; its date line goes with it.
      if (DATE_MODIFIED_RE.test(line)) {
        inFooter = false;
        if (!DATE_MODIFIED_RE.exec(line)?.[1] && /^\d{4}-\d{2}-\d{2}$/.test(lines[i + 1] ?? "")) i++;
      }
      continue;
    }
    if (FOOTNOTE_WORD_RE.test(line) && NUMBER_LINE_RE.test(lines[i + 1] ?? "")) {
      i++; // the reference's number
      joinNext = out.length > 0 && !/[.!?]$/.test(out[out.length - 1]);
      continue;
    }
    if (RETURN_LINK_RE.test(line)) {
      if (NUMBER_LINE_RE.test(lines[i + 1] ?? "")) i++;
      if (/^referrer$/i.test(lines[i + 1] ?? "")) i++;
      joinNext = false;
      continue;
    }
    const footnote = FOOTNOTE_HEAD_RE.exec(line);
    if (footnote && lines[i + 1]) {
      out.push(`[^${footnote[1]}]: ${lines[++i]}`);
      joinNext = true; // its text may go on over a line or two, up to "Return to footnote"
      continue;
    }
    const previous = out.length ? out[out.length - 1] : "";
    const structure = STRUCTURE_LINE_RE.test(line);
    const continues =
      previous !== "" &&
      !structure &&
      (joinNext || /^[,.;:)\]]/.test(line) || (/^\p{Ll}/u.test(line) && !/[.!?:;]$/.test(previous)) || linkInSentence(previous, line, lines[i + 1] ?? ""));
    if (continues) out[out.length - 1] = /^[,.;:)\]]/.test(line) || previous.endsWith("(") ? previous + line : previous + " " + line;
    else out.push(line);
    joinNext = false;
  }
  return out.join("\n");
}

/** A short line (a link's text) between a line that does not end a sentence and one that goes on with it. */
function linkInSentence(previous: string, line: string, next: string): boolean {
  if (/[.!?:;]$/.test(previous) || /[.!?:;]$/.test(line)) return false;
  if (line.split(" ").length > MAX_LINK_WORDS) return false;
  return /^[,.;:)(\]]/.test(next) || /^\p{Ll}/u.test(next);
}
