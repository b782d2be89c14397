// ownCopy (src/text/own-copy.ts): what the word and name caches keep must not keep the
// documents the words were cut from (a worker thread's heap grew with every document read).
import { describe, expect, it } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ownCopy, WordMemo } from "../src/text/own-copy.js";
import { normWord, nameWords, nameKey } from "../src/extract/actors/normalize.js";
import { foldSpelling, stem } from "../src/extract/themes/words.js";
import { lemma } from "../src/extract/recommendations/action.js";

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

  it("is what the word caches of themes and recommendations keep, values included", () => {
    // foldSpelling and stem return the word itself when nothing changes it: that value must not be a view either.
    const kept = heapKeptByWords((w) => {
      foldSpelling(w);
      stem(w);
      lemma(w);
      return ownCopy(w);
    });
    expect(kept).toBeLessThan(5);
  });
});

describe("WordMemo", () => {
  it("computes once per distinct key, and gives what the function gives", () => {
    const seen: string[] = [];
    const memo = new WordMemo((w) => (seen.push(w), w.toUpperCase()), 100);
    expect(["a", "b", "a", "a", "b", "c"].map((w) => memo.get(w))).toEqual(["A", "B", "A", "A", "B", "C"]);
    expect(seen).toEqual(["a", "b", "c"]);
    expect(memo.size).toBe(3);
  });

  it("starts again when it holds `limit` keys, so that it cannot grow without end", () => {
    let calls = 0;
    const memo = new WordMemo((w) => (calls++, w.length), 3);
    for (const w of ["a", "bb", "ccc", "dddd"]) memo.get(w);
    expect(memo.size).toBe(1); // full at three keys: cleared before the fourth
    expect(memo.get("a")).toBe(1);
    expect(calls).toBe(5); // "a" computed again
  });

  it("keeps falsy answers (false, 0, empty string) as answers", () => {
    let calls = 0;
    const memo = new WordMemo((w) => (calls++, w === "x" ? false : ""), 10);
    memo.get("x"); memo.get("x"); memo.get("y"); memo.get("y");
    expect(calls).toBe(2);
  });

  it("keeps undefined as an answer too: computed once per distinct key, as for any answer", () => {
    let calls = 0;
    const memo = new WordMemo<string | undefined>((w) => (calls++, w === "known" ? "yes" : undefined), 10);
    expect([memo.get("odd"), memo.get("odd"), memo.get("known"), memo.get("odd")]).toEqual([undefined, undefined, "yes", undefined]);
    expect(calls).toBe(2);
    expect(memo.size).toBe(2);
  });
});
