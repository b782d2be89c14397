// ownCopy (src/text/own-copy.ts): what the word and name caches keep must not keep the
// documents the words were cut from (a worker thread's heap grew with every document read).
import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ownCopy } from "../src/text/own-copy.js";
import { normWord, nameWords, nameKey } from "../src/extract/actors/normalize.js";

setFlagsFromString("--expose-gc");
const gc: () => void = runInNewContext("gc");

/** MB of heap still used after keeping one word cut from each of `texts` fresh texts of 4 MB. */
function heapKeptByWords(keep: (word: string) => string, texts = 12): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let i = 0; i < texts; i++) {
    // A different text each time, built at run time (no shared constant).
    const text = `text ${i} `.repeat(400_000) + ` internationalisation${i} ` + "end ".repeat(1000);
    const at = text.indexOf(" internationalisation") + 1;
    kept.push(keep(text.slice(at, at + "internationalisation".length + String(i).length)));
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(kept[3]).toBe("internationalisation3");
  return (after - before) / (1024 * 1024);
}

describe("ownCopy", () => {
  it("gives the same characters, short or long, one- or two-byte, lone surrogates included", () => {
    for (const s of ["", "a", "word", "internationalisation", "Organisation internationale pour les migrations", "d’identité", "\ud800x", "😀".repeat(20)]) {
      expect(ownCopy(s)).toBe(s);
      const long = `${"x".repeat(50)}${s}${"y".repeat(50)}`;
      expect(ownCopy(long.slice(50, 50 + s.length))).toBe(s);
    }
  });

  it("does not keep the text a word was cut from, as a plain slice does", () => {
    // The control shows that the measure can fail: plain slices keep 12 texts of about 4 MB each.
    expect(heapKeptByWords((w) => w)).toBeGreaterThan(30);
    expect(heapKeptByWords(ownCopy)).toBeLessThan(5);
  });

  it("is what the name caches keep: their keys do not keep the page", () => {
    // Without ownCopy in normalize.ts, the caches alone keep the 12 texts (over 30 MB).
    const kept = heapKeptByWords((w) => {
      normWord(w);
      nameWords(w);
      nameKey(w);
      return ownCopy(w);
    });
    expect(kept).toBeLessThan(5);
  });
});
