// Rows as text: RFC 4180 CSV through csv-stringify, JSONL as JSON.stringify gives it, and
// rows serialised with gaps (filled after the corpus merge) the same as whole.
import { describe, expect, it } from "vitest";
import { fillPieces, rowsPieces, serialiseRows, type OutputFormat } from "../src/dataset/writer.js";
import { TABLES, type Row } from "../src/dataset/tables.js";

const awkward = ["plain", "with, comma", 'with "quotes"', "two\nlines", "cr\rhere", "=SUM(A1)", "-1", "+x", "@me", "\ttab", "", "ünïcödé \u2028", " spaced ", '"', ","];

const mention = (text: string, i: number): Row => ({
  mention_id: "m0123456789", actor_id: "a0123456789", doc_id: "d1", source: text, segment_id: "s1", surface: awkward[(i + 1) % awkward.length], page: 2, start: i, end: i + 5,
});
const recommendation = (text: string, id: string): Row => ({
  rec_id: "r1", doc_id: "d1", source: "s.txt", segment_id: "s1", kind: "recommendation", text, addressee: text, addressee_type: "state", addressee_actor_id: id,
  modality: "should", strength: "strong", action: text, section: "", label: "", themes: "T01", page: 1, start: 0, end: 9,
});

describe("serialiseRows", () => {
  it("writes RFC 4180 CSV, quoting only where needed, formula starts neutralised", () => {
    const row: Row = { segment_id: "s1", doc_id: "d1", source: "a, b.txt", kind: "paragraph", label: "=SUM(A1)", depth: 0, section: 'say "hi"', page: 2, start: 0, end: 9, text: "two\nlines" };
    expect(serialiseRows("segments", [row, { segment_id: "s2" }], ["csv"]).text.csv).toBe(
      's1,d1,"a, b.txt",paragraph,\'=SUM(A1),0,"say ""hi""",2,0,9,"two\nlines",,,,\n' + "s2,,,,,,,,,,,,,,\n",
    );
  });

  it("writes JSONL with every column in order, missing ones empty or 0", () => {
    const line = serialiseRows("segments", [{ segment_id: "s1", text: 'a "b"\n' }], ["jsonl"]).text.jsonl!;
    expect(line.endsWith("\n")).toBe(true);
    expect(Object.entries(JSON.parse(line))).toEqual(TABLES.segments.columns.map((c) => [c.name, c.name === "segment_id" ? "s1" : c.name === "text" ? 'a "b"\n' : c.type === "string" ? "" : 0]));
  });
});

describe("rowsPieces", () => {
  for (const format of ["csv", "jsonl"] as OutputFormat[]) {
    it(`fills to the whole row's ${format} line, gaps first or in the middle`, () => {
      const mentions = awkward.map(mention);
      const mentionPieces = rowsPieces("mentions", mentions, ["mention_id", "actor_id"], format);
      expect(mentionPieces).toHaveLength(mentions.length);
      mentions.forEach((m, i) => {
        expect(fillPieces(mentionPieces[i], ["m0123456789", "a0123456789"])).toBe(serialiseRows("mentions", [m], [format]).text[format]);
      });
      const recPieces = rowsPieces("recommendations", awkward.map((text) => recommendation(text, "ignored")), ["addressee_actor_id"], format);
      awkward.forEach((text, i) => {
        for (const id of ["", "a0123456789"]) {
          expect(fillPieces(recPieces[i], [id])).toBe(serialiseRows("recommendations", [recommendation(text, id)], [format]).text[format]);
        }
      });
    });
  }

  it("keeps rows apart even when a cell holds the characters it marks gaps and row ends with", () => {
    const odd = [mention("a\u0000b", 0), mention("c\u0001,\n", 1)];
    const pieces = rowsPieces("mentions", odd, ["mention_id", "actor_id"], "csv");
    expect(pieces).toHaveLength(2);
    expect(fillPieces(pieces[0], ["m1", "a1"])).toBe(serialiseRows("mentions", [mention("ab", 0)], ["csv"]).text.csv!.replace("m0123456789,a0123456789", "m1,a1"));
  });
});
