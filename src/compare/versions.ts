// `diff OLD NEW`: what changed between two versions of a dataset — documents
// (by sha256), recommendations (by id, else by wording), actors, theme shares
// that moved, and whether any table's content differs at all (what `check` needs).
import { createHash } from "node:crypto";
import { TABLES, type Row, type TableName } from "../dataset/tables.js";
import { Dataset, sameBytes, str } from "./dataset.js";
import { SimilarityIndex, tfidfVectors } from "./similarity.js";
import { round } from "./stats.js";

export interface VersionOptions {
  /** Cosine above which a removed and an added recommendation of one document count as one edited recommendation. */
  matchThreshold: number;
  /** A theme's share of a document must move by more than this (0..1) to be reported. */
  shareThreshold: number;
}

export const DEFAULT_VERSION_OPTIONS: VersionOptions = { matchThreshold: 0.5, shareThreshold: 0.05 };

export interface DocChange {
  doc_id: string;
  source: string;
  old_sha256: string;
  new_sha256: string;
}

export interface RecRef {
  rec_id: string;
  doc_id: string;
  source: string;
  page: number;
  text: string;
}

export interface RecChange {
  old: RecRef;
  new: RecRef;
  /** Cosine of the two wordings (1 when matched by id). */
  similarity: number;
  /** Columns whose value differs ("text", "strength", ...). */
  fields: string[];
  /** The old and new values of those columns, text aside (the texts are in old and new). */
  values: Array<{ field: string; old: string; new: string }>;
}

export interface ActorRef {
  actor_id: string;
  name: string;
  type: string;
}

export interface ShareMove {
  doc_id: string;
  source: string;
  theme: string;
  label: string;
  old_share: number;
  new_share: number;
  change: number;
}

export interface TableChange {
  table: string;
  old_rows: number;
  new_rows: number;
}

export interface VersionDiff {
  old: string;
  new: string;
  documents: { added: DocChange[]; removed: DocChange[]; changed: DocChange[] };
  recommendations: { added: RecRef[]; removed: RecRef[]; changed: RecChange[] };
  actors: { added: ActorRef[]; removed: ActorRef[] };
  themes: ShareMove[];
  /** Tables whose rows differ in any column, ids and offsets included. */
  tables: TableChange[];
}

/**
 * Columns that say what a recommendation is. Ids and offsets are left out:
 * editing one paragraph shifts the offsets of everything after it and renews
 * the ids derived from its text, which is not a change to those other units.
 */
const REC_CONTENT = ["kind", "text", "addressee", "addressee_type", "modality", "strength", "action", "section", "label", "themes"];

/** Tables `sectormap recurrences` adds on request: not part of what `extract` produces. */
const DERIVED_TABLES: TableName[] = ["recurrences"];

export function diffVersions(oldData: Dataset, newData: Dataset, options: VersionOptions = DEFAULT_VERSION_OPTIONS): VersionDiff {
  // A table whose file is byte for byte the same needs no reading: the common
  // case in CI, and what keeps a diff of two large datasets quick.
  const same = sameTables(oldData, newData);
  const rows = (table: TableName): [Row[], Row[]] => (same(table) ? [[], []] : changedRows(oldData, newData, table));
  return {
    old: oldData.dir,
    new: newData.dir,
    documents: diffDocuments(...rows("documents")),
    recommendations: diffRecommendations(...rows("recommendations"), options.matchThreshold),
    actors: diffActors(...rows("actors")),
    themes: diffShares(...rows("themes"), new Set(oldData.rows("documents").map((d) => str(d.doc_id))), options.shareThreshold),
    tables: diffTables(oldData, newData, same),
  };
}

/**
 * The rows of a table that are not in the other dataset, word for word. Every
 * section of the diff reads only these: a row present, identical, on both sides
 * is unchanged whatever else happened. With JSONL on both sides that is a
 * comparison of lines, and only the lines that differ are parsed.
 */
function changedRows(oldData: Dataset, newData: Dataset, table: TableName): [Row[], Row[]] {
  const oldLines = oldData.jsonLines(table);
  const newLines = newData.jsonLines(table);
  if (!oldLines || !newLines) {
    const key = (r: Row) => JSON.stringify(TABLES[table].columns.map((c) => str(r[c.name])));
    const oldRows = oldData.rows(table);
    const newRows = newData.rows(table);
    const oldKeys = new Set(oldRows.map(key));
    const newKeys = new Set(newRows.map(key));
    return [oldRows.filter((r) => !newKeys.has(key(r))), newRows.filter((r) => !oldKeys.has(key(r)))];
  }
  const oldSet = new Set(oldLines);
  const newSet = new Set(newLines);
  const parse = (l: string) => JSON.parse(l) as Row;
  return [oldLines.filter((l) => !newSet.has(l)).map(parse), newLines.filter((l) => !oldSet.has(l)).map(parse)];
}

/** table -> are its rows the same in both datasets? (memoised) */
function sameTables(oldData: Dataset, newData: Dataset): (table: TableName) => boolean {
  const known = new Map<TableName, boolean>();
  return (table) => {
    let same = known.get(table);
    if (same === undefined) {
      const a = oldData.tableFile(table);
      const b = newData.tableFile(table);
      if (!a || !b) same = !a && !b;
      else if (a.format === b.format) same = sameBytes(a.path, b.path);
      else same = fingerprint(table, oldData.rows(table)) === fingerprint(table, newData.rows(table)); // CSV against JSONL: compare rows
      known.set(table, same);
    }
    return same;
  };
}

/** Did anything differ? (`--fail-on-change`, `check`.) */
export function hasChanges(d: VersionDiff): boolean {
  return (
    d.documents.added.length + d.documents.removed.length + d.documents.changed.length +
      d.recommendations.added.length + d.recommendations.removed.length + d.recommendations.changed.length +
      d.actors.added.length + d.actors.removed.length + d.themes.length + d.tables.length >
    0
  );
}

function diffDocuments(oldRows: Row[], newRows: Row[]): VersionDiff["documents"] {
  const ref = (o: Row | undefined, n: Row | undefined): DocChange => ({
    doc_id: str((n ?? o)!.doc_id),
    source: str((n ?? o)!.source),
    old_sha256: str(o?.sha256),
    new_sha256: str(n?.sha256),
  });
  const oldById = new Map(oldRows.map((r) => [str(r.doc_id), r]));
  const newById = new Map(newRows.map((r) => [str(r.doc_id), r]));
  return {
    added: newRows.filter((r) => !oldById.has(str(r.doc_id))).map((r) => ref(undefined, r)),
    removed: oldRows.filter((r) => !newById.has(str(r.doc_id))).map((r) => ref(r, undefined)),
    changed: newRows.filter((r) => oldById.has(str(r.doc_id)) && str(oldById.get(str(r.doc_id))!.sha256) !== str(r.sha256)).map((r) => ref(oldById.get(str(r.doc_id)), r)),
  };
}

/**
 * Pairs old and new recommendations in three passes: same rec_id; then, within
 * one document, the same content under a new id (a neighbour was edited); then,
 * within one document, the most similar wording above the threshold (an edit).
 * Whatever is left was added or removed.
 */
function diffRecommendations(oldRows: Row[], newRows: Row[], threshold: number): VersionDiff["recommendations"] {
  const changed: RecChange[] = [];
  const newById = new Map(newRows.map((r) => [str(r.rec_id), r]));
  const pairedNew = new Set<Row>();
  let leftOld: Row[] = [];
  for (const o of oldRows) {
    const n = newById.get(str(o.rec_id));
    if (!n) {
      leftOld.push(o);
      continue;
    }
    pairedNew.add(n);
    if (differingFields(o, n).length) changed.push(recChange(o, n, 1));
  }
  let leftNew = newRows.filter((r) => !pairedNew.has(r));

  // Same content, new id.
  const byContent = groupBy(leftNew, contentKey);
  const stillOld: Row[] = [];
  for (const o of leftOld) {
    const same = byContent.get(contentKey(o));
    if (same?.length) pairedNew.add(same.shift()!);
    else stillOld.push(o);
  }
  leftOld = stillOld;
  leftNew = leftNew.filter((r) => !pairedNew.has(r));

  // Edited wording, matched within each document.
  const removed: RecRef[] = [];
  const added: RecRef[] = [];
  const vectors = tfidfVectors([...leftOld, ...leftNew].map((r) => str(r.text)));
  const newVectorOf = new Map(leftNew.map((r, i) => [r, vectors[leftOld.length + i]]));
  const newByDoc = groupBy(leftNew, (r) => str(r.doc_id));
  const oldByDoc = groupBy(leftOld.map((r, i) => ({ r, v: vectors[i] })), (x) => str(x.r.doc_id));
  for (const [doc, olds] of oldByDoc) {
    const candidates = newByDoc.get(doc) ?? [];
    const index = new SimilarityIndex();
    candidates.forEach((n) => index.add(newVectorOf.get(n)!));
    const taken = new Set<number>();
    for (const { r: o, v } of olds) {
      const match = index.best(v, threshold, (i) => !taken.has(i));
      if (!match) {
        removed.push(recRef(o));
        continue;
      }
      taken.add(match.index);
      const n = candidates[match.index];
      pairedNew.add(n);
      changed.push(recChange(o, n, round(match.similarity, 3)));
    }
  }
  for (const n of leftNew) if (!pairedNew.has(n)) added.push(recRef(n));
  return { added, removed, changed };
}

function recChange(o: Row, n: Row, similarity: number): RecChange {
  const fields = differingFields(o, n);
  const values = fields.filter((f) => f !== "text").map((field) => ({ field, old: str(o[field]), new: str(n[field]) }));
  return { old: recRef(o), new: recRef(n), similarity, fields, values };
}

function differingFields(o: Row, n: Row): string[] {
  return REC_CONTENT.filter((c) => str(o[c]) !== str(n[c]));
}

function contentKey(r: Row): string {
  return [str(r.doc_id), ...REC_CONTENT.map((c) => str(r[c]))].join("\u0000");
}

function recRef(r: Row): RecRef {
  return { rec_id: str(r.rec_id), doc_id: str(r.doc_id), source: str(r.source), page: Number(r.page) || 0, text: str(r.text) };
}

function diffActors(oldRows: Row[], newRows: Row[]): VersionDiff["actors"] {
  const ref = (r: Row): ActorRef => ({ actor_id: str(r.actor_id), name: str(r.name), type: str(r.type) });
  const oldIds = new Set(oldRows.map((r) => str(r.actor_id)));
  const newIds = new Set(newRows.map((r) => str(r.actor_id)));
  return {
    added: newRows.filter((r) => !oldIds.has(str(r.actor_id))).map(ref),
    removed: oldRows.filter((r) => !newIds.has(str(r.actor_id))).map(ref),
  };
}

/** Theme shares of the documents present in both versions that moved by more than the threshold. */
function diffShares(oldRows: Row[], newRows: Row[], oldDocs: Set<string>, threshold: number): ShareMove[] {
  const key = (r: Row) => `${str(r.doc_id)}\u0000${str(r.theme)}`;
  const oldByKey = new Map(oldRows.map((r) => [key(r), r]));
  const moves: ShareMove[] = [];
  for (const n of newRows) {
    if (!oldDocs.has(str(n.doc_id))) continue; // an added document: reported as such
    const oldShare = Number(oldByKey.get(key(n))?.share ?? 0);
    const newShare = Number(n.share) || 0;
    const change = newShare - oldShare;
    if (Math.abs(change) > threshold + 1e-9) {
      moves.push({ doc_id: str(n.doc_id), source: str(n.source), theme: str(n.theme), label: str(n.label), old_share: oldShare, new_share: newShare, change });
    }
  }
  return moves.sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.source.localeCompare(y.source) || x.theme.localeCompare(y.theme));
}

/** Tables whose rows differ in any way, with their row counts. */
function diffTables(oldData: Dataset, newData: Dataset, same: (table: TableName) => boolean): TableChange[] {
  const count = (data: Dataset, table: TableName) => data.manifest.rows?.[table] ?? data.rows(table).length;
  return (Object.keys(TABLES) as TableName[])
    .filter((table) => !DERIVED_TABLES.includes(table) && !same(table))
    .map((table) => ({ table, old_rows: count(oldData, table), new_rows: count(newData, table) }));
}

/** An order-independent fingerprint of a table's rows (hash of the sorted row hashes). */
function fingerprint(table: TableName, rows: Row[]): string {
  const columns = TABLES[table].columns.map((c) => c.name);
  const hashes = rows.map((r) => createHash("sha1").update(JSON.stringify(columns.map((c) => str(r[c])))).digest("hex")).sort();
  return createHash("sha1").update(hashes.join("\n")).digest("hex");
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(item);
  }
  return out;
}
