// Within one document: hits become actors. Overlapping hits keep the longest;
// acronyms link to the document's own definition, else to the gazetteer, else
// stay open for the corpus; a short name inside exactly one longer name
// ("Mayoral Forum" in "Global Mayoral Forum on ...") joins it.
import type { Block, Doc, Mention } from "../../types.js";
import type { Gazetteer, GazetteerEntry } from "./gazetteer.js";
import { makeHit, type Hit } from "./hits.js";
import type { AcronymFacts } from "./acronyms.js";
import { nameKey, nameWords, skeletonKey } from "./normalize.js";
import { ownCopy } from "../../text/own-copy.js";
import type { Token } from "./tokens.js";

export interface DocCandidate {
  key: string;
  entry?: GazetteerEntry;
  /** name surfaces by name key, in order of appearance */
  names: Map<string, string>;
  acronym: string;
  head?: string;
  country?: string;
  hits: Hit[];
  mentions: Mention[];
}

const AND_WORDS = new Set(["and", "&", "et", "y"]);
const MINISTRY_START = /^(?:ministry|ministere|ministerio|department) \S+$/;
const GOVERNMENT_HEADS = new Set(["government", "gouvernement", "gobierno"]);
const PRIORITY: Record<Hit["kind"], number> = { gazetteer: 4, government: 3, list: 2, name: 1, acronym: 0 };

/** Longest hit wins; a gazetteer name inside a longer name's tail ("... of the GFMD") is kept too. */
export function keepLongest(hits: Hit[], lexCountries: Map<string, string>): Hit[] {
  if (hits.length < 2) return [...hits]; // most blocks: nothing to compare
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end || PRIORITY[b.kind] - PRIORITY[a.kind]);
  const kept: Hit[] = [];
  // Kept hits start in order (sorted input), so the first one overlapping h is the first
  // whose end passes h.start: found by binary search over the running maximum of ends
  // (a scan of every kept hit per hit was quadratic in the length of a block).
  const maxEnd: number[] = [];
  const keep = (h: Hit) => { kept.push(h); maxEnd.push(Math.max(maxEnd[maxEnd.length - 1] ?? -Infinity, h.end)); };
  for (const h of sorted) {
    let lo = 0, hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maxEnd[mid] > h.start) hi = mid;
      else lo = mid + 1;
    }
    const at = lo < kept.length && kept[lo].start < h.end ? lo : -1;
    if (at < 0) { keep(h); continue; }
    const over = kept[at];
    const inside = h.start >= over.start && h.end <= over.end;
    // "Government of the Republic of Guatemala on Cooperation Regarding ...": an agreement's title runs on after the government.
    if (inside && h.kind === "government" && h.country && h.start === over.start && over.kind === "name" && over.head && GOVERNMENT_HEADS.has(over.head)) {
      kept[at] = h;
      // h ends no later than the hit it replaces: the running maximum of ends from here on is recomputed
      for (let i = at; i < kept.length; i++) maxEnd[i] = Math.max(i ? maxEnd[i - 1] : -Infinity, kept[i].end);
      continue;
    }
    if (inside && h.kind === "gazetteer" && over.tailStart !== undefined && h.start >= over.tailStart) { keep(h); continue; }
    // "United Nations Development Programme in Moldova": a gazetteer name plus a place is that gazetteer actor.
    if (inside && h.kind === "gazetteer" && h.start === over.start && over.kind !== "gazetteer") {
      const rest = over.surface.slice(h.surface.length).replace(/^[\s,]+(?:in\s+(?:the\s+)?)?/, "").toLowerCase();
      if (!rest || lexCountries.has(rest) || /^[\p{L}-]+$/u.test(rest) && !/\s/.test(rest)) {
        kept[at] = makeHit({ ...h, end: over.end, surface: over.surface, acronym: over.acronym ?? h.acronym }); // same end: maxEnd holds
      }
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

const keyCache = new WeakMap<Gazetteer, Map<string, { key: string; entry?: GazetteerEntry }>>();

/** The candidate a hit belongs to: its gazetteer entry, its country's government, or its own name. */
export function candidateKey(hit: Hit, gaz: Gazetteer): { key: string; entry?: GazetteerEntry } {
  if (hit.entry) return { key: "g:" + hit.entry.id, entry: hit.entry };
  if (hit.kind === "government" && hit.country) return { key: "gov:" + hit.country };
  // Names repeat across a corpus: decide each distinct name once.
  const name = hit.canonical ?? hit.surface;
  const id = `${hit.canonical ? "c" : "s"}\u0000${name}`;
  let cache = keyCache.get(gaz);
  if (!cache) keyCache.set(gaz, (cache = new Map()));
  let found = cache.get(id);
  if (!found) {
    if (cache.size > 100_000) cache.clear();
    cache.set(ownCopy(id), (found = keyOfName(hit, gaz))); // not the page the name was cut from (own-copy.ts)
  }
  return found;
}

function keyOfName(hit: Hit, gaz: Gazetteer): { key: string; entry?: GazetteerEntry } {
  if (hit.entry) return { key: "g:" + hit.entry.id, entry: hit.entry };
  if (hit.kind === "government" && hit.country) return { key: "gov:" + hit.country };
  const name = hit.canonical ?? hit.surface;
  // "Federal Government of Nigeria", "Nigeria Federal Government": the government of that country.
  if (/overnment|obierno/.test(name) && /\b(?:government|gouvernement|gobierno)\b/i.test(name) && !hit.canonical) {
    const words = nameWords(name);
    for (let i = 0; i < words.length; i++)
      for (const n of [3, 2, 1]) {
        const country = gaz.lexicon.countries.get(words.slice(i, i + n).join(" "));
        if (country && i + n <= words.length) return { key: "gov:" + country };
      }
  }
  const byAcronym = gaz.acronyms.get(name);
  if (byAcronym?.length === 1) return { key: "g:" + byAcronym[0].id, entry: byAcronym[0] };
  const k = nameKey(name);
  const entry = gaz.byKey.get(k) ?? (k.includes(" ") ? gaz.bySkeleton.get(skeletonKey(name)) : undefined);
  if (entry) return { key: "g:" + entry.id, entry };
  return { key: "n:" + k };
}

export function pageAt(block: Block, offset: number): number {
  // Binary search over the sentences (in order, not overlapping): a scan per mention was
  // quadratic in the length of a block (a one-paragraph document of 5 MB).
  const sentences = block.sentences;
  let lo = 0, hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s.page;
  }
  return block.page;
}

export function addMention(c: DocCandidate, doc: Doc, block: number, start: number, end: number, surface: string): void {
  c.mentions.push({ actor: c.key, block, surface, page: pageAt(doc.blocks[block], start), start, end });
}

/** Links acronym words to the nearest definition, the gazetteer, or an open "acr:" candidate. */
export function acronymTarget(t: Token, facts: AcronymFacts, gaz: Gazetteer, docNames: Set<string>, keyOfHit: (h: Hit) => string): { key: string; entry?: GazetteerEntry } | undefined {
  const defs = definitionsOf(facts).get(t.text) ?? [];
  if (defs.length) {
    const before = defs.filter((d) => d.at <= t.start);
    const d = before.length ? before[before.length - 1] : defs[0];
    return { key: keyOfHit(d.hit) };
  }
  if (facts.blocked.has(t.text)) return undefined;
  const entries = gaz.acronyms.get(t.text) ?? [];
  const named = entries.filter((e) => docNames.has("g:" + e.id));
  const pick = named.length === 1 ? named[0] : entries.length === 1 && !entries[0].ambiguous ? entries[0] : undefined;
  if (pick) return { key: "g:" + pick.id, entry: pick };
  if (entries.length) return undefined; // known but ambiguous here: better silent than wrong
  // Mixed-case abbreviations left undefined ("GoN", "MoU") are too often generic to link across documents.
  if (/\p{Ll}/u.test(t.text)) return undefined;
  return { key: "acr:" + t.text };
}

const definitionIndex = new WeakMap<AcronymFacts, Map<string, AcronymFacts["defined"]>>();

/** Definitions by acronym, in text order (built once per document). */
function definitionsOf(facts: AcronymFacts): Map<string, AcronymFacts["defined"]> {
  let index = definitionIndex.get(facts);
  if (!index) {
    index = new Map();
    for (const d of [...facts.defined].sort((a, b) => a.at - b.at)) (index.get(d.acronym) ?? index.set(d.acronym, []).get(d.acronym)!).push(d);
    definitionIndex.set(facts, index);
  }
  return index;
}

/**
 * "Ministry of the Interior and Public Security" widens the portfolio of "Ministry of Interior":
 * the long name goes on with "and" and words that are no other body or country
 * ("Department of Finance and Health Canada" names two bodies; "Ministry of Health Mandate Letter" a document).
 */
function widensPortfolio(lWords: string[], sWords: string[], heads: Map<string, string>, countries: Map<string, string>): boolean {
  const at = lWords.indexOf(sWords[sWords.length - 1]);
  if (at < 0 || !AND_WORDS.has(lWords[at + 1] ?? "")) return false;
  const rest = lWords.slice(at + 2);
  return rest.length > 0 && rest.length <= 4 && !rest.some((w) => heads.has(w) || countries.has(w));
}

/** The head word of a name: the last head word before the first tail connector. */
export function headOfName(name: string, heads: Map<string, string>, tails: Set<string>): string | undefined {
  let head: string | undefined;
  for (const w of nameWords(name)) {
    if (tails.has(w) && head) break;
    if (heads.has(w)) head = w;
  }
  return head;
}

/**
 * Merges each short name into the one longer name of the document that
 * contains it: ending on the same head ("Mayoral Forum" in "Global Mayoral
 * Forum on ..."), as its end ("Naga City" in "Municipality of Naga City"), or
 * with the same words but other connectors ("Commission for/on Filipinos Overseas").
 */
export function mergeContained(cands: Map<string, DocCandidate>, heads: Map<string, string>, tails: Set<string>, connectors: Set<string>, countries: Map<string, string> = new Map()): void {
  const list = [...cands.values()];
  const contentOf = (words: string[]) => words.filter((w) => !connectors.has(w)).join(" ");
  // Speed: the same names are compared many times; their content words are computed once
  // (nameWords returns one cached array per name, so the array itself is the memo key).
  const byWords = new Map<string[], string>();
  const content = (words: string[]) => {
    let c = byWords.get(words);
    if (c === undefined) byWords.set(words, (c = contentOf(words)));
    return c;
  };
  const byKey = new Map<string, string>();
  const keyContent = (key: string) => {
    let c = byKey.get(key);
    if (c === undefined) byKey.set(key, (c = contentOf(key.split(" "))));
    return c;
  };
  // Index: word -> candidates whose names hold it (a target holds the short name's last word).
  const byWord = new Map<string, DocCandidate[]>();
  for (const c of list)
    for (const n of c.names.values())
      for (const w of nameWords(n)) {
        const holders = byWord.get(w);
        if (!holders) byWord.set(w, [c]);
        else if (holders[holders.length - 1] !== c) holders.push(c); // each candidate once per word
      }
  for (const short of list) {
    if (!short.key.startsWith("n:")) continue;
    const sWords = short.key.slice(2).split(" ");
    if (sWords.length < 2) continue;
    const sContent = keyContent(short.key.slice(2));
    // Computed once per short name, not once per name compared with it.
    const commaForms = [...short.names.values()].map((s) => s + ",");
    // "Ministry of Interior" opens "Ministry of the Interior and Public Security": a ministry's short form.
    const asStart = sContent.split(" ").length >= 3 || MINISTRY_START.test(sContent) ? sContent + " " : undefined;
    const asEnd = " " + sContent;
    const contains = (long: DocCandidate, n: string) => {
      const lWords = nameWords(n);
      if (content(lWords) === sContent) return lWords.length > sWords.length || (lWords.length === sWords.length && long.key < short.key);
      // "Nigerian-German Centre for Jobs" in "Nigerian-German Centre for Jobs, Migration & Reintegration"
      if (commaForms.some((s) => n.startsWith(s))) return true;
      // ... or its start, when the long one is defined with an acronym ("National Commission for Refugees Migrants").
      // (Both may carry the acronym: a table cell cut the name short after its definition.)
      if (long.acronym && (!short.acronym || short.acronym === long.acronym) && asStart !== undefined && content(lWords).startsWith(asStart)) return true;
      if (!long.acronym && !short.acronym && MINISTRY_START.test(sContent) && content(lWords).startsWith(sContent + " ") && widensPortfolio(lWords, sWords, heads, countries)) return true;
      if (lWords.length <= sWords.length) return false;
      if (content(lWords).endsWith(asEnd)) return true;
      const head = headOfName(n, heads, tails);
      for (let i = 0; i + sWords.length <= lWords.length; i++) {
        if (sWords.every((w, k) => lWords[i + k] === w)) return lWords[i + sWords.length - 1] === head;
      }
      return false;
    };
    const targets = (byWord.get(sWords[sWords.length - 1]) ?? []).filter((long) => {
      if (long === short || !cands.has(long.key)) return false;
      for (const n of long.names.values()) if (contains(long, n)) return true;
      return false;
    });
    if (!targets.length) continue;
    // Several targets nested in each other ("Commission for ..." inside "Philippine Commission for ..."): the longest.
    const size = (c: DocCandidate) => Math.max(...[...c.names.keys()].map((k) => k.split(" ").length));
    const long = targets.reduce((a, b) => (size(b) > size(a) ? b : a));
    const longContent = [...long.names.keys()].map(keyContent);
    if (targets.some((t) => t !== long && ![...t.names.keys()].some((k) => longContent.some((lc) => lc === keyContent(k) || lc.endsWith(" " + keyContent(k)) || lc.includes(keyContent(k) + " "))))) continue;
    for (const [k, v] of short.names) if (!long.names.has(k)) long.names.set(k, v);
    for (const m of short.mentions) long.mentions.push({ ...m, actor: long.key });
    long.hits.push(...short.hits);
    cands.delete(short.key);
  }
  for (const c of [...cands.values()]) if (c.hits.every((h) => h.weak)) cands.delete(c.key);
}

export const PROGRAMME_FORM_RULE = "the programme of an actor of the document, named by its acronym or name (MRRM Programme)";
/** Words a programme form may add between the actor's acronym or name and its head ("CAM Parole Program"). */
const MAX_EXTRA_WORDS = 3;

/**
 * "MRRM Programme" and "MRRM", "CAM Parole Program" and "Central American
 * Minors (CAM)", "MDR Unit" and "Migration Data and Research Unit (MDR)": one
 * actor named by its acronym (or its name) plus a programme word, or plus its
 * own head word, is that actor. The form joins it as another name. An acronym
 * two actors of the document share names neither.
 */
export function mergeAcronymForms(cands: Map<string, DocCandidate>, heads: Map<string, string>, tails: Set<string>): void {
  const byAcronym = new Map<string, DocCandidate | null>(); // null: two candidates share it
  const byName = new Map<string, DocCandidate | null>(); // by the name's key, names of two words or more
  for (const c of cands.values()) {
    if (c.key.startsWith("acr:")) continue;
    if (c.acronym) byAcronym.set(c.acronym, byAcronym.has(c.acronym) && byAcronym.get(c.acronym) !== c ? null : c);
    for (const k of c.names.keys()) if (k.includes(" ")) byName.set(k, byName.has(k) && byName.get(k) !== c ? null : c);
  }
  if (!byAcronym.size) return;
  for (const form of [...cands.values()]) {
    if (!form.key.startsWith("n:") || form.entry || form.acronym) continue;
    const name = [...form.names.values()][0];
    const surfaceWords = name.split(/\s+/);
    const head = headOfName(name, heads, tails);
    const words = nameWords(name); // cached: never changed here
    if (!head || words[words.length - 1] !== head) continue; // the head ends the form: "CAM Parole Program", not "... Program for Youth"
    let target = byAcronym.get(surfaceWords[0]);
    let extra = surfaceWords.length - 2;
    if (!target) {
      // "Central American Minors Parole Program": the actor's full name, then the programme words.
      for (let n = words.length - 2; n >= 2 && !target; n--) {
        const t = byName.get(words.slice(0, n).join(" "));
        if (t) { target = t; extra = words.length - n - 1; }
      }
    }
    if (!target || target === form || extra > MAX_EXTRA_WORDS || target.key.startsWith("gov:")) continue;
    const isProgramme = heads.get(head) === "process";
    const targetName = longestName(target);
    const targetHead = target.head ?? headOfName(targetName, heads, tails);
    // A programme of an organisation ("CSA GRIP Project", "NGTL Expansion Project") is not the organisation;
    // only an actor with no organisation word ("MRRM", "Central American Minors") is its own programme.
    // ("TMX Crown Consultation" is another process than the Trans Mountain Expansion Project (TMX).)
    if (head !== targetHead && !(isProgramme && targetHead === undefined)) continue;
    if (words.slice(words.length - 1 - extra, words.length - 1).some((w) => AND_WORDS.has(w) || tails.has(w))) continue; // "X and Y Dialogue": two
    for (const [k, v] of form.names) if (!target.names.has(k)) target.names.set(k, v);
    for (const m of form.mentions) { m.actor = target.key; target.mentions.push(m); }
    for (const h of form.hits) { if (isProgramme && !target.entry) h.rule = PROGRAMME_FORM_RULE; target.hits.push(h); }
    cands.delete(form.key);
  }
}

function longestName(c: DocCandidate): string {
  let best = "";
  for (const n of c.names.values()) if (nameWords(n).length > nameWords(best).length) best = n;
  return best;
}
