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
import { allTriggers, type TriggerHit } from "./classify.js";

export interface Addressee {
  addressee: string;
  type: string;
}

const NONE: Addressee = { addressee: "", type: "" };

// Urging verbs with an object, then "to <verb>": the object is the addressee.
const OBJECT_RE =
  /\b(?:call(?:s|ed|ing)?\s+(?:up)?on|a\s+call\s+to|urg(?:e|es|ed|ing)|encourag(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|ask(?:s|ed|ing)?|request(?:s|ed|ing)?)\s+(?<np>[^.;:]{2,90}?)\s+to\s+(?!the\b|a\b|an\b|this\b|their\b)\w+/giu;
const NEED_FOR_RE =
  /\b(?:need|necessary|important|essential|crucial|critical|vital|imperative|necessity)\s+for\s+(?<np>[^.;:]{2,80}?)\s+to\s+\w+/giu;
// The agent of a passive or of a need: "by X", "from X", "among X", "between X".
const AGENT_RE =
  /\b(?:(?:be|been|is|are)\s+(?:\w+ly\s+)?\w+ed(?:\s+and\s+\w+ed)?\s+by|(?:needed|required)\s+(?:\w+\s+){0,4}?(?:from|by|among|between)|(?:coordination|cooperation|information-sharing|collaboration)\s+(?:\w+\s+){0,3}?(?:among|between))\s+(?:the\s+)?(?:different\s+)?(?<np>[^,.;()]{2,80}?)(?=\s+(?:to|for|that|which|who|in|on|with|so|as|was|were|is|are|and\s+should|including)\b|[,.;(]|$)/giu;

// Where a clause starts, looking back from a modal.
const CLAUSE_BREAK = /(?:[.;:!?]\s+|\bthat\b[\s,]*|\bwhereas\s+|\bwhile\s+(?=\w+\s+\w+\s+(?:should|must|are|is)\b)|\bwhich\s+|\bso\s+that\s+)/giu;
const LEADING_SUBORDINATE = /^(?:while|where|when|if|although|though|because|since|as|in|at|on|for|with|by|to|from|under|given|noting|recognizing|finally|moreover|however|furthermore|additionally|also|then|similarly|indeed|overall|first|second|third|lastly|once|after|before|during|through|within|among|beyond|despite)\b/i;
const DETERMINER = /^(?:the|these|those|this|that)\s+/i;
// "should be avoided" (passive) but not "should be supporting" or "should be encouraged to".
const PASSIVE_AFTER = /^\s*(?:not\s+)?(?:also\s+)?(?:be|been|being)\s+(?:\w+ly\s+)?(?!encouraged|urged|invited|asked|obliged|able|aware|prepared|ready|mindful|responsible|careful)(?!\w+ing\b)\w+/i;

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

/** Is this noun phrase someone who can act (a group word, an acronym, a proper name)? */
function actorPhrase(np: string, rules: RecRules): boolean {
  const words = np.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 14) return false;
  if (rules.addressee.notActors.test(np) || rules.addressee.speakers.test(np)) return false;
  if (rules.addressee.groups.some((g) => g.type !== "self" && g.re.test(np))) return true;
  // An organisation named by acronym or capitalised name ("GFMD", "The Global Forum").
  return /^(?:the\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,6}$/.test(np.replace(/\s*\([^)]*\)/g, ""));
}

function tidy(np: string): string {
  return np
    .replace(/\s*\([^)]*\)\s*/g, " ")
    .replace(/[*_"“”]/g, "")
    .replace(/^(?:(?:and|but|or|so|also|further|indeed|therefore|thus|jointly)\s+)+/i, "")
    .replace(/^(we)(?:\s+\w+ly)+$/i, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** The actor phrase just before a modal: the first or last comma chunk of the clause. */
function subjectBefore(text: string, at: number, rules: RecRules): string {
  const before = text.slice(0, at);
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) clauseStart = m.index! + m[0].length;
  const clause = before.slice(clauseStart).replace(/\([^)]*\)/g, " ");
  const chunks = clause.split(",").map((c) => tidy(c)).filter(Boolean);
  if (!chunks.length) return "";
  const first = chunks[0], last = chunks[chunks.length - 1];
  if (!LEADING_SUBORDINATE.test(first) && actorPhrase(first, rules)) return first;
  if (!LEADING_SUBORDINATE.test(last) && actorPhrase(last, rules)) return last;
  return "";
}

/** Families whose trigger follows its subject ("X should", "X are encouraged to"). */
const SUBJECT_FAMILIES = new Set(["should", "must", "encouraged", "urged", "called", "need", "will", "french"]);

export interface AddresseeInput {
  /** The unit text with masks blanked (offsets equal to the unit text). */
  masked: string;
  text: string;
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

  for (const re of [OBJECT_RE, NEED_FOR_RE]) {
    re.lastIndex = 0;
    for (const m of masked.matchAll(re)) {
      const who = named(m.groups!.np);
      if (who) found.push({ at: m.index!, who });
    }
  }
  for (const hit of allTriggers(masked, rules)) {
    if (!SUBJECT_FAMILIES.has(hit.family.modality) && !SUBJECT_FAMILIES.has(hit.family.id)) continue;
    const who = subjectOf(input, hit, rules, self);
    if (who) found.push({ at: hit.start, who });
  }
  if (found.length) return found.sort((a, b) => a.at - b.at)[0].who;

  // "... should be reviewed by all stakeholders", "assistance is needed from donor countries".
  for (const m of masked.matchAll(AGENT_RE)) {
    const who = named(m.groups!.np);
    if (who) return who;
  }
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
  // Commitment triggers carry their subject: "we will", "MGL will".
  if (/^(?:we|I)\b/i.test(trig)) return self.addressee ? self : null;
  const org = /^([A-Z][A-Z&]{1,7}(?:\s+and\s+[A-Z][A-Z&]{1,7})?)\s/.exec(trig);
  if (org) return { addressee: org[1], type: addresseeType(org[1], rules, self) };
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
  const firstPerson = (doc.text.match(/\b(?:we|our)\b/gi) ?? []).length;
  if (firstPerson < 3) return NONE;
  const counts = new Map<string, number>();
  for (const m of doc.text.matchAll(/\b[A-Z][A-Z&]{1,6}\b/g)) {
    const a = m[0];
    if (/^(?:[IVXLC]+|UN|US|USA|UK|EU|AU|PDF|II|NB|OK|HIV|AIDS|COVID|SDGS?|GDP|CSOS?|NGOS?|CSO|NGO|RSD|ID|IT)$/.test(a)) continue;
    counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let best = "", n = 0;
  for (const [a, c] of counts) if (c > n) [best, n] = [a, c];
  if (n < 3) return NONE;
  const type = rules.addressee.groups.find((g) => g.type !== "self" && g.re.test(best))?.type ?? "";
  return { addressee: best, type };
}
