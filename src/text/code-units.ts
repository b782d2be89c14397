// A text's UTF-16 code units in a typed array. Scanners that read a text character by
// character (word counts, actor and theme tokenisers) index this copy: reading a typed
// array is several times cheaper than String.prototype.charCodeAt, and Buffer#write
// makes the copy natively.
import { Buffer } from "node:buffer";
import { endianness } from "node:os";

const BIG_ENDIAN = endianness() === "BE";

/** One reusable buffer: a new copy per document would be garbage of twice the text's size. */
export class CodeUnits {
  private units = new Uint16Array(1024);
  private bytes = Buffer.from(this.units.buffer);

  /** The code units of `text` (a view of text.length units), valid until the next call. */
  of(text: string): Uint16Array {
    if (text.length > this.units.length) {
      this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
      this.bytes = Buffer.from(this.units.buffer);
    }
    this.bytes.write(text, 0, "utf16le");
    if (BIG_ENDIAN) this.bytes.subarray(0, text.length * 2).swap16(); // typed arrays use the machine's byte order
    return this.units.subarray(0, text.length);
  }
}
