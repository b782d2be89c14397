// The extract command end to end, through the built CLI (npm test builds first).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "sectormap");
const SEEDS = join(ROOT, "corpora", "seeds");

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), "sectormap-test-"));
const filesOf = (dir: string) => readdirSync(dir).sort();
const jsonl = (dir: string, table: string) =>
  readFileSync(join(dir, `${table}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

describe("extract on the seeds", () => {
  let out: string;
  beforeAll(() => {
    out = join(tmp(), "data");
    const r = cli(["extract", SEEDS, "--out", out, "--jobs", "2", "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("writes every table in both formats, with a manifest and no absolute path or timestamp", () => {
    for (const t of ["documents", "segments", "recommendations", "actors", "mentions", "edges", "codings", "themes", "relations"]) {
      expect(existsSync(join(out, `${t}.csv`))).toBe(true);
      expect(existsSync(join(out, `${t}.jsonl`))).toBe(true);
    }
    expect(existsSync(join(out, "themes_matrix.csv"))).toBe(true);
    expect(filesOf(out).filter((f) => f.startsWith("."))).toEqual([]); // no rows left waiting for the merge
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.tool).toBe("sectormap");
    expect(manifest.inputs.map((i: { source: string }) => i.source)).toEqual(filesOf(SEEDS));
    for (const f of filesOf(out)) {
      const text = readFileSync(join(out, f), "utf8");
      expect(text).not.toContain(ROOT);
      expect(text).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it("gives each segment offsets into the text that the segments rebuild", () => {
    const segments = jsonl(out, "segments");
    const docs = jsonl(out, "documents");
    expect(docs).toHaveLength(5);
    for (const d of docs) {
      expect(d.status).toBe("ok");
      const own = segments.filter((s) => s.doc_id === d.doc_id);
      const text = own.map((s) => s.text).join("\n\n");
      for (const s of own) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("is byte-identical with another --jobs and another order of the inputs", () => {
    const shuffled = tmp();
    const names = filesOf(SEEDS).reverse();
    for (const n of names) copyFileSync(join(SEEDS, n), join(shuffled, n));
    const out2 = join(tmp(), "data");
    const args = ["extract", ...names.map((n) => join(shuffled, n)), "--out", out2, "--jobs", "1", "--quiet"];
    // Files named one by one take their base name as source; the folder run above did too.
    expect(cli(args).code).toBe(0);
    expect(filesOf(out2)).toEqual(filesOf(out));
    for (const f of filesOf(out)) expect(readFileSync(join(out2, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });

  it("keeps other ids when one paragraph of one document is edited", () => {
    const copy = tmp();
    cpSync(SEEDS, copy, { recursive: true });
    const file = join(copy, filesOf(SEEDS).find((f) => f.startsWith("004"))!);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("The Government of Tanzania convened this conference", "The Government of Tanzania organised this conference"));
    const out2 = join(tmp(), "data");
    expect(cli(["extract", copy, "--out", out2, "--quiet"]).code).toBe(0);
    const before = new Set(jsonl(out, "segments").map((s) => s.segment_id));
    const after = jsonl(out2, "segments").map((s) => s.segment_id);
    const changed = after.filter((id) => !before.has(id));
    expect(changed).toHaveLength(1);
    const beforeRecs = jsonl(out, "recommendations").map((r) => r.rec_id);
    expect(jsonl(out2, "recommendations").map((r) => r.rec_id)).toEqual(beforeRecs);
  });
});

describe("bad input and usage", () => {
  it("records unreadable files as errors, writes the rest, and exits 1 (0 with --allow-failures)", () => {
    const dir = tmp();
    copyFileSync(join(SEEDS, filesOf(SEEDS)[0]), join(dir, "good.txt"));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "broken.pdf"), "%PDF-1.4\n1 0 obj << /Type /Catalog");
    writeFileSync(join(dir, "notes.xlsx"), "PK");
    const out = join(tmp(), "data");
    const r = cli(["extract", dir, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty\.txt: .*empty/);
    expect(r.stderr).toMatch(/broken\.pdf: .*PDF/);
    expect(r.stderr).toMatch(/notes\.xlsx/); // skipped with a notice, not an error row
    const docs = jsonl(out, "documents");
    expect(docs.map((d) => [d.source, d.status])).toEqual([["broken.pdf", "error"], ["empty.txt", "error"], ["good.txt", "ok"]]);
    expect(cli(["extract", dir, "--out", out, "--allow-failures", "--quiet"]).code).toBe(0);
  });

  it("exits 2 on usage errors, with one line on stderr", () => {
    const missing = cli(["extract", "/no/such/folder", "--out", join(tmp(), "d")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/folder/);
    expect(cli(["extract", SEEDS, "--jobs", "zero"]).code).toBe(2);
    expect(cli(["extract", SEEDS, "--format", "xml"]).code).toBe(2);
    expect(cli(["no-such-command"]).code).toBe(2);
  });

  it("leaves the previous dataset in place when a run fails", () => {
    const out = join(tmp(), "data");
    expect(cli(["extract", SEEDS, "--out", out, "--quiet"]).code).toBe(0);
    const before = readFileSync(join(out, "segments.csv"));
    const badCodebook = join(tmp(), "bad.yaml");
    writeFileSync(badCodebook, "themes: [ {code: X1, label: x, regex: ['(unclosed']} ]\n");
    const r = cli(["extract", SEEDS, "--out", out, "--codebook", badCodebook, "--quiet"]);
    expect(r.code).not.toBe(0);
    expect(readFileSync(join(out, "segments.csv")).equals(before)).toBe(true);
    expect(readdirSync(join(out, "..")).filter((f) => f.startsWith(".sectormap-tmp"))).toEqual([]);
  });

  it("removes its temporary folder, rows waiting for the merge included, when interrupted", { timeout: 60_000, retry: 2 }, async () => {
    const corpus = tmp();
    for (let copy = 0; copy < 30; copy++) for (const n of filesOf(SEEDS)) copyFileSync(join(SEEDS, n), join(corpus, `${copy}-${n}`));
    const parent = tmp();
    const child = spawn(process.execPath, [BIN, "extract", corpus, "--out", join(parent, "data"), "--jobs", "1", "--quiet"]);
    const exited = once(child, "exit");
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    // Interrupt once some document's rows wait on disk.
    const waiting = () => readdirSync(parent).some((d) => existsSync(join(parent, d, ".scratch", "waiting.jsonl")));
    while (!waiting()) await sleep(20);
    child.kill("SIGINT");
    expect((await exited)[0], stderr).toBe(130);
    expect(readdirSync(parent)).toEqual([]);
    // Retried: under a fully loaded CI machine it failed once in about four suites (exit 1, cause not
    // reproduced since; the child's stderr is in the message above when it happens again).
  });

  it("prints the run summary as JSON on stdout with --json, and nothing else there", () => {
    const r = cli(["extract", SEEDS, "--out", join(tmp(), "data"), "--json"]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ documents: 5, ok: 5, errors: 0 });
    expect(summary.rows.segments).toBeGreaterThan(500);
  });

  it("has --help with examples on every command, and --version", () => {
    expect(cli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const c of ["extract", "inspect"]) {
      const h = cli([c, "--help"]);
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(/Examples:/);
    }
  });
});

describe("inspect", () => {
  it("shows headings, list labels and pages of one file", () => {
    const r = cli(["inspect", join(SEEDS, filesOf(SEEDS).find((f) => f.startsWith("004"))!)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/## II\. Enhancing legal migration/);
    expect(r.stdout).toMatch(/\bix\. States should formulate national migration policies/);
  });
});
