// The ByteSink that workers serialise rows into: the same bytes as encoding the
// whole text at once, whatever the characters and however far it has to grow.
import { describe, expect, it } from "vitest";
import { ByteSink } from "../src/dataset/byte-sink.js";

describe("ByteSink", () => {
  it("gives the UTF-8 of the pieces written, as Buffer.from of their concatenation", () => {
    const sink = new ByteSink();
    const pieces = ["plain,", "ünïcödé €\n", "emoji 😀 pair\n", "lone \ud800 surrogate\n", "", "\u0000\u0001"];
    pieces.forEach((p) => sink.write(p));
    expect(sink.take().equals(Buffer.from(pieces.join("")))).toBe(true);
  });

  it("grows past its first buffer and is empty again after take", () => {
    const sink = new ByteSink();
    const row = "x".repeat(999) + "é\n"; // 1,002 bytes
    for (let i = 0; i < 3000; i++) sink.write(row); // 3 MB: more than the first megabyte
    const bytes = sink.take();
    expect(bytes.length).toBe(3000 * 1002);
    expect(bytes.equals(Buffer.from(row.repeat(3000)))).toBe(true);
    sink.write("after");
    expect(sink.take().toString()).toBe("after");
  });

  it("hands over a copy: what is written next does not change the bytes taken", () => {
    const sink = new ByteSink();
    sink.write("first");
    const first = sink.take();
    sink.write("second");
    expect(first.toString()).toBe("first");
  });
});
