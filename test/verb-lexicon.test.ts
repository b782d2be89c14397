// verb-lexicon.ts serves compromise's lexicon and verb rules from a cache instead of loading
// compromise in every worker thread. It must answer exactly as compromise does: checked here
// against compromise itself, on every word of the lexicon and on forms made from them.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { LEXICON, toInfinitive, type VerbTense } from "../src/extract/recommendations/verb-lexicon.js";
import { lemma } from "../src/extract/recommendations/action.js";

type Transform = { toInfinitive(word: string, model: unknown, tense: string): string };
const world = createRequire(import.meta.url)("compromise").world() as {
  model: { one: { lexicon: Record<string, string> } };
  methods: { two: { transform: { verb: Transform } } };
};
const compromiseLexicon = world.model.one.lexicon;
const compromiseInfinitive = (word: string, tense: VerbTense) => world.methods.two.transform.verb.toInfinitive(word, world.model, tense);

describe("verb-lexicon answers as compromise does", () => {
  it("holds compromise's lexicon, entry for entry", () => {
    const words = Object.keys(compromiseLexicon);
    expect(words.length).toBeGreaterThan(20_000);
    expect(Object.keys(LEXICON)).toEqual(words);
    for (const w of words) if (LEXICON[w] !== compromiseLexicon[w]) expect(`${w}: ${LEXICON[w]}`).toBe(`${w}: ${compromiseLexicon[w]}`);
  });

  it("gives compromise's infinitive for every lexicon word and forms made from it, in every tense", () => {
    const tenses: VerbTense[] = ["PastTense", "PresentTense", "Gerund"];
    const forms = new Set<string>();
    for (const w of Object.keys(compromiseLexicon)) {
      if (/\s/.test(w)) continue; // lemma() is only given single words
      forms.add(w).add(`${w}ed`).add(`${w}d`).add(`${w}ing`).add(`${w}s`).add(`${w}es`);
    }
    let differ = 0;
    for (const form of forms) for (const tense of tenses) if (toInfinitive(form, tense) !== compromiseInfinitive(form, tense)) differ++;
    expect(forms.size).toBeGreaterThan(100_000);
    expect(differ).toBe(0);
  });

  it("maps the forms of 'be' and gives lemmas through action.ts", () => {
    expect(toInfinitive("were", "PastTense")).toBe("be");
    expect(lemma("strengthened")).toBe("strengthen");
    expect(lemma("ratifying")).toBe("ratify");
    expect(lemma("ensures")).toBe("ensure");
  });
});
