// Text encoded to UTF-8 piece by piece (a few thousand characters of rows at a
// time) into one buffer that a thread keeps and reuses, instead of one long
// string per table that is then encoded whole. The long string is a rope of
// every row, which V8 flattens first (into UTF-16 as soon as one character is
// not Latin-1: twice the bytes, on fresh pages) before encoding it, then frees:
// for a worker, that flattening and its page faults cost more than the encoding
// itself.

/** Bytes of text written one piece at a time; take() hands over what was written. */
export class ByteSink {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  /** Appends the UTF-8 bytes of `text` (a whole row or more: a surrogate pair is never split). */
  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit (4 for a pair of them).
    const room = text.length * 3;
    if (this.length + room > this.buffer.length) this.grow(this.length + room);
    this.length += this.buffer.write(text, this.length);
  }

  /** The bytes written since the last take, in a buffer of their own; the sink is then empty. */
  take(): Buffer {
    const bytes = Buffer.from(this.buffer.subarray(0, this.length));
    this.length = 0;
    // A document with huge tables must not leave the thread holding their size for the rest of the run.
    if (this.buffer.length > MAX_KEPT_BYTES) this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    return bytes;
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(needed, 2 * this.buffer.length));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
}

const INITIAL_BYTES = 1 << 20;
const MAX_KEPT_BYTES = 32 << 20;

let threadSink: ByteSink | undefined;
/** The sink this thread reuses; whoever writes into it takes its bytes before yielding. */
export function scratchSink(): ByteSink {
  return (threadSink ??= new ByteSink());
}
