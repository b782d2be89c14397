// The themes' table of written words (src/extract/themes/words.ts) is shared by a whole run:
// it must stay bounded however many different words a corpus brings, start again only
// between texts (token lists hold word numbers), and give the same forms for a word before
// and after it starts again.
import { describe, expect, it } from "vitest";
import { WordTable, HASH_SEED, hashStep } from "../src/extract/themes/words.js";

function lookUp(table: WordTable, text: string) {
  const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
  let hash = HASH_SEED;
  for (const c of codes) hash = hashStep(hash, c);
  return table.byId[table.find(codes, 0, codes.length, hash, text)];
}

describe("WordTable", () => {
  it("keeps at most maxWords words between texts, and a word's forms are the same after it starts again", () => {
    const table = new WordTable(100);
    const first = lookUp(table, "Organisations");
    expect(lookUp(table, "Organisations")).toBe(first); // one object per distinct word
    for (let i = 0; i < 1000; i++) {
      table.startText();
      lookUp(table, `word${i}`);
      expect(table.distinctWords).toBeLessThanOrEqual(100);
    }
    expect(table.generation).toBeGreaterThan(0);
    const again = lookUp(table, "Organisations");
    expect(again).not.toBe(first); // made again after the table started over
    expect({ raw: again.raw, plain: again.plain, lower: again.lower }).toEqual({ raw: first.raw, plain: first.plain, lower: first.lower });
    expect(first.lower).toBe("organizations");
  });

  it("never starts again in the middle of a text: word numbers already handed out stay valid", () => {
    const table = new WordTable(10);
    table.startText();
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    const ids = words.map((w) => {
      const codes = Uint16Array.from(w, (c) => c.charCodeAt(0));
      let hash = HASH_SEED;
      for (const c of codes) hash = hashStep(hash, c);
      return table.find(codes, 0, codes.length, hash, w);
    });
    expect(ids.map((id) => table.byId[id].raw)).toEqual(words);
    table.startText();
    expect(table.distinctWords).toBe(0);
    expect(table.byId.length).toBe(0);
  });
});
