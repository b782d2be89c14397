// A document's words are scanned once and shared (src/extract/themes/doc-tokens.ts): its blocks
// and its recommendations, stretches of blocks, are coded from the block's tokens and phrases.
// The codes must be those of each text coded alone, at every edge a stretch can have.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Doc } from "../src/types.js";
import { buildDoc } from "../src/text/document.js";
import { codeDocument, codeRecommendation, codeRecommendationText, documentScope, isCodable, loadCodebook, type Codebook } from "../src/extract/themes/index.js";
import { extractRecommendations, loadRecommendationRules } from "../src/extract/recommendations/index.js";
import { readDoc } from "../src/pipeline/process.js";

const dir = mkdtempSync(join(tmpdir(), "sectormap-doc-tokens-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function doc(markdown: string): Doc {
  return buildDoc({ source: "t.md", format: "md", sha256: "", bytes: markdown.length }, { format: "md", pages: [markdown], warnings: [] });
}

/** The recommendation-like unit `text` of `d`: its block and offset, as the recommendations stage gives them. */
function unit(d: Doc, text: string) {
  const start = d.text.indexOf(text);
  if (start < 0) throw new Error(`not in the document: ${text}`);
  const block = d.blocks.find((b) => b.start <= start && start < b.end)!;
  return { text, block: block.index, start };
}

describe("codeRecommendation reads its block's words", () => {
  const cb: Codebook = (() => {
    const p = join(dir, "cb.yaml");
    writeFileSync(p, `id: dt
version: "1"
themes:
  - code: DET
    label: Detention
    terms: [detention]
  - code: IMM
    label: Immigration detention
    terms: [immigration detention]
  - code: ME
    label: Monitoring
    regex: ['/\\bM&E\\b/']
  - code: RIGHTS
    label: Rights
    terms: [rights]
    exclude: [rights holders]
  - code: NEAR
    label: Monitoring rights
    near:
      - words: [monitor, abuses]
        within: 3
`);
    return loadCodebook(p);
  })();

  const withDomain = (() => {
    const p = join(dir, "domain.yaml");
    writeFileSync(p, `id: dom\nversion: "1"\ndomain:\n  terms: [closed]\nthemes:\n  - code: X\n    label: X\n    terms: [x]\n`);
    return loadCodebook(p);
  })();

  const markdown = `States should end immigration detention of children. M&E systems should monitor abuses.

The rights holders were consulted. Rights matter.

Staff should report nondetention cases.

- Their families face immigration

Detention centres were closed.
`;
  const d = doc(markdown);

  const cases = [
    "detention of children.", // a phrase of the block ("immigration detention") runs across its start
    "States should end immigration", // ... and across its end
    "M&E systems should monitor abuses.", // a regex at its start, a proximity rule inside
    "The rights holders were consulted. Rights matter.", // the whole block, with an exclusion
    "holders were consulted. Rights matter.", // an exclusion cut by its start: "rights" outside it
    "Rights matter.",
    "Staff should report nondetention cases.", // a whole block after other blocks
    "detention cases.", // cut inside a word: coded alone
    "Detention centres were closed.", // the last block, first in reverse order
    "tention of children.",
  ];

  it("gives each stretch the codes of its text coded alone", () => {
    const scope = documentScope(d, cb);
    for (const text of cases) {
      expect(codeRecommendation(unit(d, text), d, cb, scope), text).toEqual(codeRecommendationText(text, cb, scope));
    }
    // The same answers whatever the order (each block found once, kept until codeDocument).
    for (const text of [...cases].reverse()) {
      expect(codeRecommendation(unit(d, text), d, cb, scope), text).toEqual(codeRecommendationText(text, cb, scope));
    }
    expect(codeRecommendation(unit(d, "detention of children."), d, cb, scope)).toEqual(["DET"]);
    expect(codeRecommendation(unit(d, "holders were consulted. Rights matter."), d, cb, scope)).toEqual(["RIGHTS"]);
    expect(codeRecommendation(unit(d, "detention cases."), d, cb, scope)).toEqual(["DET"]);
  });

  it("codes text that is not the document's at its offset (cleaned of marks) as text alone", () => {
    const at = unit(d, "detention of children.");
    expect(codeRecommendation({ ...at, text: "immigration detention" }, d, cb)).toEqual(["IMM"]);
  });

  it("codes each block as its text alone, before and after recommendations were coded from it", () => {
    // (No phrase runs from one block into the next: "immigration" / "Detention centres".)
    const alone = d.blocks.filter((b) => isCodable(b, cb)).flatMap((b) => cb.matcher.match(b.text).map((h) => `${b.index}:${h.code}:${h.evidence.join(",")}`));
    const coded = (x: Doc) => codeDocument(x, cb).map((c) => `${c.block}:${c.theme}:${c.evidence.join(",")}`);
    expect(coded(doc(markdown))).toEqual(alone);
    const again = doc(markdown);
    for (const text of [...cases].reverse()) codeRecommendation(unit(again, text), again, cb); // later blocks scanned first
    expect(coded(again)).toEqual(alone);
    // Every block scanned before any is coded, as when the document's scope is looked for in all of them.
    const scanned = doc(markdown);
    documentScope(scanned, withDomain, true);
    expect(coded(scanned)).toEqual(alone);
    const item = d.blocks.find((b) => b.text.endsWith("face immigration"))!;
    expect(isCodable(item, cb)).toBe(true);
    expect(alone.filter((c) => c.startsWith(`${item.index}:`))).toEqual([]);
    expect(alone).toContain(`${item.index + 1}:DET:Detention`);
  });
});

describe("on the seed documents with the default codebook", () => {
  const seeds = join(import.meta.dirname, "../corpora/seeds");

  it("every recommendation gets the codes of its text coded alone", async () => {
    const cb = loadCodebook();
    const rules = loadRecommendationRules();
    let compared = 0;
    for (const file of readdirSync(seeds).sort().slice(0, 12)) {
      const d = await readDoc({ absPath: join(seeds, file), source: file, ext: extname(file) });
      const scope = documentScope(d, cb);
      for (const rec of extractRecommendations(d, rules)) {
        expect(codeRecommendation(rec, d, cb, scope), rec.text).toEqual(codeRecommendationText(rec.text, cb, scope));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
