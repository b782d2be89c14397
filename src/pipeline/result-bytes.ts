// A document's result (FileResult) as one buffer: how a worker thread hands it
// to the main thread (its memory is transferred, not copied) and how the cache
// keeps it on disk, so a result computed in a worker is cached as it came.
//
// The result as JSON, except that its row texts (and a long matrix line) are
// kept apart, raw, after it: JSON.parse of text full of escaped quotes cost
// more than the rest of a cached run. Line 1: the byte lengths of the raw
// texts; line 2: the JSON, with {"\u0000": n} for raw text n; then the raw
// texts, UTF-8, one after another.
//
// The rows of a table (a TableText's text per format, under the keys "csv" and
// "jsonl") and the rows waiting for the corpus merge (MergeShare.waiting) come
// back as Buffers over the bytes, not as strings: they are only ever written to
// a file (the dataset writer's streams and the merge's SpillFile take either),
// and decoding and re-encoding 80 MB of UTF-8 was most of a cached run's time.
// Whoever serialises a decoded result again as JSON must turn them back into
// text (withTexts; partial.ts does).
import type { FileResult } from "./process.js";

const LONG = 256;
const MARK = "\u0000";

/** The result's bytes, in a buffer of its own (never a slice of Node's shared pool, so it can be transferred). */
export function encodeResult(result: FileResult): Buffer {
  // The row texts (bytes already, from the workers' serialisers; text from older callers) and
  // the matrix line are kept raw; the rest, small, is JSON. Built field by field rather than with
  // a JSON.stringify replacer: a replacer is called for every value, and JSON.stringify turns a
  // Buffer into an array of its bytes (Buffer.prototype.toJSON) before a replacer sees it.
  const raw: Uint8Array[] = [];
  const rawOrInline = (v: string | Uint8Array | undefined): unknown => {
    if (v instanceof Uint8Array) raw.push(v);
    else if (typeof v === "string" && v.length >= LONG) raw.push(Buffer.from(v));
    else return v;
    return { [MARK]: raw.length - 1 };
  };
  const plain = {
    ...result,
    tables: result.tables.map(([name, table]) => [name, { rows: table.rows, text: mapValues(table.text, rawOrInline) }]),
    matrixLine: rawOrInline(result.matrixLine),
    merge: { ...result.merge, waiting: rawOrInline(result.merge.waiting) },
  };
  const json = JSON.stringify(plain);
  const head = Buffer.from(JSON.stringify(raw.map((r) => r.length)) + "\n" + json + "\n");
  const bytes = Buffer.allocUnsafeSlow(head.length + raw.reduce((sum, r) => sum + r.length, 0));
  bytes.set(head, 0);
  let at = head.length;
  for (const r of raw) {
    bytes.set(r, at);
    at += r.length;
  }
  return bytes;
}

function mapValues<T extends object>(object: T, f: (v: T[keyof T]) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object) as Array<keyof T & string>) out[key] = f(object[key]);
  return out;
}

/** The result back from its bytes; row texts are Buffers over `bytes`. Throws on a damaged buffer. */
export function decodeResult(bytes: Buffer): FileResult {
  const line1 = bytes.indexOf(10);
  const line2 = bytes.indexOf(10, line1 + 1);
  const lengths = JSON.parse(bytes.toString("utf8", 0, line1)) as number[];
  const starts: number[] = [];
  let at = line2 + 1;
  for (const length of lengths) {
    starts.push(at);
    at += length;
  }
  if (at !== bytes.length) throw new Error("result bytes of the wrong length");
  // The raw texts are put back where encodeResult took them from (the row texts, the matrix
  // line, the waiting rows), not by a JSON.parse reviver: a reviver is called for every value
  // of the result (each actor candidate's), on the main thread, for every document.
  const raw = (v: unknown, asBytes: boolean): unknown => {
    const n = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[MARK] : undefined;
    if (typeof n !== "number") return v;
    const end = starts[n] + lengths[n];
    return asBytes ? bytes.subarray(starts[n], end) : bytes.toString("utf8", starts[n], end);
  };
  const result = JSON.parse(bytes.toString("utf8", line1 + 1, line2)) as FileResult;
  for (const [, table] of result.tables) {
    const text = table.text as Record<string, unknown>;
    for (const format of Object.keys(text)) text[format] = raw(text[format], true);
  }
  result.matrixLine = raw(result.matrixLine, false) as string;
  result.merge.waiting = raw(result.merge.waiting, true) as Uint8Array | string;
  return result;
}

/**
 * The value with every Uint8Array in it (a decoded result's row texts) as its text again, for
 * JSON.stringify. Not a replacer: JSON.stringify calls a Buffer's toJSON, which makes an array
 * of all its bytes, before a replacer sees it (a second per 5 MB of rows).
 */
export function withTexts(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.length).toString();
  if (Array.isArray(value)) return value.map(withTexts);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = withTexts(v);
  return out;
}
