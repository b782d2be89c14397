// Organisations named by what is said of them, with no organisation word and
// no acronym: a partner ("Mastercard has partnered with Walmart", "a
// partnership with Glasswing International"), or the body a named post heads
// ("Blanca Treviño, President of Softtek"). Companies in private-sector
// commitments are named so ("Walmart", "Softtek"): the gazetteer cannot know
// them all and they carry no head word.
import type { Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import type { Token } from "./tokens.js";

/** What makes the capitalised words after it an organisation, and the type that suggests ("" = from the name). */
const CUES: { re: RegExp; type: string; rule: string }[] = [
  {
    re: /\b(?:partnered|partnering|teamed\s+up|collaborated|collaborating|(?:new\s+|a\s+|in\s+|its\s+|their\s+)?partnerships?|in\s+collaboration|in\s+cooperation)\s+with\s+(?:the\s+)?$|\bwith\s+the\s+support\s+of\s+(?:the\s+)?$/,
    type: "", rule: "named as a partner (partnered with, a partnership with)",
  },
  {
    re: /\b(?:CEO|Chief\s+Executive(?:\s+Officer)?|Chairman|Chairwoman|Founder|Co-[Ff]ounder|President(?:\s+and\s+CEO)?|Managing\s+Director)\s+(?:of|at)\s+$/,
    type: "private", rule: "named by the post of a person heading it (CEO of, President of)",
  },
];
const MAX_WORDS = 4;
/** ", Inc.", ", LLC": a company's suffix after a comma belongs to its name. */
const SUFFIX_AFTER = /^,\s*(?:Inc|LLC|Ltd|S\.A|GmbH|Corp)\b\.?/;
/** A month, a day, a language, a year: never an organisation. */
const NOT_NAMES = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "english", "spanish", "french", "portuguese", "arabic"]);

/** Words that may follow a name in running text ("partnered with Walmart to enable ..."); any other lower-case word is a noun it modifies. */
const FUNCTION_WORDS = new Set(["to", "in", "on", "and", "or", "for", "the", "a", "an", "as", "at", "by", "from", "of", "that", "which", "who",
  "since", "through", "under", "over", "is", "was", "were", "are", "has", "have", "had", "will", "would", "can", "could", "while", "when",
  "where", "with", "within", "across", "during", "until", "after", "before", "among", "including", "also", "via", "amongst"]);

const NEXT_WORD = /^ ([a-z]+)\b/;

/** Organisations after a partnership or post cue in one block. */
export function partnerNames(doc: Doc, tokens: Token[], lex: Lexicon): Hit[] {
  if (!tokens.length) return [];
  const block = doc.blocks[tokens[0].block];
  const text = doc.text;
  let hits: Hit[] | undefined;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.cap || t.shout || t.acronym) continue;
    // Most capitalised words have no cue word right before them: settled without a regular expression.
    const s = t.start;
    if (!(text.startsWith("with ", s - 5) || text.startsWith("of ", s - 3) || text.startsWith("at ", s - 3) || text.startsWith("the ", s - 4))) continue;
    if (lex.sentenceStarters.has(t.text)) continue;
    const before = text.slice(Math.max(block.start, s - 48), s);
    const cue = CUES.find((c) => c.re.test(before));
    if (!cue) continue;
    const hit = nameFrom(doc, tokens, i, lex, cue.type, cue.rule);
    if (hit) (hits ??= []).push(hit);
  }
  return hits ?? [];
}

/** The capitalised words from token i (up to four, joined by spaces), if they can name an organisation. */
function nameFrom(doc: Doc, tokens: Token[], i: number, lex: Lexicon, type: string, rule: string): Hit | undefined {
  let j = i;
  while (j + 1 < tokens.length && j + 1 - i < MAX_WORDS && tokens[j + 1].gap === " " && tokens[j + 1].cap && !tokens[j].possessive) j++;
  const words = tokens.slice(i, j + 1);
  const norms = words.map((t) => t.norm);
  const phrase = norms.join(" ");
  // A country or nationality ("partnership with Mexico") is a government or a place, found by other rules.
  if (lex.countries.has(phrase) || lex.countries.has(norms[0])) return undefined;
  // Generic ("partnership with Civil Society"), an instrument, a group of people, a date: no organisation.
  if (norms.every((w) => lex.genericWords.has(w) || lex.heads.has(w))) return undefined;
  if (norms.some((w) => lex.nonActorHeads.has(w) || NOT_NAMES.has(w) || /^\d/.test(w))) return undefined;
  // A head word makes it a name the other rules already take; an acronym among the words, a known actor's part.
  // ("Glasswing International": "International" after a name is a place-like suffix there, not its head.)
  if (norms.some((w) => lex.heads.has(w) && lex.heads.get(w) !== "private" && w !== "international") || words.some((t) => t.acronym)) return undefined;
  // "partnership with Indigenous communities": capitalised words before a noun describe it, they name nobody.
  // (Read in the text: the tokens leave out most lower-case words.)
  const next = NEXT_WORD.exec(doc.text.slice(tokens[j].end, tokens[j].end + 24));
  if (next && !FUNCTION_WORDS.has(next[1])) return undefined;
  let end = tokens[j].end;
  const suffix = SUFFIX_AFTER.exec(doc.text.slice(end, end + 8));
  if (suffix) end += suffix[0].length;
  const start = tokens[i].start;
  return makeHit({ kind: "name", block: tokens[i].block, start, end, surface: cleanSurface(doc.text.slice(start, end)), headType: type || undefined, rule: PARTNER_RULE_PREFIX + rule });
}

export const PARTNER_RULE_PREFIX = "organisation ";

