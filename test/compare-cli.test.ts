// `diff`, `recurrences` and `check` through the built CLI on datasets extracted
// from the seed corpus (run `npm run build` first; `npm test` does).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest, readTable } from "../src/dataset/read.js";

const ROOT = join(import.meta.dirname, "..");
const SEEDS = join(ROOT, "corpora", "seeds");
const REGIONAL = "004_816bfde01daad2e7.txt"; // Dar es Salaam regional conference, 2010

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "sectormap"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function extract(from: string, out: string) {
  const r = cli("extract", from, "--out", out, "--jobs", "1", "--quiet");
  if (r.status !== 0) throw new Error(`extract ${from} failed: ${r.stderr}`);
}

let work: string;
let seedsData: string;
let editedDir: string;
let editedData: string;
let followData: string;

// Seed 004, recommendation i. of its section on migrant workers (line 109 of the text).
const BEFORE = "States should consider signing international instruments addressing the rights of migrant workers";
const AFTER = "States should consider ratifying international instruments protecting the rights of migrant workers";

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sectormap-compare-cli-"));
  seedsData = join(work, "seeds-data");
  extract(SEEDS, seedsData);

  // A copy of the seeds with that one recommendation reworded.
  editedDir = join(work, "edited");
  cpSync(SEEDS, editedDir, { recursive: true });
  const text = readFileSync(join(editedDir, REGIONAL), "utf8");
  expect(text.split(BEFORE).length).toBe(2);
  writeFileSync(join(editedDir, REGIONAL), text.replace(BEFORE, AFTER));
  editedData = join(work, "edited-data");
  extract(editedDir, editedData);

  // The seeds plus a (self-written) later meeting that repeats the Migrant Workers
  // Convention recommendation of seed 004 in other words.
  const followDir = join(work, "follow");
  cpSync(SEEDS, followDir, { recursive: true });
  writeFileSync(
    join(followDir, "follow-up-2014.md"),
    [
      "# Follow-up Meeting on Mixed Movements in Southern Africa",
      "Lusaka, Zambia, 12 March 2014",
      "## Recommendations",
      "1. States that have not yet done so should ratify the International Convention on the Rights of Migrant Workers and their Families and translate its provisions into national law.",
      "2. Civil society organisations are encouraged to train journalists on reporting about refugees and migrants.",
    ].join("\n\n") + "\n",
  );
  followData = join(work, "follow-data");
  extract(followDir, followData);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("sectormap diff OLD NEW", () => {
  it("finds nothing between the seed dataset and itself", () => {
    const r = cli("diff", seedsData, seedsData, "--format", "json", "--fail-on-change");
    expect(r.status).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.documents).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.recommendations).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.actors).toEqual({ added: [], removed: [] });
    expect(diff.themes).toEqual([]);
    expect(diff.tables).toEqual([]);
    expect(cli("diff", seedsData, seedsData).stdout).toContain("no differences");
  });

  it("shows exactly the one recommendation edited in a copied seed", () => {
    const r = cli("diff", seedsData, editedData, "--format", "json", "--fail-on-change");
    expect(r.status).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect(diff.documents.added).toEqual([]);
    expect(diff.documents.removed).toEqual([]);
    expect(diff.documents.changed.map((d: { source: string }) => d.source)).toEqual([REGIONAL]);
    expect(diff.recommendations.added).toEqual([]);
    expect(diff.recommendations.removed).toEqual([]);
    expect(diff.recommendations.changed).toHaveLength(1);
    const [change] = diff.recommendations.changed;
    expect(change.old.text).toContain(BEFORE);
    expect(change.new.text).toContain(AFTER);
    expect(change.new.source).toBe(REGIONAL);
    expect(change.fields).toContain("text");
    expect(change.similarity).toBeGreaterThan(0.5);
    expect(change.similarity).toBeLessThan(1);
    expect(diff.actors).toEqual({ added: [], removed: [] });
    expect(diff.themes).toEqual([]);

    const terminal = cli("diff", seedsData, editedData);
    expect(terminal.status).toBe(0); // without --fail-on-change
    expect(terminal.stdout).toContain("recommendations: 0 added, 0 removed, 1 changed");
    expect(terminal.stdout).toContain("[-signing-] {+ratifying+}");
    const md = cli("diff", seedsData, editedData, "--format", "md").stdout;
    expect(md).toContain("## Recommendations changed");
    expect(md).toContain(AFTER);
  });

  it("refuses a group option with two datasets", () => {
    expect(cli("diff", seedsData, editedData, "--by", "doc_type").status).toBe(2);
    expect(cli("diff", join(work, "nothing-here"), seedsData).status).toBe(2);
  });
});

describe("sectormap diff DATA --by", () => {
  it("compares the 2010 regional conference with the later seeds", () => {
    const r = cli("diff", seedsData, "--by", "date", "--a", "<2015", "--b", ">=2015", "--format", "json");
    expect(r.status).toBe(0);
    const diff = JSON.parse(r.stdout);
    const documents = readTable(seedsData, "documents");
    const regional = documents.find((d) => d.source === REGIONAL)!;
    expect(String(regional.date)).toMatch(/^2010/);
    expect(diff.a.documents).toBe(documents.filter((d) => String(d.date) !== "" && String(d.date) < "2015").length);
    expect(diff.themes.length).toBeGreaterThan(0);
    // Sorted by the size of the difference; each p-value agrees with its G².
    const sizes = diff.themes.map((t: { difference: number }) => Math.abs(t.difference));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const t of diff.themes) expect(t.p).toBeLessThanOrEqual(1);
    // The Tanzanian government convened the 2010 conference only.
    expect(diff.actorsLost.some((a: { name: string }) => /Tanzania/.test(a.name))).toBe(true);
  });
});

describe("sectormap recurrences", () => {
  it("groups the three Migrant Workers Convention recommendations of the regional conference", () => {
    // Seed 004 recommends the Convention three times (lines 53, 97 and 109 of the text), in different words.
    const r = cli("recurrences", seedsData, "--min-documents", "1", "--top", "1000", "--no-write", "--format", "json");
    expect(r.status).toBe(0);
    const clusters: Array<{ members: Array<{ text: string; source: string }> }> = JSON.parse(r.stdout);
    const withConvention = clusters.filter((c) => c.members.some((m) => /Rights of Migrant Workers/i.test(m.text)));
    expect(withConvention).toHaveLength(1);
    const members = withConvention[0].members;
    expect(members).toHaveLength(3);
    for (const m of members) {
      expect(m.source).toBe(REGIONAL);
      expect(m.text).toMatch(/Convention on the Rights of Migrant Workers/i);
    }
  });

  it("finds the Convention recommended again in a later report, and writes the table", () => {
    const r = cli("recurrences", followData);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2010–2014/);
    const rows = readTable(followData, "recurrences");
    const documents = new Map(readTable(followData, "documents").map((d) => [d.doc_id, d.source]));
    const recs = new Map(readTable(followData, "recommendations").map((x) => [x.rec_id, x]));
    const clusterOfFollowUp = rows.find((row) => documents.get(row.doc_id) === "follow-up-2014.md")!.cluster_id;
    const cluster = rows.filter((row) => row.cluster_id === clusterOfFollowUp);
    expect(new Set(cluster.map((row) => documents.get(row.doc_id)))).toEqual(new Set([REGIONAL, "follow-up-2014.md"]));
    for (const row of cluster) expect(String(recs.get(row.rec_id)!.text)).toMatch(/Migrant Workers/i);
    expect(cluster.filter((row) => row.similarity === 1)).toHaveLength(1); // the representative
    // The CSV twin holds the same rows, and the manifest counts them.
    expect(readFileSync(join(followData, "recurrences.csv"), "utf8").trim().split("\n")).toHaveLength(rows.length + 1);
    expect(readManifest(followData).rows.recurrences).toBe(rows.length);
    // The data package describes the new table, with the others still there.
    const described = JSON.parse(readFileSync(join(followData, "datapackage.json"), "utf8")).resources.map((x: { name: string }) => x.name);
    expect(described).toEqual(expect.arrayContaining(["documents", "recommendations", "themes_matrix", "recurrences"]));
  });
});

describe("sectormap check", () => {
  it("passes on a current dataset and fails with the summary on a stale one", () => {
    const current = cli("check", seedsData, SEEDS, "--jobs", "1");
    expect(current.stderr, current.stdout).toContain("is current");
    expect(current.status).toBe(0);
    const stale = cli("check", seedsData, editedDir, "--jobs", "1");
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain("documents: 0 added, 0 removed, 1 changed");
    expect(stale.stdout).toContain("[-signing-] {+ratifying+}");
    expect(stale.stderr).toContain("is stale");
  });
});
