// One `extract` run in a process of its own, for the bench (bars.ts childRun): reports its
// wall and CPU time (worker threads included), the CPU time by kind of thread, peak memory
// and the size of each file written, as one line of JSON. Arguments: DIR JOBS [FORMATS] [CACHE].
// A file of its own, importing only what `extract` imports, so that the main thread's CPU
// time is the CLI's (bench.ts imports the extractors, a second of loading, for its stages).
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runExtract } from "../pipeline/run.js";
import { ThreadCpuSampler } from "./thread-cpu.js";

const [, , dir, jobs, formats = "csv,jsonl", cache = ""] = process.argv;
const out = mkdtempSync(join(tmpdir(), "sectormap-bench-out-"));
const threads = new ThreadCpuSampler();
await threads.start();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
await runExtract({ paths: [dir], out: join(out, "data"), jobs: Number(jobs), include: [], exclude: [], formats: formats.split(",") as Array<"csv" | "jsonl">, excel: false,
  config: { codebook: "", actorFiles: [], recRules: "" }, cache });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuByThread = threads.stop();
const outBytes = Object.fromEntries(readdirSync(join(out, "data")).map((f) => [f, statSync(join(out, "data", f)).size]));
rmSync(out, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, outBytes, cpuByThread }) + "\n");
process.exit(0);
