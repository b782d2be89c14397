// Limits instead of hangs: a file over --max-file-size or over its time budget
// (--doc-timeout) gets an error row and the run goes on; SIGTERM stops a run
// within 2 seconds even in the middle of a long document, and leaves the
// previous dataset as it was. Through the built CLI (npm test builds first).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExtract } from "../src/pipeline/run.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "sectormap");
const SEEDS = join(ROOT, "corpora", "seeds");

const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
const tmp = () => mkdtempSync(join(tmpdir(), "sectormap-limits-"));
const jsonl = (dir: string, table: string) =>
  readFileSync(join(dir, `${table}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

/** One paragraph of about `megabytes` MB, made of the seed texts' sentences. */
function longParagraph(megabytes: number): string {
  const text = readdirSync(SEEDS).map((f) => readFileSync(join(SEEDS, f), "utf8")).join(" ").replace(/\s+/g, " ");
  return text.repeat(Math.ceil((megabytes * 1024 * 1024) / text.length));
}

const SMALL = "The Government should fund local integration programmes.\n";

describe("limits", () => {
  it("refuses a file over --max-file-size, unread, and reads the others", () => {
    const dir = tmp();
    writeFileSync(join(dir, "big.txt"), SMALL.repeat(400)); // about 23 kB
    writeFileSync(join(dir, "small.txt"), SMALL);
    const out = join(tmp(), "data");
    const r = cli(["extract", dir, "--out", out, "--max-file-size", "0.01", "--format", "jsonl", "--quiet"]);
    expect(r.status).toBe(1);
    const docs = jsonl(out, "documents");
    expect(docs.map((d) => [d.source, d.status])).toEqual([["big.txt", "error"], ["small.txt", "ok"]]);
    expect(docs[0].message).toMatch(/too large/);
    expect(docs[0].sha256).toBe(""); // not even read to hash it
    expect(cli(["extract", dir, "--out", out, "--max-file-size", "lots"]).status).toBe(2);
  }, 60_000);

  it("stops a document over --doc-timeout and goes on with the next", () => {
    const dir = tmp();
    // Far more than 2 s of work; the budget is generous so that the next document, which
    // a fresh thread takes up (loading the rules first), stays well within it.
    writeFileSync(join(dir, "a-long.txt"), longParagraph(12));
    writeFileSync(join(dir, "b-small.txt"), SMALL);
    const out = join(tmp(), "data");
    const r = cli(["extract", dir, "--out", out, "--doc-timeout", "2", "--jobs", "1", "--format", "jsonl", "--quiet"]);
    expect(r.status).toBe(1);
    const docs = jsonl(out, "documents");
    expect(docs.map((d) => [d.source, d.status])).toEqual([["a-long.txt", "error"], ["b-small.txt", "ok"]]);
    expect(docs[0].message).toMatch(/--doc-timeout/);
    expect(jsonl(out, "recommendations").length).toBe(1);
  }, 60_000);

  // The heap limit holds on worker threads only (dist/ built); a run from src/ alone has none.
  it.skipIf(!existsSync(join(ROOT, "dist", "pipeline", "worker.js")))("gives a document over the worker heap limit an error row and goes on with the next", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a-long.txt"), longParagraph(3)); // needs well over 48 MB of heap
    writeFileSync(join(dir, "b-small.txt"), SMALL);
    const out = join(tmp(), "data");
    const summary = await runExtract({
      paths: [dir], out, jobs: 1, include: [], exclude: [], formats: ["jsonl"], excel: false,
      config: { codebook: "", actorFiles: [], recRules: "" }, workerHeapMb: 48,
    });
    expect(summary.errors).toBe(1);
    const docs = jsonl(out, "documents");
    expect(docs.map((d) => [d.source, d.status])).toEqual([["a-long.txt", "error"], ["b-small.txt", "ok"]]);
    expect(docs[0].message).toMatch(/more than 48 MB of memory/);
    expect(jsonl(out, "recommendations").length).toBe(1);
  }, 120_000);

  it("stops within 2 s on SIGTERM in the middle of a long document, leaving the old dataset intact", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "long.txt"), longParagraph(16));
    const parent = tmp();
    const out = join(parent, "data");
    mkdirSync(out);
    writeFileSync(join(out, "documents.jsonl"), "the previous dataset\n");
    const child = spawn(process.execPath, [BIN, "extract", dir, "--out", out, "--jobs", "1", "--quiet"], { stdio: "ignore" });
    const exited = once(child, "exit");
    // Wait until the run has started writing (its temporary folder exists), then long enough
    // for the main thread to have loaded the gazetteer and codebook and a worker to be on the document.
    while (readdirSync(parent).length < 2) await sleep(20);
    await sleep(4000);
    const signalled = Date.now();
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(Date.now() - signalled).toBeLessThan(2000);
    expect(code).toBe(143);
    expect(readdirSync(parent)).toEqual(["data"]);
    expect(readdirSync(out)).toEqual(["documents.jsonl"]);
    expect(readFileSync(join(out, "documents.jsonl"), "utf8")).toBe("the previous dataset\n");
  }, 60_000);
});
