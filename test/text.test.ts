// The text stage on real documents (the seeds) and on lines written to test one rule each.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDoc } from "../src/text/document.js";
import { normalizeChars, matchView } from "../src/text/normalize.js";
import { countWords, forEachLetterRun, hasWords } from "../src/text/words.js";
import { sentenceAt, splitSentences } from "../src/text/sentences.js";
import { cleanInline, readLine } from "../src/text/lines.js";
import { TextLexicon, vocabularyOf } from "../src/text/hyphenation.js";
import type { Doc } from "../src/types.js";

const SEEDS = join(import.meta.dirname, "..", "corpora", "seeds");

function docOf(text: string | string[], source = "test.md"): Doc {
  const pages = Array.isArray(text) ? text : [text];
  return buildDoc({ source, format: "md", sha256: "", bytes: 0 }, { format: "md", pages, warnings: [] });
}
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return docOf(readFileSync(join(SEEDS, name), "utf8"), name);
};

describe("word counts", () => {
  it("counts runs holding a letter or digit, not bare punctuation or bullets", () => {
    expect(countWords("Migrants' rights – 12 cases •  and\nmore")).toBe(6);
    expect(countWords("")).toBe(0);
  });
  it("finds the runs of letters /\\p{L}+/gu finds, in any script, astral letters and stray surrogates included", () => {
    const text = "Ça été, ÇA! Über-straße 𝐀𝐁c x\uD800y 日本語 ǅemal İstanbul 123abc l'asile";
    const runs: string[] = [];
    forEachLetterRun(text, (start, end) => runs.push(text.slice(start, end)));
    expect(runs).toEqual(text.match(/\p{L}+/gu));
  });
  it("answers 'at least n words' without counting past n", () => {
    expect(hasWords("Recommendations to States", 3)).toBe(true);
    expect(hasWords("  Recommendations   to  ", 3)).toBe(false);
  });
});

describe("normalisation", () => {
  it("expands ligatures, drops soft hyphens and invisible characters, makes odd spaces plain", () => {
    expect(normalizeChars("e\uFB03cient of\uFB01ce")).toBe("efficient office");
    expect(normalizeChars("migra\u00ADtion")).toBe("migration");
    expect(normalizeChars("10\u00A0000\u202Fpeople\u200B")).toBe("10 000 people");
    expect(normalizeChars("Cafe\u0301")).toBe("Café"); // NFC
  });
  it("turns tabs and ideographic spaces into spaces, drops control characters but keeps line and page breaks", () => {
    expect(normalizeChars("a\tb\u3000c\u0007d\u0085e\nf\fg")).toBe("a b cde\nf\fg");
    expect(normalizeChars("\uFEFFWord\u2060joiner\uFB06")).toBe("Wordjoinerst");
  });
  it("keeps curly quotes in the text but matches them as plain, one character for one", () => {
    const text = "“multi-stakeholder” teams – it’s";
    expect(matchView(text)).toBe('"multi-stakeholder" teams - it\'s');
    expect(matchView(text).length).toBe(text.length);
  });
});

describe("lines and inline marks", () => {
  it("reads headings, bullets with ordinal labels, footnotes and table rows", () => {
    expect(readLine("### **Policy and Practical Recommendations**", 1)).toMatchObject({ kind: "heading", level: 3 });
    expect(readLine("- iv. States are encouraged to ratify", 1)).toMatchObject({ kind: "list", label: "iv", content: "States are encouraged to ratify" });
    expect(readLine("  - Setting up a partnership", 1)).toMatchObject({ kind: "list", label: "-", indent: 2 });
    expect(readLine("(b) Provide shelter", 1)).toMatchObject({ kind: "list", label: "(b)" });
    expect(readLine("b) Provide shelter", 1)).toMatchObject({ kind: "list", label: "b" });
    expect(readLine("¹² See Concept Note", 1)).toMatchObject({ kind: "footnote", label: "12", content: "See Concept Note" });
    expect(readLine("<sup>5</sup> While there is a reference", 1)).toMatchObject({ kind: "footnote", label: "5" });
    expect(readLine("| Recommendation | Response |", 1)).toMatchObject({ kind: "table" });
    expect(readLine("| --- | :---: |", 1)).toMatchObject({ kind: "blank" }); // a markdown table's rule, not a row
  });
  it("detaches footnote markers from the words they stick to", () => {
    expect(cleanInline("support to families*² in the region³.")).toBe("support to families in the region.");
    expect(cleanInline("the 3<sup>RD</sup> Global Mayoral Forum<sup>4</sup>")).toBe("the 3RD Global Mayoral Forum");
    expect(cleanInline("**Global** Coalition on *Migration*")).toBe("Global Coalition on Migration");
  });
  it("unescapes markdown, keeps sub- and superscript texts and __strong__ words", () => {
    expect(cleanInline("\\(a\\) H<sub>2</sub>O, the 3<sup>rd</sup> __strong__ \\*not\\* __open")).toBe("(a) H2O, the 3rd strong not __open");
    expect(cleanInline("__ab__ x __c d__. \\_x\\_ \\\\")).toBe("ab x c d. _x_ \\");
  });
  it("undoes escapes and drops asterisks and superscript digits as the three passes in turn did", () => {
    // The passes cleanInline made one after the other before they became one.
    const inTurn = (s: string) =>
      s
        .replace(/\\([*_#\[\]()\\`-])/g, "$1")
        .replace(/\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, "")
        .replace(/\*+/g, "")
        .replace(/(^|\s)__(\S.*?\S)__(?=\s|$|[.,;:])/g, "$1$2")
        .trim();
    const alphabet = ["\\", "*", "²", "³", "_", "#", "(", ")", "-", "a", "b", " "];
    let state = 7;
    for (let n = 0; n < 3000; n++) {
      let s = "";
      for (let i = n % 14; i >= 0; i--) s += alphabet[(state = (state * 1103515245 + 12345) % 2147483648) % alphabet.length];
      if (s.includes("  ")) continue;
      expect(cleanInline(s), JSON.stringify(s)).toBe(inTurn(s));
    }
  });
  it("keeps text that only looks like HTML", () => {
    expect(cleanInline("a <script>alert(1)</script> tag")).toBe("a <script>alert(1)</script> tag");
  });
  it("keeps link texts, and only links", () => {
    expect(cleanInline("see [the report](http://x.org/a) and ![fig](f.png) [not a link] (x)")).toBe("see the report and fig [not a link] (x)");
    expect(cleanInline("[a [b](c) __bold__ and __open")).toBe("a [b bold and __open");
  });
  it("is linear on one long line full of unclosed marks", () => {
    // Each of these made a regex rescan the rest of the line from every opener: minutes on a 5 MB paragraph.
    for (const unit of ["see [note and ", "[a (b) ", "a __word and ", "x<sup>1 and ", "x<sub>1 and ", "a <b and "]) {
      const line = unit.repeat(50_000);
      const started = performance.now();
      cleanInline(line);
      expect(performance.now() - started, unit).toBeLessThan(1000);
    }
  });
});

describe("sentences", () => {
  const sentencesOf = (t: string) => splitSentences(t).map(([s, e]) => t.slice(s, e));
  it("does not split after abbreviations, initials or numbered references", () => {
    expect(sentencesOf("States, e.g. Kenya, should act. The U.S. Government agreed. See No. 5 and Art. 3 of it.")).toEqual([
      "States, e.g. Kenya, should act.",
      "The U.S. Government agreed.",
      "See No. 5 and Art. 3 of it.",
    ]);
    expect(sentencesOf("Written by J. Smith. It was long! Was it? Yes.")).toEqual(["Written by J. Smith.", "It was long!", "Was it?", "Yes."]);
  });
});

describe("structure of the seeds", () => {
  const doc004 = seed("004");
  it("keeps every block's offsets exact in the normalised text", () => {
    for (const prefix of ["000", "001", "002", "003", "004"]) {
      const doc = seed(prefix);
      for (const b of doc.blocks) {
        expect(doc.text.slice(b.start, b.end)).toBe(b.text);
        for (const s of b.sentences) expect(s.start >= b.start && s.end <= b.end).toBe(true);
      }
    }
  });
  it("reads the numbered parts of seed 004 as headings and their recommendation lists with labels i, ii, ...", () => {
    const part = doc004.blocks.find((b) => b.text.startsWith("II. Enhancing legal migration"))!;
    expect(part).toMatchObject({ kind: "heading", level: 2 });
    const lists = doc004.blocks.filter((b) => b.kind === "heading" && b.text === "Recommendations:");
    expect(lists.length).toBeGreaterThanOrEqual(7);
    const itemsAfter = (heading: (typeof lists)[number]) => {
      const items = [];
      for (let i = heading.index + 1; i < doc004.blocks.length && doc004.blocks[i].kind !== "heading"; i++) {
        if (doc004.blocks[i].kind === "list_item") items.push(doc004.blocks[i]);
      }
      return items;
    };
    expect(itemsAfter(lists[0]).map((b) => b.label)).toEqual(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]);
    expect(itemsAfter(lists[1]).map((b) => b.label)).toEqual(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]);
    expect(itemsAfter(lists[1])[0].section).toEqual(["II. Enhancing legal migration: alternatives to irregular migration", "Recommendations:"]);
  });
  it("re-joins a list item that a footnote split, and keeps the footnote apart", () => {
    const item = doc004.blocks.find((b) => b.text.startsWith("State efforts to respond to trafficking"))!;
    expect(item.kind).toBe("list_item");
    expect(item.text).toContain("criminal penalties, while those who are victims of exploitation");
    expect(item.sentences).toHaveLength(3);
    const footnotes = doc004.blocks.filter((b) => b.kind === "footnote");
    expect(footnotes.some((f) => f.text.startsWith("UN General Assembly, Protocol against the Smuggling"))).toBe(true);
    expect(doc004.blocks.filter((b) => b.kind !== "footnote").every((b) => !b.text.includes("Supplementing the United Nations Convention against Transnational"))).toBe(true);
  });
  it("reads nested lists with their depth (seed 001)", () => {
    const doc = seed("001");
    const nested = doc.blocks.find((b) => b.text.startsWith("Setting up a multi-stakeholder partnership"))!;
    expect(nested).toMatchObject({ kind: "list_item", depth: 1 });
    const parent = doc.blocks[nested.index - 1];
    expect(parent).toMatchObject({ kind: "list_item", depth: 0 });
  });
  it("reads title, date, place and type from the text", () => {
    expect(doc004.meta).toMatchObject({ date: "2010-09-06", place: "Dar es Salaam, Tanzania", language: "en", docType: "conference report" });
    expect(doc004.meta.title).toMatch(/^Regional Conference on Refugee Protection/);
    expect(seed("001").meta.docType).toBe("consultation synthesis");
  });
});

describe("the document's vocabulary for line-break hyphens", () => {
  it("answers as the full word list does, without listing it", () => {
    const text = "The reintegra-\ntion of returnees.\nLong-term plans; reintegration\nof self-\n reliance and well-being. Migra-\ntion";
    const lexicon = new TextLexicon(text), words = vocabularyOf(text);
    for (const w of ["reintegra", "tion", "reintegration", "long-term", "long", "term", "self", "reliance", "well-being", "being", "migra", "returnees", "plan", "of"]) {
      expect(lexicon.has(w), w).toBe(words.has(w));
    }
  });
  it("answers the same when it reads the text in pieces", () => {
    const text = "The reintegra-\ntion of returnees.\nLong-term plans; reintegration\nof self-\n reliance and\n\n  well-being. Migra-\n\ntion\nΟΔΟΣ\nΣ İstanbul";
    const words = ["reintegra", "tion", "reintegration", "long-term", "long", "term", "self", "reliance", "well-being", "being", "migra", "returnees", "plans", "of", "and", "οδος", "οδοσ", "σ", "i̇stanbul", "istanbul"];
    for (const pieceChars of [1, 2, 3, 5, 8, 13]) {
      const whole = new TextLexicon(text, Infinity), inPieces = new TextLexicon(text, pieceChars);
      for (const w of words) expect(inPieces.has(w), `${w} (${pieceChars})`).toBe(whole.has(w));
    }
  });
});

describe("headings guessed from short lines", () => {
  it("takes a short line without a full stop as a heading, but not a question or a long lead-in", () => {
    const doc = docOf("Recommendations:\n\nHow can cities act?\n\nThe participants made the following recommendations:\n\n- States should act.");
    expect(doc.blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "paragraph", "list_item"]);
  });
});

describe("pages", () => {
  it("joins a paragraph that a page break cut, and gives each sentence its own page", () => {
    const doc = docOf(["Intro\n\nStates should review their laws and", "ratify the convention. Cities should act.\n\nNext paragraph."]);
    const para = doc.blocks.find((b) => b.text.startsWith("States should"))!;
    expect(para.text).toBe("States should review their laws and ratify the convention. Cities should act.");
    expect(para.page).toBe(1);
    expect(para.sentences.map((s) => s.page)).toEqual([1, 2]);
    expect(doc.pageStarts).toHaveLength(2);
  });
  it("re-joins words hyphenated at a line break, keeping real hyphens", () => {
    const doc = docOf("Our long-term work on migration.\n\nThe long-\nterm view of migra-\ntion policy.");
    expect(doc.blocks[1].text).toBe("The long-term view of migration policy.");
  });
});

describe("sentenceAt", () => {
  it("finds the sentence holding an offset, as a linear find would, and nothing in the gaps", () => {
    const text = "First one here. Second, after two spaces.  Third! Last";
    const sentences = splitSentences(text).map(([start, end]) => ({ start, end }));
    expect(sentences.length).toBe(4);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      expect(sentenceAt(sentences, offset)).toBe(sentences.find((s) => s.start <= offset && offset < s.end));
    }
    expect(sentenceAt(sentences, text.indexOf("  Third") + 1)).toBeUndefined(); // a space between sentences
    expect(sentenceAt([], 0)).toBeUndefined();
  });
});
