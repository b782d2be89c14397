// `sectormap extract PATHS... --out DIR`
import { availableParallelism } from "node:os";
import { Command } from "commander";
import { SingleBar } from "cli-progress";
import { DEFAULT_DOC_TIMEOUT, runExtract, type RunSummary } from "../pipeline/run.js";
import { parseShard } from "../pipeline/partial.js";
import type { OutputFormat } from "../dataset/writer.js";
import { EXPORT_FORMATS, type ExportFormat } from "../export/formats.js";
import { EXIT_FAILURES, EXIT_OK, UsageProblem, error, info, paint, parsePositiveInt, warn } from "./output.js";

const FORMATS: OutputFormat[] = ["csv", "jsonl"];

export function registerExtractCommand(program: Command): void {
  program
    .command("extract")
    .description("read documents (pdf, txt, md, docx, html) and write a coded dataset: documents, segments, recommendations, actors, mentions, edges, codings, themes")
    .argument("<paths...>", "files or folders (folders are walked recursively)")
    .option("-o, --out <dir>", "dataset folder to write (replaced atomically)", "data")
    .option("-j, --jobs <n>", "documents processed in parallel (worker threads)", String(availableParallelism()))
    .option("--format <list>", "comma-separated: table formats csv, jsonl; exports qdpx, gexf, graphml (written into the dataset folder as sectormap.<format>; see `sectormap export`)", "csv,jsonl")
    .option("--include <glob...>", "only files whose path (relative to the folder given) matches")
    .option("--exclude <glob...>", "skip files whose path matches")
    .option("--codebook <file>", "theme codebook (YAML) replacing the default one")
    .option("--actors <file...>", "extra actor gazetteer files (YAML) added to the shipped one")
    .option("--rules <file>", "recommendation rules (YAML) replacing the default ones")
    .option("--max-file-size <MB>", "refuse files larger than this many MB, unread (documents row with status error)", "200")
    .option("--doc-timeout <seconds>", `stop a document that takes longer than this (documents row with status error); 0 for no limit`, String(DEFAULT_DOC_TIMEOUT))
    .option("--cache <dir>", "keep each document's extraction in DIR and reuse it while the file, the tool and the options are unchanged (default: $SECTORMAP_CACHE)")
    .option("--shard <K/N>", "process only the K-th of N shards of the inputs (stable, by source path) into a partial dataset; join the parts with `sectormap merge`")
    .option("--excel", "write CSV with a UTF-8 byte order mark, for Excel")
    .option("--allow-failures", "exit 0 even when some documents could not be read")
    .option("--json", "print the run summary as JSON on stdout")
    .option("-q, --quiet", "no progress or notices on stderr (errors still shown)")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap extract corpora/seeds --out data
  $ sectormap extract ~/reports --out data --jobs 2 --exclude "drafts/**"
  $ sectormap extract report.pdf --out data --format csv --json > summary.json
  $ sectormap extract ~/reports --out data --cache ~/.cache/sectormap   # re-runs redo changed files only
  $ sectormap extract ~/reports --out part-3 --shard 3/8 && sectormap merge part-* --out data

Exit status: 0 all inputs read, 1 some input failed (see documents.status), 2 usage error.`,
    )
    .action(async (paths: string[], o) => {
      const { formats, exports } = parseFormats(String(o.format));
      const jobs = parsePositiveInt(o.jobs, "--jobs");
      const maxFileSize = parseMegabytes(o.maxFileSize, "--max-file-size");
      const docTimeout = parseSeconds(o.docTimeout, "--doc-timeout");
      const shard = o.shard === undefined ? undefined : parseShard(String(o.shard));
      if (o.shard !== undefined && !shard) throw new UsageProblem(`--shard takes K/N with 1 <= K <= N (e.g. 2/8), not "${o.shard}"`);
      if (shard && exports.length) throw new UsageProblem("--shard writes a partial dataset: export after `sectormap merge`");
      const progress = new Progress(Boolean(o.quiet));
      const summary = await runExtract({
        paths, out: o.out, jobs, formats, excel: Boolean(o.excel), maxFileSize, docTimeout, shard,
        cache: o.cache ?? process.env.SECTORMAP_CACHE ?? "",
        include: o.include ?? [], exclude: o.exclude ?? [],
        config: { codebook: o.codebook ?? "", actorFiles: o.actors ?? [], recRules: o.rules ?? "" },
        onNotice: (m) => progress.notice(m),
        onFile: (r, done, total, bytes) => progress.file(r.source, r.status, r.message, done, total, bytes),
      });
      progress.stop();
      // The exporters are loaded only when asked for.
      const exportDataset = exports.length ? (await import("../export/index.js")).exportDataset : undefined;
      for (const format of exports) {
        const exported = await exportDataset!(o.out, format);
        exported.warnings.forEach((w) => warn(w));
        if (!o.quiet) info(`${exported.out}: ${exported.summary}`);
      }
      if (o.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
      if (!o.quiet && shard) info(`${summary.documents} documents of shard ${shard.index}/${shard.count} (${summary.errors} failed) -> ${summary.out} (partial: join with \`sectormap merge\`)`);
      else if (!o.quiet) printSummary(summary);
      process.exitCode = summary.errors && !o.allowFailures ? EXIT_FAILURES : EXIT_OK;
    });
}

/** A size in MB (decimals allowed) as bytes. */
function parseMegabytes(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageProblem(`${name} takes a size in MB greater than 0, not "${value}"`);
  return Math.round(n * 1024 * 1024);
}

/** A duration in seconds (decimals allowed); 0 means no limit. */
function parseSeconds(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageProblem(`${name} takes a number of seconds (0 for no limit), not "${value}"`);
  return n;
}

/**
 * Splits --format into table formats and exports (issue 7). Exports are made
 * from the tables, so a list of exports only still writes both table formats;
 * "datapackage" is accepted but always written anyway.
 */
function parseFormats(list: string): { formats: OutputFormat[]; exports: ExportFormat[] } {
  const names = list.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  const known = [...FORMATS, ...EXPORT_FORMATS] as string[];
  if (!names.length || names.some((f) => !known.includes(f))) throw new UsageProblem(`--format takes ${known.join(", ")} (comma-separated), not "${list}"`);
  const formats = FORMATS.filter((f) => names.includes(f));
  const exports = EXPORT_FORMATS.filter((f) => f !== "datapackage" && names.includes(f));
  return { formats: formats.length ? formats : [...FORMATS], exports };
}

/** A bar on a terminal (documents done, MB/s, time left); plain lines for problems otherwise; silence with --quiet. */
class Progress {
  private bar?: SingleBar;
  private started = Date.now();
  private bytes = 0;
  constructor(private quiet: boolean) {}

  notice(message: string) {
    if (!this.quiet) this.log(() => info(paint.dim(message)));
  }

  file(source: string, status: string, message: string, done: number, total: number, bytes: number) {
    if (!this.bar && process.stderr.isTTY && !this.quiet && total > 1) {
      this.bar = new SingleBar({ stream: process.stderr, format: " {bar} {value}/{total} documents  {rate} MB/s  {left} left  {file}", hideCursor: true, clearOnComplete: true });
      this.bar.start(total, 0, { file: "", rate: "-", left: "-" });
    }
    if (status === "error") this.log(() => error(`${source}: ${message}`));
    else if (status === "warning" && !this.quiet) this.log(() => warn(`${source}: ${message}`));
    this.bytes += bytes;
    if (!this.bar) return;
    const seconds = (Date.now() - this.started) / 1000;
    const left = (seconds / done) * (total - done); // by documents: sizes ahead are not known yet
    this.bar.update(done, {
      file: source.length > 40 ? "…" + source.slice(-39) : source,
      rate: seconds > 0 ? (this.bytes / 1048576 / seconds).toFixed(1) : "-",
      left: left >= 60 ? `${Math.floor(left / 60)}m${String(Math.round(left % 60)).padStart(2, "0")}s` : `${Math.round(left)}s`,
    });
  }

  stop() {
    this.bar?.stop();
  }

  private log(write: () => void) {
    if (this.bar) {
      this.bar.stop(); // keep the bar from overwriting the message
      write();
      this.bar.start(this.bar.getTotal(), this.bar.getProgress() * this.bar.getTotal());
    } else write();
  }
}

function printSummary(s: RunSummary): void {
  const r = s.rows;
  const failed = s.errors ? paint.red(`${s.errors} failed`) : "0 failed";
  info(
    `${paint.bold(String(s.documents))} documents (${s.ok} ok, ${s.warnings} with warnings, ${failed}) -> ${s.out}\n` +
      `  ${r.segments ?? 0} segments, ${r.recommendations ?? 0} recommendations, ${r.actors ?? 0} actors (${r.mentions ?? 0} mentions), ${r.codings ?? 0} theme codings`,
  );
}
