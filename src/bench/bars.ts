// The bars of issue 17, each printed as a ratio measured in one run of
// `npm run bench` (or `npm run bench -- --bars` for these alone): every figure
// comes from whole `extract` runs in child processes, timed by wall clock and
// by CPU time (the child's process.cpuUsage(), which counts its worker threads).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { packageRoot } from "../paths.js";
import type { ThreadCpu } from "./thread-cpu.js";

const MB = 1024 * 1024;

export interface ChildRun {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  /** Bytes of each file of the dataset written. */
  outBytes: Record<string, number>;
  /** CPU seconds by kind of thread (Linux only; startup included): see thread-cpu.ts. */
  cpuByThread?: ThreadCpu;
}

/** "; CPU by thread: main 2.4 s, ..." (the main thread with its startup); nothing where threads are not measured. */
function threadSplit(r: ChildRun): string {
  const t = r.cpuByThread;
  return t ? `; CPU by thread: main ${t.main.toFixed(1)} s, workers ${t.workers.toFixed(1)}, V8 compiler/GC and libuv background ${t.background.toFixed(1)}` : "";
}

/** One `extract` in a fresh process (dist/bench/child.js). */
export function childRun(dir: string, jobs: number, extra: { formats?: string; cache?: string } = {}): ChildRun {
  const args = [join(packageRoot(), "dist", "bench", "child.js"), dir, String(jobs), extra.formats ?? "csv,jsonl", extra.cache ?? ""];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

export async function measureBars(report: (name: string, value: string) => void): Promise<void> {
  const root = packageRoot();
  const seedsDir = join(root, "corpora", "seeds");
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(seedsDir, f), "utf8"));
  const work = mkdtempSync(join(tmpdir(), "sectormap-bars-"));
  try {
    const { dir: x40, mb } = seedCopies(work, seeds, 40);
    const j1 = childRun(x40, 1);
    const j2 = childRun(x40, 2);
    report(`bar: seeds x40 (${mb.toFixed(1)} MB), --jobs 1, MB/s per CPU s (bar 3)`, `${(mb / j1.cpuSeconds).toFixed(2)} = ${((mb / j1.cpuSeconds) / 3).toFixed(2)}x the bar (${j1.seconds.toFixed(1)} s wall, ${j1.cpuSeconds.toFixed(1)} CPU s, peak RSS ${j1.maxRssMB.toFixed(0)} MB${threadSplit(j1)})`);
    report("bar: --jobs 2 speed-up over --jobs 1, wall (bar 1.7)", `${(j1.seconds / j2.seconds).toFixed(2)}x (${j2.seconds.toFixed(1)} s wall, ${j2.cpuSeconds.toFixed(1)} CPU s, peak RSS ${j2.maxRssMB.toFixed(0)} MB${threadSplit(j2)})`);
    // --jobs 1 already keeps part of a second core busy (V8's compiler and GC threads). Even if two
    // jobs cost no more CPU than one and kept both cores busy, the wall time could only fall to half
    // of --jobs 1's CPU time: this is the highest speed-up a second core can give this run.
    // (On a machine with one core, two jobs share it: no ceiling above 1.)
    const ceiling = (Math.min(2, availableParallelism()) * j1.seconds) / j1.cpuSeconds;
    report("--jobs 2 speed-up ceiling: 2 x (--jobs 1 wall / --jobs 1 CPU)", `${ceiling.toFixed(2)}x (--jobs 1 uses ${(j1.cpuSeconds / j1.seconds).toFixed(2)} cores)`);

    // Where the CPU of that run goes: a fixed cost (process and worker start, rules, warm-up) and a
    // cost per MB, which a run over a large corpus approaches. The per-MB rate is the slope between
    // the seeds x10 and x40; the start-up alone is a run over one small file.
    const { dir: x10, mb: mb10 } = seedCopies(work, seeds, 10);
    const j10 = childRun(x10, 1);
    const perMb = (j1.cpuSeconds - j10.cpuSeconds) / (mb - mb10);
    const one = join(work, "one");
    mkdirSync(one);
    writeFileSync(join(one, "one.txt"), seeds.reduce((a, b) => (a.length <= b.length ? a : b)));
    const start = childRun(one, 1);
    report("seeds x40, --jobs 1: CPU per MB past the first x10 (what a large corpus approaches)", `${(1 / perMb).toFixed(2)} MB/s per CPU s; fixed cost ${(j1.cpuSeconds - perMb * mb).toFixed(1)} CPU s of ${j1.cpuSeconds.toFixed(1)} (start-up and warm-up)`);
    report("start-up: extract of the smallest seed alone, --jobs 1", `${start.cpuSeconds.toFixed(2)} CPU s${threadSplit(start)}`);

    // Output cost per format: the same run writing one format.
    for (const format of ["csv", "jsonl"]) {
      const r = childRun(x40, 1, { formats: format });
      const written = Object.values(r.outBytes).reduce((a, b) => a + b, 0) / MB;
      report(`output --format ${format} alone, --jobs 1`, `${r.cpuSeconds.toFixed(1)} CPU s (both formats: ${j1.cpuSeconds.toFixed(1)}), ${written.toFixed(1)} MB written`);
    }
    const both = Object.values(j1.outBytes).reduce((a, b) => a + b, 0) / MB;
    report("output csv,jsonl (the default)", `${both.toFixed(1)} MB written for ${mb.toFixed(1)} MB of text`);

    // Cached re-run: cold (filling an empty cache) against warm, wall time.
    const cache = join(work, "cache");
    const cold = childRun(x40, 2, { cache });
    const warm = childRun(x40, 2, { cache });
    report("bar: cached re-run speed-up over a cold run, wall, --jobs 2 (bar 20)", `${(cold.seconds / warm.seconds).toFixed(1)}x (cold ${cold.seconds.toFixed(1)} s, warm ${warm.seconds.toFixed(1)} s; CPU ${cold.cpuSeconds.toFixed(1)} vs ${warm.cpuSeconds.toFixed(1)} s)`);

    // One paragraph of 5.7 MB.
    const paragraphDir = join(work, "paragraph");
    mkdirSync(paragraphDir);
    const flat = seeds.join(" ").replace(/\s+/g, " ");
    const paragraph = flat.repeat(Math.ceil((5.7 * MB) / flat.length)).slice(0, 5.7 * MB);
    writeFileSync(join(paragraphDir, "paragraph.txt"), paragraph);
    const p = childRun(paragraphDir, 1);
    report("bar: one 5.7 MB paragraph, MB/s per CPU s (bar 1)", `${(5.7 / p.cpuSeconds).toFixed(2)} (${p.seconds.toFixed(1)} s wall, ${p.cpuSeconds.toFixed(1)} CPU s, startup included)`);

    // The evaluation PDFs, whole extract on one core against pdftotext -layout.
    const pdfDir = join(root, "..", "shared", "corpora", "evaluations");
    if (!existsSync(pdfDir)) report("bar: PDF whole extract vs pdftotext", `no evaluation PDFs at ${pdfDir}: skipped`);
    else if (spawnSync("pdftotext", ["-v"]).status !== 0) report("bar: PDF whole extract vs pdftotext", "pdftotext not installed (apt-get install poppler-utils): skipped");
    else {
      const pdfs = readdirSync(pdfDir).filter((f) => f.endsWith(".pdf"));
      const pdfCorpus = join(work, "pdf");
      mkdirSync(pdfCorpus);
      pdfs.forEach((f) => copyFileSync(join(pdfDir, f), join(pdfCorpus, f)));
      const ours = childRun(pdfCorpus, 1);
      const t0 = performance.now();
      for (const f of pdfs) execFileSync("pdftotext", ["-layout", join(pdfDir, f), "-"], { stdio: ["ignore", "ignore", "ignore"] });
      const poppler = (performance.now() - t0) / 1000;
      report("bar: PDF whole extract throughput / pdftotext -layout's, one core (bar 0.25)", `${(poppler / ours.cpuSeconds).toFixed(2)} (ours ${ours.cpuSeconds.toFixed(1)} CPU s, pdftotext ${poppler.toFixed(1)} s)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- --rss [N]` (opt-in: long): peak RSS of `extract --jobs 2` on a corpus of N
 * documents (default 10,000, the bar's size), made of the seeds and ../shared/corpora/real/
 * repeated, each copy of a text file (txt, md, html) perturbed so that documents differ; PDFs
 * and Word files are copied as they are (their paths, hence doc_ids, still differ).
 */
export function measureRss(report: (name: string, value: string) => void, documents: number): void {
  const root = packageRoot();
  const sources = [join(root, "corpora", "seeds"), join(root, "..", "shared", "corpora", "real")].filter(existsSync).flatMap((dir) => filesUnder(dir));
  const work = mkdtempSync(join(tmpdir(), "sectormap-rss-"));
  try {
    const corpus = join(work, "corpus");
    let written = 0;
    for (let copy = 0; written < documents; copy++) {
      const dir = join(corpus, `c${String(copy).padStart(3, "0")}`);
      mkdirSync(dir, { recursive: true });
      for (const [i, file] of sources.entries()) {
        if (written >= documents) break;
        const ext = extname(file).toLowerCase();
        const target = join(dir, `${i}${ext}`);
        if (ext === ".txt" || ext === ".md") writeFileSync(target, `Copy ${copy}.\n\n` + readFileSync(file, "utf8"));
        else if (ext === ".html" || ext === ".htm") writeFileSync(target, `<!-- copy ${copy} -->\n` + readFileSync(file, "utf8"));
        else if (ext === ".pdf" || ext === ".docx") copyFileSync(file, target);
        else continue;
        written++;
      }
    }
    const r = childRun(corpus, 2);
    report(`bar: peak RSS, --jobs 2, ${written} documents (bar 1024 MB)`, `${r.maxRssMB.toFixed(0)} MB (${(r.seconds / 60).toFixed(1)} min wall, ${r.cpuSeconds.toFixed(0)} CPU s)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The seeds `copies` times in a new folder under `work`, each copy perturbed so that documents differ (ids, hashes) as real ones would. */
function seedCopies(work: string, seeds: string[], copies: number): { dir: string; mb: number } {
  const dir = join(work, `x${copies}`);
  mkdirSync(dir);
  let bytes = 0;
  for (let copy = 0; copy < copies; copy++) {
    seeds.forEach((s, i) => {
      const text = `Copy ${copy} of seed ${i}.\n\n` + s;
      writeFileSync(join(dir, `c${copy}-${i}.txt`), text);
      bytes += Buffer.byteLength(text);
    });
  }
  return { dir, mb: bytes / MB };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
