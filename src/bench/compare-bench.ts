// Compare on a large dataset: `diff` (groups and versions) and `recurrences`
// on 2,000 documents made by repeating the seed dataset with perturbations
// (dates spread over the years, words dropped from some recommendations,
// theme counts nudged). Called by `npm run bench`; nothing is asserted here.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runExtract } from "../pipeline/run.js";
import { packageRoot } from "../paths.js";
import { DatasetWriter } from "../dataset/writer.js";
import { TABLES, type Row, type TableName } from "../dataset/tables.js";
import { readManifest, readTable } from "../dataset/read.js";
import { Dataset } from "../compare/dataset.js";
import { diffGroups } from "../compare/groups.js";
import { diffVersions } from "../compare/versions.js";
import { findRecurrences } from "../compare/recurrences.js";

const DOCUMENTS = 2000;

export async function benchCompare(): Promise<Record<string, number>> {
  const work = mkdtempSync(join(tmpdir(), "sectormap-compare-bench-"));
  try {
    const seedData = join(work, "seeds");
    await runExtract({ paths: [join(packageRoot(), "corpora", "seeds")], out: seedData, jobs: 1, include: [], exclude: [], formats: ["jsonl"], excel: false, config: { codebook: "", actorFiles: [], recRules: "" } });
    const seed = Object.fromEntries((Object.keys(TABLES) as TableName[]).map((t) => [t, readTable(seedData, t)])) as Record<TableName, Row[]>;
    const copies = Math.ceil(DOCUMENTS / seed.documents.length);
    const oldDir = join(work, "old");
    const newDir = join(work, "new");
    await synthesise(seed, copies, oldDir, 1, 0);
    await synthesise(seed, copies, newDir, 1, 0.01); // the same corpus with 1% of its documents edited

    const figures: Record<string, number> = {};
    // Wall time, and CPU time of this process (less sensitive to other work on the machine).
    const time = (name: string, work: () => unknown) => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = work();
      const cpu = process.cpuUsage(cpu0);
      figures[name] = Number(((performance.now() - t0) / 1000).toFixed(2));
      figures[name.replace(/, s$/, ", CPU s")] = Number(((cpu.user + cpu.system) / 1e6).toFixed(2));
      return result;
    };
    const documents = readTable(oldDir, "documents").length;
    const recommendations = readTable(oldDir, "recommendations").length;
    figures[`compare dataset: documents`] = documents;
    figures[`compare dataset: recommendations`] = recommendations;
    time(`diff --by date (${documents} documents), s`, () => diffGroups(new Dataset(oldDir), { by: "date", a: "<2015", b: ">=2015" }));
    const versions = time(`diff OLD NEW (${documents} documents, 1% edited), s`, () => diffVersions(new Dataset(oldDir), new Dataset(newDir))) as ReturnType<typeof diffVersions>;
    figures["diff OLD NEW: recommendations changed"] = versions.recommendations.changed.length;
    const clusters = time(`recurrences (${recommendations} recommendations), s`, () => findRecurrences(new Dataset(oldDir), { threshold: 0.5, minDocuments: 2, minWords: 3 })) as ReturnType<typeof findRecurrences>;
    figures["recurrences: groups across documents"] = clusters.length;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `copies` copies of the seed dataset as one dataset. Copy k of a document gets
 * its own ids, a date moved to a year between 2008 and 2022, one word dropped
 * from about a third of its recommendations and its theme counts nudged by ±1.
 * With `edited` > 0, that fraction of documents also has a new sha256 and
 * reworded recommendations under new ids (what a re-extraction after edits gives).
 */
export async function synthesise(seed: Record<TableName, Row[]>, copies: number, out: string, randomSeed: number, edited: number): Promise<void> {
  const random = mulberry32(randomSeed);
  const editRandom = mulberry32(randomSeed + 1);
  const writer = new DatasetWriter(out, { formats: ["jsonl"], excelBom: false });
  const tables = Object.keys(TABLES).filter((t) => t !== "recurrences") as TableName[];
  tables.forEach((t) => writer.open(t));
  const counts: Partial<Record<TableName, number>> = {};
  const write = async (table: TableName, row: Row) => {
    counts[table] = (counts[table] ?? 0) + 1;
    await writer.write(table, row);
  };
  const byDoc = (table: TableName) => {
    const map = new Map<string, Row[]>();
    for (const r of seed[table]) {
      const list = map.get(String(r.doc_id));
      if (list) list.push(r);
      else map.set(String(r.doc_id), [r]);
    }
    return map;
  };
  const segments = byDoc("segments");
  const recs = byDoc("recommendations");
  const codings = byDoc("codings");
  const themes = byDoc("themes");
  const mentions = byDoc("mentions");

  for (let k = 0; k < copies; k++) {
    for (const doc of seed.documents) {
      const id = String(doc.doc_id);
      const copyId = `${id}c${k}`;
      const isEdited = editRandom() < edited;
      const copy = (r: Row, extra: Row = {}): Row => ({ ...r, doc_id: copyId, source: `copy${k}/${r.source}`, ...extra });
      await write("documents", copy(doc, { sha256: `${doc.sha256}${k}${isEdited ? "e" : ""}`, date: `${2008 + ((k + Number(id.charCodeAt(3))) % 15)}` }));
      for (const s of segments.get(id) ?? []) await write("segments", copy(s, { segment_id: `${s.segment_id}c${k}` }));
      for (const r of recs.get(id) ?? []) {
        let text = String(r.text);
        if (random() < 0.33) text = dropWord(text, random);
        let recId = `${r.rec_id}c${k}`;
        if (isEdited && editRandom() < 0.2) {
          text = dropWord(text, editRandom);
          recId += "e";
        }
        await write("recommendations", copy(r, { rec_id: recId, segment_id: `${r.segment_id}c${k}`, text }));
      }
      for (const c of codings.get(id) ?? []) await write("codings", copy(c, { coding_id: `${c.coding_id}c${k}`, segment_id: `${c.segment_id}c${k}` }));
      for (const t of themes.get(id) ?? []) {
        const nudged = Math.max(0, Number(t.segments) + Math.floor(random() * 3) - 1);
        await write("themes", copy(t, { segments: nudged }));
      }
      for (const m of mentions.get(id) ?? []) await write("mentions", copy(m, { mention_id: `${m.mention_id}c${k}`, segment_id: `${m.segment_id}c${k}` }));
    }
  }
  for (const table of ["actors", "edges"] as TableName[]) for (const r of seed[table]) await write(table, r);
  await writer.writeFile("manifest.json", JSON.stringify({ tool: "sectormap", version: "bench", options: { formats: ["jsonl"] }, inputs: [], rows: counts }));
  await writer.commit();
  readManifest(out); // fail here, not in the timings, if the folder is incomplete
}

function dropWord(text: string, random: () => number): string {
  const words = text.split(" ");
  if (words.length < 6) return text;
  words.splice(1 + Math.floor(random() * (words.length - 1)), 1);
  return words.join(" ");
}

/** A small seeded PRNG, so every run synthesises the same corpus. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
