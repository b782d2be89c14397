// Character classes for the word scanner, read from a text's UTF-16 code units in a typed
// array: indexing one is several times cheaper than String.prototype.charCodeAt.
import { charClassOf, LETTER_CLASS } from "../../text/char-class.js";

/** Length in code units of the letter or digit at i (2 for an astral character), or 0. */
export function wordCharLength(codes: Uint16Array, i: number, len: number): number {
  const c = codes[i];
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const cp = codePointAt(codes, i, len);
  return charClassOf(cp) ? (cp > 0xffff ? 2 : 1) : 0;
}

export function isLetterAt(codes: Uint16Array, i: number, len: number): boolean {
  const c = codes[i];
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
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

