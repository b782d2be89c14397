// REFI-QDA export on a hand-made dataset whose texts hold the known import
// traps: characters outside the BMP, accented names, markup characters and
// control characters. The .qde must validate, and reading it back must find
// every coding on the very words the dataset points at.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDataset, documentTexts, codePointCounter } from "../src/export/dataset.js";
import { buildProject, qdpxBytes } from "../src/export/qdpx.js";
import { readQdpx, type QdeProject } from "../src/export/qdpx-read.js";
import { guidFor, colourFor } from "../src/export/guid.js";
import { xmlAttr, xmlText } from "../src/export/xml.js";
import { HAS_XMLLINT, QDE_SCHEMA, segmentsOf, spanOf, tmp, writeDataset, xmllint } from "./export-helpers.js";

type Row = Record<string, string | number>;

const d1 = segmentsOf("d1", [
  "Réunion à Genève 😀 on 𝑥-border data & <tags> and ]]> inside.",
  "Control\u0001 chars\u000B and a NUL \u0000 & the IOM should act.",
  "Zoë Müller of UNHCR 🌍 says UNHCR must protect 𝑥 migrants.",
]);
const d2 = segmentsOf("d2", ["Plain text: States should share data."]);

function fixtureDataset() {
  const rec = spanOf(d1.text, "UNHCR must protect 𝑥 migrants.");
  const mentionUnhcr = spanOf(d1.text, "UNHCR", d1.segments[2].start as number);
  const mentionUnhcr2 = spanOf(d1.text, "UNHCR", mentionUnhcr.end);
  const mentionIom = spanOf(d1.text, "IOM");
  const seg = (doc: { segments: Row[] }, i: number) => doc.segments[i];
  const coding = (doc: { segments: Row[] }, i: number, theme: string): Row => {
    const s = seg(doc, i);
    return { coding_id: `${s.segment_id}-${theme}`, doc_id: s.doc_id, source: s.source, segment_id: s.segment_id, theme, evidence: "x", page: 1, start: s.start, end: s.end };
  };
  return writeDataset({
    documents: [
      { doc_id: "d1", source: "d1.txt", format: "txt", title: "Réunion <régionale> & ]]>", doc_type: "conference report", date: "2021-03", place: "Genève", language: "fr", status: "ok", message: "" },
      { doc_id: "d2", source: "d2.txt", format: "txt", title: "", doc_type: "other", date: "", place: "", language: "en", status: "ok", message: "" },
      { doc_id: "d3", source: "broken.pdf", format: "pdf", title: "", doc_type: "", date: "", place: "", language: "", status: "error", message: "unreadable" },
    ],
    segments: [...d1.segments, ...d2.segments],
    codings: [coding(d1, 0, "T01"), coding(d1, 2, "T07"), coding(d1, 2, "T10"), coding(d2, 0, "T01")],
    recommendations: [
      { rec_id: "d1-s2-r1", doc_id: "d1", source: "d1.txt", segment_id: "d1-s2", kind: "recommendation", text: "UNHCR must protect 𝑥 migrants.", addressee: "UNHCR", addressee_type: "igo", addressee_actor_id: "a1", modality: "must", strength: "obligation", action: "protect", section: "", label: "", themes: "T07;T99", page: 1, ...rec },
      { rec_id: "d2-s0-r1", doc_id: "d2", source: "d2.txt", segment_id: "d2-s0", kind: "recommendation", text: d2.segments[0].text, addressee: "States", addressee_type: "state", addressee_actor_id: "", modality: "should", strength: "strong", action: "share", section: "", label: "", themes: "T01", page: 1, start: d2.segments[0].start, end: d2.segments[0].end },
    ],
    actors: [
      { actor_id: "a1", name: "Office of the United Nations High Commissioner for Refugees", acronym: "UNHCR", type: "igo", aliases: "UN Refugee Agency", documents: 1, mentions: 2 },
      { actor_id: "a2", name: "International Organization for Migration", acronym: "IOM", type: "igo", aliases: "", documents: 1, mentions: 1 },
      { actor_id: "a3", name: "Fundación Ñandú", acronym: "", type: "ngo", aliases: "", documents: 0, mentions: 0 },
    ],
    mentions: [
      { mention_id: "m1", actor_id: "a1", doc_id: "d1", source: "d1.txt", segment_id: "d1-s2", surface: "UNHCR", page: 1, ...mentionUnhcr },
      { mention_id: "m2", actor_id: "a1", doc_id: "d1", source: "d1.txt", segment_id: "d1-s2", surface: "UNHCR", page: 1, ...mentionUnhcr2 },
      { mention_id: "m3", actor_id: "a2", doc_id: "d1", source: "d1.txt", segment_id: "d1-s1", surface: "IOM", page: 1, ...mentionIom },
    ],
    edges: [],
    themes: [],
  });
}

/** Every coding, recommendation and mention of the dataset is found in the project at its own words. */
function expectRoundTrip(project: QdeProject, dir: string) {
  const data = loadDataset(dir);
  const texts = documentTexts(data.segments);
  const sourceOf = new Map(project.sources.map((s) => [s.name, s]));
  const selectionsAt = (row: Row) => {
    const source = sourceOf.get(String(row.source));
    expect(source, `source ${row.source}`).toBeDefined();
    const text = texts.get(String(row.doc_id))!;
    const wanted = text.slice(Number(row.start), Number(row.end));
    return { wanted, found: source!.selections.filter((s) => s.text === wanted) };
  };
  let checked = 0;
  for (const c of data.codings) {
    const { found } = selectionsAt(c);
    expect(found.some((s) => s.codes.some((code) => code.name.split(" ")[0] === c.theme)), `coding ${c.coding_id}`).toBe(true);
    checked++;
  }
  for (const r of data.recommendations) {
    const { found } = selectionsAt(r);
    const names = found.flatMap((s) => s.codes.map((code) => `${code.path.join("/")}/${code.name}`));
    expect(names, `recommendation ${r.rec_id}`).toContain(`Recommendations/Kind/${r.kind}`);
    expect(names).toContain(`Recommendations/Strength/${r.strength}`);
    for (const t of String(r.themes).split(";").filter(Boolean)) expect(names.some((n) => n.split("/").pop()!.split(" ")[0] === t)).toBe(true);
    checked++;
  }
  const actorName = new Map(data.actors.map((a) => [String(a.actor_id), a]));
  for (const m of data.mentions) {
    const { wanted, found } = selectionsAt(m);
    expect(wanted).toBe(m.surface);
    const actor = actorName.get(String(m.actor_id))!;
    expect(found.some((s) => s.codes.some((code) => code.path[0] === "Actors" && code.path[1] === actor.type && code.name.startsWith(String(actor.name)))), `mention ${m.mention_id}`).toBe(true);
    checked++;
  }
  return checked;
}

describe("qdpx building blocks", () => {
  it("counts positions in code points, not UTF-16 units", () => {
    const text = "a😀b𝑥c";
    const at = codePointCounter(text);
    expect([0, 1, 3, 4, 6, 7].map(at)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(text).slice(at(3), at(4)).join("")).toBe("b");
  });

  it("makes GUIDs and colours that depend only on the id", () => {
    const g = guidFor("code", "theme:T01");
    expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(guidFor("code", "theme:T01")).toBe(g);
    expect(guidFor("code", "theme:T02")).not.toBe(g);
    expect(guidFor("source", "theme:T01")).not.toBe(g);
    expect(colourFor(g)).toMatch(/^#[0-9A-F]{6}$/);
    expect(colourFor(g)).toBe(colourFor(g));
  });

  it("escapes markup and replaces characters XML cannot carry", () => {
    expect(xmlText("a < b & c ]]> d")).toBe("a &lt; b &amp; c ]]&gt; d");
    expect(xmlText("bell\u0007 nul\u0000 ok\tline\n")).toBe("bell\uFFFD nul\uFFFD ok\tline\n");
    expect(xmlAttr('say "hi"\n')).toBe("say &quot;hi&quot;&#10;");
    expect(xmlText("😀 𝑥 \uD800 lone")).toBe("😀 𝑥 \uFFFD lone");
  });
});

describe("qdpx from a dataset with emoji, accents, markup and control characters", () => {
  const dir = fixtureDataset();
  const { bytes, stats } = qdpxBytes(loadDataset(dir));
  const project = readQdpx(bytes);

  it.skipIf(!HAS_XMLLINT)("writes a project.qde that validates against the REFI-QDA schema", () => {
    const file = join(tmp(), "project.qde");
    writeFileSync(file, buildProject(loadDataset(dir)).qde);
    const result = xmllint(file, QDE_SCHEMA);
    expect(result.messages).toContain("validates");
    expect(result.ok).toBe(true);
  });

  it.skipIf(!HAS_XMLLINT)("(the schema check does catch an invalid project)", () => {
    const file = join(tmp(), "project.qde");
    writeFileSync(file, buildProject(loadDataset(dir)).qde.replace('isCodable="true"', 'isCodable="yes"'));
    expect(xmllint(file, QDE_SCHEMA).ok).toBe(false);
  });

  it("writes each document's exact normalised text to sources/GUID.txt", () => {
    expect(stats.sources).toBe(2);
    expect(stats.skipped).toEqual(["broken.pdf"]);
    const [s1, s2] = project.sources;
    expect(s1.name).toBe("d1.txt");
    expect(s1.path).toBe(`sources/${s1.guid}.txt`);
    expect(s1.text).toBe(d1.text); // control characters, emoji and all
    expect(s2.text).toBe(d2.text);
  });

  it("finds every coding, recommendation and mention at its own words", () => {
    expect(expectRoundTrip(project, dir)).toBe(4 + 2 + 3);
  });

  it("states positions in code points, 0-based, end exclusive", () => {
    const unhcr = spanOf(d1.text, "UNHCR must");
    const expected = Array.from(d1.text.slice(0, unhcr.start)).length;
    expect(expected).toBeLessThan(unhcr.start); // two astral characters before it
    const sel = project.sources[0].selections.find((s) => s.text === "UNHCR must protect 𝑥 migrants.")!;
    expect(sel.startPosition).toBe(expected);
    expect(sel.endPosition - sel.startPosition).toBe(Array.from("UNHCR must protect 𝑥 migrants.").length);
  });

  it("arranges the code system: theme families, recommendation kinds and strengths, actors by type", () => {
    const byPath = (c: { path: string[]; name: string }) => [...c.path, c.name].join("/");
    const paths = [...project.codes.values()].map(byPath);
    expect(paths.find((p) => p.startsWith("Themes: GCM objectives/T07 "))).toBeDefined();
    expect(paths).toContain("Themes: other/T99");
    expect(paths).toContain("Recommendations/Kind/offer");
    expect(paths).toContain("Recommendations/Strength/obligation");
    expect(paths).toContain("Actors/igo/Office of the United Nations High Commissioner for Refugees (UNHCR)");
    expect(paths).toContain("Actors/ngo/Fundación Ñandú");
    const t07 = [...project.codes.values()].find((c) => c.name.startsWith("T07 "))!;
    expect(t07.description.length).toBeGreaterThan(20); // the codebook's description
    expect(t07.codable).toBe(true);
    expect([...project.codes.values()].find((c) => c.name === "Actors")!.codable).toBe(false);
  });

  it("gives documents their variables and names sectormap as the creating user", () => {
    expect(project.users).toEqual([{ guid: guidFor("user", "sectormap"), name: "sectormap" }]);
    expect(project.sources[0].variables).toMatchObject({ "document type": "conference report", date: "2021-03", place: "Genève" });
  });

  it("gives the same bytes when exported twice", () => {
    expect(Buffer.from(qdpxBytes(loadDataset(dir)).bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});
