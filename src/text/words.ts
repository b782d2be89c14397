// Counting words without splitting a text into an array of them.
import { CodeUnits } from "./code-units.js";
import { charClassOf, LETTER_CLASS } from "./char-class.js";

/** Does the text hold at least `n` words (runs of non-space)? Stops counting at `n`. */
export function hasWords(text: string, n: number): boolean {
  let words = 0, inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]);
    if (!space && !inWord && ++words >= n) return true;
    inWord = !space;
  }
  return false;
}

/**
 * Words (runs of characters above U+0020) in the text, counting no further than `limit` + 1:
 * enough to compare with a limit, without walking a long block to its end.
 */
export function wordsUpTo(text: string, limit = Infinity): number {
  // A long text: one native regex test answers "more than `limit`" faster than the loop below
  // reads the words one character at a time (the text stage asks this of every block).
  if (Number.isInteger(limit) && limit >= 0 && text.length > 2 * limit && moreThanWords(limit).test(text)) return limit + 1;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord && ++n > limit) return n;
    inWord = !space;
  }
  return n;
}

const moreThanCache = new Map<number, RegExp>();

/** A regex that matches a text of more than n words (runs of characters above U+0020), from its start. */
function moreThanWords(n: number): RegExp {
  let re = moreThanCache.get(n);
  if (!re) moreThanCache.set(n, (re = new RegExp(`^[\\x00-\\x20]*(?:[^\\x00-\\x20]+[\\x00-\\x20]+){${n}}[^\\x00-\\x20]`)));
  return re;
}

const codeUnits = new CodeUnits();

/** Runs of non-space characters holding a letter or digit: a word count without a regex over the whole text. */
export function countWords(text: string): number {
  const units = codeUnits.of(text);
  let words = 0, inToken = false, tokenHasWordChar = false;
  for (let i = 0; i < units.length; i++) {
    const c = units[i];
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      if (inToken && tokenHasWordChar) words++;
      inToken = tokenHasWordChar = false;
      continue;
    }
    inToken = true;
    // Digits, ASCII letters, accented and non-Latin letters (not the punctuation, arrows and bullets of U+2000-U+2BFF).
    if (!tokenHasWordChar && ((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && !(c >= 0x2000 && c <= 0x2bff)))) tokenHasWordChar = true;
  }
  return words + (inToken && tokenHasWordChar ? 1 : 0);
}

/**
 * Calls `visit(start, end)` for each maximal run of letters (Unicode \p{L}), as
 * /\p{L}+/gu would find them; several times faster than that regex (see char-class.ts).
 */
export function forEachLetterRun(text: string, visit: (start: number, end: number) => void): void {
  let i = 0;
  while (i < text.length) {
    let step = letterLength(text, i);
    if (!step) {
      i++;
      continue;
    }
    const start = i;
    do i += step;
    while (i < text.length && (step = letterLength(text, i)));
    visit(start, i);
  }
}

/** Does the text hold a letter (of any script)? */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (letterLength(text, i)) return true;
  return false;
}

/** Code units of the letter at i (2 for an astral one), or 0 when it is no letter. */
function letterLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122 ? 1 : 0;
  const cp = text.codePointAt(i)!;
  return charClassOf(cp) === LETTER_CLASS ? (cp > 0xffff ? 2 : 1) : 0;
}
