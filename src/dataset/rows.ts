// Per-document rows for the dataset tables.
import type { Doc, Extraction } from "../types.js";
import type { Row } from "./tables.js";
import { ContentIds, shortHash } from "./ids.js";

export const SECTION_SEPARATOR = " > ";

export interface DocumentStatus {
  status: "ok" | "warning" | "error";
  message: string;
}

export function documentRow(doc: Doc, status: DocumentStatus): Row {
  return {
    doc_id: doc.docId, source: doc.source, format: doc.format, sha256: doc.sha256, bytes: doc.bytes,
    pages: doc.pages, words: doc.meta.words, language: doc.meta.language, title: doc.meta.title,
    doc_type: doc.meta.docType, date: doc.meta.date, place: doc.meta.place, ...status,
  };
}

/** segment_id of every block, by block index. */
export function segmentIdsOf(doc: Doc): string[] {
  const ids = new ContentIds(`${doc.docId}-s`);
  return doc.blocks.map((b) => ids.next(`${b.kind}\u0000${b.label}\u0000${b.text}`));
}

export function segmentRows(doc: Doc, segmentIds: string[]): Row[] {
  return doc.blocks.map((b) => ({
    segment_id: segmentIds[b.index], doc_id: doc.docId, source: doc.source, kind: b.kind, label: b.label,
    depth: b.kind === "heading" ? b.level : b.depth, section: b.section.join(SECTION_SEPARATOR),
    page: b.page, start: b.start, end: b.end, text: b.text,
    zone: b.zone, table: b.table ? b.table.id + 1 : 0, table_row: b.table ? b.table.row + 1 : 0,
    columns: b.table && b.table.headers.some(Boolean) ? b.table.headers.join(" | ") : "",
  }));
}

export function recommendationRows(doc: Doc, ex: Extraction, segmentIds: string[]): Row[] {
  const ids = new Map<string, ContentIds>();
  return ex.recommendations.map((r) => {
    const segmentId = segmentIds[r.block];
    const perSegment = ids.get(segmentId) ?? ids.set(segmentId, new ContentIds(`${segmentId}-r`)).get(segmentId)!;
    return {
      rec_id: perSegment.next(r.text), doc_id: doc.docId, source: doc.source, segment_id: segmentId, kind: r.kind,
      text: r.text, addressee: r.addressee, addressee_type: r.addresseeType, addressee_actor_id: "",
      modality: r.modality, strength: r.strength, action: r.action, section: r.section, label: r.label,
      themes: r.themes.join(";"), page: r.page, start: r.start, end: r.end,
    };
  });
}

export function codingRows(doc: Doc, ex: Extraction, segmentIds: string[]): Row[] {
  return ex.codings.map((c) => ({
    coding_id: `${segmentIds[c.block]}-${c.theme}`, doc_id: doc.docId, source: doc.source, segment_id: segmentIds[c.block],
    theme: c.theme, evidence: c.evidence.join(";"), page: c.page, start: c.start, end: c.end,
  }));
}

/**
 * Rows of the responses table. `recIds[i]` is the rec_id of the document's i-th recommendation
 * (the recommendations table's rows, in the same order), so each row carries the id of the
 * recommendation it answers.
 */
export function responseRows(doc: Doc, ex: Extraction, segmentIds: string[], recIds: string[]): Row[] {
  const ids = new Map<string, ContentIds>();
  return ex.responses.map((r) => {
    const segmentId = segmentIds[r.block];
    const perSegment = ids.get(segmentId) ?? ids.set(segmentId, new ContentIds(`${segmentId}-p`)).get(segmentId)!;
    return {
      response_id: perSegment.next(`${r.kind}\u0000${r.action}`), rec_id: r.rec >= 0 ? recIds[r.rec] ?? "" : "", doc_id: doc.docId, source: doc.source,
      segment_id: segmentId, kind: r.kind, status: r.status, action: r.action, responsible: r.responsible, deadline: r.deadline,
      deadline_iso: r.deadlineIso, link: r.link, rec_ref: r.recRef, page: r.page, start: r.start, end: r.end,
    };
  });
}

/** The document's relations, with gaps (from_actor_id, to_actor_id) that the corpus merge fills. */
export function relationRows(doc: Doc, ex: Extraction, segmentIds: string[]): Row[] {
  return (ex.relations ?? []).map((r) => ({
    relation_id: "r" + shortHash(`${doc.docId}:${r.start}:${r.relation}:${r.from}:${r.to}`),
    doc_id: doc.docId, source: doc.source, segment_id: segmentIds[r.block] ?? "", relation: r.relation,
    from_actor_id: "", from_name: r.from, to_actor_id: "", to_name: r.to, amount: r.amount, currency: r.currency,
    page: r.page, start: r.start, end: r.end, text: r.text,
  }));
}
