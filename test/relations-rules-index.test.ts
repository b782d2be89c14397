// The relation rules' word indexes (built once per thread) are what testing every pair gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileRelationRules, DEFAULT_RELATION_RULES_PATH } from "../src/extract/relations/rules.js";

describe("relation rules: word indexes", () => {
  const shipped = readFileSync(DEFAULT_RELATION_RULES_PATH, "utf8");
  // A small file of our own too: a word listed twice in one rule, words that are prefixes of others.
  const own = `keywords: [fund]
negation: "\\\\bnot\\\\s*$"
project_heads: [Project]
lower_heads: [project]
rules:
  - {id: a, relation: funds, pattern: "(?<t>funded by)", words: [funded, fund, funded], from: after, to: before}
  - {id: b, relation: partners, pattern: "(?<t>fund(?:ing)? partners?)", words: [fund, funding], from: before, to: after}
  - {id: c, relation: implements, pattern: "(?<t>implemented)", words: [implemented], from: after, to: before}
`;
  for (const [name, text] of [["shipped", shipped], ["own", own]] as const) {
    it(`${name}: prefixes and rules of each word, as testing every pair`, () => {
      const r = compileRelationRules(text, name);
      expect(r.words.length).toBeGreaterThan(2);
      expect(r.prefixesOf).toEqual(new Map(r.words.map((w) => [w, r.words.flatMap((v, j) => (w.startsWith(v) ? [j] : []))])));
      expect(r.rulesOfWord).toEqual(r.words.map((_, id) => r.rules.flatMap((rule, k) => (rule.wordIds.includes(id) ? [k] : []))));
    });
  }
});
