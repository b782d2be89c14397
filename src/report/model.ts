// What the report shows, derived from a dataset's tables. Pure functions of the
// rows, so tests can feed small hand-made tables; `loadModel` reads a folder.
import { readManifest, readTable } from "../dataset/read.js";
import type { Row, TableName } from "../dataset/tables.js";
import { relationSummaries, type RelationSummary } from "./relations.js";

export interface DocSummary {
  docId: string;
  /** Short handle used on chart axes: "D1", "D2", ... in dataset order. */
  key: string;
  source: string;
  title: string;
  docType: string;
  date: string;
  place: string;
  pages: number;
  status: string;
  message: string;
  recommendations: number;
  actors: number;
}

export interface ThemeSummary {
  code: string;
  label: string;
  /** Coded segments in the corpus: the prevalence the heatmap orders by. */
  segments: number;
  documents: number;
}

export interface HeatCell {
  docId: string;
  theme: string;
  share: number;
  segments: number;
}

export interface CodedSegment {
  theme: string;
  docId: string;
  page: number;
  text: string;
  evidence: string[];
}

export interface ActorSummary {
  actorId: string;
  name: string;
  acronym: string;
  type: string;
  mentions: number;
  documents: number;
}

export interface CoMention {
  source: string;
  target: string;
  weight: number;
}

/** A response or key action, shown under the recommendation it answers. */
export interface ResponseSummary {
  recId: string;
  kind: string;
  status: string;
  text: string;
  responsible: string;
  deadline: string;
  deadlineIso: string;
  page: number;
}

export interface RecSummary {
  recId: string;
  /** Responses and key actions that answer the recommendation, in document order. */
  responses: ResponseSummary[];
  docId: string;
  source: string;
  page: number;
  kind: string;
  text: string;
  addressee: string;
  addresseeType: string;
  strength: string;
  themes: string[];
}

export interface ReportModel {
  tool: string;
  /** Documents that were read (status ok or warning), in dataset order. */
  documents: DocSummary[];
  /** Documents that could not be read, with the reason. */
  failed: DocSummary[];
  /** Themes coded anywhere in the corpus, most prevalent first. */
  themes: ThemeSummary[];
  /** One cell per (read document, theme): documents x themes, zeros included. */
  cells: HeatCell[];
  codedSegments: CodedSegment[];
  /** Actors, most mentioned first. */
  actors: ActorSummary[];
  coMentions: CoMention[];
  recommendations: RecSummary[];
  /** Funds, implements and partners relations (none for datasets without the relations table). */
  relations: RelationSummary[];
}

export type Tables = Record<TableName, Row[]>;

const TABLE_NAMES: TableName[] = ["documents", "segments", "recommendations", "actors", "mentions", "edges", "codings", "themes", "responses", "relations"];

export function loadModel(dir: string): ReportModel {
  const manifest = readManifest(dir);
  const tables = Object.fromEntries(TABLE_NAMES.map((t) => [t, readTable(dir, t)])) as Tables;
  return buildModel(tables, `${manifest.tool ?? "sectormap"} ${manifest.version ?? ""}`.trim());
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const num = (v: unknown): number => (Number.isFinite(Number(v)) ? Number(v) : 0);
const splitList = (v: unknown): string[] => str(v).split(";").map((s) => s.trim()).filter(Boolean);

export function buildModel(t: Tables, tool = "sectormap"): ReportModel {
  const recsPerDoc = countBy(t.recommendations, (r) => str(r.doc_id));
  const actorsPerDoc = new Map<string, Set<string>>();
  for (const m of t.mentions) {
    const set = actorsPerDoc.get(str(m.doc_id)) ?? new Set<string>();
    set.add(str(m.actor_id));
    actorsPerDoc.set(str(m.doc_id), set);
  }

  const all: DocSummary[] = t.documents.map((d, i) => ({
    docId: str(d.doc_id),
    key: `D${i + 1}`,
    source: str(d.source),
    title: str(d.title) || str(d.source),
    docType: str(d.doc_type),
    date: str(d.date),
    place: str(d.place),
    pages: num(d.pages),
    status: str(d.status) || "ok",
    message: str(d.message),
    recommendations: recsPerDoc.get(str(d.doc_id)) ?? 0,
    actors: actorsPerDoc.get(str(d.doc_id))?.size ?? 0,
  }));
  const documents = all.filter((d) => d.status !== "error");
  const failed = all.filter((d) => d.status === "error");

  const themes = summariseThemes(t);
  const byCell = new Map(t.themes.map((r) => [`${str(r.doc_id)}\u0000${str(r.theme)}`, r]));
  const cells: HeatCell[] = [];
  for (const theme of themes) {
    for (const doc of documents) {
      const r = byCell.get(`${doc.docId}\u0000${theme.code}`);
      cells.push({ docId: doc.docId, theme: theme.code, share: r ? num(r.share) : 0, segments: r ? num(r.segments) : 0 });
    }
  }

  const segmentText = new Map(t.segments.map((s) => [str(s.segment_id), str(s.text)]));
  const codedSegments: CodedSegment[] = t.codings.map((c) => ({
    theme: str(c.theme),
    docId: str(c.doc_id),
    page: num(c.page),
    text: segmentText.get(str(c.segment_id)) ?? "",
    evidence: splitList(c.evidence),
  }));

  const actors: ActorSummary[] = t.actors
    .map((a) => ({
      actorId: str(a.actor_id),
      name: str(a.name),
      acronym: str(a.acronym),
      type: str(a.type),
      mentions: num(a.mentions),
      documents: num(a.documents),
    }))
    .sort((a, b) => b.mentions - a.mentions || b.documents - a.documents || a.name.localeCompare(b.name));

  const coMentions: CoMention[] = t.edges
    .filter((e) => str(e.relation) === "co_mention")
    .map((e) => ({ source: str(e.source_id), target: str(e.target_id), weight: num(e.weight) }));

  const responsesByRec = new Map<string, ResponseSummary[]>();
  for (const p of t.responses ?? []) {
    const recId = str(p.rec_id);
    if (!recId) continue;
    const list = responsesByRec.get(recId) ?? responsesByRec.set(recId, []).get(recId)!;
    list.push({
      recId, kind: str(p.kind), status: str(p.status), text: str(p.action), responsible: str(p.responsible),
      deadline: str(p.deadline), deadlineIso: str(p.deadline_iso), page: num(p.page),
    });
  }
  const recommendations: RecSummary[] = t.recommendations.map((r) => ({
    recId: str(r.rec_id),
    responses: responsesByRec.get(str(r.rec_id)) ?? [],
    docId: str(r.doc_id),
    source: str(r.source),
    page: num(r.page),
    kind: str(r.kind),
    text: str(r.text),
    addressee: str(r.addressee),
    addresseeType: str(r.addressee_type),
    strength: str(r.strength),
    themes: splitList(r.themes),
  }));

  const relations = relationSummaries(t.relations ?? []);

  return { tool, documents, failed, themes, cells, codedSegments, actors, coMentions, recommendations, relations };
}

/** Themes with at least one coded segment, labelled from the themes table, most prevalent first. */
function summariseThemes(t: Tables): ThemeSummary[] {
  const byCode = new Map<string, ThemeSummary>();
  for (const r of t.themes) {
    const code = str(r.theme);
    const s = byCode.get(code) ?? { code, label: str(r.label) || code, segments: 0, documents: 0 };
    s.segments += num(r.segments);
    if (num(r.segments) > 0) s.documents += 1;
    byCode.set(code, s);
  }
  // A coding whose theme the matrix lacks (hand-edited dataset) still shows up.
  for (const c of t.codings) {
    const code = str(c.theme);
    if (!byCode.has(code)) byCode.set(code, { code, label: code, segments: 0, documents: 0 });
  }
  for (const [code, n] of countBy(t.codings, (c) => str(c.theme))) {
    const s = byCode.get(code)!;
    s.segments = Math.max(s.segments, n);
  }
  return [...byCode.values()]
    .filter((s) => s.segments > 0)
    .sort((a, b) => b.segments - a.segments || b.documents - a.documents || a.code.localeCompare(b.code));
}

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
