// The shortcuts that make the recommendations stage cheaper must not change what it finds:
// each is checked here against the plain computation it replaces.
import { describe, expect, it } from "vitest";
import { groupCount, loadRecommendationRules } from "../src/extract/recommendations/rules.js";

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
