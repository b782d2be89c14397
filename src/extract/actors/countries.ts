// Countries acting as governments (GUIDELINES section 2): a country name, or a
// list of them, that is the subject of an act ("Chile, Denmark and Ghana
// endorse ...", "Mexico will ..."). A country named as a place ("in Mexico",
// "migrants from Libya") stays out. The hits join the country's government
// ("gov:" key), so "Government of Mexico" and "Mexico" are one actor.
import type { Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { makeHit, type Hit } from "./hits.js";
import type { Token } from "./tokens.js";

/** Between two countries of one list: ", ", ", and ", " and ", " & ". */
const LIST_GAP = /^\s*(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+)?$/;
/** Before a subject: nothing that makes the country a place or an object of a preposition. */
const PLACE_BEFORE = /\b(?:in|into|to|from|of|across|within|between|throughout|through|at|via|near|towards?|outside|inside|for|with|by|on|over|and|or|like|as)\s+(?:the\s+)?$/i;
/** "hosted by (the)", "funded by": the country after it acts. */
const AGENT_BEFORE = /\b(?:hosted|funded|financed|led|signed|supported|organi[sz]ed|endorsed|proposed|adopted|ratified|implemented|chaired|co-chaired|convened|sponsored)\s+by\s+(?:the\s+)?$/i;
const MAX_WORDS = 4;
const LIST_WORDS = new Set(["and", "the"]);

/** Country names in one block that act: subjects of one of `lex.actingVerbs`. */
export function actingCountries(doc: Doc, tokens: Token[], lex: Lexicon): Hit[] {
  let hits: Hit[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const first = countryAt(tokens, i, lex);
    if (!first) continue;
    // The list of countries starting here.
    const run = [first];
    let j = first.last + 1;
    while (j < tokens.length) {
      while (j < tokens.length && !tokens[j].cap && LIST_WORDS.has(tokens[j].norm)) j++; // "and", "the": in the gap below
      if (j >= tokens.length) break;
      const prevEnd = tokens[run[run.length - 1].last].end;
      if (!LIST_GAP.test(doc.text.slice(prevEnd, tokens[j].start))) break;
      const next = countryAt(tokens, j, lex);
      if (!next) break;
      run.push(next);
      j = next.last + 1;
    }
    i = run[run.length - 1].last;
    const last = tokens[run[run.length - 1].last];
    if (last.possessive) continue; // "Mexico's": a possessor, not the subject
    const before = doc.text.slice(Math.max(0, tokens[first.first].start - 24), tokens[first.first].start);
    // "hosted by the United States": the agent of an act; else the subject of one.
    const agent = AGENT_BEFORE.test(before);
    if (!agent && (PLACE_BEFORE.test(before) || !lex.actingVerb.test(doc.text.slice(last.end, last.end + 40)))) continue;
    hits ??= [];
    for (const c of run) {
      const a = tokens[c.first], b = tokens[c.last];
      hits.push(makeHit({
        kind: "government", block: a.block, start: a.start, end: b.end, surface: doc.text.slice(a.start, b.end),
        country: c.country, head: "government", headType: "state", rule: agent ? "country acting (agent of an act)" : run.length > 1 ? "countries acting together (subject of an act)" : "country acting (subject of an act)",
      }));
    }
  }
  return hits ?? [];
}

/** First words of the country names: most capitalised words start none, and are passed over at once. */
const firstWordCache = new WeakMap<Lexicon, Set<string>>();
function firstWords(lex: Lexicon): Set<string> {
  let set = firstWordCache.get(lex);
  if (!set) firstWordCache.set(lex, (set = new Set([...lex.countries.keys()].map((c) => c.split(" ")[0]))));
  return set;
}

/** The country named by the tokens from i (the longest of up to four words), never a nationality. */
function countryAt(tokens: Token[], i: number, lex: Lexicon): { first: number; last: number; country: string } | undefined {
  const t = tokens[i];
  if (!t.cap || t.shout || !firstWords(lex).has(t.norm)) return undefined;
  let found: { first: number; last: number; country: string } | undefined;
  let words = "";
  for (let k = i; k < tokens.length && k < i + MAX_WORDS; k++) {
    if (k > i && tokens[k].gap !== " ") break;
    words = k === i ? tokens[k].norm : `${words} ${tokens[k].norm}`;
    const country = lex.countries.get(words);
    if (country !== undefined && !lex.nationalities.has(words)) found = { first: i, last: k, country };
  }
  return found;
}

/** First words of the parts of countries: most capitalised words start none. */
const subnationalFirstCache = new WeakMap<Lexicon, Set<string>>();
function subnationalFirstWords(lex: Lexicon): Set<string> {
  let set = subnationalFirstCache.get(lex);
  if (!set) subnationalFirstCache.set(lex, (set = new Set([...lex.subnationalPlaces.keys()].map((p) => p.split(" ")[0]))));
  return set;
}

export const SUBNATIONAL_BODY_RULE = "capitalised name ending with a part of its country (a body of that part)";

/** A part of a country with its own bodies ("England", "Nova Scotia") at i, with a body's type there. */
function subnationalAt(tokens: Token[], i: number, lex: Lexicon): { first: number; last: number; type: string } | undefined {
  const t = tokens[i];
  if (!t.cap || t.shout || !subnationalFirstWords(lex).has(t.norm)) return undefined;
  let found: { first: number; last: number; type: string } | undefined;
  let words = "";
  for (let k = i; k < tokens.length && k < i + MAX_WORDS; k++) {
    if (k > i && tokens[k].gap !== " ") break;
    words = k === i ? tokens[k].norm : `${words} ${tokens[k].norm}`;
    const type = lex.subnationalPlaces.get(words);
    if (type !== undefined) found = { first: i, last: k, type };
  }
  return found;
}

/** Words that make "X Canada" a part of the country, not a body ("Atlantic Canada", "Rural Canada"). */
const REGION_WORDS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "atlantic",
  "pacific", "rural", "urban", "greater", "upper", "lower", "new", "old", "mainland", "coastal", "continental", "metropolitan", "all", "across"]);
const NUMBER_WORD = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b/;
const LOCATIVE_BEFORE = /\b(?:in|into|across|throughout|within|outside|inside|around)\s+$/i;

/**
 * National bodies named by capitalised words and the country, with no
 * organisation word: "Statistics Canada", "Employment and Social Development
 * Canada", "Engineers Canada". Regions of the country ("Atlantic Canada") and
 * places ("in Southern Mexico") stay out.
 */
export function countryNamedBodies(doc: Doc, tokens: Token[], lex: Lexicon, isCommonStarter: (t: Token) => boolean): Hit[] {
  let hits: Hit[] | undefined;
  for (let j = 1; j < tokens.length; j++) {
    const country = countryAt(tokens, j, lex);
    const part = country ? undefined : subnationalAt(tokens, j, lex);
    const c = part ?? country;
    if (!c) continue;
    const after = tokens[c.last + 1];
    // "Canada Student Loans": a longer name's business ("... Canada’s Settlement Program": the possessive ends the body's name).
    if (after && after.cap && after.gap === " " && !tokens[c.last].possessive) { j = c.last; continue; }
    let k = j - 1, caps = 0, first = -1;
    // Before a definition ("Immigration, Refugees and Citizenship Canada (IRCC)") commas may join the name's words.
    // ("Gatineau, Quebec (...)": a place after a comma, for a part of the country.)
    const defined = !part && /^\s*\(/.test(doc.text.slice(tokens[c.last].end, tokens[c.last].end + 3));
    while (k >= 0 && (tokens[k + 1].gap === " " || (defined && tokens[k + 1].gap === ", "))) {
      const t = tokens[k];
      if (t.cap && !lex.sentenceStarters.has(t.text) && !t.possessive) { caps++; first = k; }
      else if (!(t.norm === "and" || t.norm === "&")) break;
      k--;
    }
    j = c.last;
    // "Abuja and Benin", "El Salvador and Honduras": places joined, not a body's name.
    if (first < 0 || !tokens[c.first - 1].cap) continue;
    const words = tokens.slice(first, c.first);
    // "NHS England": a national body's acronym before a part of the country names that part's own body.
    const partOfBody = part !== undefined && words.length === 1 && words[0].acronym && !lex.genericAcronyms.has(words[0].text);
    if (!partOfBody && words.some((t) => REGION_WORDS.has(t.norm) || NUMBER_WORD.test(t.norm) || lex.countries.has(t.norm) || lex.heads.has(t.norm) || lex.heads.has(t.norm.replace(/s$/, "")) || t.acronym)) continue;
    if (lex.nonActorHeads.has(words[words.length - 1].norm)) continue; // "Migrant Workers Canada": a group, not a body
    if (isCommonStarter(tokens[first]) && words.length === 1) continue;
    if (part && words.length === 1 && /ing$/.test(words[0].norm)) continue; // "Making Ontario ...": a title's verb
    if (LOCATIVE_BEFORE.test(doc.text.slice(Math.max(0, tokens[first].start - 16), tokens[first].start))) continue;
    const start = tokens[first].start, end = tokens[c.last].end;
    hits ??= [];
    hits.push(makeHit({
      kind: "name", block: tokens[first].block, start, end, surface: doc.text.slice(start, end), headType: part ? part.type : "state",
      rule: part ? SUBNATIONAL_BODY_RULE : "capitalised name ending with its country (a national body)",
    }));
  }
  return hits ?? [];
}
