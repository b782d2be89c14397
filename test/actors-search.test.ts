// The literal search the actor detectors use instead of String#indexOf loops
// (search.ts), and the detectors that now rely on it: each must find exactly
// what the indexOf loops found.
import { describe, expect, it } from "vitest";
import { anchorOf, eachOccurrence, firstAtOrAfter, occurrences } from "../src/extract/actors/search.js";
import { wordStats } from "../src/extract/actors/tokens.js";
import { governmentCues, governments, offices } from "../src/extract/actors/governments.js";
import { loadLexicon } from "../src/extract/actors/lexicon.js";
import { buildDoc } from "../src/text/document.js";

/** Every start of `literal` in `text`, the slow plain way. */
function byIndexOf(text: string, literal: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) out.push(at);
  return out;
}

/** A small deterministic generator (the same texts on every run). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("literal search", () => {
  it("anchors on the rarest letter, never on the last character", () => {
    expect(anchorOf("overnment")).toBe(1); // "v"
    expect(anchorOf("Minister ")).toBe(0); // a capital
    expect(anchorOf("ab")).toBe(0);
    expect(anchorOf("eez")).toBe(0); // "z" is last: not an anchor
  });

  it("finds the same positions as an indexOf loop, overlapping ones included", () => {
    const next = generator(17);
    const alphabet = "aabeenrtvxyzé M.-’";
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 40 + Math.floor(next() * 200) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      const from = Math.floor(next() * text.length);
      // Literals taken from the text (found at least once) and made up (mostly absent).
      const taken = text.slice(from, from + 1 + Math.floor(next() * 8));
      const made = Array.from({ length: 1 + Math.floor(next() * 5) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      for (const literal of [taken, made, "aa", "aaa", "ee e"]) expect(occurrences(text, literal), `${JSON.stringify(literal)} in ${JSON.stringify(text)}`).toEqual(byIndexOf(text, literal));
    }
  });

  it("stops when the visitor says so", () => {
    const seen: number[] = [];
    eachOccurrence("government, government, government", "government", (s) => (seen.push(s), seen.length === 2));
    expect(seen).toEqual([0, 12]);
  });

  it("finds the first position at or after an offset", () => {
    expect(firstAtOrAfter([2, 5, 5, 9], 5)).toBe(1);
    expect(firstAtOrAfter([2, 5, 5, 9], 10)).toBe(4);
    expect(firstAtOrAfter([], 0)).toBe(0);
  });
});

describe("words written in lower case somewhere", () => {
  it("counts a whole word only, at the edges of the text too", () => {
    const stats = wordStats([], "recently, the Centre's centres; special-needs and nyc.");
    expect(stats.lower.has("recently")).toBe(true); // at the start
    expect(stats.lower.has("centre")).toBe(false); // only inside "centres" and capitalised
    expect(stats.lower.has("special")).toBe(true); // before a hyphen
    expect(stats.lower.has("needs")).toBe(true);
    expect(stats.lower.has("nyc")).toBe(true); // at the end, before a full stop
    expect(stats.lower.has("cent")).toBe(false);
  });
});

describe("government and office cues found once per document", () => {
  const lex = loadLexicon();
  const doc = (text: string) => buildDoc({ source: "t.txt", format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });

  it("finds governments and ministers in every block, and none across a block's edge", () => {
    const d = doc("The Government of Kenya and the Minister of Health met.\n\nSecretary of Labor Jane Doe spoke.\n\nThe Kenyan government will act.");
    const cues = governmentCues(d.text, lex);
    const found = d.blocks.flatMap((b) => [...governments(b, lex, cues), ...offices(b, lex, cues)].map((h) => h.surface));
    expect(found).toEqual(["Government of Kenya", "Minister of Health", "Secretary of Labor Jane Doe", "Kenyan government"]);
  });

  it("finds no office in a block without an office word, even when another block has one", () => {
    const d = doc("The Surgeon General reported.\n\nNothing here is an office.");
    const cues = governmentCues(d.text, lex);
    expect(offices(d.blocks[0], lex, cues).map((h) => h.surface)).toEqual(["Surgeon General"]);
    expect(offices(d.blocks[1], lex, cues)).toEqual([]);
  });
});
