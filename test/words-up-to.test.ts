// wordsUpTo (src/text/words.ts) answers long texts with a regex and short ones with a loop:
// both must give the count a plain walk over the words gives.
import { describe, expect, it } from "vitest";
import { wordsUpTo } from "../src/text/words.js";

/** Words are runs of characters above U+0020, counted up to limit + 1. */
function reference(text: string, limit: number): number {
  const words = text.split(/[\x00-\x20]+/).filter(Boolean).length;
  return Math.min(words, limit + 1);
}

describe("wordsUpTo", () => {
  it("counts exactly up to the limit, then says limit + 1", () => {
    expect(wordsUpTo("one two three", 5)).toBe(3);
    expect(wordsUpTo("one two three", 2)).toBe(3);
    expect(wordsUpTo("  one\ttwo\nthree  four ", 3)).toBe(4);
    expect(wordsUpTo("a\u00a0b c", 5)).toBe(2); // a no-break space is no word break here
    expect(wordsUpTo("", 0)).toBe(0);
  });

  it("agrees with a plain count on generated texts", () => {
    const pieces = ["a", "word", " ", "  ", "\n", "\t", "\u00a0", "x.", "\u0001", "é"];
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let k = 0; k < 3000; k++) {
      let text = "";
      for (let i = next() % 60; i > 0; i--) text += pieces[next() % pieces.length];
      for (const limit of [0, 1, 4, 8, 25]) expect(wordsUpTo(text, limit), JSON.stringify(text)).toBe(reference(text, limit));
      expect(wordsUpTo(text)).toBe(reference(text, Infinity));
    }
  });
});
