// Corpus-level actors: candidates of every document become one actor per real
// entity (actor_id), with their mentions, co-mention and "addressed" edges, and
// the addressee_actor_id of recommendations.
//
// Linking rules, in order of strength:
//   - the same gazetteer entry;
//   - the same name up to spelling variants (skeleton key of any name or alias);
//   - the same government (country);
//   - an acronym used without definition in one document, to the one entity of
//     the corpus that has that acronym (never when two entities share it).
// Two named entities sharing an acronym are never merged on the acronym alone.
//
// The corpus is resolved in two passes so that memory does not grow with it:
// pass 1 keeps each distinct candidate once, with counts (addCandidates);
// resolve() links them; pass 2 takes one document at a time (linkDocument) for
// its mentions, addressees and edges. A document's part of pass 2 (DocLinks)
// is small plain data that the pipeline keeps on disk between the passes.
import type { ActorCandidate, Mention } from "../types.js";
import type { Gazetteer, GazetteerEntry } from "../extract/actors/index.js";
import { nameKey, nameWords, skeletonKey } from "../extract/actors/normalize.js";
import { shortHash } from "./ids.js";

export interface DocActors {
  docId: string;
  source: string;
  /** segment_id by block index */
  segmentIds: string[];
  actors: ActorCandidate[];
  mentions: Mention[];
  recommendations: { recId: string; addressee: string; block: number }[];
}

export interface ActorRow { actor_id: string; name: string; acronym: string; type: string; aliases: string; documents: number; mentions: number; [k: string]: string | number }
export interface MentionRow { mention_id: string; actor_id: string; doc_id: string; source: string; segment_id: string; surface: string; page: number; start: number; end: number; [k: string]: string | number }
export type EdgeRelation = "co_mention" | "addressed" | "funds" | "implements" | "partners";
export interface EdgeRow { source_id: string; target_id: string; relation: EdgeRelation; weight: number; documents: number; [k: string]: string | number }

export interface ResolvedActors {
  actors: ActorRow[];
  mentions: MentionRow[];
  edges: EdgeRow[];
  addresseeActorIds: Map<string, string>;
}

/**
 * What an actor row takes from a gazetteer entry (its name, acronym and type),
 * found by the candidate key ("g:" + entry id) of candidates from the gazetteer.
 * The corpus merge gets these with each document's candidates (gazetteerFactsOf)
 * instead of loading and compiling the gazetteer itself.
 */
export type GazetteerFacts = Pick<GazetteerEntry, "name" | "acronym" | "type">;
export type GazetteerLookup = (key: string) => GazetteerFacts | undefined;

/** A gazetteer's entries by candidate key (the first entry of an id, as the gazetteer's own order gives it). */
export function gazetteerLookup(gaz: Pick<Gazetteer, "entries">): GazetteerLookup {
  const byKey = new Map<string, GazetteerFacts>();
  for (const e of gaz.entries) if (!byKey.has("g:" + e.id)) byKey.set("g:" + e.id, e);
  return (key) => byKey.get(key);
}

/** The gazetteer facts of a document's candidates from the gazetteer, as [key, name, acronym, type]. */
export function gazetteerFactsOf(candidates: ActorCandidate[], lookup: GazetteerLookup): Array<[string, string, string, string]> {
  const facts: Array<[string, string, string, string]> = [];
  for (const c of candidates) {
    const entry = c.fromGazetteer && c.key.startsWith("g:") ? lookup(c.key) : undefined;
    if (entry) facts.push([c.key, entry.name, entry.acronym, entry.type]);
  }
  return facts;
}

/** A document's candidate for pass 1: `key` is the same for identical candidates of any document. */
export interface CandidateCount {
  key: string;
  candidate: ActorCandidate;
  /** How many of the document's mentions name it. */
  mentions: number;
}

/** What pass 2 needs of one document. */
export interface DocLinks {
  docId: string;
  /** Per candidate: its CandidateCount key and the name keys it answers to here (name, acronym, aliases). */
  candidates: Array<{ key: string; names: string[] }>;
  /** Per mention, in the document's order: [candidate index or -1, segment_id, start, end]. */
  mentions: Array<[number, string, number, number]>;
  /** Per recommendation: the name key of its addressee. */
  addressees: string[];
}

/** What pass 2 gives for one document. */
export interface LinkedDocument {
  /** The mentions that name an actor, in output order: index into DocLinks.mentions, ids. */
  mentions: Array<{ index: number; actorId: string; mentionId: string }>;
  /** Per recommendation: its addressee's actor_id, or "". */
  addressees: string[];
}

/** A document's share of both passes. */
export function docLinksOf(d: DocActors): { candidates: CandidateCount[]; links: DocLinks } {
  const indexOfKey = new Map(d.actors.map((c, i) => [c.key, i]));
  const counts = d.actors.map(() => 0);
  const mentions = d.mentions.map((m): [number, string, number, number] => {
    const i = indexOfKey.get(m.actor) ?? -1;
    if (i >= 0) counts[i]++;
    return [i, d.segmentIds[m.block] ?? "", m.start, m.end];
  });
  const candidates = d.actors.map((c, i) => ({ key: candidateKey(c, d.docId), candidate: c, mentions: counts[i] }));
  return {
    candidates,
    links: {
      docId: d.docId,
      candidates: candidates.map(({ key, candidate: c }) => ({ key, names: [c.name, c.acronym, ...c.aliases].filter((n) => n).map(nameKey) })),
      mentions,
      addressees: d.recommendations.map((r) => nameKey(r.addressee)),
    },
  };
}

/**
 * Identical candidates always end in the same actor, so pass 1 keeps them
 * once. Those with nothing to link on stay apart per document, as they would
 * be if every candidate were kept.
 */
function candidateKey(c: ActorCandidate, docId: string): string {
  const alone = !c.key.startsWith("acr:") && !linkKeys(c).length;
  return JSON.stringify([c.key, c.name, c.acronym, c.type, c.aliases, c.typeEvidence, c.fromGazetteer, alone ? docId : ""]);
}

/** Keys under which a candidate meets the same entity in other documents. */
function linkKeys(c: ActorCandidate): string[] {
  if (c.key.startsWith("g:") || c.key.startsWith("gov:")) return [c.key];
  if (c.key.startsWith("acr:")) return [];
  const keys = new Set<string>();
  for (const n of [c.name, ...c.aliases]) {
    const words = nameWords(n);
    if (!words.length) continue;
    keys.add(words.length >= 2 ? "s:" + skeletonKey(n) : "n:" + nameKey(n));
  }
  return [...keys];
}

class UnionFind {
  private parent: number[] = [];
  add(): number { this.parent.push(this.parent.length); return this.parent.length - 1; }
  find(i: number): number { while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]]; return i; }
  union(a: number, b: number): void { const x = this.find(a), y = this.find(b); if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y); }
}

/** A distinct candidate of the corpus: how often documents have it, and how many mentions name it. */
interface Entry { candidate: ActorCandidate; occurrences: number; mentions: number }

/** A tally per key that counts each document once (documents come one at a time in pass 2). */
class DocumentTally<K> {
  private last = new Map<K, unknown>();
  readonly counts = new Map<K, number>();
  add(key: K, doc: unknown): void {
    if (this.last.get(key) === doc) return;
    this.last.set(key, doc);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

export class ActorResolver {
  private entries: Entry[] = [];
  private entryOfKey = new Map<string, number>();
  /** After resolve(): the group (index into `groups`) of each entry, -1 when dropped. */
  private groupOfEntry: number[] = [];
  private groups: Array<{ id: string; row: ActorRow }> = [];
  private mentionCount = new Map<string, number>();
  private documents = new DocumentTally<number>();
  private docsSeen = 0;
  private edges = new Map<string, number>();
  private edgeDocuments = new DocumentTally<string>();

  constructor(private gazetteerEntry: GazetteerLookup) {}

  /** Pass 1: one document's candidates. */
  addCandidates(candidates: CandidateCount[]): void {
    for (const { key, candidate, mentions } of candidates) {
      let i = this.entryOfKey.get(key);
      if (i === undefined) {
        this.entryOfKey.set(key, (i = this.entries.length));
        this.entries.push({ candidate, occurrences: 0, mentions: 0 });
      }
      this.entries[i].occurrences++;
      this.entries[i].mentions += mentions;
    }
  }

  /** Link the candidates of pass 1 into actors. */
  resolve(): void {
    const { entries } = this;
    // 1. Unite candidates sharing a link key.
    const uf = new UnionFind();
    const byLinkKey = new Map<string, number>();
    const openAcronyms: number[] = [];
    entries.forEach(({ candidate }) => {
      const i = uf.add();
      if (candidate.key.startsWith("acr:")) { openAcronyms.push(i); return; }
      for (const k of linkKeys(candidate)) {
        const j = byLinkKey.get(k);
        if (j === undefined) byLinkKey.set(k, i); else uf.union(i, j);
      }
    });
    // 2. Open acronyms: to the one entity of the corpus with that acronym.
    const groupsByAcronym = new Map<string, Set<number>>();
    entries.forEach(({ candidate: c }, i) => {
      if (c.key.startsWith("acr:") || !c.acronym) return;
      (groupsByAcronym.get(c.acronym) ?? groupsByAcronym.set(c.acronym, new Set()).get(c.acronym)!).add(uf.find(i));
    });
    const dropped = new Set<number>();
    for (const i of openAcronyms) {
      const groups = groupsByAcronym.get(entries[i].candidate.acronym);
      if (groups && new Set([...groups].map((g) => uf.find(g))).size === 1) uf.union(i, [...groups][0]);
      else dropped.add(i);
    }
    // 3. Groups -> actor rows (documents counted in pass 2).
    const members = new Map<number, number[]>();
    entries.forEach((_, i) => {
      if (dropped.has(i)) return;
      const r = uf.find(i);
      (members.get(r) ?? members.set(r, []).get(r)!).push(i);
    });
    this.groupOfEntry = entries.map(() => -1);
    for (const group of members.values()) {
      const cands = group.map((i) => entries[i]);
      const id = "a" + shortHash(stableKey(cands.map((e) => e.candidate)));
      for (const i of group) this.groupOfEntry[i] = this.groups.length;
      this.groups.push({ id, row: actorRow(id, cands, this.gazetteerEntry) });
      this.mentionCount.set(id, (this.mentionCount.get(id) ?? 0) + cands.reduce((n, e) => n + e.mentions, 0));
    }
  }

  /** Pass 2, once per document, after resolve(). */
  linkDocument(d: DocLinks): LinkedDocument {
    const doc = this.docsSeen++;
    const groupOf = d.candidates.map((c) => this.groupOfEntry[this.entryOfKey.get(c.key) ?? -1] ?? -1);
    for (const g of groupOf) if (g >= 0) this.documents.add(g, doc);
    const idOf = (candidate: number) => (candidate >= 0 && groupOf[candidate] >= 0 ? this.groups[groupOf[candidate]].id : "");

    const mentions: LinkedDocument["mentions"] = [];
    d.mentions.forEach(([candidate, , start, end], index) => {
      const actorId = idOf(candidate);
      if (actorId) mentions.push({ index, actorId, mentionId: "m" + shortHash(`${d.docId}:${start}:${end}:${actorId}`) });
    });
    const at = (m: { index: number }) => d.mentions[m.index];
    mentions.sort((a, b) => at(a)[2] - at(b)[2] || at(a)[3] - at(b)[3] || a.actorId.localeCompare(b.actorId));

    // Co-mentions: actors named in the same segment.
    const bySegment = new Map<string, Set<string>>();
    for (const m of mentions) {
      const segment = at(m)[1];
      (bySegment.get(segment) ?? bySegment.set(segment, new Set()).get(segment)!).add(m.actorId);
    }
    for (const ids of bySegment.values()) {
      const list = [...ids].sort();
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) this.addEdge(list[i], list[j], "co_mention", d.docId);
    }

    // Addressees: a recommendation's addressee written as one of the document's actors.
    const local = new Map<string, string>(); // name key -> actor_id, for this document's actors
    d.candidates.forEach((c, i) => {
      const id = idOf(i);
      if (!id || !this.mentionCount.get(id)) return;
      for (const n of c.names) local.set(n, id);
    });
    const counts = new Map<string, number>();
    for (const m of mentions) counts.set(m.actorId, (counts.get(m.actorId) ?? 0) + 1);
    // The document's issuer: its most-mentioned actor (the author body, the forum reported on).
    const issuer = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    // The same addressee ("States") recurs in a document: look each one up once.
    const found = new Map<string, string | undefined>();
    const names = [...local].map(([name, id]) => ({ name, id, padded: ` ${name} `, canBeInside: name.includes(" ") || name.length >= 3 }));
    const addressees = d.addressees.map((key) => {
      if (!found.has(key)) found.set(key, addresseeActor(key, local, names));
      const id = found.get(key);
      if (!id) return "";
      if (issuer && issuer !== id) this.addEdge(issuer, id, "addressed", d.docId);
      return id;
    });
    return { mentions, addressees };
  }

  /** Pass 2, after linkDocument(d): the actor_id of each of the document's candidates ("" when it names none). */
  candidateActorIds(d: DocLinks): string[] {
    return d.candidates.map((c) => {
      const g = this.groupOfEntry[this.entryOfKey.get(c.key) ?? -1] ?? -1;
      return g >= 0 && this.mentionCount.get(this.groups[g].id) ? this.groups[g].id : "";
    });
  }

  /** Pass 2: a funds, implements or partners relation between two actors of document `docId` (partners in id order). */
  addRelationEdge(from: string, to: string, relation: "funds" | "implements" | "partners", docId: string): void {
    if (!from || !to || from === to) return;
    if (relation === "partners" && to < from) [from, to] = [to, from];
    this.addEdge(from, to, relation, docId);
  }

  /** After pass 2: the actors named at least once, by actor_id. */
  actorRows(): ActorRow[] {
    const rows: ActorRow[] = [];
    this.groups.forEach(({ id, row }, g) => {
      const mentions = this.mentionCount.get(id) ?? 0;
      if (mentions > 0) rows.push({ ...row, documents: this.documents.counts.get(g) ?? 0, mentions });
    });
    return rows.sort((a, b) => a.actor_id.localeCompare(b.actor_id));
  }

  /** After pass 2. */
  edgeRows(): EdgeRow[] {
    const edges: EdgeRow[] = [...this.edges.entries()].map(([k, weight]) => {
      const [source_id, target_id, relation] = k.split("\u0000");
      return { source_id, target_id, relation: relation as EdgeRow["relation"], weight, documents: this.edgeDocuments.counts.get(k)! };
    });
    return edges.sort((a, b) => a.source_id.localeCompare(b.source_id) || a.target_id.localeCompare(b.target_id) || a.relation.localeCompare(b.relation));
  }

  private addEdge(source: string, target: string, relation: EdgeRelation, docId: string): void {
    const k = `${source}\u0000${target}\u0000${relation}`;
    this.edges.set(k, (this.edges.get(k) ?? 0) + 1);
    this.edgeDocuments.add(k, docId);
  }
}

/** Both passes over documents held in memory (tests, small corpora). */
export function resolveActors(docs: DocActors[], gaz: Gazetteer): ResolvedActors {
  const resolver = new ActorResolver(gazetteerLookup(gaz));
  const shares = docs.map(docLinksOf);
  for (const s of shares) resolver.addCandidates(s.candidates);
  resolver.resolve();
  const mentions: MentionRow[] = [];
  const addresseeActorIds = new Map<string, string>();
  docs.forEach((d, i) => {
    const linked = resolver.linkDocument(shares[i].links);
    for (const { index, actorId, mentionId } of linked.mentions) {
      const m = d.mentions[index];
      mentions.push({ mention_id: mentionId, actor_id: actorId, doc_id: d.docId, source: d.source, segment_id: d.segmentIds[m.block] ?? "", surface: m.surface, page: m.page, start: m.start, end: m.end });
    }
    linked.addressees.forEach((id, r) => id && addresseeActorIds.set(d.recommendations[r].recId, id));
  });
  // Documents in doc_id order, each one's mentions already in order.
  mentions.sort((a, b) => a.doc_id.localeCompare(b.doc_id));
  return { actors: resolver.actorRows(), mentions, edges: resolver.edgeRows(), addresseeActorIds };
}

/** What an actor_id is derived from: its gazetteer entry, else the smallest of its name keys. */
function stableKey(cands: ActorCandidate[]): string {
  const gazKey = cands.find((c) => c.key.startsWith("g:"))?.key;
  if (gazKey) return gazKey;
  const govKey = cands.find((c) => c.key.startsWith("gov:"))?.key;
  if (govKey) return govKey;
  const keys = cands.filter((c) => !c.key.startsWith("acr:")).flatMap(linkKeys).sort();
  return keys[0] ?? cands[0].key;
}

/** A name used by fewer than 1/COMMON_NAME_SHARE as many documents as the actor's commonest name is only an alias. */
const COMMON_NAME_SHARE = 4;

const EVIDENCE_RANK = (e: string) => (e.startsWith("gazetteer") ? 4 : e.startsWith("context") ? 3 : e.startsWith("default") || e.startsWith("entry of a list") ? 1 : 2);

/** An actor's row from its distinct candidates, each weighing as often as documents have it. */
function actorRow(id: string, entries: Entry[], gazetteerEntry: GazetteerLookup): ActorRow {
  const cands = entries.map((e) => e.candidate);
  const weight = new Map(entries.map((e) => [e.candidate, e.occurrences]));
  const named = cands.filter((c) => c.name);
  const entry = named.find((c) => c.fromGazetteer && c.key.startsWith("g:"));
  const gazEntry = entry ? gazetteerEntry(entry.key) : undefined;
  // Fullest name: most words, then most documents, then alphabetical; among the names documents commonly
  // use: a heading run into the name in one document ("Government of Canada Moves to Restore Trust in ...")
  // does not name an actor that thirty documents call "Government of Canada".
  const nameVotes = new Map<string, number>();
  for (const c of named) nameVotes.set(c.name, (nameVotes.get(c.name) ?? 0) + weight.get(c)!);
  let mostVotes = 0;
  for (const v of nameVotes.values()) mostVotes = Math.max(mostVotes, v);
  for (const [n, v] of nameVotes) if (v * COMMON_NAME_SHARE < mostVotes) nameVotes.delete(n);
  const name = gazEntry?.name ?? [...nameVotes.keys()].sort((a, b) => nameWords(b).length - nameWords(a).length || nameVotes.get(b)! - nameVotes.get(a)! || a.localeCompare(b))[0] ?? cands[0].acronym;
  const acronymVotes = new Map<string, number>();
  for (const c of cands) if (c.acronym) acronymVotes.set(c.acronym, (acronymVotes.get(c.acronym) ?? 0) + weight.get(c)!);
  const acronym = gazEntry?.acronym || [...acronymVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] || "";
  // Type: the best-evidenced vote.
  const typeVotes = new Map<string, number>();
  for (const c of named) if (c.type) typeVotes.set(c.type, (typeVotes.get(c.type) ?? 0) + (EVIDENCE_RANK(c.typeEvidence) * 10 + 1) * weight.get(c)!);
  const type = gazEntry?.type ?? [...typeVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
  const seen = new Set([nameKey(name), nameKey(acronym)]);
  const aliases: string[] = [];
  for (const c of cands) for (const n of [c.name, ...c.aliases]) {
    const k = nameKey(n);
    if (n && !seen.has(k)) { seen.add(k); aliases.push(n); }
  }
  aliases.sort((a, b) => a.localeCompare(b));
  return { actor_id: id, name, acronym, type, aliases: aliases.join(";"), documents: 0, mentions: 0 };
}

/**
 * The actor a recommendation addresses: its addressee written as one of the
 * document's actor names; else the one actor named inside it ("the UNHCR
 * protection unit"); else the one actor whose name it begins ("The Global
 * Mayoral Forum on Human Mobility" for the forum's full name). Groups ("States") have none.
 * `key` is the addressee's name key, `local` the document's actors by name key,
 * `names` the same in order.
 */
function addresseeActor(key: string, local: Map<string, string>, names: LocalName[]): string | undefined {
  if (!key) return undefined;
  const exact = local.get(key);
  if (exact) return exact;
  const padded = ` ${key} `;
  const long = key.split(" ").length >= 3;
  const inside = new Set<string>(), begun = new Set<string>();
  for (const { name, id, padded: paddedName, canBeInside } of names) {
    if (canBeInside && padded.includes(paddedName)) inside.add(id);
    if (long && name.startsWith(key + " ")) begun.add(id);
  }
  if (inside.size === 1) return [...inside][0];
  if (!inside.size && begun.size === 1) return [...begun][0];
  return undefined;
}

/** A name key of `local`, prepared once per document. */
interface LocalName { name: string; id: string; padded: string; canBeInside: boolean }
