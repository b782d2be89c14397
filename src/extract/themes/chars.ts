// Character classes for the word scanner, read from a text's UTF-16 code units in a typed
// array: indexing one is several times cheaper than String.prototype.charCodeAt.
import { charClassOf, DIGIT_CLASS, LETTER_CLASS, OTHER_CLASS } from "../../text/char-class.js";

const UNKNOWN = 255, SURROGATE = 254;
/**
 * The class of each UTF-16 code unit that is a character of its own (not a surrogate): ASCII
 * filled in at once, the rest on first sight (charClassOf is a Map lookup: too slow per character
 * of a French or Spanish text). Surrogates are read as pairs, the slow way.
 */
const UNIT_CLASS = new Uint8Array(65536).fill(UNKNOWN);
for (let c = 0; c < 128; c++) UNIT_CLASS[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER_CLASS : c >= 48 && c <= 57 ? DIGIT_CLASS : OTHER_CLASS;
for (let c = 0xd800; c <= 0xdfff; c++) UNIT_CLASS[c] = SURROGATE;

function unitClass(c: number): number {
  let k = UNIT_CLASS[c];
  if (k === UNKNOWN) k = UNIT_CLASS[c] = charClassOf(c);
  return k;
}

/** Length in code units of the letter or digit at i (2 for an astral character), or 0. */
export function wordCharLength(codes: Uint16Array, i: number, len: number): number {
  const k = unitClass(codes[i]);
  if (k !== SURROGATE) return k === OTHER_CLASS ? 0 : 1;
  const cp = codePointAt(codes, i, len);
  return charClassOf(cp) ? (cp > 0xffff ? 2 : 1) : 0;
}

export function isLetterAt(codes: Uint16Array, i: number, len: number): boolean {
  const k = unitClass(codes[i]);
  if (k !== SURROGATE) return k === LETTER_CLASS;
  return charClassOf(codePointAt(codes, i, len)) === LETTER_CLASS;
}

/** The code point at i, read as String.prototype.codePointAt reads it (a lone surrogate is itself). */
function codePointAt(codes: Uint16Array, i: number, len: number): number {
  const c = codes[i];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
    const d = codes[i + 1];
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}
