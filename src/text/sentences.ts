// Abbreviation-aware sentence splitting inside one block.
import { readWordList } from "../paths.js";
import { isLetterOrDot, isSpaceCode } from "./char-class.js";

let abbreviations: Set<string> | undefined;
function knownAbbreviations(): Set<string> {
  abbreviations ??= new Set(readWordList("text/abbreviations.txt"));
  return abbreviations;
}

// A candidate boundary: . ! or ? (optionally followed by closing quotes/brackets),
// then white space, then something that can open a sentence.
const BOUNDARY_RE = /[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;

/**
 * Sentence spans [start, end) within `text` (end exclusive, trailing spaces excluded).
 * "e.g. The", "No. 5", "Art. 3", "U.S. Government" and initials ("J. Smith") do not split.
 */
export function splitSentences(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const abbr = knownAbbreviations();
  let start = skipSpaces(text, 0);
  for (const m of text.matchAll(BOUNDARY_RE)) {
    const dot = m.index!;
    if (text[dot] === "." && isAbbreviation(text, dot, abbr)) continue;
    const end = dot + m[0].trimEnd().length;
    if (end > start) spans.push([start, end]);
    start = skipSpaces(text, end);
  }
  const end = text.trimEnd().length;
  if (end > start) spans.push([start, end]);
  return spans;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++; // /\s/, by code
  return i;
}

/** Is the word ending at the full stop `dot` an abbreviation or an initial? */
function isAbbreviation(text: string, dot: number, abbr: Set<string>): boolean {
  let i = dot;
  while (i > 0 && isLetterOrDot(text.charCodeAt(i - 1))) i--;
  const word = text.slice(i, dot);
  if (!word) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith", "UN Doc. A. 5"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "e.g" written with inner dots
  return abbr.has(word.toLowerCase());
}

/**
 * The sentence of a block holding `offset` (start <= offset < end), or undefined: the same as
 * `sentences.find(...)` for a block's sentences, which are in order and do not overlap, found by
 * binary search (a long paragraph has tens of thousands, and every unit of it asks).
 */
export function sentenceAt<S extends { start: number; end: number }>(sentences: readonly S[], offset: number): S | undefined {
  let lo = 0, hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sentences[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // lo - 1 is the last sentence starting at or before offset: the only one that may hold it.
  const s = sentences[lo - 1];
  return s !== undefined && offset < s.end ? s : undefined;
}
