// The action of a recommendation: the lemma of its main verb ("States are encouraged to
// review ..." -> review; "Detention should be avoided" -> avoid), and the test for an
// imperative list item ("Ensure ...", "Review the ..."). Both use compromise's lexicon and
// conjugation rules only, word by word (verb-lexicon.ts): tagging whole sentences costs
// ~3 ms each, far too slow for every unit of a corpus.
import type { RecRules } from "./rules.js";
import { firstAccepted } from "./classify.js";
import { LEXICON, toInfinitive } from "./verb-lexicon.js";
import { WordMemo } from "../../text/own-copy.js";

// Words that carry the modality or report speech, not the action.
const NOT_ACTIONS = new Set([
  "be", "is", "are", "was", "were", "been", "being", "have", "has", "had", "do", "does", "did",
  "should", "must", "shall", "will", "would", "can", "could", "may", "might", "ought", "need", "needs",
  "needed", "encourage", "encouraged", "urge", "urged", "call", "called", "recommend", "recommended",
  "suggest", "suggested", "propose", "proposed", "invite", "invited", "require", "required", "note",
  "noted", "see", "seen", "view", "viewed", "considered", "task", "tasked", "oblige", "obliged",
  "further", "also", "jointly", "continue", "not", "the", "a", "an", "their", "its", "all", "more",
]);

// "to X", "should X", "be X-ed": the word after one of these is the verb of the clause.
const VERB_SLOT =
  /\b(?:to|should|must|shall|will|would|can|may|be|been|being|not)\s+(?:(?:not|also|further|jointly|continue\s+to|\w+ly)\s+)*([a-z][a-z-]{2,})\b/gi;

// Lexicon tags of words that fill a verb slot without being the verb ("to the", "be also").
const NOT_VERB_TAGS = new Set(["Determiner", "Preposition", "Conjunction", "Pronoun", "Possessive", "Adverb"]);

// Next words that show the item's first word is a verb taking an object ("Review the ...").
const OBJECT_START = /^(?:the|a|an|all|any|their|its|our|existing|more|clear|regular|specific|such|this|these|those|every|each|greater|better|further|adequate|sufficient|new|current)$/i;

// Base forms per word form: the same few hundred verbs come back in every document, and
// the conjugation rules are the costly part of finding an action.
const LEMMAS = new WordMemo(lemmaOf, 50_000);

/** Base form of a verb form ("strengthened" -> "strengthen", "ratifying" -> "ratify"). */
export function lemma(word: string): string {
  return LEMMAS.get(word.toLowerCase());
}

function lemmaOf(w: string): string {
  if (/ing$/.test(w)) return toInfinitive(w, "Gerund") || w;
  if (/(?:ed|en|wn|de|ne)$/.test(w) || LEXICON[w] === "PastTense" || LEXICON[w] === "Participle") {
    return toInfinitive(w, "PastTense") || w;
  }
  if (/[^s]s$/.test(w) && LEXICON[w] !== "Infinitive") return toInfinitive(w, "PresentTense") || w;
  return w;
}

/**
 * Lemma of the main verb of a unit, looking from offset `from` (the trigger).
 * `imperative` (the verb an imperative item opens with) wins when given.
 */
export function mainVerb(text: string, from: number, imperative: string): string {
  if (imperative) return imperative === "do not" ? firstAfterDoNot(text) : imperative;
  const tail = text.slice(from);
  const verb = firstAccepted(VERB_SLOT, tail, (m) => {
    if (/^[A-Z]/.test(m[1])) return undefined; // "proposed to Aryeh Neier": a name, not a verb
    const w = m[1].toLowerCase();
    if (NOT_ACTIONS.has(w)) return undefined;
    const tag = LEXICON[w];
    if (tag && NOT_VERB_TAGS.has(tag)) return undefined;
    return w;
  });
  if (verb !== undefined) return lemma(verb);
  // "Consider ..." alone, or "should consider signing": consider is the action.
  return /\bconsider/i.test(tail) ? "consider" : "";
}

function firstAfterDoNot(text: string): string {
  const m = /\bdo\s+not\s+(?:\w+ly\s+|longer\s+)?(\w+)/i.exec(text);
  return m ? m[1].toLowerCase() : "";
}

/**
 * Does the item open with a bare verb ("Ensure ...", "Actively identify ...", "When X, ensure ...",
 * "Do not ...")? Returns the verb (lower case) or "".
 */
export function imperativeVerb(text: string, rules: RecRules): string {
  let start = text.replace(/^[\s*_"“'‘(]+/, "");
  if (!/^[A-Z]/.test(start)) return "";
  // "When engaging networks ..., ensure ...": the verb follows a leading clause.
  const lead = /^(?:When|Where|If|In|To|For|While|Whenever|Wherever|As|Given|Once)\b[^,]{3,100},\s+(?=[a-z])/.exec(start);
  if (lead) start = start.slice(lead[0].length);
  start = start.replace(rules.imperative.skip, "");
  const words = start.split(/\s+/, 3).map((w) => w.replace(/[^\p{L}-]/gu, "").toLowerCase());
  const [first, next = ""] = words;
  if (!first) return "";
  if (first === "do" && next === "not") return "do not";
  if (rules.imperative.notVerbs.has(first)) return "";
  if (/^(?:to|of|for|and|or|is|are|was|were|has|have|in)$/.test(next) && !rules.imperative.toVerbs.has(first)) {
    if (!(next === "in" && LEXICON[first] === "Infinitive")) return "";
  }
  // "Survey Sample: ...": a run-in label, not a verb.
  if (/^[^\s:]+(?:\s+[^\s:]+){0,3}:/.test(start)) return "";
  const tag = LEXICON[first];
  if (tag === "Infinitive" || tag === "Imperative") return first;
  // Words compromise files as nouns ("Review", "Complete") count when the rules list them
  // and an object follows; unknown words shaped like verbs ("Generalize", "Disaggregate") too.
  const verbShaped = rules.imperative.verbs.has(first) || (tag === undefined && /(?:ize|ise|ify|ate)$/.test(first));
  if (verbShaped && (OBJECT_START.test(next) || !LEXICON[next] || /^(?:Noun|Singular|Plural|Adjective)$/.test(LEXICON[next] ?? ""))) return first;
  return "";
}
