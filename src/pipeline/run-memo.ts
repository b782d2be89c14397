// A cached re-run over inputs that have not changed at all: the cache keeps the
// finished dataset of the last run of each (inputs, options) combination, and
// a re-run with the very same inputs copies it into place instead of merging
// every document's cached result again. The key is made of every document's
// cache key (content, source path and the run's fingerprint: tool, rules,
// options), in input order, and the options that shape the dataset as a whole,
// so the copy is byte-identical to what the merge would write. Any change, one
// file or one option, is a miss: the documents' cached results are used and
// the corpus merge runs as usual.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { DatasetWriter, type OutputFormat } from "../dataset/writer.js";
import type { RunSummary } from "./corpus.js";
import type { FileResult } from "./process.js";
import { exitOnSignals } from "./interrupt.js";

const RUN_FILE = "run.json";

/** What a run says per document (for progress and messages): source, status, message. */
export type DocumentOutcome = Pick<FileResult, "source" | "status" | "message">;

interface MemoRecord {
  summary: Omit<RunSummary, "out">;
  documents: Array<[string, FileResult["status"], string]>;
}

export class RunMemo {
  private dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, "runs");
  }

  /** The key of a run: its documents' cache keys in order, and whatever else shapes the dataset. */
  static keyOf(documentKeys: string[], datasetOptions: unknown): string {
    return createHash("sha256").update(JSON.stringify([documentKeys, datasetOptions])).digest("hex");
  }

  /** The dataset of an identical earlier run, copied into `out` (atomically); undefined when there is none. */
  async restore(key: string, out: string, opts: { formats: OutputFormat[]; excel: boolean; onFile?: (r: DocumentOutcome, done: number, total: number) => void }): Promise<RunSummary | undefined> {
    const from = join(this.dir, key);
    let record: MemoRecord;
    try {
      record = JSON.parse(readFileSync(join(from, RUN_FILE), "utf8"));
    } catch {
      return undefined;
    }
    const writer = new DatasetWriter(out, { formats: opts.formats, excelBom: opts.excel });
    const stopListening = exitOnSignals(() => writer.abort());
    try {
      for (const name of readdirSync(from)) if (name !== RUN_FILE) copyFileSync(join(from, name), join(writer.tmpDir, name));
      record.documents.forEach(([source, status, message], i) => opts.onFile?.({ source, status, message }, i + 1, record.documents.length));
      await writer.commit();
      return { ...record.summary, out };
    } catch (err) {
      writer.abort();
      // A damaged memo is a miss (the run goes on the usual way); anything else is a real failure.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    } finally {
      stopListening();
    }
  }

  /** Keeps the dataset just written in `out` under `key` (written aside and renamed: never half a memo). */
  keep(key: string, out: string, summary: RunSummary, documents: DocumentOutcome[]): void {
    mkdirSync(this.dir, { recursive: true });
    const target = join(this.dir, key);
    if (existsSync(target)) return;
    const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      mkdirSync(temporary);
      for (const entry of readdirSync(resolve(out), { withFileTypes: true })) {
        if (entry.isFile()) copyFileSync(join(out, entry.name), join(temporary, entry.name));
      }
      const { out: _out, ...rest } = summary;
      const record: MemoRecord = { summary: rest, documents: documents.map((d) => [d.source, d.status, d.message]) };
      writeFileSync(join(temporary, RUN_FILE), JSON.stringify(record));
      renameSync(temporary, target);
    } catch {
      // The memo only saves time: a run whose memo could not be kept has still succeeded.
      rmSync(temporary, { recursive: true, force: true });
    }
  }
}
