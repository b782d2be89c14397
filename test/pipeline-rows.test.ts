// Rows serialised with gaps (filled after the corpus merge) give the same
// bytes as rows serialised whole.
import { describe, expect, it } from "vitest";
import { fillPieces, rowPieces, serialiseRows, type OutputFormat } from "../src/dataset/writer.js";
import type { Row } from "../src/dataset/tables.js";

const awkward = ['plain', 'with, comma', 'with "quotes"', 'two\nlines', '=SUM(A1)', '-1', '', 'ünïcödé \u2028', ' spaced '];

describe("rowPieces", () => {
  for (const format of ["csv", "jsonl"] as OutputFormat[]) {
    it(`fills to the whole row's ${format} line, gaps first or in the middle`, () => {
      awkward.forEach((text, i) => {
        const mention: Row = { mention_id: "m0123456789", actor_id: "a0123456789", doc_id: "d1", source: text, segment_id: "s1", surface: awkward[(i + 1) % awkward.length], page: 2, start: i, end: i + 5 };
        const pieces = rowPieces("mentions", mention, ["mention_id", "actor_id"], format);
        expect(fillPieces(pieces, ["m0123456789", "a0123456789"])).toBe(serialiseRows("mentions", [mention], [format]).text[format]);

        const rec: Row = { rec_id: "r1", doc_id: "d1", source: "s.txt", segment_id: "s1", kind: "recommendation", text, addressee: text, addressee_type: "state", modality: "should", strength: "strong", action: text, section: "", label: "", themes: "T01", page: 1, start: 0, end: 9 };
        for (const id of ["", "a0123456789"]) {
          expect(fillPieces(rowPieces("recommendations", rec, ["addressee_actor_id"], format), [id])).toBe(serialiseRows("recommendations", [{ ...rec, addressee_actor_id: id }], [format]).text[format]);
        }
      });
    });
  }
});
