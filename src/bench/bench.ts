// `npm run bench`: throughput and memory on a corpus of at least 50 MB of text,
// made by repeating the seed documents (and the evaluation PDFs in
// ../shared/corpora/evaluations when present) with small perturbations.
// Prints a table on stdout; nothing here is asserted (speed is measured, not tested).
// Stage rates are medians of interleaved rounds by CPU time (see stageRates).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Doc } from "../types.js";
import { packageRoot } from "../paths.js";
import { buildDoc } from "../text/document.js";
import { ingestFile } from "../ingest/index.js";
import { extractorsFor } from "../pipeline/process.js";
import { extractRecommendations } from "../extract/recommendations/index.js";
import { extractActors } from "../extract/actors/index.js";
import { codeDocument } from "../extract/themes/index.js";
import { childRun, measureBars, measureRss } from "./bars.js";
import { extractRelations } from "../extract/relations/index.js";

const MB = 1024 * 1024;
const TARGET_BYTES = 50 * MB;
const root = packageRoot();
const seedsDir = join(root, "corpora", "seeds");
const pdfDir = join(root, "..", "shared", "corpora", "evaluations");

const seedFiles = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).map((f) => join(seedsDir, f));
const seeds = seedFiles.map((f) => readFileSync(f, "utf8"));
const seedBytes = seeds.reduce((n, s) => n + Buffer.byteLength(s), 0);
const rows: Array<[string, string]> = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  process.stderr.write(`  ${name}: ${value}\n`);
};

/** The text pipeline on the seed files: read and decode each file (ingest), then normalise and structure it. */
async function ingestAndStructure(): Promise<Doc[]> {
  const docs: Doc[] = [];
  for (const [i, path] of seedFiles.entries()) {
    const { file } = await ingestFile(path, ".txt");
    docs.push(buildDoc({ source: `seed${i}.txt`, format: "txt", sha256: "", bytes: file.pages.join("").length }, file));
  }
  return docs;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** The stages timed one by one: the text pipeline, then each extractor on the finished documents. */
const STAGES = ["text", "recommendations", "actors", "themes", "relations"] as const;
type StageName = (typeof STAGES)[number];

/** Child mode `--stage NAME`: this process times one stage and prints its MB/s (by CPU time). */
async function timeStageHere(name: StageName): Promise<number> {
  const docs = await ingestAndStructure();
  const ex = extractorsFor({ codebook: "", actorFiles: [], recRules: "" });
  // The relations stage reads the actors stage's mentions: found once here, outside the timing.
  const actorsOf = name === "relations" ? docs.map((d) => extractActors(d, ex.gazetteer)) : [];
  const work: Record<StageName, () => unknown> = {
    text: ingestAndStructure,
    recommendations: () => docs.forEach((d) => extractRecommendations(d, ex.recRules)),
    actors: () => docs.forEach((d) => extractActors(d, ex.gazetteer)),
    themes: () => docs.forEach((d) => codeDocument(d, ex.codebook)),
    relations: () => docs.forEach((d, i) => extractRelations(d, actorsOf[i].actors, actorsOf[i].mentions, ex.relations)),
  };
  // Warm up for two seconds: V8 compiles the hot code on background threads, whose CPU time
  // would otherwise be charged to the first rounds (the bigger the stage's code, the more).
  const warm = cpuSeconds();
  while (cpuSeconds() - warm < 2) await work[name]();
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = cpuSeconds();
    let passes = 0;
    do {
      await work[name]();
      passes++;
    } while (cpuSeconds() - start < 0.4);
    rates.push((passes * seedBytes) / MB / (cpuSeconds() - start));
  }
  return median(rates);
}

if (process.argv[2] === "--stage") {
  process.stdout.write(JSON.stringify({ rate: await timeStageHere(process.argv[3] as StageName) }) + "\n");
  process.exit(0);
}

/**
 * MB/s of each stage over the seeds, one core, by CPU time. Each measurement runs in a
 * fresh process, so no stage pays for the garbage another left behind; the stages take
 * turns for ROUNDS rounds and each figure is the median, because this machine is shared
 * and a single timing varies by a third.
 */
function stageRates(): Record<StageName, number> {
  const ROUNDS = 5;
  const rates = Object.fromEntries(STAGES.map((name) => [name, [] as number[]])) as Record<StageName, number[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of STAGES) {
      const out = execFileSync(process.execPath, [join(root, "dist", "bench", "bench.js"), "--stage", name], { encoding: "utf8" });
      rates[name].push(JSON.parse(out.trim().split("\n").pop()!).rate);
    }
  }
  return Object.fromEntries(STAGES.map((name) => [name, median(rates[name])])) as Record<StageName, number>;
}

process.stderr.write("sectormap benchmark (one core unless said)\n");
const rssAt = process.argv.indexOf("--rss");
if (rssAt >= 0) {
  // `npm run bench -- --rss [N]`: only the peak RSS bar, on N documents (default 10,000; an hour or more).
  const asked = Number(process.argv[rssAt + 1]);
  measureRss(report, Number.isInteger(asked) && asked > 0 ? asked : 10_000);
  printTable();
  process.exit(0);
}
if (process.argv.includes("--bars")) {
  // `npm run bench -- --bars`: only the bars of issue 17 (a few minutes).
  await measureBars(report);
  printTable();
  process.exit(0);
}
// 1. Stage by stage, on one core. An extractor's cost is the share of the text
// pipeline's throughput that adding it takes away: text / (text + stage).
const rates = stageRates();
const textRate = rates.text;
report("text pipeline (read + decode + normalise + structure), MB/s per core", textRate.toFixed(1));
for (const stage of ["recommendations", "actors", "themes", "relations"] as const) {
  const rate = rates[stage];
  report(`${stage} stage alone, MB/s per core`, `${rate.toFixed(1)} (costs ${(100 * textRate / (textRate + rate)).toFixed(0)}% of text throughput)`);
}

if (process.argv.includes("--stages")) {
  // `npm run bench -- --stages`: only the stage rates above (half a minute), for tuning one stage.
  printTable();
  process.exit(0);
}

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
    // A long run reads many PDFs with pdf.js loaded and its code optimised: two passes warm it
    // up, then ours and pdftotext take turns, five timed passes each; medians of pages/s.
    let pages = 0;
    for (const pdf of pdfs) pages += (await ingestFile(pdf, ".pdf")).file.pages.length;
    for (const pdf of pdfs) await ingestFile(pdf, ".pdf");
    const havePoppler = spawnSync("pdftotext", ["-v"]).status === 0;
    const ourRates: number[] = [], popplerRates: number[] = [];
    for (let pass = 0; pass < 5; pass++) {
      let t0 = performance.now();
      for (const pdf of pdfs) await ingestFile(pdf, ".pdf");
      ourRates.push(pages / ((performance.now() - t0) / 1000));
      if (!havePoppler) continue;
      t0 = performance.now();
      for (const pdf of pdfs) execFileSync("pdftotext", ["-layout", pdf, "-"], { stdio: ["ignore", "ignore", "ignore"] });
      popplerRates.push(pages / ((performance.now() - t0) / 1000));
    }
    const ours = median(ourRates);
    report(`PDF ingest (${pdfs.length} evaluation PDFs, ${pages} pages, warm), pages/s per core`, ours.toFixed(1));
    if (havePoppler) {
      const poppler = median(popplerRates);
      report("pdftotext -layout on the same files, pages/s", `${poppler.toFixed(1)} (ours is ${(ours / poppler).toFixed(2)}x)`);
    } else report("pdftotext", "not installed (apt-get install poppler-utils) - no comparison");
    const pdfCorpus = join(work, "pdf");
    mkdirSync(pdfCorpus);
    // Eight copies (928 pages): with fewer, starting the worker threads (each loads pdf.js,
    // the extractors and their rules, about 1.5 s of CPU) outweighs what the second core adds.
    const copies = 8;
    for (let c = 0; c < copies; c++) pdfs.forEach((p, i) => copyFileSync(p, join(pdfCorpus, `c${c}-${i}.pdf`)));
    for (const jobs of [...new Set([1, cores])]) {
      const r = child(pdfCorpus, jobs);
      report(`full extract of ${copies * pages} PDF pages, --jobs ${jobs}`, `${((copies * pages) / r.seconds).toFixed(1)} pages/s, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
    }
  } else report("PDF", `no evaluation PDFs at ${pdfDir}: skipped`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 4. The bars of issue 17, as ratios.
await measureBars(report);

// 5. Compare (diff, recurrences) on a 2,000-document dataset, when that module is built.
try {
  const compareModule = "./compare-bench.js"; // built by the compare stage; optional here
  const compare = await import(compareModule);
  for (const [name, value] of Object.entries(await compare.benchCompare())) report(name, String(value));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw err;
}

printTable();

function printTable(): void {
  const width = Math.max(...rows.map(([n]) => n.length));
  process.stdout.write("\n" + rows.map(([n, v]) => `${n.padEnd(width)}  ${v}`).join("\n") + "\n");
}

function child(dir: string, jobs: number): { seconds: number; maxRssMB: number } {
  return childRun(dir, jobs);
}
