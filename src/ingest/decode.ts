// Bytes of a plain-text file -> a JavaScript string, guessing the encoding the
// way a careful human would: a byte-order mark wins; then UTF-16 without a BOM
// (recognised by its NUL bytes every other position); then strict UTF-8; and
// when that fails, Windows-1252 (the superset of Latin-1 that Word and most
// Western "ANSI" tools write), so "café" never comes out as "cafÃ©".
// Content that is not text at all (NUL bytes, many control characters) is an
// IngestError "binary" rather than a page of garbage.

import iconv from "iconv-lite";
import { IngestError } from "./errors.js";

export interface DecodedText {
  text: string;
  /** "utf-8", "utf-16le", "utf-16be" or "windows-1252"; "utf-8 (some invalid bytes replaced)" for damaged UTF-8. */
  encoding: string;
}

/** How many bytes the UTF-16 and binary heuristics look at; enough to be sure, cheap on big files. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Decode a text file. `what` names the file kind in error messages
 * (e.g. ".txt file"), so the user reads "binary content in a .txt file".
 */
export function decodeText(bytes: Uint8Array, what = "text file"): DecodedText {
  if (bytes.length === 0) throw new IngestError("empty", "empty file");

  const decoded = decodeByEncoding(bytes, what);
  const text = decoded.text.replace(/^\uFEFF/, "");

  if (text.trim() === "") throw new IngestError("empty", "empty file (only whitespace)");
  if (looksBinary(text)) throw new IngestError("binary", `binary content in a ${what}`);
  return { text, encoding: decoded.encoding };
}

function decodeByEncoding(bytes: Uint8Array, what: string): DecodedText {
  // Byte-order marks.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8OrLatin(bytes.subarray(3)).text, encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }

  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };

  // NUL bytes that are not UTF-16 padding: an executable, an image, a zip...
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) {
    throw new IngestError("binary", `binary content in a ${what}`);
  }
  return utf8OrLatin(bytes);
}

/**
 * Strict UTF-8 when the bytes are valid UTF-8, else Windows-1252 — unless the
 * file is plainly UTF-8 with a few damaged bytes (many valid multi-byte
 * characters, few invalid bytes): then UTF-8 with replacement marks, because
 * reading it as Windows-1252 would garble every accented letter.
 */
function utf8OrLatin(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    let invalid = 0;
    let multiByte = 0;
    for (const ch of lenient) {
      if (ch === "\uFFFD") invalid++;
      else if (ch.charCodeAt(0) > 0x7f) multiByte++;
    }
    if (multiByte >= 2 * invalid) {
      return { text: lenient, encoding: "utf-8 (some invalid bytes replaced)" };
    }
    // An 8-bit Western encoding. Windows-1252 agrees with Latin-1 on every
    // printable character and adds “ ” ‘ ’ – — € …
    return { text: iconv.decode(Buffer.from(bytes), "windows-1252"), encoding: "windows-1252" };
  }
}

/**
 * UTF-16 without a BOM: text in Latin script puts a NUL in every high byte, so
 * NULs pile up at odd offsets (little endian) or even offsets (big endian)
 * and almost never on the other side. Random binary has NULs on both sides.
 */
function guessBomlessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const pairs = n / 2;
  if (oddNuls > 0.3 * pairs && evenNuls < 0.05 * pairs) return "utf-16le";
  if (evenNuls > 0.3 * pairs && oddNuls < 0.05 * pairs) return "utf-16be";
  return null;
}

/**
 * Text decoded from binary bytes is full of control characters and
 * replacement marks; real documents have almost none (tab, newline, carriage
 * return and form feed are text).
 */
function looksBinary(text: string): boolean {
  const sample = text.length > SAMPLE_BYTES ? text.slice(0, SAMPLE_BYTES) : text;
  const junk = sample.match(/[\x00-\x08\x0B\x0E-\x1F\x7F\uFFFD]/g)?.length ?? 0;
  return junk >= 4 && junk > 0.01 * sample.length;
}
