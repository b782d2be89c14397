// Rows as text: RFC 4180 CSV through csv-stringify, JSONL as JSON.stringify gives it, and
// rows serialised with gaps (filled after the corpus merge) the same as whole.
// serialiseRows gives UTF-8 bytes: `textOf` reads them back.
import { describe, expect, it } from "vitest";
import { GappedRows, joinParts, serialiseRows, writeRowsWithGaps, type OutputFormat } from "../src/dataset/writer.js";
import { ByteSink } from "../src/dataset/byte-sink.js";
import { TABLES, type Row, type TableName } from "../src/dataset/tables.js";

/** A table's text in one format, as serialiseRows gives it (UTF-8 bytes), read back. */
const textOf = (table: TableName, rows: Row[], format: OutputFormat) => serialiseRows(table, rows, [format]).text[format]!.toString("utf8");

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
    expect(textOf("segments", [row, { segment_id: "s2" }], "csv")).toBe(
      's1,d1,"a, b.txt",paragraph,\'=SUM(A1),0,"say ""hi""",2,0,9,"two\nlines",,,,\n' + "s2,,,,,,,,,,,,,,\n",
    );
  });

  it("writes JSONL with every column in order, missing ones empty or 0", () => {
    const line = textOf("segments", [{ segment_id: "s1", text: 'a "b"\n' }], "jsonl");
    expect(line.endsWith("\n")).toBe(true);
    expect(Object.entries(JSON.parse(line))).toEqual(TABLES.segments.columns.map((c) => [c.name, c.name === "segment_id" ? "s1" : c.name === "text" ? 'a "b"\n' : c.type === "string" ? "" : 0]));
  });

  it("writes each JSONL cell as JSON.stringify does, escaped or not", () => {
    // The cells that need escaping and those the writer writes without JSON.stringify, side by side.
    const texts = ["plain", 'say "hi"', "back\\slash", "tab\there", "nul\u0000", "\u001f", "\u007f del", "ünïcödé €", "emoji 😀", "lone \ud800 high", "lone \udc00 low", "\u2028\u2029", ""];
    const numbers = [0, -0, 7, -3.25, 1e21, 1.5e-7, NaN, Infinity, -Infinity];
    const rows: Row[] = [...texts.map((text, i) => ({ segment_id: `s${i}`, text, page: numbers[i % numbers.length] })), ...numbers.map((page) => ({ page }))];
    const expected = rows.map((row) => JSON.stringify(Object.fromEntries(TABLES.segments.columns.map((c) => [c.name, row[c.name] ?? (c.type === "string" ? "" : 0)]))) + "\n");
    expect(textOf("segments", rows, "jsonl")).toBe(expected.join(""));
  });

  it("writes the rows of a table larger than one piece whole and in order", () => {
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({ segment_id: `s${i}`, text: `ünï ${"x".repeat(i % 40)}, "${i}"` }));
    const csv = textOf("segments", rows, "csv").split("\n");
    expect(csv.length).toBe(3001);
    expect(csv[2999]).toBe(`s2999,,,,,,,,,,"ünï ${"x".repeat(2999 % 40)}, ""2999""",,,,`);
  });
});

/** Rows of writeRowsWithGaps filled with `values(i)`, read back from their UTF-8 bytes as the merge reads them. */
function filled(table: "mentions" | "recommendations", rows: Row[], gaps: string[], format: OutputFormat, values: (i: number) => string[], order = rows.map((_, i) => i)): string {
  const sink = new ByteSink();
  sink.write("head\n");
  writeRowsWithGaps(sink, table, rows, gaps, format);
  sink.write("after");
  const bytes = sink.take();
  const gapped = new GappedRows(bytes, 5, rows.length, gaps.length);
  expect(bytes.toString("utf8", gapped.end)).toBe("after");
  const parts: Array<Uint8Array | string> = [];
  for (const i of order) gapped.fill(i, values(i), parts);
  return joinParts(parts).toString();
}

describe("writeRowsWithGaps", () => {
  for (const format of ["csv", "jsonl"] as OutputFormat[]) {
    it(`fills to the whole rows' ${format} lines, gaps first or in the middle`, () => {
      const mentions = awkward.map(mention);
      const ids = ["m0123456789", "a0123456789"];
      expect(filled("mentions", mentions, ["mention_id", "actor_id"], format, () => ids)).toBe(textOf("mentions", mentions, format));
      const recs = awkward.map((text) => recommendation(text, "ignored"));
      for (const id of ["", "a0123456789"]) {
        const whole = textOf("recommendations", awkward.map((text) => recommendation(text, id)), format);
        expect(filled("recommendations", recs, ["addressee_actor_id"], format, () => [id])).toBe(whole);
      }
    });

    it(`gives any subset of the ${format} rows, in any order`, () => {
      const mentions = awkward.map(mention);
      const order = [3, 0, 7];
      const values = (i: number) => [`m${i}`, `a${i}`];
      const expected = order.map((i) => textOf("mentions", [{ ...mentions[i], mention_id: `m${i}`, actor_id: `a${i}` }], format)).join("");
      expect(filled("mentions", mentions, ["mention_id", "actor_id"], format, values, order)).toBe(expected);
    });
  }

  it("keeps rows apart even when a cell holds the characters it marks gaps and row ends with", () => {
    const odd = [mention("a\u0000b", 0), mention("c\u0001,\n", 1)];
    for (const format of ["csv", "jsonl"] as OutputFormat[]) {
      const expected = textOf("mentions", [mention("ab", 0), mention("c,\n", 1)], format).replaceAll("m0123456789", "m1").replaceAll("a0123456789", "a1");
      const text = filled("mentions", odd, ["mention_id", "actor_id"], format, () => ["m1", "a1"]);
      if (format === "csv") expect(text).toBe(expected);
      else expect(text.split("\n").filter(Boolean).map((l) => JSON.parse(l).source)).toEqual(["a\u0000b", "c\u0001,\n"]);
    }
  });
});
