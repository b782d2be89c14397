// A text's UTF-16 code units in a typed array. Scanners that read a text character by
// character (word counts, actor and theme tokenisers) index this copy: reading a typed
// array is several times cheaper than String.prototype.charCodeAt, and Buffer#write
// makes the copy natively.
import { Buffer } from "node:buffer";
import { endianness } from "node:os";

const BIG_ENDIAN = endianness() === "BE";

/**
 * Texts of this many code units or more share one copy, made once (see sharedUnitsOf): the word
 * count, the actor tokeniser and the theme tokeniser each read a document's whole text, and each
 * kept its own buffer, so a long document was copied three times, each time into memory of its
 * own. Fresh memory is what costs: touching 12 MB never touched before (a 6 MB text) takes about
 * 35 ms, writing into a buffer already used about 1 ms.
 */
const SHARED_FROM = 1 << 20;

/** One reusable buffer: a new copy per document would be garbage of twice the text's size. */
export class CodeUnits {
  private units = new Uint16Array(1024);
  private bytes = Buffer.from(this.units.buffer);

  /** The code units of `text` (a view of text.length units), valid until the next call. */
  of(text: string): Uint16Array {
    if (text.length >= SHARED_FROM) return sharedUnitsOf(text);
    if (text.length > this.units.length) {
      this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
      this.bytes = Buffer.from(this.units.buffer);
    }
    writeUnits(this.bytes, text);
    return this.units.subarray(0, text.length);
  }
}

/** The last long text converted, and its code units (never written again: every caller may hold them). */
let shared: { text: string; units: Uint16Array } | undefined;

/** The code units of a long text, converted once for every CodeUnits that asks for the same text. */
function sharedUnitsOf(text: string): Uint16Array {
  if (shared === undefined || shared.text !== text) {
    const units = new Uint16Array(text.length);
    writeUnits(Buffer.from(units.buffer, units.byteOffset, units.byteLength), text);
    shared = { text, units };
  }
  return shared.units;
}

function writeUnits(bytes: Buffer, text: string): void {
  bytes.write(text, 0, "utf16le");
  if (BIG_ENDIAN) bytes.subarray(0, text.length * 2).swap16(); // typed arrays use the machine's byte order
}
