// Partial datasets: what `extract --shard K/N` writes and `sectormap merge`
// joins. A partial dataset holds each of its documents' per-document results
// (rows already serialised, and the document's share of the corpus merge),
// numbered by their place among all the run's inputs; merging the parts puts
// them back in that order and runs the same corpus stage as a single run
// (corpus.ts), so the dataset is byte-identical to one run over all inputs.
// Results are kept whole, whatever tables they hold.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createHash, randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import type { FileResult } from "./process.js";
import type { ManifestOptions } from "./corpus.js";
import { withTexts } from "./result-bytes.js";

export const PARTIAL_FILE = "partial.json";
const RESULTS_FILE = "results.jsonl";

/** K of N (1-based), as `--shard K/N` gives it. */
export interface Shard { index: number; count: number }

export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]), count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

/** The shard a source path belongs to: stable across machines, runs and input order. */
export function shardOf(source: string, count: number): number {
  return (createHash("sha256").update(source).digest().readUInt32BE(0) % count) + 1;
}

/** What a part says about the run it belongs to; every part of one run must agree. */
export interface PartialHeader {
  tool: "sectormap-partial";
  version: string;
  shard: Shard;
  /** Inputs of the whole run, over all shards. */
  total: number;
  /** Inputs of this part. */
  documents: number;
  formats: OutputFormat[];
  excel: boolean;
  config: ExtractConfig;
  manifestOptions: ManifestOptions;
}

/** Writes a partial dataset into a temporary folder that replaces `out` only when complete. */
export class PartialWriter {
  private tmpDir: string;
  private results;

  constructor(private out: string) {
    const target = resolve(out);
    mkdirSync(dirname(target), { recursive: true });
    this.tmpDir = join(dirname(target), `.sectormap-tmp-${basename(target)}-${randomBytes(4).toString("hex")}`);
    mkdirSync(this.tmpDir);
    this.results = createWriteStream(join(this.tmpDir, RESULTS_FILE));
  }

  async add(index: number, result: FileResult): Promise<void> {
    // withTexts: results from worker threads and the cache hold their rows as bytes.
    if (!this.results.write(JSON.stringify({ index, result: withTexts(result) }) + "\n")) await once(this.results, "drain");
  }

  async commit(header: PartialHeader): Promise<void> {
    await new Promise<void>((done, fail) => this.results.end((err?: Error | null) => (err ? fail(err) : done())));
    writeFileSync(join(this.tmpDir, PARTIAL_FILE), JSON.stringify(header, null, 2) + "\n");
    const target = resolve(this.out);
    const old = existsSync(target) ? `${this.tmpDir}-old` : "";
    if (old) renameSync(target, old);
    renameSync(this.tmpDir, target);
    if (old) rmSync(old, { recursive: true, force: true });
  }

  abort(): void {
    this.results.destroy();
    rmSync(this.tmpDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }
}

export function readPartialHeader(dir: string): PartialHeader {
  const path = join(dir, PARTIAL_FILE);
  if (!existsSync(path)) throw new Error(`${dir} is not a partial dataset (no ${PARTIAL_FILE}; write one with \`extract --shard K/N\`)`);
  const header = JSON.parse(readFileSync(path, "utf8")) as PartialHeader;
  if (header.tool !== "sectormap-partial") throw new Error(`${path} is not a sectormap partial dataset`);
  return header;
}

/**
 * The parts' headers checked against each other: one run (same version, options,
 * input count and shard count), every shard present once.
 */
export function checkParts(dirs: string[], headers: PartialHeader[]): void {
  const first = headers[0];
  const same = (h: PartialHeader) =>
    JSON.stringify([h.version, h.formats, h.excel, h.config, h.manifestOptions, h.total, h.shard.count]) ===
    JSON.stringify([first.version, first.formats, first.excel, first.config, first.manifestOptions, first.total, first.shard.count]);
  headers.forEach((h, i) => {
    if (!same(h)) throw new Error(`${dirs[i]} does not belong to the same run as ${dirs[0]} (version, options, inputs or shard count differ)`);
  });
  const seen = new Map<number, string>();
  headers.forEach((h, i) => {
    if (seen.has(h.shard.index)) throw new Error(`shard ${h.shard.index}/${h.shard.count} is given twice (${seen.get(h.shard.index)}, ${dirs[i]})`);
    seen.set(h.shard.index, dirs[i]);
  });
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`shards missing: ${missing.map((k) => `${k}/${first.shard.count}`).join(", ")}`);
  const documents = headers.reduce((n, h) => n + h.documents, 0);
  if (documents !== first.total) throw new Error(`the parts hold ${documents} documents; the run had ${first.total}`);
}

/** The parts' results in the order of the whole run's inputs (each part is in that order already). */
export async function* mergedResults(dirs: string[]): AsyncGenerator<FileResult> {
  const readers = dirs.map((dir) => createInterface({ input: createReadStream(join(dir, RESULTS_FILE)), crlfDelay: Infinity })[Symbol.asyncIterator]());
  const heads: Array<{ index: number; result: FileResult } | undefined> = await Promise.all(readers.map(next));
  let expected = 0;
  for (;;) {
    let best = -1;
    heads.forEach((h, i) => {
      if (h && (best < 0 || h.index < heads[best]!.index)) best = i;
    });
    if (best < 0) return;
    const head = heads[best]!;
    if (head.index !== expected) throw new Error(`${dirs[best]}: input ${expected} is missing or out of order`);
    expected++;
    yield head.result;
    heads[best] = await next(readers[best]);
  }
}

async function next(lines: AsyncIterator<string>): Promise<{ index: number; result: FileResult } | undefined> {
  for (;;) {
    const line = await lines.next();
    if (line.done) return undefined;
    if (line.value) return JSON.parse(line.value);
  }
}
