// Relations between named parties, per document: who funds, implements or
// partners with whom, with the amount where the sentence gives one. Pure: the
// same Doc, actor mentions and rules give the same relations.
//
// Only sentences that hold a trigger of some rule (one regular-expression test)
// and name at least two parties are examined further, so the stage costs little
// beside the text stage.
import type { ActorCandidate, Block, Doc, Mention, Relation, Sentence } from "../../types.js";
import { escapeRegExp } from "../../regexp.js";
import { findAmounts, type Amount } from "./amounts.js";
import { findProjects, unlistedNames, projectAcronyms, projectMatcher, resolveProjectAcronyms, sentenceParties, type Party, type ProjectMatcher } from "./parties.js";
import { ownProject, ownRecipient, type OwnProject } from "./own-project.js";
import { actorLinks, linkPartiesToActors, preferDefinedProjectNames, type ActorLinks } from "./naming.js";
import { leavesUnnamed, loadRelationRules, type RelationRule, type RelationRules, type RelationType, type Role } from "./rules.js";

export { loadRelationRules, compileRelationRules, DEFAULT_RELATION_RULES_PATH, type RelationRules } from "./rules.js";
export { findAmounts, normaliseAmount } from "./amounts.js";
export { explainRelations } from "./explain.js";

/** Rules compiled with what the extractor derives from them once. */
export interface RelationExtractor {
  rules: RelationRules;
  projects: ProjectMatcher;
  projectHead: RegExp;
  /** A head word of a project name (Programme, initiative, ...) anywhere in a short string. */
  headNear: RegExp;
  /** The same, global: every head word of a whole document in one scan (see headWordSpans). */
  headNearAll: RegExp;
  /** A name ending in a capitalised head word ("... Initiative"): the full name of a project (see naming.ts). */
  nameEndingInHead: RegExp;
  /** Lower-cased country names (a bare one is a place, not a party). */
  countries: { has(name: string): boolean };
}

export function relationExtractor(rules: RelationRules = loadRelationRules(), countries: { has(name: string): boolean } = new Set()): RelationExtractor {
  const headWord = `\\b(?:${[...rules.projectHeads, ...rules.lowerHeads].join("|")})s?\\b`;
  return {
    rules,
    projects: projectMatcher(rules),
    headNear: new RegExp(headWord),
    headNearAll: new RegExp(headWord, "g"),
    nameEndingInHead: new RegExp(`\\s+(?:${rules.projectHeads.join("|")})$`),
    projectHead: new RegExp(`(?:^|\\s)(?:${rules.projectHeads.join("|")})(?:\\s+(?:[IVX]{1,4}|\\d{1,2}))?(?:\\s*\\([^()]*\\))?$`, "iu"),
    countries,
  };
}

// Words between two parties of one list: "A, B and the C", "A (Honduras' largest exporter), B".
// ("and the non-profit C": up to two lower-case words after the article).
const LIST_GAP = /^\s*\)?\s*(?:\([^()]{0,80}\)\s*)?[,;]?\s*(?:(?:and|or|as well as|&|plus)\s+)?(?:the\s+(?:\p{Ll}[\p{L}-]*\s+){0,2})?$/u;
// "KNOMAD of the World Bank", "the IMBR Initiative at Georgetown Law School": the first names the party.
const OF_GAP = /^\s*\)?\s*(?:of|at|within|in)\s+(?:the\s+)?$/iu;
// The document speaking of itself or of the project it reports on: in an evaluation "the
// project partnered with X" is its implementer's partnership, in a funder's review "our
// grant to X" is the funder's.
const SELF = /\b(?:(?:the|this)\s+(?:project|programme|program)|we|our)\b/gi;
// A sentence that opens by pointing back ("This support ...", "They ...", "Such organisations ..."): its
// unnamed party is the previous sentence's subject, an actor named within its first SUBJECT_REACH characters.
const BACK_REFERENCE = /^\s*(?:this|these|it|they|such)\b/i;
const SUBJECT_REACH = 60;
const UNNAMED_REACH = 12;
// Words between an organisation and "partners" that make them its partners ("IOM staff and partners",
// "UNHCR's main partners", "the Ministry and its partners"); not "GIZ or other partners", where GIZ is one of them.
const OWNER_GAP = /^\s*(?:['’]s?\s*)?(?:(?:and|its|their|own|staff|main|key|local|national|international|implementing|technical|financial|development|referral)\s+){0,4}$/i;
const PROGRAMME_OWNER_GAP = /^\s*(?:['’]s?\s*)?(?:(?!and\b|or\b)\p{Ll}[\p{Ll}-]*\s+){0,3}$/u;
// A clause boundary a party may not be reached across.
const BOUNDARY = /[;:?!]|\b(?:whereas|while|although|but)\b/iu;

/**
 * What the sentences of one document share: its actors' names and lookups, the patterns built for it,
 * the scratch arrays of the rule tests, and the relations found so far.
 * (The work is split between extractRelations, readSentences, sentenceRulesHit and sentenceRelations:
 * V8 compiles each on its own, and as one long function it cost a second of compilation in every run.)
 */
interface DocumentScope {
  doc: Doc;
  ex: RelationExtractor;
  actors: ActorCandidate[];
  /** The mentions in text order. */
  ordered: Mention[];
  candidateIndex: Map<string, number>;
  names: string[];
  acronyms: Map<string, string>;
  acronymPattern: RegExp | undefined;
  own: OwnProject | undefined;
  isPlace: (surface: string) => boolean;
  /** The document's own actor, or -1. */
  self: number;
  /** The actors by acronym, built once when needed. */
  links: ActorLinks | undefined;
  /** The document's dollar, settled once when needed. */
  dollar: string | undefined;
  /** Block index -> the actor the block is about (see blockTopic), settled once when needed. */
  topics: Map<number, number>;
  /** Which rule words a sentence holds (PRESENT or ABSENT). */
  wordState: Uint8Array;
  /** Which rules' patterns match the sentence. */
  ruleHit: Uint8Array;
  /** Which rules' words the sentence holds. */
  ruleWords: Uint8Array;
  /** Whether the sentence that sentenceRulesHit passed holds a head word, when it was tested (else undefined). */
  headWord: boolean | undefined;
  found: Relation[];
  /** Relation key -> its index in `found`. */
  seen: Map<string, number>;
}

/** Every relation the document states, one line per distinct relation (the first statement, or the first with an amount). */
export function extractRelations(doc: Doc, actors: ActorCandidate[], mentions: Mention[], ex: RelationExtractor): Relation[] {
  const candidateIndex = new Map(actors.map((c, i) => [c.key, i]));
  const ordered = mentions.slice().sort((a, b) => a.start - b.start);
  const names = fullestNames(actors, mentions, candidateIndex);
  // Acronyms of projects ("AVRR"), and a pattern naming them alone in a sentence.
  const acronyms = projectAcronyms(doc.text, ex.projects, ex.headNear);
  const acronymPattern = acronymPatternOf(acronyms);
  preferDefinedProjectNames(names, actors, acronyms, ex.nameEndingInHead);
  const places = new Map<string, boolean>(); // surface -> is a place, as the same names recur
  const isPlace = (surface: string) => {
    let place = places.get(surface);
    if (place === undefined) places.set(surface, (place = ex.countries.has(withoutThe(surface).toLowerCase())));
    return place;
  };
  const scope: DocumentScope = {
    doc, ex, actors, ordered, candidateIndex, names, acronyms, acronymPattern,
    own: ownProject(doc.text, ex.projects), // "the project", where the document says which one it means
    isPlace, self: documentActor(actors, mentions, candidateIndex, isPlace),
    links: undefined, dollar: undefined, topics: new Map(),
    wordState: new Uint8Array(ex.rules.words.length), ruleHit: new Uint8Array(ex.rules.rules.length), ruleWords: new Uint8Array(ex.rules.rules.length),
    headWord: undefined, found: [], seen: new Map(),
  };
  readSentences(scope);
  return scope.found;
}

/**
 * Each sentence of the document's text blocks, in order, through the cheap tests of sentenceRulesHit, and
 * those that pass them through sentenceRelations. (A function of its own: this loop is what V8 compiles.)
 */
function readSentences(scope: DocumentScope): void {
  const { doc, ex, ordered, candidateIndex, isPlace } = scope;
  // Where head words stand in the document, as [start, end] pairs: one scan of the whole text costs less
  // than the head-word test on each sentence that names no actor (which needs one to name a party).
  const heads = headWordSpans(doc.text, ex.headNearAll);
  let hi = 0;
  let mi = 0;
  let previousText = ""; // the sentence before, for rules that read back ("Such organisations include ...")
  let lastSubject = -1; // the actor a sentence opens with, for the next one's "This support ...", "It ..."
  for (const block of doc.blocks) {
    if (block.kind === "heading") continue;
    for (const s of block.sentences) {
      while (mi < ordered.length && ordered[mi].start < s.start) mi++;
      const text = doc.text.slice(s.start, s.end);
      const previous = previousText, previousSubject = lastSubject;
      previousText = text;
      lastSubject = subjectOf(ordered, mi, s.start, s.end, candidateIndex, isPlace);
      while (hi < heads.length && heads[hi] < s.start) hi += 2;
      // Whether the sentence holds a head word, as the head-word test on it would say: read from the
      // document's head words when the sentence's ends fall between words, as they do but in broken text.
      const headWord = endsBetweenWords(doc.text, s.start, s.end) ? hi < heads.length && heads[hi + 1] <= s.end : undefined;
      if (sentenceRulesHit(scope, text, previous, mi, s.end, headWord)) sentenceRelations(scope, block, s, text, previous, previousSubject, mi);
    }
  }
}

/** The pattern naming a defined project acronym alone in a sentence, or undefined when the document defines none. */
function acronymPatternOf(acronyms: Map<string, string>): RegExp | undefined {
  if (!acronyms.size) return undefined;
  // (No look-ahead for the capital they open with: it hides the literal words from the engine's fast search, 10% slower.)
  const alternatives = [...acronyms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternatives})(?![\\p{L}\\p{N}-])`, "gu");
}

/**
 * Whether some rule's trigger holds in the sentence (marking them in scope.ruleHit, its words in
 * scope.wordState, and whether it holds a head word in scope.headWord), by the cheap tests first.
 * `from` indexes the sentence's first mention; `headWord` is whether the sentence holds a head word
 * when that is known already.
 */
function sentenceRulesHit(scope: DocumentScope, text: string, previous: string, from: number, end: number, headWord: boolean | undefined): boolean {
  const { ex, ordered } = scope;
  let digit: boolean | undefined, projectNamed: boolean | undefined;
  // A sentence that names no actor names a party only by a project's name (with a head word, or a
  // defined acronym): without one it is passed over before the trigger test, the word scan and the
  // rules' patterns, as it would be after them (see sentenceRelations). Most sentences name no actor.
  const namesActor = from < ordered.length && ordered[from].start < end;
  if (namesActor) {
    if (!ex.rules.anyTrigger.test(text)) return false;
  } else if ((headWord ??= ex.headNear.test(text))) {
    if (!ex.rules.anyTrigger.test(text)) return false;
  } else if (!scope.acronymPattern || !ex.rules.anyTrigger.test(text) || !mayNameProjectByAcronym(text, scope.acronymPattern)) return false;
  // Which rules' words the sentence holds, in one scan: a sentence holding none is passed over before
  // any work on its parties (most sentences that pass the trigger test hold none).
  const lower = text.toLowerCase();
  if (!scanWords(lower, ex.rules, scope.wordState, scope.ruleWords)) return false;
  // Which rules' triggers the sentence holds: one that holds none states no relation, and is passed over
  // before the costly work of finding its parties (most are).
  // (A rule that needs money needs a digit; one that needs a project, a project's name: see mayNameProject.)
  let anyRule = false;
  for (let r = 0; r < ex.rules.rules.length; r++) {
    const rule = ex.rules.rules[r];
    let hit = scope.ruleWords[r] === 1 && (!rule.previous || rule.previous.test(previous));
    if (hit && rule.needsAmount) hit = digit ??= /\d/.test(text);
    if (hit && rule.needsProject) hit = projectNamed ??= (headWord ??= ex.headNear.test(text)) || mayNameProject(text, ordered, from, end, scope.candidateIndex, scope.names, ex.projectHead, scope.acronymPattern);
    if (hit) { rule.pattern.lastIndex = 0; hit = rule.pattern.test(text); }
    scope.ruleHit[r] = hit ? 1 : 0;
    anyRule ||= hit;
  }
  scope.headWord = headWord;
  return anyRule;
}

/** The relations a sentence states by the rules sentenceRulesHit marked, added to scope.found. `from` indexes its first mention. */
function sentenceRelations(scope: DocumentScope, block: Block, s: Sentence, text: string, previous: string, previousSubject: number, from: number): void {
  const { doc, ex, ordered, candidateIndex, names, acronyms, acronymPattern, isPlace, self } = scope;
  const inside: Mention[] = [];
  for (let k = from; k < ordered.length && ordered[k].start < s.end; k++) inside.push(ordered[k]);
  // Every project name has a head word (Programme, initiative, ...) or a defined acronym.
  const named = (scope.headWord ?? ex.headNear.test(text)) ? findProjects(text, s.start, ex.projects, inside.map((m) => [m.start, m.end])) : [];
  const projects = resolveProjectAcronyms(named, acronyms, text, s.start, acronymPattern);
  // One named party may be enough: the other can be "the project" or a name the actors stage missed.
  if (inside.length + projects.length < 1) return;
  const parties = sentenceParties(inside, candidateIndex, names, projects, isPlace, ex.projectHead, doc.text);
  if (self >= 0) addSelfParties(parties, text, s.start, self, names[self]);
  if (STAND_IN_WORDS.test(text)) addStandIns(parties, text, s.start, () => blockTopicOf(scope, block), names);
  if (parties.length < 1) return;
  // The document's own actor, for rules whose party may go unnamed ("partners such as X", "organised in partnership with X").
  const context: SentenceContext = {
    self: self >= 0 ? { start: s.start, end: s.start, name: names[self], actor: self, project: false, place: false, self: "project" } : undefined,
    previous,
    previousSubject: previousSubject >= 0 && BACK_REFERENCE.test(text) ? { start: s.start, end: s.start, name: names[previousSubject], actor: previousSubject, project: false, place: false } : undefined,
    own: scope.own,
  };
  const extra = unlistedNames(text, s.start, parties, isPlace);
  if (extra.length) {
    parties.push(...extra);
    parties.sort((a, b) => a.start - b.start);
    // "BlueRiver (Honduras’ largest bottler)": a place in a parenthesis after a party describes it (as in sentenceParties).
    for (let k = parties.length - 1; k > 0; k--) {
      if (parties[k].place && /\([^()]*$/.test(doc.text.slice(parties[k - 1].end, parties[k].start))) parties.splice(k, 1);
    }
  }
  linkPartiesToActors(parties, (scope.links ??= actorLinks(scope.actors, acronyms)), names);
  // (A programme the previous sentence opens with is no pronoun's organisation: "It has obtained funding to launch X".)
  if (PRONOUN_WORDS.test(text)) addPronouns(parties, text, s.start, previousSubject >= 0 && !ex.projectHead.test(names[previousSubject]) ? { name: names[previousSubject], actor: previousSubject } : undefined);
  // One named party is enough only for a rule that may leave the other unnamed ("partners such as X").
  const onlyUnnamed = parties.length < 2;
  if (onlyUnnamed && !((context.self || context.previousSubject) && holdsAny(ex.rules.unnamedWords, scope.wordState))) return;
  const amounts = onlyUnnamed ? [] : findAmounts(text).map((a) => ({ ...a, start: a.start + s.start, end: a.end + s.start }));
  for (let r = 0; r < ex.rules.rules.length; r++) {
    const rule = ex.rules.rules[r];
    if (!scope.ruleHit[r] || (onlyUnnamed && !leavesUnnamed(rule))) continue;
    rule.pattern.lastIndex = 0;
    for (let t = rule.pattern.exec(text); t; t = rule.pattern.exec(text)) {
      if (t[0].length === 0) { rule.pattern.lastIndex++; continue; }
      const at = t.indices?.groups?.t ?? [t.index, t.index + t[0].length];
      const trigger = { start: s.start + at[0], end: s.start + at[1] };
      if (ex.rules.negation.test(doc.text.slice(Math.max(s.start, trigger.start - 40), trigger.start))) continue;
      for (const r of relationsAt(rule, trigger, parties, amounts, doc.text, s.start, context)) record(scope, rule, block, s, text, r);
    }
  }
}

/** Adds what a rule found to scope.found, unless the same relation between the same parties is there already (then the first with an amount). */
function record(scope: DocumentScope, rule: RelationRule, block: Block, s: Sentence, text: string, r: Found): void {
  const amount = r.amount;
  if (amount?.bareDollar && !amount.currency) scope.dollar ??= documentDollar(scope.doc.text);
  const { from, to } = r;
  const relation: Relation = {
    block: block.index, relation: r.relation ?? rule.relation,
    from: from.name, fromActor: from.actor, to: to.name, toActor: to.actor,
    amount: amount?.digits ?? "", currency: amount ? amount.currency || (amount.bareDollar ? scope.dollar ?? "USD" : "") : "",
    page: s.page, start: s.start, end: s.end, text, rule: rule.id,
  };
  const key = relationKey(relation, from, to);
  const before = scope.seen.get(key);
  if (before === undefined) { scope.seen.set(key, scope.found.length); scope.found.push(relation); }
  else if (!scope.found[before].amount && relation.amount) scope.found[before] = relation;
}

/** The actor a block is about (blockTopic), found once per block. */
function blockTopicOf(scope: DocumentScope, block: Block): number {
  let topic = scope.topics.get(block.index);
  if (topic === undefined) scope.topics.set(block.index, (topic = blockTopic(scope.ordered, block, scope.candidateIndex, scope.isPlace)));
  return topic;
}

/**
 * Each actor's name as this document writes it most fully: the mention with the
 * most words ("Porticus Foundation", not the gazetteer's "Porticus"; "UNHCR"
 * where the document never spells it out), else the candidate's name.
 */
function fullestNames(actors: ActorCandidate[], mentions: Mention[], candidateIndex: Map<string, number>): string[] {
  const names = actors.map(() => "");
  const wordCounts = actors.map(() => 0); // of names[i], counted once as a name is taken
  // (Most names are one word: counted without splitting.)
  const words = (s: string) => (/\s/.test(s) ? s.split(/\s+/).filter((w) => !/^the$/i.test(w)).length : /^the$/i.test(s) ? 0 : 1);
  for (const m of mentions) {
    const i = candidateIndex.get(m.actor);
    if (i === undefined) continue;
    const surface = withoutThe(m.surface);
    if (!names[i]) { names[i] = surface; wordCounts[i] = words(surface); continue; }
    const n = words(surface);
    if (n > wordCounts[i]) { names[i] = surface; wordCounts[i] = n; }
  }
  return names.map((n, i) => n || actors[i].name || actors[i].acronym);
}

/** `name` without a leading "the " (the pattern is tried only on a name that begins with a t). */
function withoutThe(name: string): string {
  return (name.charCodeAt(0) | 32) === 116 ? name.replace(/^the\s+/i, "") : name;
}

/**
 * The document's own actor: the one it names most (the implementer an evaluation
 * reports on, the funder reviewing its grants), places aside; -1 when it names none twice.
 */
function documentActor(actors: ActorCandidate[], mentions: Mention[], candidateIndex: Map<string, number>, isPlace: (s: string) => boolean): number {
  const counts = actors.map(() => 0);
  for (const m of mentions) {
    const i = candidateIndex.get(m.actor);
    if (i !== undefined && !isPlace(m.surface)) counts[i]++;
  }
  let best = -1;
  counts.forEach((n, i) => { if (n >= 2 && (best < 0 || n > counts[best])) best = i; });
  return best;
}

/** "the project", "we", "our" as parties standing for the document's own actor, where no named party covers them. */
function addSelfParties(parties: Party[], text: string, offset: number, actor: number, name: string): void {
  SELF.lastIndex = 0;
  let added = false;
  for (let m = SELF.exec(text); m; m = SELF.exec(text)) {
    const start = offset + m.index, end = start + m[0].length;
    if (parties.some((p) => p.start < end && p.end > start)) continue;
    parties.push({ start, end, name, actor, project: false, place: false, self: /^(?:we|our)$/i.test(m[0]) ? "author" : "project" });
    added = true;
  }
  if (added) parties.sort((a, b) => a.start - b.start);
}

/**
 * The actor a sentence opens with (its subject, named in its first words), as a candidate index, or -1.
 * `from` indexes the first mention at or after the sentence's start.
 */
function subjectOf(ordered: Mention[], from: number, start: number, end: number, candidateIndex: Map<string, number>, isPlace: (s: string) => boolean): number {
  const m = ordered[from];
  if (!m || m.start >= end || m.start - start > SUBJECT_REACH || isPlace(m.surface)) return -1;
  return candidateIndex.get(m.actor) ?? -1;
}

// "it", "they", "them" standing for an organisation named before. A quick test first.
const PRONOUN_WORDS = /\b(?:it|they|them)\b/i;
const PRONOUN = /\b(?:it|they|them)\b/gi;
// "it is important to", "it was decided that", "they are expected to": a pronoun standing for no one, or
// not for an organisation acting.
const EMPTY_PRONOUN = /^\s*(?:is|was|will\s+be|would\s+be|has\s+been|had\s+been|seems|seemed|appears|appeared|remains|remained|becomes|became|takes|took|may\s+be|might\s+be|could\s+be|should\s+be|can\s+be)\s+(?:\w+\s+){0,2}?(?:to|that|for|whether|how|if)\b/i;

/**
 * "While MPI is criticised ..., funding from OSF has allowed it to ...", "With 2,000 employees, it has long been a
 * partner of X": a pronoun is the last organisation its sentence names before the pronoun's clause, else (when the
 * sentence names none before it) the organisation the previous sentence opens with.
 */
function addPronouns(parties: Party[], text: string, offset: number, previousSubject: { name: string; actor: number } | undefined): void {
  PRONOUN.lastIndex = 0;
  let added = false;
  for (let m = PRONOUN.exec(text); m; m = PRONOUN.exec(text)) {
    const start = offset + m.index, end = start + m[0].length;
    if (EMPTY_PRONOUN.test(text.slice(m.index + m[0].length, m.index + m[0].length + 60))) continue;
    if (parties.some((p) => p.start < end && p.end > start)) continue;
    // Not one named in the pronoun's own clause ("funding from OSF has allowed it": not OSF).
    // Without a comma before it, the sentence's first organisation ("X announced it will ...").
    const comma = Math.max(text.lastIndexOf(",", m.index), text.lastIndexOf(";", m.index));
    const organisation = (p: Party) => p.actor >= 0 && !p.place && !p.project && !p.self && !p.pronoun;
    let antecedent: Party | undefined;
    if (comma < 0) antecedent = parties.find((p) => p.end <= start && organisation(p));
    else for (const p of parties) {
      if (p.end > offset + comma) break;
      if (organisation(p)) antecedent = p;
    }
    const before = antecedent ?? (parties.some((p) => p.end <= start && !p.pronoun) ? undefined : previousSubject);
    if (!before) continue;
    parties.push({ start, end, name: before.name, actor: before.actor, project: false, place: false, pronoun: true });
    added = true;
  }
  if (added) parties.sort((a, b) => a.start - b.start);
}

// "a single entity", "the organisation", "this grantee": a recipient named in the sentences around.
// A quick test before the pattern: most sentences hold none of these words.
const STAND_IN_WORDS = /entit|organi[sz]ation|grantee|institution/i;
const STAND_IN = /\b(?:a|one|the|this|that)\s+(?:single\s+)?(?:entity|organi[sz]ation|grantee|institution)\b/gi;

/**
 * "Our commitment of $2.2 million to a single entity": a phrase standing for an organisation is that
 * organisation when the paragraph is plainly about one (the actor it names most, at least twice).
 */
function addStandIns(parties: Party[], text: string, offset: number, topicOf: () => number, names: string[]): void {
  STAND_IN.lastIndex = 0;
  let added = false;
  for (let m = STAND_IN.exec(text); m; m = STAND_IN.exec(text)) {
    const start = offset + m.index, end = start + m[0].length;
    if (parties.some((p) => p.start < end && p.end > start)) continue;
    const topic = topicOf();
    if (topic < 0) return;
    parties.push({ start, end, name: names[topic], actor: topic, project: false, place: false });
    added = true;
  }
  if (added) parties.sort((a, b) => a.start - b.start);
}

/**
 * Whether a sentence without a project's head word may still name a project: by a project's acronym the
 * document defines, or by an actor whose name is a project's (see sentenceParties). Mentions from `from` on.
 */
function mayNameProject(text: string, ordered: Mention[], from: number, end: number, candidateIndex: Map<string, number>, names: string[], projectHead: RegExp, acronymPattern: RegExp | undefined): boolean {
  if (mayNameProjectByAcronym(text, acronymPattern)) return true;
  for (let k = from; k < ordered.length && ordered[k].start < end; k++) {
    const i = candidateIndex.get(ordered[k].actor);
    if (i !== undefined && projectHead.test(names[i] || ordered[k].surface)) return true;
  }
  return false;
}

/** Start and end of each match of the global head-word pattern in `text`, in order, flat. */
function headWordSpans(text: string, headNearAll: RegExp): number[] {
  const spans: number[] = [];
  headNearAll.lastIndex = 0;
  for (let m = headNearAll.exec(text); m; m = headNearAll.exec(text)) {
    spans.push(m.index, m.index + m[0].length);
    if (m[0].length === 0) headNearAll.lastIndex++;
  }
  return spans;
}

/** A character of `\w` (the head-word pattern's `\b` stands between one and another character). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Whether text[start, end) begins and ends between words, so that a word boundary at its ends is one in
 * the whole text too: then the head-word pattern matches in the slice where a match of it in the whole
 * text lies within the slice. (A sentence cut inside a word is tested alone.)
 */
function endsBetweenWords(text: string, start: number, end: number): boolean {
  return (start === 0 || !isWordChar(text.charCodeAt(start - 1)) || !isWordChar(text.charCodeAt(start)))
    && (end >= text.length || !isWordChar(text.charCodeAt(end)) || !isWordChar(text.charCodeAt(end - 1)));
}

/** Whether the sentence holds an acronym of a project the document defines. */
function mayNameProjectByAcronym(text: string, acronymPattern: RegExp | undefined): boolean {
  if (!acronymPattern) return false;
  acronymPattern.lastIndex = 0;
  return acronymPattern.test(text);
}

/** The actor a block names most, at least twice and more than any other, places aside; -1 when none. */
function blockTopic(ordered: Mention[], block: { start: number; end: number }, candidateIndex: Map<string, number>, isPlace: (s: string) => boolean): number {
  const counts = new Map<number, number>();
  let lo = 0, hi = ordered.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ordered[mid].start < block.start) lo = mid + 1; else hi = mid; }
  for (let k = lo; k < ordered.length && ordered[k].start < block.end; k++) {
    const i = candidateIndex.get(ordered[k].actor);
    if (i !== undefined && !isPlace(ordered[k].surface)) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  let best = -1, bestCount = 1, tie = false;
  for (const [i, n] of counts) {
    if (n > bestCount) { best = i; bestCount = n; tie = false; }
    else if (n === bestCount) tie = true;
  }
  return tie ? -1 : best;
}

const PRESENT = 1, ABSENT = 2;

/**
 * Marks in `state` each rule word `lower` holds (PRESENT) or not (ABSENT), and in `ruleWords` (1) each
 * rule that lists one of them; whether it holds any.
 */
function scanWords(lower: string, rules: RelationRules, state: Uint8Array, ruleWords: Uint8Array): boolean {
  state.fill(ABSENT);
  ruleWords.fill(0);
  let any = false;
  const scan = rules.wordScan;
  // Every position a word begins at: the scan finds the longest word there, and its prefixes among the
  // words begin there too; then it goes on from the next character, as words may overlap.
  for (let at = 0; at < lower.length;) {
    scan.lastIndex = at;
    const m = scan.exec(lower);
    if (!m) break;
    for (const id of rules.prefixesOf.get(m[0])!) {
      if (state[id] === PRESENT) continue;
      state[id] = PRESENT;
      for (const r of rules.rulesOfWord[id]) ruleWords[r] = 1;
    }
    any = true;
    at = m.index + 1;
  }
  return any;
}

/** Whether the sentence holds one of the words `ids` (as scanWords marked them in `state`). */
function holdsAny(ids: number[], state: Uint8Array): boolean {
  for (let k = 0; k < ids.length; k++) if (state[ids[k]] === PRESENT) return true;
  return false;
}

/** Same relation, same two parties (partners in either order). */
function relationKey(r: Relation, from: Party, to: Party): string {
  const id = (p: Party) => (p.actor >= 0 ? `a${p.actor}` : `p:${p.name.toLowerCase()}`);
  const [a, b] = r.relation === "partners" ? [id(from), id(to)].sort() : [id(from), id(to)];
  return `${r.relation}\u0000${a}\u0000${b}`;
}

const COUNTRY_WORDS = /\b(?:(United States|U\.S\.|USAID|American)|(Canada|Canadian|Canadians)|(Australia|Australian))\b/g;

/** "$" means US dollars unless the document is plainly Canadian (or Australian) and not about the United States. */
function documentDollar(text: string): string {
  // One scan for the three countries' words (no word of one overlaps a word of another).
  let us = 0, ca = 0, au = 0;
  COUNTRY_WORDS.lastIndex = 0;
  for (let m = COUNTRY_WORDS.exec(text); m; m = COUNTRY_WORDS.exec(text)) {
    if (m[1] !== undefined) us++;
    else if (m[2] !== undefined) ca++;
    else au++;
  }
  if (ca >= 3 && ca > 2 * us && ca > au) return "CAD";
  if (au >= 3 && au > 2 * us && au > ca) return "AUD";
  return "USD";
}

interface Found { from: Party; to: Party; amount?: Amount; /** when not the rule's own relation */ relation?: RelationType }

/** What a rule may read beyond its own sentence. */
interface SentenceContext {
  /** The document's own actor as a party that the sentence leaves unnamed, if the document has one. */
  self?: Party;
  /** The text of the sentence before. */
  previous: string;
  /** When the sentence opens by pointing back ("This support ..."), the previous sentence's subject. */
  previousSubject?: Party;
  /** The project the document calls "the project" (or "the Program"), if it says so. */
  own?: OwnProject;
}

/** Indexes standing for the document's own actor (context.self) and the previous sentence's subject in a list of party indexes. */
const SELF_PARTY = -1;
const PREVIOUS_SUBJECT = -2;

/** The party a sentence leaves unnamed: the previous sentence's subject when it points back, else the document's own actor. */
function unnamed(context: SentenceContext): number[] {
  if (context.previousSubject) return [PREVIOUS_SUBJECT];
  return context.self ? [SELF_PARTY] : [];
}

/** Characters between two offsets, not counting amounts of money written there. */
function gapLength(a: number, b: number, amounts: Amount[]): number {
  let n = b - a;
  for (const m of amounts) if (m.start >= a && m.end <= b) n -= m.end - m.start;
  return n;
}

/** The parties a role names around a trigger, as indexes into `parties` (SELF_PARTY for the document's own actor). */
function partiesFor(role: Role, rule: RelationRule, trigger: { start: number; end: number }, parties: Party[], amounts: Amount[], text: string, sentenceStart: number, context: SentenceContext): number[] {
  const reachable = (a: number, b: number, gap: number) => gapLength(a, b, amounts) <= gap && !BOUNDARY.test(text.slice(a, b));
  switch (role) {
    case "after": {
      let i = parties.findIndex((p) => p.start >= trigger.end);
      if (i < 0 || !reachable(trigger.end, parties[i].start, rule.gapAfter)) return [];
      const list = [i];
      for (;;) {
        // "A, KNOMAD of the World Bank, B": the party after "of" qualifies the one before and is no item.
        if (i + 2 < parties.length && OF_GAP.test(text.slice(parties[i].end, parties[i + 1].start)) && LIST_GAP.test(text.slice(parties[i + 1].end, parties[i + 2].start))) i++;
        if (i + 1 < parties.length && LIST_GAP.test(text.slice(parties[i].end, parties[i + 1].start))) list.push(++i);
        else break;
      }
      return list;
    }
    case "before":
    case "before_or_self": {
      let i = lastBefore(parties, trigger.start);
      // "X launched the Y initiative in collaboration with Z": partners are organisations, so a named project between is passed over.
      // "a Digital Country Partnership with Y": a named partnership written against the trigger is the partnership itself.
      if (rule.relation === "partners") while (i >= 0 && (!isOrganisation(parties[i]) || (parties[i].project && parties[i].end === trigger.start))) i--;
      if (i < 0 || !reachable(parties[i].end, trigger.start, rule.gapBefore)) {
        // "A concert was organised in partnership with X": no organisation before, so the one the previous
        // sentence is about ("This support will be provided in partnership with X"), else the document's own actor.
        if (role === "before_or_self" && !parties.some((p) => p.end <= trigger.start && isOrganisation(p))) return unnamed(context);
        return [];
      }
      if (i > 0 && OF_GAP.test(text.slice(parties[i - 1].end, parties[i].start))) i--;
      const list = [i];
      for (;;) {
        if (i > 0 && LIST_GAP.test(text.slice(parties[i - 1].end, parties[i].start))) list.unshift(--i);
        // "A, KNOMAD of the World Bank, IOM and B": the item is the party before "of".
        else if (i > 0 && OF_GAP.test(text.slice(parties[i - 1].end, parties[i].start)) && list[0] === i && i - 1 > 0 && LIST_GAP.test(text.slice(parties[i - 2].end, parties[i - 1].start))) list[0] = --i;
        else break;
      }
      return list;
    }
    case "owner": {
      // "IOM staff and partners such as X", "UNHCR's partners such as X": the organisation just before.
      const i = lastBefore(parties, trigger.start);
      if (i >= 0 && isOrganisation(parties[i]) && !parties[i].place && OWNER_GAP.test(text.slice(parties[i].end, trigger.start))) return [i];
      // "Such organisations include X", "The main partners are X": the previous sentence's subject or the document's
      // own actor, unless the sentence names another organisation first ("relevant U.S. interagency partners").
      const before = parties.filter((p) => p.end <= trigger.start && isOrganisation(p) && !p.place);
      if (context.previousSubject && !before.length) return [PREVIOUS_SUBJECT];
      if (context.self && before.every((p) => p.actor === context.self!.actor)) return [SELF_PARTY];
      return [];
    }
    case "programme_owner": {
      // "other IOM programmes such as", "UNHCR's flagship programmes including": the organisation just before, and
      // only a few lower-case words between ("UNHCR and other programmes" names none).
      const i = lastBefore(parties, trigger.start);
      return i >= 0 && isOrganisation(parties[i]) && !parties[i].place && PROGRAMME_OWNER_GAP.test(text.slice(parties[i].end, trigger.start)) ? [i] : [];
    }
    case "adjacent":
    case "adjacent_project": {
      const i = lastBefore(parties, trigger.start);
      return i >= 0 && trigger.start - parties[i].end <= 1 && (role === "adjacent" || parties[i].project) ? [i] : [];
    }
    case "subject": {
      const first = parties.findIndex((p) => p.start >= sentenceStart);
      return first >= 0 && parties[first].end <= trigger.start ? [first] : [];
    }
    case "project_before":
    case "project_before_or_before":
    case "project_before_or_subject": {
      for (let i = lastBefore(parties, trigger.start); i >= 0; i--) {
        if (parties[i].project && !BOUNDARY.test(text.slice(parties[i].end, trigger.start))) return [i];
      }
      if (role === "project_before") return [];
      if (role === "project_before_or_subject") {
        const first = parties.findIndex((p) => p.start >= sentenceStart);
        return first >= 0 && parties[first].end <= trigger.start ? [first] : [];
      }
      const i = lastBefore(parties, trigger.start);
      return i >= 0 && reachable(parties[i].end, trigger.start, rule.gapBefore) ? [i] : [];
    }
    case "project_after": {
      for (let i = parties.findIndex((p) => p.start >= trigger.end); i >= 0 && i < parties.length; i++) {
        if (!reachable(trigger.end, parties[i].start, rule.gapAfter)) return [];
        if (parties[i].project) return [i];
      }
      return [];
    }
  }
}

function lastBefore(parties: Party[], at: number): number {
  let i = -1;
  for (let k = 0; k < parties.length && parties[k].end <= at; k++) i = k;
  return i;
}

/** What one trigger of one rule states. */
function relationsAt(rule: RelationRule, trigger: { start: number; end: number }, parties: Party[], amounts: Amount[], text: string, sentenceStart: number, context: SentenceContext): Found[] {
  const party = (i: number): Party => (i === SELF_PARTY ? context.self! : i === PREVIOUS_SUBJECT ? context.previousSubject! : parties[i]);
  let from = partiesFor(rule.from, rule, trigger, parties, amounts, text, sentenceStart, context);
  // "In collaboration with the MHA, IOM implements ...": the fronted phrase's partner is the subject after it.
  if ((!from.length || from[0] < 0) && rule.relation === "partners" && (rule.from === "before" || rule.from === "before_or_self") && rule.to === "after" && trigger.start - sentenceStart <= 3) {
    const listed = partiesFor("after", rule, trigger, parties, amounts, text, sentenceStart, context);
    const next = listed.length ? listed[listed.length - 1] + 1 : -1;
    if (next > 0 && next < parties.length && /^\s*\)?\s*,\s*(?:the\s+)?$/i.test(text.slice(parties[next - 1].end, parties[next].start))) from = [next];
    // "In collaboration with the MHA, IOM implements ...": the subject was read into the list as its last item
    // (it then partners the others; pairing it with itself is skipped below).
    else if (listed.length > 1 && /^\s*\)?\s*,\s*(?:the\s+)?$/i.test(text.slice(parties[listed[listed.length - 2]].end, parties[listed[listed.length - 1]].start))
      && !/^\s*\)?\s*,?\s*(?:and|or|as well as|among)\b/i.test(text.slice(parties[listed[listed.length - 1]].end, parties[listed[listed.length - 1]].end + 20))) from = [listed[listed.length - 1]];
    else from = [];
  }
  if (!from.length) return [];
  const out: Found[] = [];
  // A name the actors stage did not list counts only when the statement also names a listed actor.
  const listedActor = (ids: number[]) => ids.some((i) => party(i).actor >= 0);
  // "run by USAID, Western Union and Deloitte": those listed together also partner each other.
  if (rule.listPartners && from.length > 1) {
    for (let a = 0; a < from.length; a++) for (let b = a + 1; b < from.length; b++) {
      const [x, y] = [party(from[a]), party(from[b])];
      if (x.actor >= 0 && y.actor >= 0 && !x.place && !y.place && !samePartyAs(x, y)) out.push({ from: x, to: y, relation: "partners" });
    }
  }
  if (rule.relation === "partners") {
    const to = rule.pairs === "among" ? [] : partiesFor(rule.to, rule, trigger, parties, amounts, text, sentenceStart, context);
    const pairs: Array<[number, number]> = [];
    if (rule.pairs === "among" || rule.from === rule.to) {
      for (let a = 0; a < from.length; a++) for (let b = a + 1; b < from.length; b++) pairs.push([from[a], from[b]]);
    } else {
      if (!to.length) return [];
      if (rule.pairs === "cross") for (let a = 0; a < from.length; a++) for (let b = a + 1; b < from.length; b++) pairs.push([from[a], from[b]]);
      for (const f of from) for (const t of to) pairs.push([f, t]);
    }
    if (pairs.some(([f, t]) => party(f).unlisted || party(t).unlisted) && !listedActor(rule.pairs === "among" || rule.from === rule.to ? from : [...from, ...to])) return out;
    for (const [f, t] of pairs) {
      const [x, y] = [party(f), party(t)];
      // An unnamed party stands in only when its partner is named right after the trigger ("in partnership with the X"),
      // not some way on ("in conjunction with Recommendation 2 (develop an X strategy)").
      if (f < 0 && party(to[0]).start - trigger.end > UNNAMED_REACH) continue;
      // Partners are two organisations (projects and programmes are worked on, not with).
      if (!isOrganisation(x) || !isOrganisation(y) || x.place || y.place || samePartyAs(x, y)) continue;
      out.push({ from: x, to: y });
    }
    return out;
  }
  const to = partiesFor(rule.to, rule, trigger, parties, amounts, text, sentenceStart, context);
  for (const f of from) for (const t of to) {
    const funder = party(f), recipient = ownRecipient(party(t), context.own, text);
    if ((funder.unlisted || recipient.unlisted) && !(funder.actor >= 0 || recipient.actor >= 0 || (recipient.project && !funder.unlisted))) continue;
    // The document's own actor stands in only as a partner, or as the funder that says "our grant".
    if (recipient.self || (funder.self && (rule.relation !== "funds" || funder.self !== "author"))) continue;
    if (samePartyAs(funder, recipient) || recipient.place) continue;
    if (rule.relation === "implements" && !recipient.project && !rule.itemsAreProjects) continue;
    // A project funds or implements nothing; a fund gives money ("funded by the IOM Development Fund").
    if (funder.project && funder.actor < 0 && !(rule.relation === "funds" && MONEY_FUND.test(funder.name))) continue;
    let amount: Amount | undefined;
    if (rule.relation === "funds") amount = amountFor(trigger, funder, recipient, amounts);
    if (rule.needsAmount && (!amount || !recipientOfMoney(recipient, trigger, amounts, text))) continue;
    // "USAID's $56 million X Initiative" funds X: an amount between the trigger and the party it names undoes the rule.
    if (rule.refusesAmount && amounts.some((m) => m.start >= Math.min(trigger.end, recipient.end) && m.end <= Math.max(trigger.start, recipient.start))) continue;
    out.push({ from: funder, to: recipient, amount });
  }
  return out;
}

// A named fund or facility, which holds money to give (not a project or programme).
const MONEY_FUND = /\s(?:Fund|Facility)(?:\s+\([^()]*\))?$/;

/**
 * After a money verb the recipient is introduced ("provide $2 million to X",
 * "invest in X") or is what the amount buys ("a $50 million Center for X");
 * any other party after the verb is not the recipient.
 */
function recipientOfMoney(recipient: Party, trigger: { start: number; end: number }, amounts: Amount[], text: string): boolean {
  if (recipient.start < trigger.end) return true;
  // "allocate $2.7 million ... to expand its Common Grounds Program": the funder's own programme.
  if (/\b(?:to|in|into|for|towards)\s+(?:the\s+)?$|\b(?:its|their)\s+$/i.test(text.slice(trigger.end, recipient.start))) return true;
  return amounts.some((m) => m.end <= recipient.start && recipient.start - m.end <= 2);
}

/** A listed actor, or a capitalised name the actors stage missed (projects and places are not organisations). */
function isOrganisation(p: Party): boolean {
  return p.actor >= 0 || p.unlisted === true;
}

function samePartyAs(a: Party, b: Party): boolean {
  if (a === b || (a.actor >= 0 && a.actor === b.actor) || a.name.toLowerCase() === b.name.toLowerCase()) return true;
  // An unlisted spelling of a listed actor ("International Organisation for Migration" beside "IOM").
  if (!a.unlisted && !b.unlisted) return false;
  const [x, y] = [initials(a.name), initials(b.name)];
  if (x.length > 1 && (x === y || x === b.name || y === a.name)) return true;
  // "the DRA International Organisation" beside "Delta Relief Agency": the unlisted name opens with the other's initials.
  const opens = (p: Party, q: Party) => p.unlisted === true && initials(q.name).length > 1 && p.name.split(/\s+/)[0] === initials(q.name);
  return opens(a, b) || opens(b, a);
}

/** "International Organisation for Migration" -> "IOM". */
function initials(name: string): string {
  return name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join("");
}

/** The amount the relation states: the one nearest the trigger within the stretch that spans both parties and the trigger. */
function amountFor(trigger: { start: number; end: number }, a: Party, b: Party, amounts: Amount[]): Amount | undefined {
  const lo = Math.min(trigger.start, a.start, b.start) - 15, hi = Math.max(trigger.end, a.end, b.end) + 40;
  let best: Amount | undefined, bestDistance = Infinity;
  for (const m of amounts) {
    if (m.start < lo || m.end > hi) continue;
    const d = m.end <= trigger.start ? trigger.start - m.end : m.start >= trigger.end ? m.start - trigger.end : 0;
    if (d < bestDistance) { best = m; bestDistance = d; }
  }
  return best;
}
