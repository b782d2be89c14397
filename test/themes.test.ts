// Theme matching on sentences written for the purpose: stems, phrases, wildcards,
// exact and acronym terms, regexes, exclusions, proximity, min_hits, longest
// match; then document coding, the tables, a codebook for another sector, and
// `themes suggest`.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Doc } from "../src/types.js";
import { buildDoc } from "../src/text/document.js";
import {
  codeDocument, codeRecommendationText, documentScope, explainThemes, loadCodebook, themeRows, themesMatrix, type Codebook,
} from "../src/extract/themes/index.js";
import { suggestTerms } from "../src/extract/themes/suggest.js";
import { tokenize } from "../src/extract/themes/tokens.js";
import { Command } from "commander";
import { vi } from "vitest";
import { mkdirSync } from "node:fs";
import { registerThemesCommands } from "../src/cli/themes.js";

const dir = mkdtempSync(join(tmpdir(), "sectormap-themes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A codebook from YAML text (themes only; id and version added). */
function codebook(themes: string, extra = ""): Codebook {
  const p = join(dir, `cb${++n}.yaml`);
  writeFileSync(p, `id: t${n}\nversion: "1"\n${extra}themes:\n${themes}`);
  return loadCodebook(p);
}
const codes = (cb: Codebook, text: string) => cb.matcher.match(text).map((h) => h.code);
const evidence = (cb: Codebook, text: string, code: string) => cb.matcher.match(text).find((h) => h.code === code)?.evidence ?? [];

function doc(markdown: string, source = "test.md"): Doc {
  return buildDoc({ source, format: "md", sha256: "", bytes: markdown.length }, { format: "md", pages: markdown.split("\f"), warnings: [] });
}

describe("term matching", () => {
  const cb = codebook(`
  - code: DET
    label: Detention
    terms: [detain | detention]
  - code: ATD
    label: Alternatives
    terms: [alternatives to detention]
  - code: MIG
    label: Migration
    terms: ["migra*"]
  - code: AID
    label: Aid
    terms: ["=aid"]
  - code: ORG
    label: Organisations
    terms: [IOM, organisation]
`);

  it("matches every inflection of a stemmed term, and alternatives as one rule", () => {
    expect(codes(cb, "Migrants were detained for weeks.")).toContain("DET");
    expect(codes(cb, "Two detentions were reported.")).toContain("DET");
    expect(codes(cb, "Nobody was held.")).not.toContain("DET");
  });

  it("matches a phrase word by word, across a hyphen but not across a comma", () => {
    expect(evidence(cb, "We need alternatives to detention now.", "ATD")).toEqual(["alternatives to detention"]);
    expect(codes(cb, "Alternatives-to-detention programmes work.")).toContain("ATD");
    expect(codes(cb, "There were alternatives to, detention of course, nothing.")).not.toContain("ATD");
  });

  it("lets the longest match win: the words of a phrase do not also count for a shorter rule", () => {
    expect(codes(cb, "Alternatives to detention were piloted.")).toEqual(["ATD"]);
    expect(codes(cb, "Alternatives to detention were piloted; detention continued.")).toEqual(["DET", "ATD"]);
  });

  it("matches wildcards on the start of a word", () => {
    expect(evidence(cb, "Migratory routes and migrants' rights.", "MIG")).toEqual(["Migratory", "migrants"]);
    expect(codes(cb, "The mill grinds.")).not.toContain("MIG");
  });

  it("matches =word exactly, without inflections", () => {
    expect(codes(cb, "Humanitarian aid arrived.")).toContain("AID");
    expect(codes(cb, "They aided the returnees.")).not.toContain("AID");
  });

  it("matches acronyms only in capitals, and folds British and American spelling", () => {
    expect(codes(cb, "IOM staff attended.")).toContain("ORG");
    expect(codes(cb, "The iom file.")).not.toContain("ORG");
    expect(codes(cb, "Each organization sent a delegate.")).toContain("ORG");
  });
});

describe("regex, exclusion, proximity and min_hits", () => {
  const cb = codebook(`
  - code: BORDER
    label: Borders
    terms: [border]
    exclude: [cross-border cooperation]
  - code: CONV
    label: Conventions
    regex: ['\\b19[5-9]\\d\\s+convention\\b', '/\\bCAT\\b/']
  - code: CHILD
    label: Child detention
    near:
      - words: [child*, detention | detained]
        within: 3
  - code: CLIMATE
    label: Climate
    terms: [climate, drought]
    min_hits: 2
`);

  it("excludes a term inside an excluded phrase, for its own theme only", () => {
    expect(codes(cb, "Cross-border cooperation improved.")).not.toContain("BORDER");
    expect(codes(cb, "Cross-border cooperation improved at the border.")).toContain("BORDER");
    expect(evidence(cb, "Cross-border cooperation improved at the border.", "BORDER")).toEqual(["border"]);
  });

  it("runs regexes case-insensitively unless written between slashes", () => {
    expect(evidence(cb, "States ratified the 1951 Convention.", "CONV")).toEqual(["1951 Convention"]);
    expect(codes(cb, "the 1951 CONVENTION")).toContain("CONV");
    expect(codes(cb, "The CAT committee met.")).toContain("CONV");
    expect(codes(cb, "The cat sat.")).not.toContain("CONV");
  });

  it("needs every word of a proximity rule within N words", () => {
    expect(evidence(cb, "Children should never be detained.", "CHILD")).toEqual(["Children … detained"]);
    expect(codes(cb, "Detention of unaccompanied children must end.")).toContain("CHILD");
    expect(codes(cb, "Children attended school while, in another country far away, adults faced detention.")).not.toContain("CHILD");
  });

  it("codes a theme only with min_hits hits in the segment", () => {
    expect(codes(cb, "Climate change matters.")).not.toContain("CLIMATE");
    expect(codes(cb, "Climate change brings drought.")).toContain("CLIMATE");
  });

  it("counts a weak (~) term as half a hit", () => {
    const weak = codebook(`
  - code: REF
    label: Refugees
    terms: [~refugees, non-refoulement]
`);
    expect(codes(weak, "Refugees attended the workshop.")).toEqual([]);
    expect(codes(weak, "Refugees and more refugees arrived.")).toEqual(["REF"]);
    expect(codes(weak, "Refugees are protected by non-refoulement.")).toEqual(["REF"]);
    expect(weak.matcher.match("Refugees are protected by non-refoulement.")[0].hits).toBe(1.5);
  });

  it("keeps identical spans for every theme that lists them", () => {
    const twice = codebook(`
  - code: A
    label: A
    terms: [refugee status determination]
  - code: B
    label: B
    terms: [refugee, refugee status determination]
`);
    expect(codes(twice, "Refugee status determination is slow.")).toEqual(["A", "B"]);
    expect(codes(twice, "Refugee camps are full.")).toEqual(["B"]);
  });

  it("counts Equatorial Guinea once, not also as Guinea", () => {
    const places = codebook(`
  - code: GQ
    label: Equatorial Guinea
    terms: [Equatorial Guinea]
  - code: GN
    label: Guinea
    terms: [Guinea]
`);
    expect(codes(places, "Delegates from Equatorial Guinea spoke.")).toEqual(["GQ"]);
    expect(codes(places, "Delegates from Equatorial Guinea and Guinea spoke.")).toEqual(["GQ", "GN"]);
  });
});

describe("codeRecommendationText with the default codebook", () => {
  const cb = loadCodebook();

  it("codes recommendations with the themes they are about", () => {
    expect(codeRecommendationText("The detention of children should be avoided and alternatives to detention identified.", cb)).toContain("T13");
    expect(codeRecommendationText("States should lower the cost of remittances.", cb)).toEqual(["T20"]);
    expect(codeRecommendationText("Border officials should receive training on the identification of victims of trafficking.", cb))
      .toEqual(expect.arrayContaining(["T10", "T11", "T30"]));
    expect(codeRecommendationText("The meeting was held on Tuesday.", cb)).toEqual([]);
  });

  it("codes French recommendations too", () => {
    expect(codeRecommendationText("Renforcer les capacités des autorités locales.", cb).sort()).toEqual(["T26", "T30"]);
    expect(codeRecommendationText("Améliorer la collecte de données sur les migrants de retour.", cb).sort()).toEqual(["T01", "T21"]);
    expect(codeRecommendationText("The M&E framework should track outcomes.", cb)).toEqual(["T01"]);
  });

  it("returns at most four codes, strongest evidence first", () => {
    const text = "Cities, civil society and diaspora organisations should cooperate on return, reintegration, " +
      "remittances, skills recognition, detention and trafficking; returnees need reintegration support.";
    const got = codeRecommendationText(text, cb);
    expect(got).toHaveLength(4);
    expect(got[0]).toBe("T21"); // return, reintegration, returnees, reintegration
  });
});

describe("the codebook's domain", () => {
  const cb = codebook(`
  - code: HEALTH
    label: Health services for migrants
    terms: [health services]
  - code: TRAIN
    label: Training
    general: true
    terms: [training]
`, `domain:
  terms: [migra* | refugee*, ~newcomers]
  min_hits: 2
  min_per_10k_words: 100
`);
  const outside = doc("# Review\n\nHealth services need more staff.\n\nStaff training should improve health services.\n\nHealth services for refugees should be free.\n");
  const inside = doc("# Migration review\n\nMigrants and refugees use health services.\n\nStaff training should improve health services.\n");

  it("finds whether a document is of the domain, with its evidence", () => {
    expect(documentScope(outside, cb)).toMatchObject({ inDomain: false, hits: 1, evidence: ["refugees"] });
    expect(documentScope(inside, cb)).toMatchObject({ inDomain: true, hits: 3 });
    // Without a domain every document is in scope.
    expect(documentScope(outside, codebook(`
  - code: A
    label: A
    terms: [health]
`)).inDomain).toBe(true);
  });

  it("outside the domain codes only general themes, except where a segment names the domain", () => {
    const coded = codeDocument(outside, cb).map((c) => `${c.block}:${c.theme}`);
    const blocks = outside.blocks.filter((b) => b.kind === "paragraph").map((b) => b.index);
    expect(coded).toEqual([`${blocks[1]}:TRAIN`, `${blocks[2]}:HEALTH`]);
    expect(codeDocument(inside, cb).map((c) => c.theme).sort()).toEqual(["HEALTH", "HEALTH", "TRAIN"]);
  });

  it("codes a recommendation in its document's scope", () => {
    const scope = documentScope(outside, cb);
    expect(codeRecommendationText("Staff training should improve health services.", cb, scope)).toEqual(["TRAIN"]);
    expect(codeRecommendationText("Health services should reach refugees.", cb, scope)).toEqual(["HEALTH"]);
    // One weak domain word is not enough to name the domain; two are.
    expect(codeRecommendationText("Health services should reach newcomers.", cb, scope)).toEqual([]);
    expect(codeRecommendationText("Health services should reach newcomers and other newcomers.", cb, scope)).toEqual(["HEALTH"]);
    // Without a scope a text is coded as of the domain.
    expect(codeRecommendationText("Staff training should improve health services.", cb).sort()).toEqual(["HEALTH", "TRAIN"]);
  });

  it("says in inspect why a document gets only its general themes", () => {
    expect(explainThemes(outside, cb)).toMatch(/outside the codebook's domain \(1 domain word, .*refugees; needs 2 and 100 per 10k\): only its general themes are coded \(TRAIN\)/);
  });

  it("keeps migration themes off the default codebook's health text, but not off a migration text", () => {
    const def = loadCodebook();
    const health = doc("# Mental health data review\n\nProviders should improve data collection on mental health inpatient services and share data with partners.\n\nBoards should have training in data literacy.\n");
    const scope = documentScope(health, def);
    expect(scope.inDomain).toBe(false);
    expect(codeRecommendationText("Providers should improve data collection on mental health inpatient services.", def, scope)).toEqual([]);
    expect(codeRecommendationText("Boards should have training in data literacy.", def, scope)).toEqual(["T30"]);
    expect(codeRecommendationText("Providers should collect data on the mental health of asylum seekers.", def, scope)).toContain("T01");
  });
});

describe("documents and tables", () => {
  const cb = loadCodebook();
  const d = doc(`# Detention and return

Immigration detention should be a measure of last resort.

- Returnees need reintegration support.
- The weather was fine.

¹ UNHCR, Detention Guidelines, 2012.
\fA second page about the smuggling of migrants and smugglers.
`);

  it("codes paragraphs and list items with the block's offsets, not headings or footnotes", () => {
    const codings = codeDocument(d, cb);
    const kinds = new Set(codings.map((c) => d.blocks[c.block].kind));
    expect([...kinds].sort()).toEqual(["list_item", "paragraph"]);
    const det = codings.find((c) => c.theme === "T13")!;
    const block = d.blocks[det.block];
    expect(d.text.slice(det.start, det.end)).toBe(block.text);
    expect(det.evidence).toEqual(["Immigration detention", "last resort"]);
    const smuggling = codings.find((c) => c.theme === "T09")!;
    expect(smuggling.page).toBe(2);
  });

  it("counts segments, share and rate per 10,000 words per theme", () => {
    const rows = themeRows(d, codeDocument(d, cb), cb);
    expect(rows.map((r) => r.theme)).toEqual(cb.themes.map((t) => t.code));
    const eligible = d.blocks.filter((b) => b.kind === "paragraph" || b.kind === "list_item").length;
    const t21 = rows.find((r) => r.theme === "T21")!;
    expect(t21.segments).toBe(1);
    expect(t21.share).toBe(Math.round((1 / eligible) * 10000) / 10000);
    expect(t21.per_10k_words).toBe(Math.round((10000 / d.meta.words) * 100) / 100);
    expect(rows.find((r) => r.theme === "T08")).toMatchObject({ segments: 0, share: 0, per_10k_words: 0 });
  });

  it("widens the long table into one row per document", () => {
    const m = themesMatrix(
      [
        { doc_id: "d1", source: "a.pdf", theme: "T13", segments: 3 },
        { doc_id: "d1", source: "a.pdf", theme: "T21", segments: 1 },
        { doc_id: "d2", source: "b.pdf", theme: "T30", segments: 2 },
      ],
      cb,
    );
    expect(m.columns.slice(0, 4)).toEqual(["doc_id", "source", "T01", "T02"]);
    expect(m.columns).toHaveLength(32);
    expect(m.rows).toHaveLength(2);
    expect(m.rows[0]).toMatchObject({ doc_id: "d1", source: "a.pdf", T13: 3, T21: 1, T30: 0 });
    expect(m.rows[1]).toMatchObject({ doc_id: "d2", T30: 2, T13: 0 });
  });

  it("explains each coded segment with its evidence", () => {
    const text = explainThemes(d, cb);
    expect(text).toMatch(/T13 \(2 hits\): Immigration detention; last resort/);
    expect(text).toMatch(/T21 \(\d hits?\): Returnees; reintegration/);
    expect(text).toMatch(/3 of 4 segments coded/);
    expect(text).not.toMatch(/weather/);
  });
});

describe("a codebook for another sector", () => {
  // Climate and health themes: no migration vocabulary, no code change.
  const cb = codebook(
    `
  - code: ADAPT
    label: Climate adaptation
    description: Adapting to the effects of climate change.
    terms: [adaptation | adapt, flood defences, drought-resistant crops, early warning system*]
    exclude: [adaptation fund]
  - code: HEAT
    label: Heat and health
    description: Health effects of extreme heat.
    terms: [heatwave* | heat wave*, heat stroke]
    near:
      - words: [hospital* | clinic*, heat*]
        within: 6
    regex: ['\\b\\d{2}\\s?°C\\b']
`,
    "code_blocks: [paragraph, list_item, heading]\n",
  );

  const d = doc(`# Adapting cities to heat

Municipalities should adapt drainage and build flood defences before the rainy season.

Hospitals reported admissions during the heat; temperatures reached 45 °C in July.

- Install early warning systems for heatwaves.
- The Adaptation Fund approved the budget.
`);

  it("codes a text of that sector with its own themes", () => {
    const codings = codeDocument(d, cb);
    const byBlock = new Map<number, string[]>();
    for (const c of codings) byBlock.set(c.block, [...(byBlock.get(c.block) ?? []), c.theme]);
    expect([...byBlock.values()]).toEqual([["ADAPT"], ["ADAPT"], ["HEAT"], ["ADAPT", "HEAT"]]); // the Adaptation Fund is excluded
    expect(d.blocks[codings[0].block].kind).toBe("heading"); // code_blocks asked for headings
    const heat = codings.find((c) => c.theme === "HEAT" && d.blocks[c.block].text.startsWith("Hospitals"))!;
    expect(heat.evidence).toEqual(["Hospitals … heat", "45 °C"]);
  });

  it("fills the theme table with its own codes", () => {
    const rows = themeRows(d, codeDocument(d, cb), cb);
    expect(rows.map((r) => [r.theme, r.segments])).toEqual([["ADAPT", 3], ["HEAT", 2]]);
    expect(codeRecommendationText("Build flood defences and early warning systems.", cb)).toEqual(["ADAPT"]);
  });
});

describe("themes suggest", () => {
  const cb = loadCodebook();
  const texts = [
    "The steering group met. Participants discussed the blue card scheme and the digital nomad visa.",
    "Digital nomad visa holders and the blue card scheme were discussed again by the group.",
    "The blue card scheme needs funding. Digital nomad visa rules differ; the blue card scheme matters.",
  ];
  const docs = texts.map((t, i) => doc(t, `d${i}.txt`));

  it("lists frequent multi-word terms that no rule covers, with counts and an example", () => {
    const found = suggestTerms(docs, cb, { minCount: 2 });
    const terms = found.map((s) => s.term);
    expect(terms).toContain("blue card scheme");
    const bcs = found.find((s) => s.term === "blue card scheme")!;
    expect(bcs).toMatchObject({ count: 4, docs: 3, source: "d0.txt" });
    expect(bcs.example).toBe("Participants discussed the blue card scheme and the digital nomad visa.");
    // "digital nomad visa" contains "visa", which T05 covers; fragments of longer terms are dropped.
    expect(terms).not.toContain("digital nomad visa");
    expect(terms).not.toContain("blue card");
    expect(terms).not.toContain("card scheme");
  });

  it("drops rare terms and respects top", () => {
    expect(suggestTerms(docs, cb, { minCount: 5 })).toEqual([]);
    expect(suggestTerms(docs, cb, { minCount: 1, top: 3 })).toHaveLength(3);
  });
});

describe("sectormap themes suggest", () => {
  it("reads a folder and prints the uncovered terms as JSON", async () => {
    const folder = join(dir, "corpus");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "a.txt"), "The blue card scheme was debated. Employers liked the blue card scheme.\n");
    writeFileSync(join(folder, "b.txt"), "A blue card scheme for nurses was proposed by the ministry.\n");
    const program = new Command().exitOverride();
    registerThemesCommands(program);
    let out = "";
    const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await program.parseAsync(["node", "sectormap", "themes", "suggest", folder, "--json", "--min-count", "2"]);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    const found = JSON.parse(out) as Array<{ term: string; count: number; docs: number }>;
    expect(found[0]).toMatchObject({ term: "blue card scheme", count: 3, docs: 2 });
  });
});

describe("word scanning", () => {
  it("drops a possessive 's and gives every occurrence of a word one shared forms object", () => {
    const tokens = tokenize("Women's rights, women’s rights and WOMEN RIGHTS");
    expect(tokens.map((t) => t.word.raw)).toEqual(["Women", "rights", "women", "rights", "and", "WOMEN", "RIGHTS"]);
    expect(tokens[1].word).toBe(tokens[3].word);
    expect(tokens[0].word).not.toBe(tokens[2].word); // the forms keep the case as written
    expect(tokens[0].word.lower).toBe(tokens[2].word.lower);
  });

  it("reads astral letters as letters and a lone surrogate as a separator", () => {
    expect(tokenize("𝐀𝐁 x\uD800y d’identité").map((t) => t.word.raw)).toEqual(["𝐀𝐁", "x", "y", "identité"]);
  });

  it("drops a French elided article or pronoun, and joins a phrase across it", () => {
    const tokens = tokenize("l'OIM et qu’ils, demandeurs d'asile; don't O'Brien I'm");
    expect(tokens.map((t) => t.word.raw)).toEqual(["OIM", "et", "ils", "demandeurs", "asile", "don't", "O'Brien", "I'm"]);
    expect(tokens[4].joined).toBe(true); // "demandeurs d'asile" is one phrase
    expect(tokens[2].joined).toBe(true);
    expect(tokens[3].joined).toBe(false); // not across the comma
  });

  it("joins words across spaces, hyphens and a dropped 's, not across punctuation", () => {
    expect(tokenize("data-sharing, women's rights").map((t) => t.joined)).toEqual([true, true, false, true]);
  });

  it("grows a token list past its first size, words and offsets intact", () => {
    const text = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const tokens = tokenize(text);
    expect(tokens.length).toBe(3000);
    expect(tokens[2999].word.raw).toBe("w2999");
    expect(text.slice(tokens[1500].start, tokens[1500].end)).toBe("w1500");
  });
});

describe("matchers sharing one token list", () => {
  const a = codebook(`
  - code: DET
    label: Detention
    terms: [detention, alternatives to detention]
`);
  const b = codebook(`
  - code: RET
    label: Return
    terms: [return]
`);
  it("give each text its own answer, whichever matcher scanned what before", () => {
    const first = "Alternatives to detention before any return.";
    const second = "Return and reintegration, not detention.";
    const alone = [codes(a, first), codes(b, first), codes(a, second), codes(b, second)];
    // Interleaved: the same text asked of two matchers in a row, then another text.
    expect([codes(a, first), codes(b, first), codes(a, second), codes(b, second)]).toEqual(alone);
    expect(alone).toEqual([["DET"], ["RET"], ["DET"], ["RET"]]);
    expect(evidence(a, first, "DET")).toEqual(["Alternatives to detention"]);
    expect(evidence(a, second, "DET")).toEqual(["detention"]);
  });
});

describe("regexes on a document's segments", () => {
  const cb = codebook(`
  - code: ME
    label: Monitoring and evaluation
    regex: ['/\\bM&E\\b/']
  - code: ANNEX
    label: Annexes
    regex: ['^annex']
`);
  const codedBlocks = (d: Doc, code: string) => codeDocument(d, cb).filter((c) => c.theme === code).map((c) => d.blocks[c.block].text);

  it("codes the segment a regex matches in, and no other", () => {
    const d = doc("A first paragraph.\n\nThe M&E plan is due.\n\nA last paragraph.");
    expect(codedBlocks(d, "ME")).toEqual(["The M&E plan is due."]);
  });

  it("tries anchored regexes on each segment, though the document's text matches them only at its start", () => {
    const d = doc("A first paragraph.\n\nAnnex material follows.");
    expect(codedBlocks(d, "ANNEX")).toEqual(["Annex material follows."]);
  });
});

describe("regexes that can match nothing", () => {
  it("step over characters outside the Basic Multilingual Plane instead of looping on them", () => {
    const cb = codebook(`
  - code: X
    label: Xs
    regex: ['x*']
`);
    expect(codes(cb, "😀 then x")).toEqual(["X"]);
  });
});
