// `--cache DIR` (or SECTORMAP_CACHE): each document's finished per-document
// result (a FileResult: its rows of every table, already serialised, and its
// share of the corpus merge) kept on disk, so that a re-run over unchanged
// files skips reading and extracting them. The corpus-level merge always runs.
//
// A result is found again only under the same key: the file's sha256 and its
// source path (ids and the source column come from it), and a fingerprint of
// everything else that shapes a result: the tool's version, its compiled
// code, every data file it ships (rules, lexicons, codebook), the contents of
// the codebook, gazetteers and rules given, the output formats and the size
// limit. The cache stores results whole and whatever tables they hold, so a
// new table or column needs no change here.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { packageRoot } from "../paths.js";
import type { FileResult, FileTask } from "./process.js";

export interface CacheContext {
  version: string;
  config: ExtractConfig;
  formats: OutputFormat[];
  maxBytes?: number;
}

export class ResultCache {
  private fingerprint: string;

  constructor(private dir: string, context: CacheContext) {
    mkdirSync(dir, { recursive: true });
    this.fingerprint = fingerprintOf(context);
  }

  /** The key of a file's result: its content, its source path, and the run's fingerprint. */
  keyOf(task: FileTask, sha256: string): string {
    return createHash("sha256").update(`${this.fingerprint}\0${task.source}\0${task.ext}\0${sha256}`).digest("hex");
  }

  get(key: string): FileResult | undefined {
    const path = this.pathOf(key);
    if (!existsSync(path)) return undefined;
    try {
      return decode(readFileSync(path)) as FileResult;
    } catch {
      return undefined; // a damaged entry is a miss; it is written again
    }
  }

  /** Written under a temporary name and renamed, so that concurrent runs never read half an entry. */
  put(key: string, result: FileResult): void {
    const path = this.pathOf(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temporary, encode(result));
    renameSync(temporary, path);
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
}

/*
 * An entry is the result as JSON, except that its long strings are kept apart,
 * raw, after it: JSON.parse of text full of escaped quotes cost more than the
 * rest of a cached run. Line 1: the byte lengths of the raw strings; line 2:
 * the JSON, with {"\u0000": n} for raw string n; then the raw strings, UTF-8,
 * one after another.
 *
 * The rows of a table (a TableText's text per format, under the keys "csv" and
 * "jsonl") and the rows waiting for the corpus merge (MergeShare.waiting) come
 * back as Buffers over the entry, not as strings: they are only ever written
 * to a file (the dataset writer's streams and the SpillFile take either), and
 * decoding and re-encoding 80 MB of UTF-8 was most of a cached run's time.
 * Whoever serialises a cached result again must turn them back into text
 * (partial.ts does).
 */
const LONG = 256;
const MARK = "\u0000";
const ROW_TEXT_KEYS = new Set(["csv", "jsonl", "waiting"]);

function encode(value: unknown): Buffer {
  const raw: Buffer[] = [];
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const original = this[key];
    if (Buffer.isBuffer(original)) raw.push(original);
    else if (typeof v === "string" && v.length >= LONG) raw.push(Buffer.from(v));
    else return v;
    return { [MARK]: raw.length - 1 };
  });
  return Buffer.concat([Buffer.from(JSON.stringify(raw.map((b) => b.length)) + "\n" + json + "\n"), ...raw]);
}

function decode(bytes: Buffer): unknown {
  const line1 = bytes.indexOf(10);
  const line2 = bytes.indexOf(10, line1 + 1);
  const lengths = JSON.parse(bytes.toString("utf8", 0, line1)) as number[];
  const starts: number[] = [];
  let at = line2 + 1;
  for (const length of lengths) {
    starts.push(at);
    at += length;
  }
  if (at !== bytes.length) throw new Error("cache entry of the wrong length");
  return JSON.parse(bytes.toString("utf8", line1 + 1, line2), function (key, v) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const n = (v as Record<string, unknown>)[MARK];
    if (typeof n !== "number") return v;
    const end = starts[n] + lengths[n];
    return ROW_TEXT_KEYS.has(key) ? bytes.subarray(starts[n], end) : bytes.toString("utf8", starts[n], end);
  });
}

/** A cached result's row texts as strings again (for serialising it anew). */
export function textReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return Buffer.isBuffer(original) ? original.toString() : value;
}

/** Everything but the file itself that a document's result depends on, hashed. */
function fingerprintOf(context: CacheContext): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ version: context.version, formats: context.formats, maxBytes: context.maxBytes ?? null }));
  hash.update(toolFingerprint());
  const given = [context.config.codebook, context.config.recRules, ...context.config.actorFiles];
  for (const file of given) hash.update(`\0${file ? createHash("sha256").update(readFileSync(file)).digest("hex") : "-"}`);
  return hash.digest("hex");
}

let toolHash: string | undefined;
/**
 * The compiled code and the shipped data files (rules, lexicons, codebooks, word
 * lists): a change to any of them, even without a new version number, is a new tool.
 */
function toolFingerprint(): string {
  if (toolHash) return toolHash;
  const root = packageRoot();
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(join(root, "dist"), (f) => f.endsWith(".js")),
    ...filesUnder(join(root, "src"), (f) => /\.(ya?ml|txt|tsv|json)$/.test(f)),
  ];
  for (const file of files) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update("\0");
  return (toolHash = hash.digest("hex"));
}

function filesUnder(dir: string, wanted: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && wanted(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
