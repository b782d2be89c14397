// The head-word names detector (names.ts) keeps the words that can make a run of capitalised words name
// something in one set per lexicon, for speed: it must still answer for the lexicon it is given.
import { describe, expect, it } from "vitest";
import { buildDoc } from "../src/text/document.js";
import { loadGazetteer } from "../src/extract/actors/index.js";
import type { Lexicon } from "../src/extract/actors/lexicon.js";
import { headedNames } from "../src/extract/actors/names.js";
import { tokenizeDoc } from "../src/extract/actors/tokens.js";

const gaz = loadGazetteer();

/** The surfaces headedNames finds in a one-block text with the given lexicon. */
function headedSurfaces(text: string, lex: Lexicon): string[] {
  const doc = buildDoc({ source: "t.txt", format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
  const { tokens, stats } = tokenizeDoc(doc, gaz.keepLower);
  return tokens.flatMap((blockTokens) => headedNames(doc, blockTokens, [], stats, lex, new Set())).map((h) => h.surface);
}

describe("head words of the lexicon given", () => {
  const text = "Yesterday the Riverside Weavers Guild wrote to the Riverside Weavers Council.";
  const base = gaz.lexicon;
  // The same lexicon with one more head word ("Guild", an ngo's).
  const heads = new Map(base.heads).set("guild", "ngo");
  const withGuild: Lexicon = { ...base, heads, headEnds: new Set([...base.headEnds, "guild"]) };

  it("finds a name ending in a head word only with a lexicon that has it, asked in turn", () => {
    expect(headedSurfaces(text, base)).toEqual(["Riverside Weavers Council"]);
    expect(headedSurfaces(text, withGuild)).toEqual(["Riverside Weavers Guild", "Riverside Weavers Council"]);
    expect(headedSurfaces(text, base)).toEqual(["Riverside Weavers Council"]);
  });

  it("passes over a block whose only head word is another lexicon's", () => {
    expect(headedSurfaces("Members of the Riverside Weavers Guild met.", base)).toEqual([]);
    expect(headedSurfaces("Members of the Riverside Weavers Guild met.", withGuild)).toEqual(["Riverside Weavers Guild"]);
  });
});
