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
    let previous = "";
    let start = 0;
    // Walk the lines without splitting the page into an array of strings.
    for (let i = 0; i <= page.length; i++) {
      if (i < page.length && page.charCodeAt(i) !== 10) continue;
      const line = page.slice(start, i).trim();
      start = i + 1;
      if (previous && line && !STRUCTURE_LINE_RE.test(line)) lengths.push(previous.length);
      previous = line && !STRUCTURE_LINE_RE.test(line) ? line : "";
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
 * In a file whose lines are blocks, does `next` still continue `previous`?
 * Only when the break falls plainly inside a sentence: the line ends on a
 * comma, a hyphen or an open bracket, or the next line starts in lower case
 * after a line that does not end a sentence.
 */
export function continuesLine(previous: string, next: string): boolean {
  if (/[,\-–(]$/.test(previous)) return true;
  return !/[.!?:;]$/.test(previous) && /^\p{Ll}/u.test(next);
}
