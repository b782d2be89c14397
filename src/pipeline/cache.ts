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
// new table or column needs no change here. An entry is a result's bytes
// (result-bytes.ts).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { packageRoot } from "../paths.js";
import type { FileResult, FileTask } from "./process.js";
import { decodeResult, encodeResult } from "./result-bytes.js";

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
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(key));
    } catch {
      return undefined; // not cached
    }
    try {
      return decodeResult(bytes);
    } catch {
      return undefined; // a damaged entry is a miss; it is written again
    }
  }

  /**
   * Written under a temporary name and renamed, so that concurrent runs never read half an entry.
   * `encoded`: the result's bytes when they are at hand already (results from worker threads).
   */
  put(key: string, result: FileResult, encoded = encodeResult(result)): void {
    const path = this.pathOf(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temporary, encoded);
    renameSync(temporary, path);
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }
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
