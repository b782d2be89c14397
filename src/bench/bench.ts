// `npm run bench`: throughput and memory on a corpus of at least 50 MB of text,
// made by repeating the seed documents (and the evaluation PDFs in
// ../shared/corpora/evaluations when present) with small perturbations.
// Prints a table on stdout; nothing here is asserted (speed is measured, not tested).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Doc } from "../types.js";
import { packageRoot } from "../paths.js";
import { buildDoc } from "../text/document.js";
import { ingestFile } from "../ingest/index.js";
import { runExtract } from "../pipeline/run.js";
import { extractorsFor } from "../pipeline/process.js";
import { extractRecommendations } from "../extract/recommendations/index.js";
import { extractActors } from "../extract/actors/index.js";
import { codeDocument } from "../extract/themes/index.js";

const MB = 1024 * 1024;
const TARGET_BYTES = 50 * MB;
const root = packageRoot();
const seedsDir = join(root, "corpora", "seeds");
const pdfDir = join(root, "..", "shared", "corpora", "evaluations");

// Child mode: one extract run, reporting its own time and peak memory.
if (process.argv[2] === "--child") {
  const [, , , dir, jobs] = process.argv;
  const out = mkdtempSync(join(tmpdir(), "sectormap-bench-out-"));
  const t0 = performance.now();
  await runExtract({ paths: [dir], out: join(out, "data"), jobs: Number(jobs), include: [], exclude: [], formats: ["csv", "jsonl"], excel: false,
    config: { codebook: "", actorFiles: [], recRules: "" } });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n");
  process.exit(0);
}

const seeds = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(seedsDir, f), "utf8"));
const seedBytes = seeds.reduce((n, s) => n + Buffer.byteLength(s), 0);
const rows: Array<[string, string]> = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  process.stderr.write(`  ${name}: ${value}\n`);
};

function docsOf(texts: string[]): Doc[] {
  return texts.map((t, i) => buildDoc({ source: `seed${i}.txt`, format: "txt", sha256: "", bytes: t.length }, { format: "txt", pages: [t], warnings: [] }));
}

/** MB/s of `work` over the seeds, repeated until `minBytes` have gone through. */
function throughput(minBytes: number, work: () => void): number {
  let bytes = 0;
  const t0 = performance.now();
  while (bytes < minBytes) {
    work();
    bytes += seedBytes;
  }
  return bytes / MB / ((performance.now() - t0) / 1000);
}

process.stderr.write("sectormap benchmark (one core unless said)\n");
// 1. Stage by stage, in-process on one core.
const textRate = throughput(20 * MB, () => docsOf(seeds));
report("text stage (normalise + structure), MB/s per core", textRate.toFixed(1));
const docs = docsOf(seeds);
const ex = extractorsFor({ codebook: "", actorFiles: [], recRules: "" });
const recRate = throughput(10 * MB, () => docs.forEach((d) => extractRecommendations(d, ex.recRules)));
report("recommendations stage alone, MB/s per core", `${recRate.toFixed(1)} (costs ${(100 * textRate / (textRate + recRate)).toFixed(0)}% of text throughput)`);
const actorRate = throughput(10 * MB, () => docs.forEach((d) => extractActors(d, ex.gazetteer)));
report("actors stage alone, MB/s per core", `${actorRate.toFixed(1)} (costs ${(100 * textRate / (textRate + actorRate)).toFixed(0)}% of text throughput)`);
const themeRate = throughput(10 * MB, () => docs.forEach((d) => codeDocument(d, ex.codebook)));
report("themes stage alone, MB/s per core", `${themeRate.toFixed(1)} (costs ${(100 * textRate / (textRate + themeRate)).toFixed(0)}% of text throughput)`);

// 2. The whole CLI pipeline on a >= 50 MB corpus of text files, 1 job and all cores.
const work = mkdtempSync(join(tmpdir(), "sectormap-bench-"));
try {
  const textCorpus = join(work, "text");
  mkdirSync(textCorpus);
  let written = 0;
  for (let copy = 0; written < TARGET_BYTES; copy++) {
    seeds.forEach((s, i) => {
      // A perturbation per copy so that documents differ (ids, hashes) as real ones would.
      const text = `Copy ${copy} of seed ${i}.\n\n` + s;
      writeFileSync(join(textCorpus, `c${String(copy).padStart(4, "0")}-${i}.txt`), text);
      written += Buffer.byteLength(text);
    });
  }
  const cores = availableParallelism();
  for (const jobs of [...new Set([1, cores])]) {
    const r = child(textCorpus, jobs);
    report(`full extract, ${(written / MB).toFixed(0)} MB of text, --jobs ${jobs}`, `${(written / MB / r.seconds).toFixed(2)} MB/s, ${r.seconds.toFixed(1)} s, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
  }

  // 3. PDF pages per second against poppler's pdftotext on the same files.
  if (existsSync(pdfDir)) {
    const pdfs = readdirSync(pdfDir).filter((f) => f.endsWith(".pdf")).map((f) => join(pdfDir, f));
    // One pass to load pdf.js and its fonts (as a long run would have), then the timed pass.
    for (const pdf of pdfs) await ingestFile(pdf, ".pdf");
    let pages = 0;
    const t0 = performance.now();
    for (const pdf of pdfs) pages += (await ingestFile(pdf, ".pdf")).file.pages.length;
    const ours = pages / ((performance.now() - t0) / 1000);
    report(`PDF ingest (${pdfs.length} evaluation PDFs, ${pages} pages, warm), pages/s per core`, ours.toFixed(1));
    if (spawnSync("pdftotext", ["-v"]).status === 0) {
      const t1 = performance.now();
      for (const pdf of pdfs) execFileSync("pdftotext", ["-layout", pdf, "-"], { stdio: ["ignore", "ignore", "ignore"] });
      const poppler = pages / ((performance.now() - t1) / 1000);
      report("pdftotext -layout on the same files, pages/s", `${poppler.toFixed(1)} (ours is ${(ours / poppler).toFixed(2)}x)`);
    } else report("pdftotext", "not installed (apt-get install poppler-utils) - no comparison");
    const pdfCorpus = join(work, "pdf");
    mkdirSync(pdfCorpus);
    const copies = 4;
    for (let c = 0; c < copies; c++) pdfs.forEach((p, i) => copyFileSync(p, join(pdfCorpus, `c${c}-${i}.pdf`)));
    for (const jobs of [...new Set([1, cores])]) {
      const r = child(pdfCorpus, jobs);
      report(`full extract of ${copies * pages} PDF pages, --jobs ${jobs}`, `${((copies * pages) / r.seconds).toFixed(1)} pages/s, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
    }
  } else report("PDF", `no evaluation PDFs at ${pdfDir}: skipped`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4. Compare (diff, recurrences) on a 2,000-document dataset, when that module is built.
try {
  const compareModule = "./compare-bench.js"; // built by the compare stage; optional here
  const compare = await import(compareModule);
  for (const [name, value] of Object.entries(await compare.benchCompare())) report(name, String(value));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw err;
}

const width = Math.max(...rows.map(([n]) => n.length));
process.stdout.write("\n" + rows.map(([n, v]) => `${n.padEnd(width)}  ${v}`).join("\n") + "\n");

function child(dir: string, jobs: number): { seconds: number; maxRssMB: number } {
  const out = execFileSync(process.execPath, [join(root, "dist", "bench", "bench.js"), "--child", dir, String(jobs)], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").pop()!);
}
