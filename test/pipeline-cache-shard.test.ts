// Cached re-runs (--cache) and sharded runs (--shard K/N + `sectormap merge`)
// must give the very bytes a plain run gives. Through the built CLI.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "sectormap");
const SEEDS = join(ROOT, "corpora", "seeds");

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), "sectormap-cache-"));

/** Every file of a folder, recursively, by relative path. */
function contents(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(files.map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), "latin1")]).sort());
}

/** Cache entries of documents with their modification times (not the datasets of whole runs, under runs/). */
function entries(cache: string): Map<string, number> {
  const files = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.parentPath.startsWith(join(cache, "runs")));
  return new Map(files.map((e) => [e.name, statSync(join(e.parentPath, e.name)).mtimeMs]));
}

let corpus: string;
let reference: string;

beforeAll(() => {
  // The seeds, plus a file that cannot be read, so that error rows go through too.
  corpus = join(tmp(), "corpus");
  cpSync(SEEDS, corpus, { recursive: true });
  writeFileSync(join(corpus, "empty.txt"), "");
  reference = join(tmp(), "data");
  expect(cli(["extract", corpus, "--out", reference, "--jobs", "2", "--quiet"]).code).toBe(1);
}, 120_000);

describe("--cache", () => {
  it("gives byte-identical output on a re-run, and re-extracts only a changed file", () => {
    const corpus = join(tmp(), "corpus"); // a copy of its own, since a file of it is changed below
    cpSync(SEEDS, corpus, { recursive: true });
    writeFileSync(join(corpus, "empty.txt"), "");
    const cache = join(tmp(), "cache");
    const cold = join(tmp(), "cold");
    expect(cli(["extract", corpus, "--out", cold, "--jobs", "2", "--quiet", "--cache", cache]).code).toBe(1);
    expect(contents(cold)).toEqual(contents(reference));
    const first = entries(cache);
    expect(first.size).toBe(readdirSync(corpus).length);

    // SECTORMAP_CACHE does what --cache does.
    const warm = join(tmp(), "warm");
    expect(cli(["extract", corpus, "--out", warm, "--jobs", "2", "--quiet"], { SECTORMAP_CACHE: cache }).code).toBe(1);
    expect(contents(warm)).toEqual(contents(reference));
    expect(entries(cache)).toEqual(first); // nothing extracted again
    expect(readdirSync(join(cache, "runs"))).toHaveLength(1); // the whole run's dataset, copied on the re-run

    // One file changed: one new entry, every other entry untouched, and the output of a fresh run.
    const changed = readdirSync(corpus).find((f) => f.startsWith("002"))!;
    appendFileSync(join(corpus, changed), "\nThe Ministry of Health should publish the results every year.\n");
    const again = join(tmp(), "again");
    expect(cli(["extract", corpus, "--out", again, "--jobs", "1", "--quiet", "--cache", cache]).code).toBe(1);
    const after = entries(cache);
    expect(after.size).toBe(first.size + 1);
    for (const [name, mtime] of first) expect(after.get(name)).toBe(mtime);
    const fresh = join(tmp(), "fresh");
    expect(cli(["extract", corpus, "--out", fresh, "--jobs", "1", "--quiet"]).code).toBe(1);
    expect(contents(again)).toEqual(contents(fresh));
    expect(readdirSync(join(cache, "runs"))).toHaveLength(2); // a changed input is another run
    expect(contents(again)["recommendations.csv"]).not.toEqual(contents(reference)["recommendations.csv"]);
  }, 180_000);
});

describe("--shard K/N and merge", () => {
  it("joins the shards into the dataset of a single run, whatever order the parts are given in", () => {
    const parts = [1, 2, 3].map((k) => {
      const part = join(tmp(), `part-${k}`);
      cli(["extract", corpus, "--out", part, "--shard", `${k}/3`, "--jobs", "1", "--quiet"]);
      expect(readdirSync(part).sort()).toEqual(["partial.json", "results.jsonl"]);
      return part;
    });
    const sizes = parts.map((p) => JSON.parse(readFileSync(join(p, "partial.json"), "utf8")).documents);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(readdirSync(corpus).length);
    expect(sizes.filter((n: number) => n > 0).length).toBeGreaterThan(1); // a real split

    const merged = join(tmp(), "merged");
    expect(cli(["merge", parts[2], parts[0], parts[1], "--out", merged, "--quiet"]).code).toBe(1); // the empty file failed
    expect(contents(merged)).toEqual(contents(reference));

    const missing = cli(["merge", parts[0], parts[1], "--out", join(tmp(), "x")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shards missing: 3\/3/);
    expect(cli(["extract", corpus, "--out", join(tmp(), "y"), "--shard", "4/3"]).code).toBe(2);
  }, 180_000);
});
