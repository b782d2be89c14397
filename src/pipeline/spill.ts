// Records that must wait for the end of a run go to a file instead of memory,
// one record per document, and are read back by number in any order.
import { closeSync, openSync, readSync, writeSync } from "node:fs";

export class SpillFile {
  private fd: number;
  private size = 0;
  /** Byte offset and length of record n at [2n] and [2n + 1]. */
  private extents: number[] = [];

  constructor(path: string) {
    this.fd = openSync(path, "w+");
  }

  /** Appends a record (text, or UTF-8 bytes) and returns its number. */
  add(text: string | Uint8Array): number {
    const bytes = typeof text === "string" ? Buffer.from(text) : text;
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.extents.push(this.size, bytes.length);
    this.size += bytes.length;
    return this.extents.length / 2 - 1;
  }

  /** Record `record`'s bytes (UTF-8 for a record added as text). */
  read(record: number): Buffer {
    const bytes = Buffer.allocUnsafe(this.extents[2 * record + 1]);
    readSync(this.fd, bytes, 0, bytes.length, this.extents[2 * record]);
    return bytes;
  }

  get records(): number {
    return this.extents.length / 2;
  }

  close(): void {
    closeSync(this.fd);
  }
}
