// Actor extraction for one document: detectors (gazetteer, head-word names,
// governments, list entries, acronyms) -> hits -> actors with mentions.
// Pure: the same Doc and gazetteer give the same result.
import type { ActorCandidate, Doc, Mention } from "../../types.js";
import { findDefinitions, type AcronymFacts } from "./acronyms.js";
import type { Gazetteer } from "./gazetteer.js";
import { actingCountries, countryNamedBodies, SUBNATIONAL_BODY_RULE } from "./countries.js";
import { governmentCues, governments, offices, OFFICE_RULE } from "./governments.js";
import { makeHit, type Hit } from "./hits.js";
import { isOrganisationList, listEntries } from "./lists.js";
import { gazetteerNames, headedNames } from "./names.js";
import { nameKey, nameWords, normWord } from "./normalize.js";
import { acronymTarget, addMention, candidateKey, headOfName, keepLongest, mergeAcronymForms, mergeContained, PROGRAMME_FORM_RULE, type DocCandidate } from "./resolve.js";
import { isCommonStarter, tokenizeDoc, type Token } from "./tokens.js";
import { profileHits, profileNames } from "./profiles.js";
import { promoteOpenAcronyms } from "./openacronyms.js";
import { partnerNames, PARTNER_RULE_PREFIX } from "./partners.js";
import { calledProgramme, glossaryRow, programmeHit, PROGRAMME_RULE } from "./programmes.js";
import { typeFromContext, typeFromName, type TypeDecision } from "./typing.js";
import { sentenceAt } from "../../text/sentences.js";

export { loadGazetteer, compileGazetteer, readGazetteerFile, GazetteerError, ACTOR_TYPES } from "./gazetteer.js";
export type { Gazetteer, GazetteerEntry } from "./gazetteer.js";
export { explainActors } from "./explain.js";

export interface DocActorsDetail {
  actors: ActorCandidate[];
  mentions: Mention[];
  /** Per actor key: the rules that found it (for inspect). */
  rules: Map<string, string[]>;
}

export function extractActors(doc: Doc, gaz: Gazetteer): { actors: ActorCandidate[]; mentions: Mention[] } {
  const { actors, mentions } = extract(doc, gaz, false);
  return { actors, mentions };
}

export function extractActorsDetailed(doc: Doc, gaz: Gazetteer): DocActorsDetail {
  return extract(doc, gaz, true);
}

/** `withRules`: also list the rules behind each actor (inspect only; the dataset does not need them). */
function extract(doc: Doc, gaz: Gazetteer, withRules: boolean): DocActorsDetail {
  const lex = gaz.lexicon;
  const { tokens, stats } = tokenizeDoc(doc, gaz.keepLower);
  const facts: AcronymFacts = { defined: [], blocked: new Set(), expansions: [] };

  // Acronyms the document spells out somewhere ("(MRRM)"): "MRRM Programme" is part of that actor.
  // ("International Migrants Bill of Rights (IMBR) Initiative" names "IMBR Initiative" itself.)
  const inParentheses = new Set<string>();
  for (let at = doc.text.indexOf("("); at >= 0; at = doc.text.indexOf("(", at + 1)) {
    PAREN_ACRONYM.lastIndex = at;
    const m = PAREN_ACRONYM.exec(doc.text);
    if (m) inParentheses.add(m[1]);
  }
  // 1. Hits, block by block; overlapping ones keep the longest.
  const suppressed = new Set<Hit>(); // gazetteer hits inside instrument names (one set: hits are distinct objects)
  const knownAcronym = (a: string) => gaz.acronyms.has(a) || inParentheses.has(a);
  const profiles = profileNames(doc, tokens, stats, lex);
  const govCues = governmentCues(doc.text, lex);
  const hitsByBlock: Hit[][] = doc.blocks.map((block, b) => {
    const gazHits = gazetteerNames(doc, tokens[b], gaz);
    const named = headedNames(doc, tokens[b], gazHits, stats, lex, suppressed, knownAcronym);
    // (Appended one detector at a time rather than spread into one array literal: cheaper, as most lists are empty.)
    const all: Hit[] = [];
    for (const h of gazHits) if (!suppressed.has(h)) all.push(h);
    append(all, named);
    append(all, governments(block, lex, govCues));
    append(all, offices(block, lex, govCues));
    append(all, actingCountries(doc, tokens[b], lex));
    if (isOrganisationList(block, lex)) append(all, listEntries(doc, block, lex));
    if (profiles.length) append(all, profileHits(doc, tokens[b], profiles));
    append(all, countryNamedBodies(doc, tokens[b], lex, (t) => isCommonStarter(t, stats, lex)));
    append(all, partnerNames(doc, tokens[b], lex));
    // "UN agencies", "EU funding": a known name modifying a generic group names no actor there.
    const kept = keepLongest(all, lex.countries).filter((h) => !(h.entry && lex.genericAfter.test(doc.text.slice(h.end, h.end + 24))));
    findDefinitions(doc, tokens[b], kept, lex, facts);
    // A list of acronyms: the row's acronym stands for the actor named in the row, or is a programme's if the text says so.
    const row = glossaryRow(block);
    if (row && !lex.genericAcronyms.has(row.acronym)) {
      const named = kept.find((h) => h.kind !== "acronym" && h.start < row.end && row.start < h.end);
      if (named) { named.acronym ??= row.acronym; facts.defined.push({ acronym: row.acronym, hit: named, at: row.start }); }
      else facts.expansions.push(row);
    }
    return kept;
  });
  addProgrammes(doc, hitsByBlock, facts, (w) => lex.countries.has(w));

  // 2. Candidates from named hits.
  const cands = new Map<string, DocCandidate>();
  const keyOfHit = new Map<Hit, string>();
  const candFor = (key: string, hit?: Hit): DocCandidate => {
    let c = cands.get(key);
    if (!c) cands.set(key, (c = { key, names: new Map(), acronym: "", hits: [], mentions: [], entry: undefined, head: undefined, country: undefined }));
    if (hit) {
      c.hits.push(hit);
      const name = hit.canonical ?? hit.surface;
      if (hit.kind !== "acronym") {
        const k = nameKey(name);
        if (!c.names.has(k)) c.names.set(k, name);
      }
      if (hit.acronym && !c.acronym) c.acronym = hit.acronym;
      c.head ??= hit.head;
      c.country ??= hit.country;
    }
    return c;
  };
  for (const hits of hitsByBlock)
    for (const h of hits) {
      const { key, entry } = candidateKey(h, gaz);
      const c = candFor(key, h);
      c.entry ??= entry;
      keyOfHit.set(h, key);
      addMention(c, doc, h.block, h.start, h.end, h.surface);
    }

  // 3. Acronym words: to the definition, the gazetteer, or left open for the corpus.
  const docNames = new Set(cands.keys());
  tokens.forEach((blockTokens, b) => {
    const hits = hitsByBlock[b]; // sorted by start, not overlapping (bar tails)
    let h = 0;
    for (let i = 0; i < blockTokens.length; i++) {
      const t = fundingPrefix(blockTokens[i]);
      if (!t.acronym || t.shout || lex.genericAcronyms.has(t.text) || /^[IVXLC]+$/.test(t.text)) continue;
      while (h < hits.length && hits[h].end < t.end) h++;
      let inside = false;
      for (let k = Math.max(0, h - 1); k < Math.min(hits.length, h + 2); k++) if (t.start >= hits[k].start && t.end <= hits[k].end) inside = true;
      if (inside) continue;
      const next = blockTokens[i + 1];
      if (next && next.cap && /^\s+$/.test(next.gap) && INSTRUMENTS.has(next.norm)) continue; // "UN Protocol", "EU Directive"
      if (lex.genericAfter.test(doc.text.slice(t.end, t.end + 24))) continue; // "UN agencies"
      const target = acronymTarget(t, facts, gaz, docNames, (h) => keyOfHit.get(h)!);
      if (!target) continue;
      const c = candFor(target.key);
      c.entry ??= target.entry;
      if (!c.acronym) c.acronym = t.text;
      // "PNUD" for UNDP, "UE" for EU: another language's acronym is a name the document uses.
      if (c.entry && t.text !== c.entry.acronym && !c.names.has(nameKey(t.text))) c.names.set(nameKey(t.text), t.text);
      c.hits.push(makeHit({ kind: "acronym", block: b, start: t.start, end: t.end, surface: t.text, rule: ruleForAcronym(target.key) }));
      addMention(c, doc, b, t.start, t.end, t.text);
    }
  });

  // 4. Short names inside one longer name join it.
  mergeContained(cands, lex.heads, lex.tailConnectors, lex.connectors, lex.countries);

  // A city only ever named as a place ("in Benin City") is not an actor.
  for (const c of [...cands.values()]) {
    if (c.entry || c.key.startsWith("gov:") || !c.head || gaz.lexicon.heads.get(c.head) !== "local") continue;
    if (c.mentions.every((m) => LOCATIVE.test(doc.text.slice(Math.max(0, m.start - 12), m.start)))) cands.delete(c.key);
  }

  // An open acronym the text treats as an organisation is an actor of this document (typed below).
  const promoted = new Map<string, { type: string; neighbour?: string; evidence: string }>();
  for (const p of promoteOpenAcronyms(doc, cands, lex, (w) => stats.lower.has(w))) {
    const c = cands.get(p.key)!;
    const acronym = p.key.slice(4);
    const key = "n:" + nameKey(acronym);
    if (cands.has(key)) continue;
    cands.delete(p.key);
    c.key = key;
    c.names.set(nameKey(acronym), acronym);
    for (const m of c.mentions) m.actor = key;
    for (const h of c.hits) h.rule = p.evidence;
    cands.set(key, c);
    promoted.set(key, p);
  }

  // "MRRM Programme" is the MRRM of the document, "MDR Unit" its Migration Data and Research Unit (MDR).
  mergeAcronymForms(cands, lex.heads, lex.tailConnectors);

  // 5. Actor candidates with types.
  const actors: ActorCandidate[] = [];
  const mentions: Mention[] = [];
  const rules = new Map<string, string[]>();
  const sorted = [...cands.values()].sort((a, b) => a.key.localeCompare(b.key));
  const decisions = sorted.map((c) => {
    const name = c.entry?.name ?? longest([...c.names.values()]);
    return decideType(c, name, doc, gaz);
  });
  // Promoted acronyms: the cue's type, else their neighbour's ("M&E Unit, PSU"), else a civil-society organisation.
  const indexOf = new Map(sorted.map((c, i) => [c.key, i]));
  sorted.forEach((c, i) => {
    const p = promoted.get(c.key);
    if (!p || c.hits.some((h) => h.rule === PROGRAMME_FORM_RULE)) return; // "MRRM" and "MRRM Programme": a programme
    const n = p.neighbour !== undefined ? indexOf.get(p.neighbour) : undefined;
    decisions[i] = p.type ? { type: p.type, evidence: p.evidence }
      : n !== undefined && decisions[n].type ? { type: decisions[n].type, evidence: `${p.evidence}: its type` }
      : { type: "ngo", evidence: `${p.evidence} (default)` };
  });
  // Units ("Protection Unit") without a parent named in front belong to the organisation the document speaks of most.
  const main = mainOrganisation(sorted, decisions);
  for (let i = 0; i < sorted.length; i++) {
    if (decisions[i].type !== UNIT) continue;
    decisions[i] = main
      ? { type: main.type, evidence: `unit of the organisation the document names most (${main.name})` }
      : { type: "state", evidence: "unit with no parent in view (default)" };
  }
  sorted.forEach((c, i) => {
    const names = [...c.names.values()];
    const name = c.entry?.name ?? longest(names);
    const decision = provincial(decisions[i], c, name, gaz.lexicon);
    // A known actor keeps its own acronym; another one the document uses ("PNUD") stays an alias.
    const acronym = c.entry?.acronym || c.acronym || "";
    const seen = new Set([nameKey(name), nameKey(acronym)]);
    const aliases: string[] = [];
    for (const n of names) if (!seen.has(nameKey(n))) { seen.add(nameKey(n)); aliases.push(n); }
    actors.push({ key: c.key, name, acronym, type: decision.type, aliases, typeEvidence: decision.evidence, fromGazetteer: !!c.entry });
    mentions.push(...c.mentions);
    if (withRules) rules.set(c.key, [...new Set(c.hits.map((h) => h.rule))]);
  });
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { actors, mentions, rules };
}

/** Adds `items` at the end of `list`. */
function append(list: Hit[], items: Hit[]): void {
  for (let k = 0; k < items.length; k++) list.push(items[k]);
}

const FUNDED_WORD = /^(\p{Lu}[\p{Lu}\d&]+)-(?:funded|financed|sponsored)$/u;

/** "MIRAA-III", "MIRAA-3": a phase of the programme MIRAA (the mention keeps its whole surface). */
const PHASE_WORD = /^(\p{Lu}[\p{Lu}\d&]+)-(?:[IVX]{1,4}|\d)$/u;

/**
 * "DANIDA-funded": the acronym of the funder, as a token of its own; "MIRAA-III": the
 * programme's acronym. The rest of the time, the token itself.
 */
function fundingPrefix(t: Token): Token {
  if (!t.acronym || t.text.indexOf("-") < 2) return t;
  const phase = PHASE_WORD.exec(t.text);
  if (phase) return { text: phase[1], start: t.start, end: t.end, norm: normWord(phase[1]), cap: true, acronym: true, upper: true, shout: t.shout,
    sentStart: t.sentStart, possessive: t.possessive, gap: t.gap, block: t.block };
  const m = FUNDED_WORD.exec(t.text);
  if (!m) return t;
  const text = m[1];
  return { text, start: t.start, end: t.start + text.length, norm: normWord(text), cap: true, acronym: true, upper: true, shout: t.shout,
    sentStart: t.sentStart, possessive: false, gap: t.gap, block: t.block };
}

const PAREN_ACRONYM = /\(([A-Z][A-Za-z0-9&-]+)\)(?!\s+\p{Lu})/uy;
const LOCATIVE = /\b(?:in|at|from|to|near|across|within|around|outside|of)\s+(?:the\s+)?$/i;
const INSTRUMENTS = new Set(["convention", "protocol", "declaration", "compact", "charter", "treaty", "agenda", "directive", "regulation", "guidelines", "resolution", "handbook", "framework", "strategy"]);

/** Acronym definitions the text calls programmes become `process` actors (one per acronym). */
function addProgrammes(doc: Doc, hitsByBlock: Hit[][], facts: AcronymFacts, isCountry: (words: string) => boolean): void {
  const seen = new Set<string>();
  for (const e of facts.expansions) {
    if (seen.has(e.acronym) || facts.defined.some((d) => d.acronym === e.acronym)) continue;
    seen.add(e.acronym);
    if (!e.programme && !calledProgramme(doc, e, isCountry)) continue;
    const hits = hitsByBlock[e.block];
    if (hits.some((h) => h.kind !== "acronym" && h.start < e.end && e.start < h.end)) continue;
    const hit = programmeHit(e);
    hits.push(hit);
    hits.sort((a, b) => a.start - b.start);
    facts.defined.push({ acronym: e.acronym, hit, at: e.start });
    facts.blocked.delete(e.acronym);
  }
}

const NATIONAL_BODY_RULE = "capitalised name ending with its country (a national body)";
const UNIT = "unit";
/** Types an organisation can have that a unit of it shares. */
const PARENT_TYPES = new Set(["igo", "state", "ngo", "regional", "donor", "local", "research", "private", "network"]);

/** The organisation with the most mentions (a unit's parent when none is named), among typed ones. */
function mainOrganisation(cands: DocCandidate[], decisions: TypeDecision[]): { type: string; name: string } | undefined {
  let best: { type: string; name: string } | undefined, most = 0;
  cands.forEach((c, i) => {
    const type = decisions[i].type;
    if (!PARENT_TYPES.has(type) || c.mentions.length <= most) return;
    most = c.mentions.length;
    best = { type, name: c.entry?.name ?? longest([...c.names.values()]) ?? c.acronym };
  });
  return best;
}

function ruleForAcronym(key: string): string {
  if (key.startsWith("acr:")) return "acronym without definition (left for the corpus)";
  if (key.startsWith("g:")) return "acronym (definition or gazetteer)";
  return "acronym defined in the document";
}

function longest(names: string[]): string {
  return names.reduce((best, n) => (nameWords(n).length > nameWords(best).length ? n : best), names[0] ?? "");
}

/** "Office of the Manitoba Fairness Commissioner", "Ontario Ministry of Health": a province's body, not the nation's. */
function provincial(decision: TypeDecision, c: DocCandidate, name: string, lex: Gazetteer["lexicon"]): TypeDecision {
  if (decision.type !== "state" || c.entry) return decision;
  const words = nameWords(name);
  const province = words.find((w, i) => lex.subnationalPlaces.get(w) === "local" || lex.subnationalPlaces.get(`${w} ${words[i + 1]}`) === "local");
  return province ? { type: "local", evidence: `${decision.evidence}; named after a province ("${province}"): the province's body` } : decision;
}

function decideType(c: DocCandidate, name: string, doc: Doc, gaz: Gazetteer): TypeDecision {
  if (c.entry) return { type: c.entry.type, evidence: `gazetteer (${c.entry.origin})` };
  if (c.key.startsWith("acr:")) return { type: "", evidence: "acronym only: typed when linked" };
  // "IOM Regional Office for West and Central Africa": a part of a known actor has its type.
  // ("Business Mechanism of the GFMD", "Mission du PNUD": the same, with the known acronym last.)
  const words = name.split(/[\s-]+/);
  const lastWord = words[words.length - 1];
  const beforeLast = (words[words.length - 2] ?? "").toLowerCase();
  const ofKnown = words.length >= 3 && gaz.acronyms.has(lastWord) && (gaz.lexicon.tailConnectors.has(beforeLast) || beforeLast === "the");
  const firstWord = ofKnown ? lastWord : words[0];
  const parent = gaz.acronyms.get(firstWord);
  const ownHead = c.head ?? headOfName(name, gaz.lexicon.heads, gaz.lexicon.tailConnectors);
  const ownType = ownHead ? gaz.lexicon.heads.get(ownHead) : undefined;
  if (parent?.length === 1 && firstWord !== name && (ownType === "state" || ownType === "ngo" || ownType === UNIT || ownType === undefined))
    return { type: parent[0].type, evidence: `part of ${firstWord} (gazetteer)` };
  if (ownType === UNIT) return { type: UNIT, evidence: "unit" }; // typed once the document's main organisation is known
  // "Office of Legal Affairs", "Office of the Inspector General": an office of the organisation the document is about.
  if (/^Office of /.test(name) && ownHead === "office" && !c.key.startsWith("gov:") && !nameWords(name).some((w) => gaz.lexicon.countries.has(w)) &&
      !typeFromName(name, ownHead, gaz.lexicon).evidence.startsWith("modifier")) // "Office of the Mayor" is the city's
    return { type: UNIT, evidence: "office (unit)" };
  // "Central American Minors (CAM)" and "CAM Parole Program": the actor is that programme.
  if (c.hits.some((h) => h.rule === PROGRAMME_FORM_RULE)) return { type: "process", evidence: "named as a programme by its acronym or name (CAM Parole Program)" };
  if (c.hits.some((h) => h.rule === OFFICE_RULE)) return { type: "state", evidence: "office acting for a government" };
  // A government is a state, unless it funds the work at hand ("funded by the Dutch Government": a donor).
  const isGovernment = c.key.startsWith("gov:") || /\bgovernment\b/i.test(name);
  for (const m of c.mentions.slice(0, 8)) {
    const block = doc.blocks[m.block];
    const s = sentenceAt(block.sentences, m.start) ?? block;
    const text = doc.text.slice(s.start, s.end);
    const ctx = typeFromContext(text, m.start - s.start, m.end - m.start, gaz.lexicon);
    if (ctx && (!isGovernment || ctx.type === "donor")) return ctx;
  }
  if (c.country !== undefined && c.key.startsWith("gov:")) return { type: "state", evidence: "government of a country" };
  // "President of Softtek": a company, unless its name says otherwise.
  const post = c.hits.find((h) => h.rule.startsWith(PARTNER_RULE_PREFIX) && h.headType);
  if (post && typeFromName(name, c.head, gaz.lexicon).evidence.startsWith("default"))
    return { type: post.headType!, evidence: "the body a person's post heads (CEO of, President of): a company" };
  if (!c.head && c.hits.some((h) => h.headType === "private" && h.kind === "name" && !h.head)) return { type: "private", evidence: "profile under its own heading (company fact sheet)" };
  if (c.hits.some((h) => h.rule === NATIONAL_BODY_RULE)) {
    // "Engineers Canada", "Professional Engineers Ontario": a professional body, not a government's.
    const professional = typeFromName(name, undefined, gaz.lexicon);
    if (professional.evidence.includes("professional body")) return professional;
    return { type: "state", evidence: "name ending with its country, no organisation word (a national body)" };
  }
  const subnational = c.hits.find((h) => h.rule === SUBNATIONAL_BODY_RULE);
  if (subnational) {
    // "Professional Engineers Ontario": a professional body; "Immigration and Settlement New Brunswick": the province's.
    const professional = typeFromName(name, undefined, gaz.lexicon);
    if (professional.evidence.includes("professional body")) return professional;
    return { type: subnational.headType!, evidence: "name ending with a part of its country, no organisation word (a body of that part)" };
  }
  if (c.hits.some((h) => h.rule === PROGRAMME_RULE)) return { type: "process", evidence: "named programme (acronym definition, called a programme)" };
  const minister = c.hits.find((h) => h.kind === "government" && h.canonical);
  if (minister) return { type: "state", evidence: "ministry" };
  if (c.hits.some((h) => h.rule === "acronym definition of a national body")) return { type: "state", evidence: "national body defined with its acronym" };
  const head = c.head ?? headOfName(name, gaz.lexicon.heads, gaz.lexicon.tailConnectors);
  const fromName = typeFromName(name, head, gaz.lexicon);
  // In a list of participating organisations, an "Initiative" is an organisation.
  if (c.hits.every((h) => h.kind === "list") && (fromName.evidence.startsWith("default") || head === "initiative")) return { type: "ngo", evidence: "entry of a list of participating organisations" };
  return fromName;
}
