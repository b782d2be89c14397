// The themes' table of written words (src/extract/themes/words.ts) is shared by a whole run:
// it must stay bounded however many different words a corpus brings, and give the same
// forms for a word before and after it starts again.
import { describe, expect, it } from "vitest";
import { WordTable, HASH_SEED, hashStep } from "../src/extract/themes/words.js";

function lookUp(table: WordTable, text: string) {
  const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
  let hash = HASH_SEED;
  for (const c of codes) hash = hashStep(hash, c);
  return table.find(codes, 0, codes.length, hash, text);
}

describe("WordTable", () => {
  it("keeps at most maxWords words, and a word's forms are the same after it starts again", () => {
    const table = new WordTable(100);
    const first = lookUp(table, "Organisations");
    expect(lookUp(table, "Organisations")).toBe(first); // one object per distinct word
    for (let i = 0; i < 1000; i++) {
      lookUp(table, `word${i}`);
      expect(table.distinctWords).toBeLessThanOrEqual(100);
    }
    const again = lookUp(table, "Organisations");
    expect(again).not.toBe(first); // made again after the table started over
    expect({ raw: again.raw, plain: again.plain, lower: again.lower }).toEqual({ raw: first.raw, plain: first.plain, lower: first.lower });
    expect(first.lower).toBe("organizations");
  });
});
