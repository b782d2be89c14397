// Who is told to act. In order:
//   1. the object of an urging verb:  "participants called on States to ...", "urged X to"
//   2. "the need for X to ..."
//   3. the active subject of a modal: "States should ...", "X are encouraged to ..."
//      (not a passive patient: "Detention should be avoided" names nobody)
//   4. the list or section cue: "Recommendations for cities", "At the national level"
// Speakers ("participants", "delegates") are never addressees of their own call; "we" is the
// document's author, guessed as its most frequent acronym.
import type { Doc } from "../../types.js";
import type { RecRules } from "./rules.js";
import { firstAccepted, matchesOf, type TriggerHit } from "./classify.js";
import { LEXICON } from "./verb-lexicon.js";
import { WordMemo } from "../../text/own-copy.js";

export interface Addressee {
  addressee: string;
  type: string;
}

const NONE: Addressee = { addressee: "", type: "" };

// Urging verbs with an object, then "to <verb>": the object is the addressee.
const OBJECT_RE =
  /\b(?:call(?:s|ed|ing)?\s+(?:up)?on|a\s+call\s+to|urg(?:e|es|ed|ing)|direct(?:s|ed)?|encourag(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?|expects?)\s+(?<np>[^.;:]{2,90}?)\s+to\s+(?!the\b|a\b|an\b|this\b|their\b)\w+/gi;
// "recommended that IOM strengthen ...": the subject of a subjunctive that-clause.
const THAT_CLAUSE_RE =
  /\b(?:recommend(?:s|ed|ing)?|suggest(?:s|ed|ing)?|propos(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|ask(?:s|ed)?|expects?)\s+that\s+(?<np>(?:(?:all|every|each)\s+)?[^,;:.]{2,60}?)\s+(?!be\b|should\b|must\b|shall\b|will\b|would\b|is\b|are\b)[a-z]+\b/gi;
const NEED_FOR_RE =
  /\b(?:(?:need|necessary|important|essential|crucial|critical|vital|imperative|necessity)\s+for\s+(?<np>[^.;:]{2,80}?)\s+to\s+\w+|(?:opportun|important|nécessaire|essentiel|recommandé|souhaitable)\s+(?:pour|aux?|à)\s+(?<fr>[^.;:]{2,80}?)(?:,[^.;:]{0,80})?\s+(?:de\b|d['’])\s*\w+)/gi;
// "The overall recommendation (to donors) of the evaluator is ...": the addressee in brackets.
const RECOMMENDATION_TO_RE = /\brecommendations?\s+\((?:addressed\s+)?(?:to|for)\s+(?<np>[^()]{2,60})\)/gi;
// The agent of a passive or of a need: "by X", "from X", "among X", "between X".
const AGENT_RE =
  /\b(?:(?:be|been|is|are)\s+(?:\w+ly\s+)?\w+ed(?:\s+and\s+\w+ed)?\s+by|(?:needed|required)\s+(?:\w+\s+){0,4}?(?:from|by|among|between)|(?:coordination|cooperation|information-sharing|collaboration)\s+(?:\w+\s+){0,3}?(?:among|between)|(?:assistance|support|funding|financing|contributions?|efforts?|commitment|engagement|involvement|participation)\s+(?:(?:\w+\s+){0,2}?(?:by|from)|of))\s+(?:the\s+)?(?:different\s+)?(?<np>[^,.;()]{2,80}?)(?=\s+(?:to|for|that|which|who|in|on|with|so|as|at|by|before|after|during|until|within|from|was|were|is|are|and\s+should|including)\b|[,.;(]|$)/gi;

// Where a clause starts, looking back from a modal.
const CLAUSE_BREAK = /(?:[.;:!?]\s+|\bthat\b[\s,]*|\bwhereas\s+|\bwhile\s+(?=\w+\s+\w+\s+(?:should|must|are|is)\b)|\bwhich\s+|\bso\s+that\s+)/gi;
const LEADING_SUBORDINATE = /^(?:of|nevertheless|nonetheless|hence|thus|therefore|accordingly|consequently|ultimately|specifically|notably|importantly|not\s+surprising|in\s+hindsight|\w+ly\b|dans|pour|afin|avec|par|selon|while|where|when|if|although|though|because|since|as|in|at|on|for|with|by|to|from|under|given|noting|recognizing|finally|moreover|however|furthermore|additionally|also|then|similarly|indeed|overall|first|second|third|lastly|once|after|before|during|through|within|among|beyond|despite)\b/i;
const DETERMINER = /^(?:the|these|those|this|that)\s+/i;
// "should be avoided" (passive) but not "should be supporting" or "should be encouraged to".
// Nor "should be empowered / enabled / equipped to": the subject is then who acts.
const PASSIVE_AFTER = /^\s*(?:not\s+)?(?:also\s+)?(?:be|been|being)\s+(?:\w+ly\s+)?(?!encouraged|urged|invited|asked|obliged|able|aware|prepared|ready|mindful|responsible|careful)(?!(?:empowered|enabled|equipped|mandated|required|expected)\s+to\b)(?!\w+ing\b)\w+/i;

/** The type of an addressee phrase: the group word that occurs first in it, or "". */
export function addresseeType(phrase: string, rules: RecRules, self: Addressee): string {
  let best: { at: number; type: string } | null = null;
  for (const g of rules.addressee.groups) {
    const m = g.re.exec(phrase);
    if (m && (!best || m.index < best.at)) best = { at: m.index, type: g.type };
  }
  if (!best) return /^[A-Z]{2,}/.test(phrase) ? "" : "";
  return best.type === "self" ? self.type : best.type;
}

// Acronyms, not words of an all-capitals heading ("EXAMPLE OF CITIES").
const FIRST_PERSON_RE = /\b(?:we|our)\b/gi;
const ACRONYM_RE = /(?<![A-Z]{2,}\s)\b[A-Z][A-Z&]{1,6}\b(?!\s[A-Z]{2,})/g;

const PREPOSITION = /\b(?:of|by|from|for|with|to|in|on|at|among|between|into|through|about)\b/i;
const PREPOSITION_WORD = /^(?:of|by|from|for|with|to|in|on|at|among|between|into|through|about)$/i;
const CAPS_STOPWORD = /^(?:OF|THE|AND|IN|TO|FOR|ON|AT|BY|A|AN|OR|IS|IT|BE|WE|AS)$/;

/**
 * Is this noun phrase someone who can act: a group word ("States", "all stakeholders"),
 * an acronym or a capitalised name, heading the phrase (no preposition before it) and with
 * no verb or adverb inside ("CSO participants highlighted" is a clause, not an actor)?
 */
function actorPhrase(np: string, rules: RecRules): boolean {
  const words = np.split(/\s+/).filter(Boolean);
  // "The Secretary of Homeland Security and the Director of the Centers for Disease Control and
  // Prevention": a long subject is an actor when it joins two actor phrases.
  if (words.length > 10 && words.length <= 24) {
    const pair = /^(.+?)\s+and\s+((?:the\s+)?\p{Lu}.*)$/u.exec(np);
    return pair !== null && actorPhrase(pair[1], rules) && actorPhrase(pair[2], rules);
  }
  if (!words.length || words.length > 10) return false;
  if (rules.addressee.notActors.test(np) || rules.addressee.speakers.test(np)) return false;
  if (LEADING_SUBORDINATE.test(np) || /^of\b/i.test(np) || CAPS_STOPWORD.test(np)) return false;
  if (words.some((w) => isVerbOrAdverb(w))) return false;
  // "The Collaborative Management Strategy", "the digital platforms": a thing, not an actor
  // (the head noun is the last word before any preposition: "States with encampment policies").
  const head = words.findIndex((w, i) => i > 0 && PREPOSITION_WORD.test(w));
  if (rules.addressee.things.test(words[(head > 0 ? head : words.length) - 1])) return false;
  let at = -1;
  for (const g of rules.addressee.groups) {
    if (g.type === "self") continue;
    const m = g.re.exec(np);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  const agent = rules.addressee.agents.exec(np);
  if (agent && (at < 0 || agent.index < at)) at = agent.index;
  // An organisation named by acronym or by two or more capitalised words ("GFMD", "the Global
  // Forum"); one capitalised word alone is only the start of a sentence ("Detention of ...").
  const name = /(?:^|\s)(?:[A-Z][A-Z&]+s?\b|[A-Z][\w&'-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&'-]*)+)/.exec(np);
  if (name && (at < 0 || name.index < at)) at = name.index;
  return at >= 0 && !PREPOSITION.test(np.slice(0, at));
}

// Answers per word form: the same few hundred words come back in every candidate phrase.
const VERB_OR_ADVERB = new WordMemo(verbOrAdverb, 50_000);

function isVerbOrAdverb(word: string): boolean {
  return VERB_OR_ADVERB.get(word);
}

function verbOrAdverb(word: string): boolean {
  if (!/^[a-z]/.test(word)) return false;
  const w = word.replace(/[^a-z-]/g, "");
  if (/ly$/.test(w) && !/^(?:only|family|italy|supply)$/.test(w)) return true;
  const tag = LEXICON[w];
  return tag === "PastTense" || tag === "Copula" || tag === "Modal" || tag === "Gerund" || tag === "PresentTense" || tag === "Auxiliary";
}

function tidy(np: string): string {
  return np
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/\s*\([^)]*\)\s*/g, " ")
    .replace(/[*_"“”]/g, "")
    .replace(/^(?:(?:and|but|or|so|also|further|indeed|therefore|thus|jointly)\s+)+/i, "")
    .replace(/^(?:les?|la)\s+(?=\p{L})/iu, "")
    .replace(/^(we)(?:\s+\w+ly)+$/i, "$1")
    .replace(/\s+[–—-]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The actor phrase just before a modal: the first or last comma chunk of the clause. */
function subjectBefore(text: string, at: number, rules: RecRules): string {
  const before = text.slice(0, at);
  let clauseStart = 0;
  for (const m of matchesOf(CLAUSE_BREAK, before)) clauseStart = m.index! + m[0].length;
  const clause = before.slice(clauseStart).replace(/\([^)]*\)/g, " ");
  // Only the first and the last non-empty chunk are candidates: tidy no more chunks than that.
  const chunks = clause.split(",");
  let i = 0;
  let first = "";
  while (i < chunks.length && !(first = tidy(chunks[i]))) i++;
  if (!first) return "";
  let last = "";
  for (let j = chunks.length - 1; j > i && !last; j--) last = tidy(chunks[j]);
  if (!last) last = first;
  const list = actorList(chunks, rules);
  if (list) return list;
  if (!LEADING_SUBORDINATE.test(first) && actorPhrase(first, rules)) return first;
  if (!LEADING_SUBORDINATE.test(last) && actorPhrase(last, rules)) return last;
  return subjectAmidCommas(chunks, i, rules);
}

/** A comma chunk set in the subject's path that leaves it the subject: "in consultation with the Secretary of Defense". */
const ASIDE = /^(?:in\s+(?:consultation|coordination|cooperation|collaboration|partnership|conjunction|accordance)\s+with|with\s+(?:the\s+)?(?:support|assistance|help)\s+(?:of|from)|(?:as|where|when)\s+(?:appropriate|needed|necessary|possible|feasible)|consistent\s+with|together\s+with|(?:acting\s+)?through|to\s+the\s+extent|including)\b/i;

/**
 * The subject after a fronted phrase and before asides: "Within 180 days of the date of this
 * order, the Secretary of State, in consultation with the Secretary of Defense, shall" -> "the
 * Secretary of State". The first chunk that is an actor phrase, when every chunk after it is an
 * aside (the first and last chunks alone, as subjectBefore tries them, miss it). Only the first:
 * a list of actors ("the Secretary of State, the Attorney General, and ...") is no single subject,
 * and trying every chunk against all the chunks after it was quadratic.
 */
function subjectAmidCommas(chunks: string[], from: number, rules: RecRules): string {
  for (let k = from + 1; k < chunks.length - 1; k++) {
    const np = tidy(chunks[k]);
    if (!np || LEADING_SUBORDINATE.test(np) || !actorPhrase(np, rules)) continue;
    const rest = chunks.slice(k + 1).map(tidy).filter(Boolean);
    return rest.length && rest.every((c) => ASIDE.test(c)) ? np : "";
  }
  return "";
}

/**
 * A subject that lists several actors ("The Secretary of State, the Attorney General, and the
 * Secretary of Homeland Security shall"): every comma chunk an actor phrase, the last one joined
 * by "and"/"or". All of them are told to act, so the addressee is the whole list.
 */
function actorList(chunks: string[], rules: RecRules): string {
  if (chunks.length < 2 || chunks.length > 8 || !/^\s*(?:and|or)\s/i.test(chunks[chunks.length - 1])) return "";
  const names = chunks.map(tidy);
  if (names.some((n) => !n || LEADING_SUBORDINATE.test(n) || !actorPhrase(n, rules))) return "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The actor phrase that is the subject of the verb at `at` ("NHS England will ..."), or "". */
export function subjectAt(text: string, at: number, rules: RecRules): Addressee {
  const np = at > 0 ? subjectBefore(text, at, rules) : "";
  return np && !/^(?:we|us)$/i.test(np) ? { addressee: np, type: addresseeType(np, rules, NONE) } : NONE;
}

/**
 * Who a lead-in line tells to act: "(b) As part of the review, the Secretary of Homeland
 * Security shall:" -> "the Secretary of Homeland Security". "" when its subject is no actor.
 */
export function leadInSubject(text: string, rules: RecRules): string {
  const plain = text.replace(/(?:^|(?<=\.\s))\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)\s+/g, "");
  const modal = /\b(?:shall|should|must)\b/gi;
  let at = -1;
  for (let m = modal.exec(plain); m; m = modal.exec(plain)) at = m.index;
  return at > 0 ? subjectBefore(plain, at, rules) : "";
}

/**
 * Triggers whose grammatical subject is the addressee: "X should", "X need to", "X are
 * encouraged to", "X was tasked with", "X will". Not "X was seen as essential" (X is the thing
 * needed) and not "participants called for" (the speakers).
 */
const SUBJECT_TRIGGER =
  /^(?:should|must|shall|ought|ha(?:ve|s)\s+to|needs?\s+(?!for\b)|(?:is|are|was|were|be|been|being|should|must)\s+(?:\w+ly\s+)?(?:encouraged|urged|invited|obliged|tasked|expected)|will|we\b|[A-Z]{2,}|devr|doi)/i;

export interface AddresseeInput {
  /** The unit text with masks blanked (offsets equal to the unit text). */
  masked: string;
  text: string;
  /** Triggers found in `masked`, left to right (allTriggers). */
  hits: TriggerHit[];
  /** Addressee the list cue or section names, or "". */
  contextAddressee: string;
  /** The unit is an imperative or bare list item (no subject of its own). */
  subjectless: boolean;
  /** The list cue speaks in the first person ("our decisions"). */
  firstPerson: boolean;
}

export function findAddressee(input: AddresseeInput, rules: RecRules, self: Addressee): Addressee {
  const named = (np: string): Addressee | null => {
    const phrase = tidy(np);
    if (/^(?:we|us|our)$/i.test(phrase)) return self.addressee ? self : null;
    if (!actorPhrase(phrase, rules)) return null;
    return { addressee: phrase, type: addresseeType(phrase, rules, self) };
  };
  const { masked } = input;
  type Found = { at: number; who: Addressee };
  const found: Found[] = [];

  for (const re of [OBJECT_RE, NEED_FOR_RE, THAT_CLAUSE_RE, RECOMMENDATION_TO_RE]) {
    for (const m of matchesOf(re, masked)) {
      const who = named(m.groups!.np ?? m.groups!.fr ?? "");
      if (who) found.push({ at: m.index!, who });
    }
  }
  for (const hit of input.hits) {
    if (!SUBJECT_TRIGGER.test(masked.slice(hit.start, hit.end))) continue;
    const who = subjectOf(input, hit, rules, self);
    if (who) found.push({ at: hit.start, who });
  }
  if (found.length) return found.sort((a, b) => a.at - b.at)[0].who;

  // "... should be reviewed by all stakeholders", "assistance is needed from donor countries".
  const agent = firstAccepted(AGENT_RE, masked, (m) => named(m.groups!.np) ?? undefined);
  if (agent) return agent;
  // A sentence in the author's voice ("We have been surprised ... and now recognize the need").
  if (/^(?:we|our)\b/i.test(input.text) && !input.subjectless && self.addressee) return self;

  if (input.subjectless && input.firstPerson && self.addressee) return self;
  if (input.contextAddressee) {
    return { addressee: input.contextAddressee, type: addresseeType(input.contextAddressee, rules, self) };
  }
  return NONE;
}

function subjectOf(input: AddresseeInput, hit: TriggerHit, rules: RecRules, self: Addressee): Addressee | null {
  const trig = input.masked.slice(hit.start, hit.end);
  // "DHSC and NHS England expect providers to ...": who expects is not who is told to act.
  if (/\bexpects?\b/.test(trig)) return null;
  // Commitment triggers carry their subject: "we will", "MGL will".
  if (/^(?:we|I)\b/i.test(trig)) return self.addressee ? self : null;
  const org = /^([A-Z][A-Z&]{1,7}(?:\s+and\s+[A-Z][A-Z&]{1,7})?)\s/.exec(trig);
  if (org) return { addressee: org[1], type: addresseeType(org[1], rules, self) };
  // "the need to", "a need for": a noun, whose "subject" is whoever noted it.
  if (/^needs?\b/i.test(trig) && /\b(?:the|a|an|this|that|its|their|our|his|her|no|any|such)\s+$/i.test(input.masked.slice(0, hit.start))) return null;
  // "X should be avoided": X is what is acted on, not who acts.
  const modalOnly = /^(?:should|must|shall|ought\s+to|need(?:s)?\s+to|ha(?:ve|s)\s+to)\b/i.test(trig);
  if (modalOnly && PASSIVE_AFTER.test(input.masked.slice(hit.start + trig.split(/\s+/)[0].length))) return null;
  if (/^(?:is|are|was|were|be)\s+(?:\w+ly\s+)?(?:needed|required)|^(?:importance|necessity)/i.test(trig)) return null;
  const np = subjectBefore(input.masked, hit.start, rules);
  if (!np) {
    // "We should ...", "we will ..." with nothing else before.
    const before = input.masked.slice(0, hit.start);
    if (/\b(?:we)\s+(?:\w+ly\s+)?$/i.test(before) && self.addressee) return self;
    return null;
  }
  if (/^(?:we|us)$/i.test(np)) return self.addressee ? self : null;
  return { addressee: np, type: addresseeType(np, rules, self) };
}

/**
 * The document's own voice ("we", "our"): the acronym it uses most, when it speaks in the
 * first person at all. Type from the group words ("IOM" -> igo) or "".
 */
export function selfActor(doc: Doc, rules: RecRules): Addressee {
  // Three uses of "we"/"our" are enough to know: stop counting there.
  let firstPerson = 0;
  firstAccepted(FIRST_PERSON_RE, doc.text, () => (++firstPerson >= 3 ? true : undefined));
  if (firstPerson < 3) return NONE;
  const counts = new Map<string, number>();
  for (const m of matchesOf(ACRONYM_RE, doc.text)) {
    const a = m[0];
    if (CAPS_STOPWORD.test(a) || /^(?:[IVXLC]+|UN|US|USA|UK|EU|AU|PDF|NB|OK|HIV|AIDS|COVID|SDGS?|GDP|CSOS?|NGOS?|RSD|ID|IT)$/.test(a)) continue;
    counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, n] = ranked[0] ?? ["", 0];
  // Only a clear favourite speaks for "we": at least 3 uses and twice the runner-up.
  if (n < 3 || (ranked[1] && ranked[1][1] * 2 > n)) return NONE;
  const type = rules.addressee.groups.find((g) => g.type !== "self" && g.re.test(best))?.type ?? "";
  return { addressee: best, type };
}
