// Unique `source` names when command-line paths hold the same relative path:
// ids are built from `source`, so two files must never share one.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkInputs } from "../src/ingest/walk.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sectormap-sources-"));
  const files = ["a/report.txt", "a/only-a.txt", "b/report.txt", "x/data/report.txt", "y/data/report.txt", "A/report.txt", "A/b/report.txt", "B/b/report.txt"];
  for (const f of files) {
    await mkdir(join(dir, f, ".."), { recursive: true });
    await writeFile(join(dir, f), `The report ${f} asks States to act.`);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sources = async (...paths: string[]) => (await walkInputs(paths.map((p) => join(dir, p)))).inputs.map((f) => f.source);

describe("sources of files from several command-line paths", () => {
  it("prefixes clashing names with the folder they were found in, and only those", async () => {
    expect(await sources("a", "b")).toEqual(["a/report.txt", "b/report.txt", "only-a.txt"]);
    expect(await sources("a/report.txt", "b/report.txt")).toEqual(["a/report.txt", "b/report.txt"]);
  });

  it("takes as many parent folders as it needs, whatever the order of the paths", async () => {
    expect(await sources("x/data", "y/data")).toEqual(["x/data/report.txt", "y/data/report.txt"]);
    expect(await sources("y/data", "x/data")).toEqual(["x/data/report.txt", "y/data/report.txt"]);
  });

  it("keeps names unique when a prefixed name meets another file's own", async () => {
    // A/report.txt and b/report.txt clash; "b/report.txt" is also A/b/report.txt's own name.
    const names = await sources("A", "b");
    expect(new Set(names).size).toBe(3);
    expect(names.every((n) => n.endsWith("report.txt"))).toBe(true);
    expect(await sources("b", "A")).toEqual(names);
  });

  it("gives the documents of `extract a/ b/` their own source and doc_id", () => {
    const out = join(dir, "out");
    const r = spawnSync(process.execPath, [join(import.meta.dirname, "..", "bin", "sectormap"), "extract", join(dir, "a"), join(dir, "b"), "--out", out, "--quiet"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const docs = readFileSync(join(out, "documents.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(docs.map((d) => d.source)).toEqual(["a/report.txt", "b/report.txt", "only-a.txt"]);
    expect(new Set(docs.map((d) => d.doc_id)).size).toBe(3);
  });
});
