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
import type { ActorCandidate, Mention } from "../types.js";
import type { Gazetteer } from "../extract/actors/index.js";
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
export interface EdgeRow { source_id: string; target_id: string; relation: "co_mention" | "addressed"; weight: number; documents: number; [k: string]: string | number }

export interface ResolvedActors {
  actors: ActorRow[];
  mentions: MentionRow[];
  edges: EdgeRow[];
  addresseeActorIds: Map<string, string>;
}

interface Node { doc: number; cand: ActorCandidate }

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

export function resolveActors(docs: DocActors[], gaz: Gazetteer): ResolvedActors {
  // 1. Nodes: one per (document, candidate); unite those sharing a link key.
  const nodes: Node[] = [];
  const uf = new UnionFind();
  const byLinkKey = new Map<string, number>();
  const openAcronyms: number[] = [];
  docs.forEach((d, doc) => {
    for (const cand of d.actors) {
      const i = uf.add();
      nodes.push({ doc, cand });
      if (cand.key.startsWith("acr:")) { openAcronyms.push(i); continue; }
      for (const k of linkKeys(cand)) {
        const j = byLinkKey.get(k);
        if (j === undefined) byLinkKey.set(k, i); else uf.union(i, j);
      }
    }
  });
  // 2. Open acronyms: to the one entity of the corpus with that acronym.
  const groupsByAcronym = new Map<string, Set<number>>();
  nodes.forEach((n, i) => {
    if (n.cand.key.startsWith("acr:") || !n.cand.acronym) return;
    (groupsByAcronym.get(n.cand.acronym) ?? groupsByAcronym.set(n.cand.acronym, new Set()).get(n.cand.acronym)!).add(uf.find(i));
  });
  const dropped = new Set<number>();
  for (const i of openAcronyms) {
    const groups = groupsByAcronym.get(nodes[i].cand.acronym);
    if (groups && new Set([...groups].map((g) => uf.find(g))).size === 1) uf.union(i, [...groups][0]);
    else dropped.add(i);
  }

  // 3. Groups -> actor rows.
  const groups = new Map<number, number[]>();
  nodes.forEach((_, i) => {
    if (dropped.has(i)) return;
    const r = uf.find(i);
    (groups.get(r) ?? groups.set(r, []).get(r)!).push(i);
  });
  const idOfNode = new Map<number, string>();
  const actorRows: ActorRow[] = [];
  const mentionCount = new Map<string, number>();
  const mentionsByDocKey = new Map<string, string>(); // `${doc}\u0000${candKey}` -> actor_id
  for (const members of groups.values()) {
    const cands = members.map((i) => nodes[i].cand);
    const id = "a" + shortHash(stableKey(cands));
    const row = actorRow(id, cands, members.map((i) => nodes[i].doc), gaz);
    actorRows.push(row);
    for (const i of members) {
      idOfNode.set(i, id);
      mentionsByDocKey.set(`${nodes[i].doc}\u0000${nodes[i].cand.key}`, id);
    }
  }

  // 4. Mentions.
  const mentionRows: MentionRow[] = [];
  docs.forEach((d, doc) => {
    for (const m of d.mentions) {
      const actorId = mentionsByDocKey.get(`${doc}\u0000${m.actor}`);
      if (!actorId) continue;
      mentionRows.push({
        mention_id: "m" + shortHash(`${d.docId}:${m.start}:${m.end}:${actorId}`), actor_id: actorId, doc_id: d.docId, source: d.source,
        segment_id: d.segmentIds[m.block] ?? "", surface: m.surface, page: m.page, start: m.start, end: m.end,
      });
      mentionCount.set(actorId, (mentionCount.get(actorId) ?? 0) + 1);
    }
  });
  for (const row of actorRows) row.mentions = mentionCount.get(row.actor_id) ?? 0;
  const liveActors = actorRows.filter((r) => r.mentions > 0);

  // 5. Edges and addressees.
  const { edges, addresseeActorIds } = edgesOf(docs, mentionRows, liveActors, mentionsByDocKey);

  liveActors.sort((a, b) => a.actor_id.localeCompare(b.actor_id));
  mentionRows.sort((a, b) => a.doc_id.localeCompare(b.doc_id) || a.start - b.start || a.end - b.end || a.actor_id.localeCompare(b.actor_id));
  return { actors: liveActors, mentions: mentionRows, edges, addresseeActorIds };
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

const EVIDENCE_RANK = (e: string) => (e.startsWith("gazetteer") ? 4 : e.startsWith("context") ? 3 : e.startsWith("default") || e.startsWith("entry of a list") ? 1 : 2);

function actorRow(id: string, cands: ActorCandidate[], docsOf: number[], gaz: Gazetteer): ActorRow {
  const named = cands.filter((c) => c.name);
  const entry = named.find((c) => c.fromGazetteer && c.key.startsWith("g:"));
  const gazEntry = entry ? gaz.entries.find((e) => "g:" + e.id === entry.key) : undefined;
  // Fullest name: most words, then most documents, then alphabetical.
  const nameVotes = new Map<string, number>();
  for (const c of named) nameVotes.set(c.name, (nameVotes.get(c.name) ?? 0) + 1);
  const name = gazEntry?.name ?? [...nameVotes.keys()].sort((a, b) => nameWords(b).length - nameWords(a).length || nameVotes.get(b)! - nameVotes.get(a)! || a.localeCompare(b))[0] ?? cands[0].acronym;
  const acronymVotes = new Map<string, number>();
  for (const c of cands) if (c.acronym) acronymVotes.set(c.acronym, (acronymVotes.get(c.acronym) ?? 0) + 1);
  const acronym = gazEntry?.acronym || [...acronymVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] || "";
  // Type: the best-evidenced vote.
  const typeVotes = new Map<string, number>();
  for (const c of named) if (c.type) typeVotes.set(c.type, (typeVotes.get(c.type) ?? 0) + EVIDENCE_RANK(c.typeEvidence) * 10 + 1);
  const type = gazEntry?.type ?? [...typeVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
  const seen = new Set([nameKey(name), nameKey(acronym)]);
  const aliases: string[] = [];
  for (const c of cands) for (const n of [c.name, ...c.aliases]) {
    const k = nameKey(n);
    if (n && !seen.has(k)) { seen.add(k); aliases.push(n); }
  }
  aliases.sort((a, b) => a.localeCompare(b));
  return { actor_id: id, name, acronym, type, aliases: aliases.join(";"), documents: new Set(docsOf).size, mentions: 0 };
}

/**
 * The actor a recommendation addresses: its addressee written as one of the
 * document's actor names; else the one actor named inside it ("the UNHCR
 * protection unit"); else the one actor whose name it begins ("The Global
 * Mayoral Forum on Human Mobility" for the forum's full name). Groups ("States") have none.
 */
function addresseeActor(addressee: string, local: Map<string, string>): string | undefined {
  const key = nameKey(addressee);
  if (!key) return undefined;
  const exact = local.get(key);
  if (exact) return exact;
  const padded = ` ${key} `;
  const inside = new Set<string>(), begun = new Set<string>();
  for (const [name, id] of local) {
    if (padded.includes(` ${name} `) && (name.includes(" ") || name.length >= 3)) inside.add(id);
    if (key.split(" ").length >= 3 && name.startsWith(key + " ")) begun.add(id);
  }
  if (inside.size === 1) return [...inside][0];
  if (!inside.size && begun.size === 1) return [...begun][0];
  return undefined;
}

function edgesOf(docs: DocActors[], mentions: MentionRow[], actors: ActorRow[], idOf: Map<string, string>) {
  const co = new Map<string, { weight: number; docs: Set<string> }>();
  const bySegment = new Map<string, Set<string>>();
  for (const m of mentions) {
    const k = `${m.doc_id}\u0000${m.segment_id}`;
    (bySegment.get(k) ?? bySegment.set(k, new Set()).get(k)!).add(m.actor_id);
  }
  for (const [k, ids] of bySegment) {
    const list = [...ids].sort();
    const docId = k.split("\u0000")[0];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const e = `${list[i]}\u0000${list[j]}\u0000co_mention`;
        const v = co.get(e) ?? co.set(e, { weight: 0, docs: new Set() }).get(e)!;
        v.weight++;
        v.docs.add(docId);
      }
  }

  // Addressees: a recommendation's addressee written as one of the document's actors.
  const addresseeActorIds = new Map<string, string>();
  const actorById = new Map(actors.map((a) => [a.actor_id, a]));
  docs.forEach((d, doc) => {
    const local = new Map<string, string>(); // name key -> actor_id, for this document's actors
    const counts = new Map<string, number>();
    for (const c of d.actors) {
      const id = idOf.get(`${doc}\u0000${c.key}`);
      if (!id || !actorById.has(id)) continue;
      for (const n of [c.name, c.acronym, ...c.aliases]) if (n) local.set(nameKey(n), id);
    }
    for (const m of d.mentions) {
      const id = idOf.get(`${doc}\u0000${m.actor}`);
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    // The document's issuer: its most-mentioned actor (the author body, the forum reported on).
    const issuer = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    for (const r of d.recommendations) {
      const id = addresseeActor(r.addressee, local);
      if (!id) continue;
      addresseeActorIds.set(r.recId, id);
      if (!issuer || issuer === id) continue;
      const e = `${issuer}\u0000${id}\u0000addressed`;
      const v = co.get(e) ?? co.set(e, { weight: 0, docs: new Set() }).get(e)!;
      v.weight++;
      v.docs.add(d.docId);
    }
  });

  const edges: EdgeRow[] = [...co.entries()].map(([k, v]) => {
    const [source_id, target_id, relation] = k.split("\u0000");
    return { source_id, target_id, relation: relation as EdgeRow["relation"], weight: v.weight, documents: v.docs.size };
  });
  edges.sort((a, b) => a.source_id.localeCompare(b.source_id) || a.target_id.localeCompare(b.target_id) || a.relation.localeCompare(b.relation));
  return { edges, addresseeActorIds };
}
