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
