// `sectormap recurrences`: recommendations made again in other documents, in
// the same or other words. Each recommendation joins the most similar earlier
// group whose representative (its first member) it resembles above the
// threshold (TF-IDF cosine over stemmed content words), or starts a group of
// its own. Only representatives are indexed, and an inverted index with prefix
// filtering finds the candidates, so the cost grows with the number of distinct
// recommendations, not with the square of all of them.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvLine } from "../dataset/csv.js";
import { shortHash } from "../dataset/ids.js";
import { TABLES, type Row, type TableName } from "../dataset/tables.js";
import { datapackageDescriptor } from "../export/datapackage.js";
import { Dataset, str } from "./dataset.js";
import { SimilarityIndex, tfidfVectors, type SparseVector } from "./similarity.js";
import { round } from "./stats.js";

export interface RecurrenceOptions {
  /** Cosine to the representative needed to join a group (0..1). */
  threshold: number;
  /** Keep groups whose members come from at least this many documents. */
  minDocuments: number;
  /** Recommendations with fewer content words are too short to tell apart and are left out. */
  minWords: number;
}

export const DEFAULT_RECURRENCE_OPTIONS: RecurrenceOptions = { threshold: 0.5, minDocuments: 2, minWords: 3 };

export interface ClusterMember {
  rec_id: string;
  doc_id: string;
  source: string;
  page: number;
  text: string;
  addressee: string;
  similarity: number;
}

export interface Cluster {
  cluster_id: string;
  /** The first member, in dataset order; similarities are measured against it. */
  representative: ClusterMember;
  members: ClusterMember[];
  documents: number;
  /** Years the member documents state ("" when none does). */
  firstYear: string;
  lastYear: string;
  /** Addressees as the texts name them, most frequent first. */
  addressees: string[];
}

export function findRecurrences(data: Dataset, options: RecurrenceOptions = DEFAULT_RECURRENCE_OPTIONS): Cluster[] {
  const recs = data.rows("recommendations");
  const vectors = tfidfVectors(recs.map((r) => str(r.text)));
  const index = new SimilarityIndex();
  const groups: ClusterMember[][] = [];
  // Identical texts share one vector (see tfidfVectors) and go to the same group: look each up once.
  const groupOf = new Map<SparseVector, { group: number; similarity: number }>();
  recs.forEach((r, i) => {
    const vector = vectors[i];
    if (vector.terms.length < options.minWords) return;
    let found = groupOf.get(vector);
    if (!found) {
      const match = index.best(vector, options.threshold);
      if (match) found = { group: match.index, similarity: round(match.similarity, 3) };
      else {
        // A new representative: its position in the index is its group's number.
        found = { group: index.add(vector), similarity: 1 };
        groups.push([]);
      }
      groupOf.set(vector, found);
    }
    groups[found.group].push(memberOf(r, found.similarity));
  });

  const yearOf = new Map(data.rows("documents").map((d) => [str(d.doc_id), /^\d{4}/.exec(str(d.date))?.[0] ?? ""]));
  return groups
    .filter((g) => g.length > 1 && new Set(g.map((m) => m.doc_id)).size >= options.minDocuments)
    .map((members): Cluster => {
      const years = [...new Set(members.map((m) => yearOf.get(m.doc_id) ?? ""))].filter(Boolean).sort();
      return {
        cluster_id: `rc-${shortHash(members[0].rec_id)}`,
        representative: members[0],
        members,
        documents: new Set(members.map((m) => m.doc_id)).size,
        firstYear: years[0] ?? "",
        lastYear: years[years.length - 1] ?? "",
        addressees: byFrequency(members.map((m) => m.addressee).filter(Boolean)),
      };
    })
    .sort((a, b) => b.documents - a.documents || b.members.length - a.members.length); // stable: ties keep dataset order
}

function memberOf(r: Row, similarity: number): ClusterMember {
  return { rec_id: str(r.rec_id), doc_id: str(r.doc_id), source: str(r.source), page: Number(r.page) || 0, text: str(r.text), addressee: str(r.addressee), similarity };
}

function byFrequency(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/** The rows of the `recurrences` table. */
export function recurrenceRows(clusters: Cluster[]): Row[] {
  return clusters.flatMap((c) => c.members.map((m) => ({ cluster_id: c.cluster_id, rec_id: m.rec_id, doc_id: m.doc_id, similarity: m.similarity })));
}

/**
 * Adds (or replaces) the recurrences table in a dataset folder, in the formats
 * the dataset was written in. Each file is written beside its final name and
 * renamed into place, so a reader never sees half a table.
 */
export function writeRecurrences(data: Dataset, rows: Row[]): string[] {
  const formats = (data.manifest.options?.formats as string[] | undefined) ?? ["csv", "jsonl"];
  const columns = TABLES.recurrences.columns;
  const written: string[] = [];
  for (const format of formats) {
    let content: string;
    if (format === "csv") {
      const bom = data.manifest.options?.excel ? "\uFEFF" : "";
      content = bom + csvLine(columns.map((c) => c.name)) + rows.map((r) => csvLine(columns.map((c) => r[c.name] ?? ""))).join("");
    } else if (format === "jsonl") {
      content = rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, r[c.name]]))) + "\n").join("");
    } else continue;
    const path = join(data.dir, `recurrences.${format}`);
    writeFileSync(path + ".tmp", content);
    renameSync(path + ".tmp", path);
    written.push(path);
  }
  // The manifest counts every table's rows; keep its count of this one true.
  const manifestPath = join(data.dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.rows = { ...manifest.rows, recurrences: rows.length };
  writeFileSync(manifestPath + ".tmp", JSON.stringify(manifest, null, 2) + "\n");
  renameSync(manifestPath + ".tmp", manifestPath);
  describeRecurrences(data.dir, formats, Boolean(data.manifest.options?.excel));
  return written;
}

/** Adds the recurrences table to datapackage.json, so R and Python readers see it without a new extract. */
function describeRecurrences(dir: string, formats: string[], excel: boolean): void {
  const path = join(dir, "datapackage.json");
  if (!existsSync(path)) return;
  const old = JSON.parse(readFileSync(path, "utf8")) as { resources?: Array<{ name: string; schema?: { fields?: Array<{ name: string }> } }> };
  const names = new Set((old.resources ?? []).map((r) => r.name));
  const tables = (Object.keys(TABLES) as TableName[]).filter((t) => names.has(t) || t === "recurrences");
  const matrixColumns = old.resources?.find((r) => r.name === "themes_matrix")?.schema?.fields?.map((f) => f.name);
  const described = datapackageDescriptor({ tables, formats, excel, matrixColumns });
  writeFileSync(path + ".tmp", JSON.stringify(described, null, 2) + "\n");
  renameSync(path + ".tmp", path);
}
