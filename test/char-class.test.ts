// The code-unit tests of char-class.ts stand for regexes the text stage used to run on every
// character: checked here against those regexes on every UTF-16 code unit.
import { describe, expect, it } from "vitest";
import { isLetterOrDot, isSpaceCode } from "../src/text/char-class.js";

describe("character classes by code unit", () => {
  it("isLetterOrDot is /[\\p{L}.]/u and isSpaceCode is /\\s/, for every code unit", () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isLetterOrDot(c) !== /[\p{L}.]/u.test(ch) || isSpaceCode(c) !== /\s/.test(ch)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});
