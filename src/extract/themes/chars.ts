// Character classes for the word scanner, read from a text's UTF-16 code units in a typed
// array: indexing one is several times cheaper than String.prototype.charCodeAt.
import { Buffer } from "node:buffer";
import { endianness } from "node:os";

/** A reusable typed-array copy of a text's code units (Buffer#write copies them natively). */
export class CodeUnits {
  private units = new Uint16Array(1024);
  private bytes = Buffer.from(this.units.buffer);

  /** The code units of `text` in the first text.length places; valid until the next call. */
  of(text: string): Uint16Array {
    if (text.length > this.units.length) {
      this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
      this.bytes = Buffer.from(this.units.buffer);
    }
    this.bytes.write(text, 0, "utf16le");
    if (BIG_ENDIAN) this.bytes.subarray(0, text.length * 2).swap16(); // typed arrays use the machine's byte order
    return this.units;
  }
}
const BIG_ENDIAN = endianness() === "BE";

export const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/** Length in code units of the letter or digit at i (2 for an astral character), or 0. */
export function wordCharLength(codes: Uint16Array, i: number, len: number): number {
  const c = codes[i];
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const cp = codePointAt(codes, i, len);
  return classOf(cp) ? (cp > 0xffff ? 2 : 1) : 0;
}

export function isLetterAt(codes: Uint16Array, i: number, len: number): boolean {
  const c = codes[i];
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return classOf(codePointAt(codes, i, len)) === LETTER_CLASS;
}

/** Does the text hold a letter (of any script)? */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? (c | 32) >= 97 && (c | 32) <= 122 : classOf(text.codePointAt(i)!) === LETTER_CLASS) return true;
  }
  return false;
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

// Non-ASCII characters are classified once each, by Unicode property.
const LETTER = /^\p{L}$/u, LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const OTHER_CLASS = 0, DIGIT_CLASS = 1, LETTER_CLASS = 2;
const classMemo = new Map<number, number>(); // code point -> class
function classOf(cp: number): number {
  let k = classMemo.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = LETTER.test(ch) ? LETTER_CLASS : LETTER_OR_DIGIT.test(ch) ? DIGIT_CLASS : OTHER_CLASS;
    classMemo.set(cp, k);
  }
  return k;
}
