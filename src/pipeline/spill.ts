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

  /** Appends a record and returns its number. */
  add(text: string): number {
    const bytes = Buffer.from(text);
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.extents.push(this.size, bytes.length);
    this.size += bytes.length;
    return this.extents.length / 2 - 1;
  }

  read(record: number): string {
    const bytes = Buffer.allocUnsafe(this.extents[2 * record + 1]);
    readSync(this.fd, bytes, 0, bytes.length, this.extents[2 * record]);
    return bytes.toString();
  }

  get records(): number {
    return this.extents.length / 2;
  }

  close(): void {
    closeSync(this.fd);
  }
}
