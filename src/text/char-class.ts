// Unicode class of a code point for the character scanners (word counts, letter runs,
// the theme and actor tokenisers): tested once per distinct code point with a \p{...}
// regex, then remembered, since a property class costs a table search per character.

export const OTHER_CLASS = 0, DIGIT_CLASS = 1, LETTER_CLASS = 2;

const LETTER = /^\p{L}$/u, LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const classMemo = new Map<number, number>(); // code point -> class

/** LETTER_CLASS for \p{L}, DIGIT_CLASS for other \p{N}, else OTHER_CLASS. */
export function charClassOf(codePoint: number): number {
  let k = classMemo.get(codePoint);
  if (k === undefined) {
    const ch = String.fromCodePoint(codePoint);
    k = LETTER.test(ch) ? LETTER_CLASS : LETTER_OR_DIGIT.test(ch) ? DIGIT_CLASS : OTHER_CLASS;
    classMemo.set(codePoint, k);
  }
  return k;
}

/** A straight or curly apostrophe (U+0027, U+2019), as a UTF-16 code unit. */
export const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/** Is the UTF-16 code unit one of the regex class \s (the characters String.prototype.trim removes)? */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** /[\p{L}.]/u.test of one UTF-16 code unit (a lone surrogate is no letter), without a regex per character. */
export function isLetterOrDot(c: number): boolean {
  if (c < 128) return c === 46 || ((c | 32) >= 97 && (c | 32) <= 122);
  return charClassOf(c) === LETTER_CLASS;
}
