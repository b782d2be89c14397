// Rows as text: the same bytes as csv-stringify and JSON.stringify give, and
// rows serialised with gaps (filled after the corpus merge) the same as whole.
import { describe, expect, it } from "vitest";
import { fillPieces, rowPieces, serialiseRows, type OutputFormat } from "../src/dataset/writer.js";
import { csvLines } from "../src/dataset/csv.js";
import { TABLES, type Row } from "../src/dataset/tables.js";

const awkward = ["plain", "with, comma", 'with "quotes"', "two\nlines", "cr\rhere", "=SUM(A1)", "-1", "+x", "@me", "\ttab", "", "ünïcödé \u2028", " spaced ", '"', ","];

const segment = (text: string, i: number): Row => ({
  segment_id: "s" + i, doc_id: "d1", source: text, kind: "paragraph", label: awkward[(i + 1) % awkward.length], depth: i - 3, section: text, page: 1, start: i * 1.5, end: 0, text,
});
const mention = (text: string, i: number): Row => ({
  mention_id: "m0123456789", actor_id: "a0123456789", doc_id: "d1", source: text, segment_id: "s1", surface: awkward[(i + 1) % awkward.length], page: 2, start: i, end: i + 5,
});
const recommendation = (text: string, id: string): Row => ({
  rec_id: "r1", doc_id: "d1", source: "s.txt", segment_id: "s1", kind: "recommendation", text, addressee: text, addressee_type: "state", addressee_actor_id: id,
  modality: "should", strength: "strong", action: text, section: "", label: "", themes: "T01", page: 1, start: 0, end: 9,
});

describe("serialiseRows", () => {
  it("writes CSV as csv-stringify does, cells neutralised", () => {
    const rows = awkward.map(segment);
    const columns = TABLES.segments.columns.map((c) => c.name);
    expect(serialiseRows("segments", rows, ["csv"]).text.csv).toBe(csvLines(rows.map((r) => columns.map((c) => r[c]))));
  });

  it("writes JSONL with every column in order, missing ones empty or 0", () => {
    const line = serialiseRows("segments", [{ segment_id: "s1", text: 'a "b"\n' }], ["jsonl"]).text.jsonl!;
    expect(line.endsWith("\n")).toBe(true);
    expect(Object.entries(JSON.parse(line))).toEqual(TABLES.segments.columns.map((c) => [c.name, c.name === "segment_id" ? "s1" : c.name === "text" ? 'a "b"\n' : c.type === "string" ? "" : 0]));
  });
});

describe("rowPieces", () => {
  for (const format of ["csv", "jsonl"] as OutputFormat[]) {
    it(`fills to the whole row's ${format} line, gaps first or in the middle`, () => {
      awkward.forEach((text, i) => {
        const m = mention(text, i);
        expect(fillPieces(rowPieces("mentions", m, ["mention_id", "actor_id"], format), ["m0123456789", "a0123456789"])).toBe(serialiseRows("mentions", [m], [format]).text[format]);
        for (const id of ["", "a0123456789"]) {
          const pieces = rowPieces("recommendations", recommendation(text, "ignored"), ["addressee_actor_id"], format);
          expect(fillPieces(pieces, [id])).toBe(serialiseRows("recommendations", [recommendation(text, id)], [format]).text[format]);
        }
      });
    });
  }
});
