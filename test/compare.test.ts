// Compare: statistics against hand-worked values, the similarity index against
// brute force, and the group diff on a small dataset written here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { erfc, gSquared, logRatio, pValueChiSquare1 } from "../src/compare/stats.js";
import { SimilarityIndex, cosine, tfidfVectors } from "../src/compare/similarity.js";
import { contentStems } from "../src/compare/tokens.js";
import { wordChanges } from "../src/compare/worddiff.js";
import { jsonField } from "../src/compare/jsonl.js";
import { Dataset } from "../src/compare/dataset.js";
import { diffGroups, matcherFor } from "../src/compare/groups.js";
import { diffVersions, hasChanges } from "../src/compare/versions.js";
import { csvLine } from "../src/dataset/csv.js";
import { TABLES, type TableName } from "../src/dataset/tables.js";
import { renderCsv, renderMarkdown, renderTerminal } from "../src/compare/render.js";
import type { Report } from "../src/compare/report.js";

describe("log-likelihood G²", () => {
  it("matches a value worked by hand", () => {
    // Theme in 10 of A's 100 segments and 5 of B's 200. Pooled rate 15/300 = 0.05, so
    // expected: A with 5, A without 95, B with 10, B without 190. Observed 10, 90, 5, 195.
    // G² = 2 [10 ln(10/5) + 90 ln(90/95) + 5 ln(5/10) + 195 ln(195/190)]
    //    = 2 [6.931472 - 4.866049 - 3.465736 + 5.065221] = 2 × 3.664908 = 7.329816
    const table = { a: 10, totalA: 100, b: 5, totalB: 200 };
    expect(gSquared(table)).toBeCloseTo(7.32981, 4);
    // p = P(χ²₁ ≥ 7.3298): between the 1% (6.635) and 0.5% (7.879) critical values.
    const p = pValueChiSquare1(gSquared(table));
    expect(p).toBeGreaterThan(0.005);
    expect(p).toBeLessThan(0.01);
    // Log Ratio = log2((10.5/100) / (5.5/200)) = log2(3.81818) = 1.93289
    expect(logRatio(table)).toBeCloseTo(1.93289, 4);
  });

  it("is 0 for equal rates and symmetric in the groups", () => {
    expect(gSquared({ a: 5, totalA: 50, b: 10, totalB: 100 })).toBeCloseTo(0, 10);
    expect(gSquared({ a: 3, totalA: 40, b: 17, totalB: 60 })).toBeCloseTo(gSquared({ a: 17, totalA: 60, b: 3, totalB: 40 }), 10);
    expect(gSquared({ a: 0, totalA: 10, b: 0, totalB: 10 })).toBe(0);
  });

  it("gives the textbook p-values at the χ²₁ critical values", () => {
    expect(pValueChiSquare1(3.841459)).toBeCloseTo(0.05, 5);
    expect(pValueChiSquare1(6.634897)).toBeCloseTo(0.01, 5);
    expect(pValueChiSquare1(10.827566)).toBeCloseTo(0.001, 5);
    expect(pValueChiSquare1(0)).toBe(1);
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(-1)).toBeCloseTo(2 - erfc(1), 6);
  });
});

describe("similarity", () => {
  it("stems and drops function and trigger words", () => {
    expect(contentStems("States should ratify the Convention")).toEqual(["state", "ratifi", "convent"]);
    expect(contentStems("States are encouraged to ratify conventions")).toEqual(["state", "ratifi", "convent"]);
  });

  it("scores paraphrases above unrelated texts", () => {
    const [a, b, c] = tfidfVectors([
      "States should ratify the Migrant Workers Convention.",
      "States are encouraged to ratify the Convention on Migrant Workers.",
      "Donors should fund legal aid for detained asylum seekers.",
    ]);
    expect(cosine(a, b)).toBeGreaterThan(0.9);
    expect(cosine(a, c)).toBe(0);
    expect(cosine(a, a)).toBeCloseTo(1, 10);
  });

  it("finds through the inverted index what brute force finds", () => {
    const texts = [
      "ratify the migrant workers convention",
      "fund legal aid for asylum seekers in detention",
      "train border officials on refugee protection",
      "collect data on mixed migration flows and share it",
      "support migrant-led organisations with core funding",
      "end the detention of children for immigration purposes",
    ];
    const queries = [
      "states should ratify the convention on migrant workers",
      "legal aid for detained asylum seekers must be funded",
      "share data on mixed migration",
      "children should never be detained",
      "a text about nothing in the list",
    ];
    const vectors = tfidfVectors([...texts, ...queries]);
    const index = new SimilarityIndex();
    texts.forEach((_, i) => index.add(vectors[i]));
    for (const threshold of [0.1, 0.3, 0.5]) {
      queries.forEach((_, q) => {
        const query = vectors[texts.length + q];
        const scores = texts.map((_, i) => cosine(query, vectors[i]));
        const top = Math.max(...scores);
        const expected = top >= threshold ? scores.indexOf(top) : undefined;
        expect(index.best(query, threshold)?.index, `query ${q} at ${threshold}`).toBe(expected);
      });
    }
  });

  it("describes an edit word by word", () => {
    expect(wordChanges("States should consider signing the instruments addressing rights", "States should consider ratifying the instruments protecting rights")).toBe(
      "[-signing-] {+ratifying+} [-addressing-] {+protecting+}",
    );
    expect(wordChanges("a b c", "a b c d")).toBe("{+d+}");
  });
});

describe("reading fields of a JSONL line", () => {
  it("agrees with JSON.parse, whatever the text holds", () => {
    const row = {
      rec_id: "r1",
      text: 'He said "strength":"weak", then \\"doc_id\\": x \\ and a tab\t.',
      doc_id: "d\"1",
      page: 12,
      share: 0.25,
      strength: "strong",
      empty: "",
    };
    const line = JSON.stringify(row);
    for (const [k, v] of Object.entries(row)) expect(jsonField(line, k), k).toEqual(v);
    expect(jsonField(line, "missing")).toBeUndefined();
  });
});

describe("group matching", () => {
  it("compares dates as text, by their start, and globs sources", () => {
    const before = matcherFor("date", "<2015");
    expect(["2010-09-06", "2014-12", "2015", "2015-05-12", ""].map(before)).toEqual([true, true, false, false, false]);
    const from = matcherFor("date", ">=2015");
    expect(["2014-12-31", "2015", "2015-05-12", "2018"].map(from)).toEqual([false, true, true, true]);
    const year = matcherFor("date", "2010");
    expect(["2010", "2010-09-06", "20101"].map(year)).toEqual([true, true, false]);
    expect(["reports/a.pdf", "notes/b.pdf"].map(matcherFor("source", "reports/*"))).toEqual([true, false]);
  });
});

/** Temporary dataset folders written by the tests below, removed at the end. */
const folders: string[] = [];
function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A dataset folder with the given tables (JSONL, every declared column, as the writer does) and a minimal manifest. */
function writeDataset(tables: Record<string, Array<Record<string, unknown>>>): string {
  const dir = tempFolder("sectormap-compare-");
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "sectormap", version: "test", options: { formats: ["jsonl"] }, inputs: [], rows: {} }));
  for (const [name, rows] of Object.entries(tables)) {
    const columns = TABLES[name as TableName].columns;
    const full = (r: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? (c.type === "string" ? "" : 0)]));
    writeFileSync(join(dir, `${name}.jsonl`), rows.map((r) => JSON.stringify(full(r)) + "\n").join(""));
  }
  return dir;
}

const paragraphs = (docId: string, n: number) => Array.from({ length: n }, (_, i) => ({ segment_id: `${docId}-s${i}`, doc_id: docId, kind: "paragraph", text: `Paragraph ${i}.` }));

describe("diff of two groups", () => {
  // Group A (evaluations): 60 + 40 segments read for themes, T01 in 6 + 4. Group B (reports): 150 + 50,
  // T01 in 5: the hand-worked table above. r2 has no theme coded, so its 50 paragraphs are counted from
  // the segments table (its 7 headings are not read by theme coding); the others' come from share.
  const dir = writeDataset({
    documents: [
      { doc_id: "e1", source: "e1.pdf", doc_type: "evaluation", date: "2012", status: "ok" },
      { doc_id: "e2", source: "e2.pdf", doc_type: "evaluation", date: "2013", status: "ok" },
      { doc_id: "r1", source: "r1.pdf", doc_type: "conference report", date: "2019", status: "ok" },
      { doc_id: "r2", source: "r2.pdf", doc_type: "conference report", date: "2019-05", status: "warning" },
      { doc_id: "x", source: "x.pdf", doc_type: "other", date: "", status: "error" },
    ],
    segments: [
      ...paragraphs("r2", 50),
      ...Array.from({ length: 7 }, (_, i) => ({ segment_id: `r2-h${i}`, doc_id: "r2", kind: "heading", text: "Heading" })),
    ],
    themes: [
      { doc_id: "e1", theme: "T01", label: "Labour migration", segments: 6, share: 0.1 },
      { doc_id: "e2", theme: "T01", label: "Labour migration", segments: 4, share: 0.1 },
      { doc_id: "r1", theme: "T01", label: "Labour migration", segments: 5, share: 0.0333 },
      { doc_id: "r2", theme: "T01", label: "Labour migration", segments: 0, share: 0 },
      { doc_id: "e1", theme: "T02", label: "Detention", segments: 0, share: 0 },
      { doc_id: "r1", theme: "T02", label: "Detention", segments: 20, share: 0.1333 },
    ],
    actors: [
      { actor_id: "a-iom", name: "International Organization for Migration", type: "igo" },
      { actor_id: "a-unhcr", name: "UNHCR", type: "igo" },
      { actor_id: "a-mfa", name: "Migrant Forum in Asia", type: "network" },
    ],
    mentions: [
      { actor_id: "a-iom", doc_id: "e1" },
      { actor_id: "a-iom", doc_id: "r1" },
      { actor_id: "a-unhcr", doc_id: "e2" },
      { actor_id: "a-mfa", doc_id: "r1" },
      { actor_id: "a-mfa", doc_id: "r1" },
    ],
    recommendations: [
      { rec_id: "x1", doc_id: "e1", addressee_type: "state", strength: "strong", text: "States should act." },
      { rec_id: "x2", doc_id: "e2", addressee_type: "igo", strength: "advisory", text: "IOM could act." },
      { rec_id: "x3", doc_id: "r1", addressee_type: "state", strength: "advisory", text: "States might act." },
    ],
  });

  it("tests each theme's share with G² and lists actors and addressees per group", () => {
    const data = new Dataset(dir);
    expect(Object.fromEntries(data.eligibleSegments())).toEqual({ e1: 60, e2: 40, r1: 150, r2: 50 });
    const diff = diffGroups(data, { by: "doc_type", a: "evaluation", b: "conference report" });
    expect(diff.a).toMatchObject({ documents: 2, segments: 100, recommendations: 2 });
    expect(diff.b).toMatchObject({ label: "doc_type conference report", documents: 2, segments: 200, recommendations: 1 });
    const t01 = diff.themes.find((t) => t.theme === "T01")!;
    expect(t01).toMatchObject({ label: "Labour migration", a_segments: 10, b_segments: 5, a_share: 0.1, b_share: 0.025 });
    expect(t01.g2).toBeCloseTo(7.32981, 4);
    // T02: 0/100 against 20/200 - the larger difference in share comes first.
    expect(diff.themes.map((t) => t.theme)).toEqual(["T02", "T01"]);
    expect(diff.themes[0].difference).toBeCloseTo(-0.1, 10);
    expect(diff.actorsGained.map((a) => [a.name, a.mentions])).toEqual([["Migrant Forum in Asia", 2]]);
    expect(diff.actorsLost.map((a) => a.name)).toEqual(["UNHCR"]);
    expect(diff.addresseeTypes.find((r) => r.value === "state")).toMatchObject({ a_count: 1, a_share: 0.5, b_count: 1, b_share: 1 });
  });

  it("takes the two values of a column, or asks which when there are more", () => {
    const byDate = diffGroups(new Dataset(dir), { by: "date", a: "<2015", b: ">=2015" });
    expect([byDate.a.documents, byDate.b.documents]).toEqual([2, 2]);
    expect(() => diffGroups(new Dataset(dir), { by: "date" })).toThrow(/has 5 values.*"2012" \(1\)/);
    const rest = diffGroups(new Dataset(dir), { by: "source", a: "e*" });
    expect([rest.a.label, rest.a.documents, rest.b.label, rest.b.documents]).toEqual(["source e*", 2, "not e*", 3]);
    expect(() => diffGroups(new Dataset(dir), { by: "colour", a: "red" })).toThrow(/no such column/);
    expect(() => diffGroups(new Dataset(dir), { by: "doc_type", a: "memo" })).toThrow(/matches no document/);
  });
});

describe("diff of two versions", () => {
  const rec = (id: string, doc: string, text: string, extra: Record<string, unknown> = {}) => ({ rec_id: id, doc_id: doc, source: `${doc}.pdf`, text, strength: "strong", start: 0, ...extra });
  const docs = [
    { doc_id: "d1", source: "d1.pdf", sha256: "aaa" },
    { doc_id: "d2", source: "d2.pdf", sha256: "bbb" },
  ];
  const oldRecs = [
    rec("r1", "d1", "States should ratify the Migrant Workers Convention."),
    rec("r2", "d1", "Donors should fund legal aid for asylum seekers in detention.", { start: 100 }),
    rec("r3", "d2", "UNHCR should train border officials on refugee protection."),
    rec("r4", "d2", "Cities should open shelters for migrants in transit."),
  ];
  const newRecs = [
    rec("r1", "d1", "States should ratify the Migrant Workers Convention.", { strength: "obligation" }), // same id, new strength
    rec("r2x", "d1", "Donors should fund legal aid for asylum seekers in detention.", { start: 120 }), // new id and offset only
    rec("r3x", "d2", "UNHCR should urgently train border officials on refugee protection."), // reworded
    rec("r5", "d2", "Researchers should study return migration."), // r4 removed, r5 added
  ];

  /** The same tables as `writeDataset`, but as CSV only. */
  function writeCsvDataset(tables: Record<string, Array<Record<string, unknown>>>): string {
    const dir = tempFolder("sectormap-compare-csv-");
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "sectormap", version: "test", options: { formats: ["csv"] }, inputs: [], rows: {} }));
    for (const [name, rows] of Object.entries(tables)) {
      const columns = TABLES[name as TableName].columns.map((c) => c.name);
      writeFileSync(join(dir, `${name}.csv`), csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => (r[c] ?? "") as string | number))).join(""));
    }
    return dir;
  }

  it("pairs recommendations by id, by content under a new id, then by wording", () => {
    const oldDir = writeDataset({ documents: docs, recommendations: oldRecs, themes: [{ doc_id: "d1", theme: "T01", share: 0.1 }] });
    for (const newDir of [
      writeDataset({ documents: [docs[0], { ...docs[1], sha256: "ccc" }], recommendations: newRecs, themes: [{ doc_id: "d1", theme: "T01", share: 0.1 }, { doc_id: "d1", theme: "T31", share: 0.2 }] }),
      writeCsvDataset({ documents: [docs[0], { ...docs[1], sha256: "ccc" }], recommendations: newRecs, themes: [{ doc_id: "d1", theme: "T01", share: 0.1 }, { doc_id: "d1", theme: "T31", share: 0.2 }] }),
    ]) {
      const diff = diffVersions(new Dataset(oldDir), new Dataset(newDir));
      expect(diff.documents.changed.map((d) => [d.doc_id, d.old_sha256, d.new_sha256])).toEqual([["d2", "bbb", "ccc"]]);
      expect(diff.recommendations.changed.map((c) => [c.old.rec_id, c.new.rec_id, c.fields])).toEqual([
        ["r1", "r1", ["strength"]],
        ["r3", "r3x", ["text"]],
      ]);
      expect(diff.recommendations.changed[0].values).toEqual([{ field: "strength", old: "strong", new: "obligation" }]);
      expect(diff.recommendations.changed[1].similarity).toBeGreaterThan(0.8);
      expect(diff.recommendations.removed.map((r) => r.rec_id)).toEqual(["r4"]);
      expect(diff.recommendations.added.map((r) => r.rec_id)).toEqual(["r5"]);
      // A theme new to the codebook moves a document's share from 0.
      expect(diff.themes.map((t) => [t.doc_id, t.theme, t.old_share, t.new_share])).toEqual([["d1", "T31", 0, 0.2]]);
      expect(diff.tables.map((t) => t.table).sort()).toEqual(["documents", "recommendations", "themes"]);
      expect(hasChanges(diff)).toBe(true);
    }
    // A CSV copy of the same rows is the same dataset.
    const same = diffVersions(new Dataset(oldDir), new Dataset(writeCsvDataset({ documents: docs, recommendations: oldRecs, themes: [{ doc_id: "d1", theme: "T01", share: 0.1 }] })));
    expect(hasChanges(same)).toBe(false);
  });
});

describe("renderers", () => {
  const report: Report = {
    title: "T",
    summary: ["one line"],
    sections: [
      {
        title: "Rows",
        columns: [
          { name: "text", format: "text" },
          { name: "n", format: "count" },
          { name: "change", format: "change" },
        ],
        rows: [
          ["a | pipe and a rather long piece of text that will not fit", 12, 0.25],
          ["=cmd", 3, -0.031],
        ],
        empty: "none",
      },
      { title: "Empty", columns: [{ name: "x", format: "text" }], rows: [], empty: "nothing here" },
    ],
  };

  it("fits the terminal width by shortening text, keeping numbers whole", () => {
    const out = renderTerminal(report, { width: 40, limit: 10, colour: false });
    const lines = out.split("\n");
    for (const l of lines.filter((l) => l.startsWith("  ") && !l.startsWith("  one"))) expect(l.length).toBeLessThanOrEqual(40);
    expect(out).toContain("+25.0 pp");
    expect(out).toContain("-3.1 pp");
    expect(out).toMatch(/a \| pipe and.*…/);
    expect(out).toContain("nothing here");
    expect(renderTerminal(report, { width: 200, limit: 1, colour: false })).toContain("... and 1 more");
  });

  it("escapes Markdown pipes and neutralises CSV formulas", () => {
    expect(renderMarkdown(report)).toContain("| a \\| pipe and a rather long piece of text that will not fit | 12 | +25.0 pp |");
    const csv = renderCsv(report);
    expect(csv.split("\n")[0]).toBe("section,text,n,change");
    expect(csv).toContain("Rows,'=cmd,3,-0.031");
  });
});
