// A document's result as bytes (how workers hand it over and the cache keeps it):
// row texts given as bytes or as text come back as the same bytes; withTexts
// turns them back into text for JSON.
import { describe, expect, it } from "vitest";
import { decodeResult, encodeResult, withTexts } from "../src/pipeline/result-bytes.js";
import type { FileResult } from "../src/pipeline/process.js";

const result = (): FileResult => ({
  source: "a/b.txt",
  sha256: "ab".repeat(32),
  status: "warning",
  message: "short \"message\"",
  tables: [
    ["documents", { rows: 1, text: { csv: Buffer.from("d1,a/b.txt,ünï\n"), jsonl: '{"doc_id":"d1"}\n' } }],
    ["segments", { rows: 2, text: { csv: Buffer.from("x".repeat(300) + "\n"), jsonl: Buffer.alloc(0) } }],
  ],
  matrixLine: "d1,a/b.txt,1\n",
  matrixColumns: ["doc_id", "source", "T1"],
  merge: { candidates: [], waiting: Buffer.from('{"links":{}}\n\u0000x\u0001'), gazetteer: [["k", "Name", "N", "igo"]] },
});

describe("result bytes", () => {
  it("give back every field, row texts as the same bytes", () => {
    const decoded = decodeResult(encodeResult(result()));
    const original = result();
    expect(JSON.stringify(withTexts(decoded))).toBe(JSON.stringify(withTexts(original)));
    expect(Buffer.from(decoded.tables[0][1].text.csv as Uint8Array).toString()).toBe("d1,a/b.txt,ünï\n");
    expect(decoded.matrixLine).toBe("d1,a/b.txt,1\n");
  });

  it("withTexts keeps keys in order and turns nested bytes into text", () => {
    const value = withTexts({ b: 1, a: [Buffer.from("é"), { c: new Uint8Array([104, 105]) }], d: null });
    expect(JSON.stringify(value)).toBe('{"b":1,"a":["é",{"c":"hi"}],"d":null}');
  });
});
