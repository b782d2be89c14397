// The corpus-level part of a run. Recommendations and actor mentions can only
// be written once actors are resolved across the whole corpus, so each
// document's share of them waits on disk (a SpillFile), not in memory: only
// each distinct actor candidate is kept, with counts (ActorResolver).
// Workers serialise the waiting rows with gaps for the actor ids; the merge
// fills the gaps and appends the text.
import { join } from "node:path";
import { ActorResolver, docLinksOf, type CandidateCount, type DocActors, type DocLinks, type GazetteerFacts, type GazetteerLookup } from "../dataset/actors.js";
import { GappedRows, joinParts, writeRowsWithGaps, type DatasetWriter, type OutputFormat, type TableText } from "../dataset/writer.js";
import type { Row } from "../dataset/tables.js";
import { SpillFile } from "./spill.js";
import { scratchSink } from "../dataset/byte-sink.js";

/** What a document gives the merge; made in the worker thread. */
export interface MergeShare {
  /** For the first pass: the document's actor candidates. */
  candidates: CandidateCount[];
  /** For the second pass: the document's waiting rows (see mergeShare), as text or UTF-8 bytes. */
  waiting: string | Uint8Array;
  /**
   * [key, name, acronym, type] of the gazetteer entries the candidates come from:
   * all the merge needs of the gazetteer, so that the main thread never loads it.
   * (Missing in partial datasets of older versions: the merge then loads the gazetteer.)
   */
  gazetteer?: Array<[string, string, string, string]>;
}

/** The small part of a document's waiting rows, as the first line of the record (JSON). */
interface WaitingHead {
  links: DocLinks;
  /** Per relation: [relation, from candidate index, to candidate index] (-1: not an actor). */
  relationParties?: Array<[RelationType, number, number]>;
}

type RelationType = "funds" | "implements" | "partners";
/** A document's relations for the merge: their rows (with gaps for the actor ids) and parties. */
export interface RelationShare {
  rows: Row[];
  parties: Array<[RelationType, number, number]>;
}

const MENTION_GAPS = ["mention_id", "actor_id"];
const RECOMMENDATION_GAPS = ["addressee_actor_id"];
const RELATION_GAPS = ["from_actor_id", "to_actor_id"];

/**
 * A document's share of the merge. Its waiting rows are one record: a line of
 * JSON (WaitingHead), then for each format, the rows of mentions,
 * recommendations and relations with gaps for their actor ids (writeRowsWithGaps),
 * one after another; the head's counts say how many rows each holds. The
 * merge reads the rows as bytes: the long texts are never parsed nor decoded.
 */
export function mergeShare(
  actors: DocActors,
  recommendations: Row[],
  formats: OutputFormat[],
  relations?: RelationShare,
  gazetteer: Array<[string, string, string, string]> = [],
): MergeShare {
  const { candidates, links } = docLinksOf(actors);
  const mentionRows = actors.mentions.map((m): Row => ({
    doc_id: actors.docId, source: actors.source, segment_id: actors.segmentIds[m.block] ?? "", surface: m.surface, page: m.page, start: m.start, end: m.end,
  }));
  const head: WaitingHead = { links };
  if (relations?.rows.length) head.relationParties = relations.parties;
  const sink = scratchSink();
  sink.write(JSON.stringify(head) + "\n");
  for (const format of formats) {
    writeRowsWithGaps(sink, "mentions", mentionRows, MENTION_GAPS, format);
    writeRowsWithGaps(sink, "recommendations", recommendations, RECOMMENDATION_GAPS, format);
    if (head.relationParties) writeRowsWithGaps(sink, "relations", relations!.rows, RELATION_GAPS, format);
  }
  return { candidates, waiting: sink.take(), gazetteer };
}

export class CorpusMerge {
  private resolver: ActorResolver;
  private scratch: string;
  private waiting: SpillFile;

  /** Gazetteer entries met in the shares, by candidate key. */
  private gazetteerFacts = new Map<string, GazetteerFacts>();
  /** Set when a share came without its gazetteer facts (a partial dataset of an older version). */
  private sharesWithoutFacts = false;
  private fallback?: GazetteerLookup;

  /** `loadGazetteer` is called only for shares that do not carry their gazetteer facts. */
  constructor(private writer: DatasetWriter, private formats: OutputFormat[], private loadGazetteer: () => Promise<GazetteerLookup>) {
    this.resolver = new ActorResolver((key) => this.gazetteerFacts.get(key) ?? this.fallback?.(key));
    this.scratch = writer.scratchDir();
    this.waiting = new SpillFile(join(this.scratch, "waiting.jsonl"));
  }

  /** First pass: each document's share, in input order. */
  add(share: MergeShare): void {
    this.resolver.addCandidates(share.candidates);
    this.waiting.add(share.waiting);
    if (!share.gazetteer) this.sharesWithoutFacts = true;
    for (const [key, name, acronym, type] of share.gazetteer ?? []) if (!this.gazetteerFacts.has(key)) this.gazetteerFacts.set(key, { name, acronym, type });
  }

  /** Resolve actors across the corpus, then write recommendations, relations, actors, mentions and edges. */
  async finish(): Promise<void> {
    if (this.sharesWithoutFacts) this.fallback = await this.loadGazetteer();
    this.resolver.resolve();
    // Second pass, in input order: recommendations are written at once; mentions,
    // which are ordered by doc_id, wait once more, now as finished text.
    const mentionText = new Map(this.formats.map((f) => [f, new SpillFile(join(this.scratch, `mentions.${f}`))]));
    const docIds: string[] = [];
    const mentionRows: number[] = [];
    for (let doc = 0; doc < this.waiting.records; doc++) {
      const record = this.waiting.read(doc);
      const headEnd = record.indexOf(10);
      const { links, relationParties = [] }: WaitingHead = JSON.parse(record.toString("utf8", 0, headEnd));
      const linked = this.resolver.linkDocument(links);
      const recommendations: TableText = { rows: links.addressees.length, text: {} };
      const relations: TableText = { rows: relationParties.length, text: {} };
      const actorIds = relationParties.length ? this.resolver.candidateActorIds(links) : [];
      const idOf = (candidate: number) => (candidate >= 0 ? actorIds[candidate] ?? "" : "");
      for (const [relation, from, to] of relationParties) this.resolver.addRelationEdge(idOf(from), idOf(to), relation, links.docId);
      let at = headEnd + 1;
      for (const format of this.formats) {
        const mentions = new GappedRows(record, at, links.mentions.length, MENTION_GAPS.length);
        const recs = new GappedRows(record, mentions.end, links.addressees.length, RECOMMENDATION_GAPS.length);
        const rels = new GappedRows(record, recs.end, relationParties.length, RELATION_GAPS.length);
        at = rels.end;
        const mentionParts: Array<Uint8Array | string> = [];
        for (const m of linked.mentions) mentions.fill(m.index, [m.mentionId, m.actorId], mentionParts);
        mentionText.get(format)!.add(joinParts(mentionParts));
        const recParts: Array<Uint8Array | string> = [];
        linked.addressees.forEach((id, i) => recs.fill(i, [id], recParts));
        recommendations.text[format] = joinParts(recParts);
        const relationParts: Array<Uint8Array | string> = [];
        relationParties.forEach(([, from, to], i) => rels.fill(i, [idOf(from), idOf(to)], relationParts));
        relations.text[format] = joinParts(relationParts);
      }
      await this.writer.append("recommendations", recommendations);
      await this.writer.append("relations", relations);
      if (doc % 64 === 63) await yieldToEvents();
      docIds.push(links.docId);
      mentionRows.push(linked.mentions.length);
    }
    this.waiting.close();
    await this.writer.write("actors", this.resolver.actorRows());

    const byDocId = docIds.map((_, doc) => doc).sort((a, b) => docIds[a].localeCompare(docIds[b]));
    for (const doc of byDocId) {
      const text = Object.fromEntries(this.formats.map((f) => [f, mentionText.get(f)!.read(doc)]));
      await this.writer.append("mentions", { rows: mentionRows[doc], text });
      if (doc % 64 === 63) await yieldToEvents();
    }
    mentionText.forEach((spill) => spill.close());
    await this.writer.write("edges", this.resolver.edgeRows());
  }
}

/** Lets signal handlers run during long loops (a stream write that needs no drain never yields). */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));
