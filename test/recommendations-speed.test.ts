// The shortcuts that make the recommendations stage cheaper must not change what it finds:
// each is checked here against the plain computation it replaces.
import { describe, expect, it } from "vitest";
import { loadRecommendationRules } from "../src/extract/recommendations/rules.js";
import { groupCount, opensWithWordChar } from "../src/extract/recommendations/pattern-source.js";
import { lemma } from "../src/extract/recommendations/action.js";

const rules = loadRecommendationRules();

/** Capture groups as the regex engine counts them (what groupCount replaced: a compile and a run). */
const enginesCount = (source: string, flags = "") => new RegExp(`${source}|`, flags).exec("")!.length - 1;

describe("groupCount reads the number of capture groups from the source", () => {
  it("agrees with the regex engine on every pattern of the shipped rules", () => {
    const sources = [
      ...rules.triggers.flatMap((t) => t.patterns.map((re) => re)),
      ...rules.masks.map((m) => m.re),
      ...rules.scanners.map((s) => s.re),
      rules.maskScanner.re,
    ];
    expect(sources.length).toBeGreaterThan(50);
    for (const re of sources) expect(groupCount(re.source), re.source).toBe(enginesCount(re.source, re.flags));
  });

  it("skips escaped brackets, classes, lookarounds and non-capturing groups; counts named groups", () => {
    const cases = ["\\(a\\)", "[(]x[)]", "[\\](]", "(?:a)(b)", "(?=a)(?!b)(?<=c)(?<!d)", "(?<who>\\w+)\\s(x)", "a\\\\(b)", "[a\\]]((c))"];
    for (const source of cases) expect(groupCount(source), source).toBe(enginesCount(source));
  });
});

describe("opensWithWordChar: every match of the pattern starts with a word character", () => {
  it("holds for patterns that open with letters, \\w, word classes or groups of those, after zero-width assertions", () => {
    const yes = ["foo", "a?b", "(?:fully\\s+)?(?:accepted|agreed)", "x{0,2}y", "(?:a|b)c", "(?<=^\\W{0,3})(?:x|y)", "[A-Z][a-z]+", "[Ww]e\\s", "\\w+", "(?<who>ab)", "(?:we|they)\\s", "\\bit(?!s)", "x{1,3}"];
    for (const source of yes) expect(opensWithWordChar(source), source).toBe(true);
  });

  it("is false when a branch may open with anything else, or with nothing", () => {
    const no = ["(?:a|)b", "a?-b", "a*", "x{0,2}\\s", "(?:-)?a", "\\s+a", "[’']s", "(?:a|-b)", ".x", "[^a]", "[A-z]", "(?=a)", "\\d|\\.", "\\p{L}+", "é"];
    for (const source of no) expect(opensWithWordChar(source), source).toBe(false);
  });

  it("the shipped scanners test the word start once (so the rules keep the fast form)", () => {
    for (const scanner of rules.scanners) expect(scanner.re.source.startsWith("\\b(?=\\w)(?:")).toBe(true);
  });

  it("a scanner with the word-start test finds exactly what the plain joined form finds", () => {
    // Sentences written for this test: triggers at word starts, after punctuation, inside words,
    // at the very start and end, and next to non-word characters.
    const texts = [
      "States should adopt policies; we will report.", "-should", "unshould shouldered", "IOM will train staff.",
      "(must) 'shall' “urge” —call upon—", "The ministry expects all providers to report.", "There is a need for data",
      "it is important to note", "Recommendation 2 accepted:", "Cities could be improved.", "x", "",
    ];
    for (const scanner of rules.scanners) {
      const plain = new RegExp(scanner.re.source.replace("\\b(?=\\w)(?:", "\\b(?:"), scanner.re.flags);
      for (const text of texts) {
        const ours = [...text.matchAll(scanner.re)].map((m) => [m.index, m[0], m.findIndex((g, k) => k > 0 && g !== undefined)]);
        const theirs = [...text.matchAll(plain)].map((m) => [m.index, m[0], m.findIndex((g, k) => k > 0 && g !== undefined)]);
        expect(ours, text).toEqual(theirs);
      }
    }
  });
});

describe("lemma keeps each word form's base form", () => {
  it("gives the same base forms on the first call and on the cached ones", () => {
    const forms: Array<[string, string]> = [["strengthened", "strengthen"], ["ratifying", "ratify"], ["Ensures", "ensure"], ["review", "review"]];
    for (let round = 0; round < 2; round++) for (const [form, base] of forms) expect(lemma(form), form).toBe(base);
  });
});
