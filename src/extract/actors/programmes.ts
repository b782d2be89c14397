// Named programmes, projects and campaigns (type `process`) that carry no
// organisation word: "Sustainable Economic Development in Nigeria (SEDIN)",
// "Migrants as Messenger (MaM)". An acronym definition gives the name; the
// document must also call it a programme somewhere ("the SEDIN project",
// "programmes such as MaM"), else the acronym stands for a concept ("No-Cost
// Extension (NCE)"). Lists of acronyms ("| HVR | Humanitarian Voluntary Return |")
// define acronyms too, and link an acronym to an actor named in its row.
import type { Block, Doc } from "../../types.js";
import { initialsFit } from "./acronyms.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import type { Lexicon } from "./lexicon.js";

/** An acronym and the words the text gives for it. */
export interface Expansion {
  acronym: string;
  block: number;
  start: number;
  end: number;
  /** The name: starts with a capital letter (calledProgramme relies on it). */
  surface: string;
  /** The definition itself calls it a programme ("... (AVRR) Programme"): no need to search the text for it. */
  programme?: boolean;
}

const MAX_WORDS = 12;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*/gu;
/** A row of a list of acronyms: the acronym in the first cell, its words in the second. */
const GLOSSARY_ROW = /^\|\s*([A-Z][A-Za-z0-9&-]{1,11})\s*\|\s*([^|]{3,160}?)\s*\|/;
// After the acronym, one programme ("the SEDIN project", "MIRAA Programme"; "other HR programs" is a kind of programme);
// before the name, written in lower case ("the project “MIRAA”", not a caption "Project Theory of Change").
const PROGRAMME_AFTER = String.raw`(?:[Pp]rogramme|[Pp]rogram|[Pp]roject|[Ii]nitiative|[Cc]ampaign)`;
const AFTER_PROGRAMME = String.raw`(?=\s*(?:[.,;:)\]”"’]|$)|\s+(?:and|or|is|was|were|are|has|had|have|in|of|to|with|for|which|that|will|would|can|could|aims|aimed|supports|supported|provides|provided|funded|financed|implemented|by|at|on)\b|\s+\p{Lu})`;
const PROGRAMME_BEFORE = String.raw`(?:programmes?|programs?|projects?|initiatives?|campaigns?)`;

/**
 * The capitalised words right before "(" at `paren` (in the block's text) whose
 * initials give the acronym: the shortest such run starting with a capital.
 */
export function expansionBefore(block: Block, paren: number, acronym: string, lex: Lexicon): Expansion | undefined {
  // Back to the last punctuation: a name holds none.
  let from = paren;
  while (from > 0 && paren - from < 160 && !/[.,;:()“”"!?|\n]/.test(block.text[from - 1])) from--;
  const words = [...block.text.slice(from, paren).matchAll(WORD)];
  const first = acronym[0].toLowerCase();
  for (let n = 2; n <= Math.min(MAX_WORDS, words.length); n++) {
    const run = words.slice(words.length - n);
    const lead = run[0][0];
    if (!/^\p{Lu}/u.test(lead) || lead[0].toLowerCase() !== first || lex.sentenceStarters.has(lead)) continue;
    const capitals = run.filter((w) => /^\p{Lu}/u.test(w[0])).length;
    const lowers = run.length - capitals;
    if (capitals < 2 || lowers > capitals || run.some((w) => !/^\p{Lu}/u.test(w[0]) && w[0].length > 4)) return undefined;
    const surface = block.text.slice(from + run[0].index!, paren).trimEnd();
    if (!initialsFit(acronym, surface)) continue;
    return { acronym, block: block.index, start: block.start + from + run[0].index!, end: block.start + from + run[0].index! + surface.length, surface: cleanSurface(surface) };
  }
  return undefined;
}

/** "| HVR | Humanitarian Voluntary Return |": a definition from a list of acronyms. */
export function glossaryRow(block: Block): Expansion | undefined {
  if (block.kind !== "table_row") return undefined;
  const m = GLOSSARY_ROW.exec(block.text);
  if (!m || !/^\p{Lu}/u.test(m[2]) || !/[A-Z].*[A-Z]|^[A-Z]{2}/.test(m[1]) || !initialsFit(m[1], m[2])) return undefined;
  const at = block.text.indexOf(m[2], m[0].indexOf("|", 1));
  return { acronym: m[1], block: block.index, start: block.start + at, end: block.start + at + m[2].length, surface: cleanSurface(m[2]) };
}

/**
 * Does the document call the acronym (or its name) a programme, project,
 * initiative or campaign? Once when introduced as one ("programmes such as
 * ..."); else twice, unless the name holds a country ("... in Nigeria"): "the
 * project ToC" once does not make a Theory of Change a programme.
 *
 * Each test below is one regular expression over the whole text, written out in
 * its comment, that holds the acronym or the name word for word. Rather than
 * compile such an expression for each acronym and run it over the whole text,
 * we find where the acronym and the name occur (cheap scans) and test fixed
 * expressions only there. Why this gives the same answers:
 * - A match of `P(?:X|Y)` is a match of X or Y at some place j with P matching
 *   the text right before j: exactly a lookbehind `(?<=P)` holding at j, tested
 *   with the sticky flag on the whole text (so `\b`, `$` and lookaheads see
 *   the same characters as before).
 * - The acronym is a plain string; the name is its words with `\s+` between
 *   them. A surface starts with a capital letter and its words start with a
 *   non-space, so each `\s+` takes the whole run of spaces: the name matches
 *   at a place in one way only, ending at one place (nameAt). (A surface
 *   ending with a space ends with `\s+`: the whole run is also the first try
 *   of the old expressions, and what follows the name there, `\s*\(` or
 *   nothing, accepts it whenever a shorter run would do.)
 * - Every place is tried, overlapping ones too, as the expressions did.
 */
export function calledProgramme(doc: Doc, e: Expansion, isCountry: (words: string) => boolean): boolean {
  const text = doc.text;
  if (!programmeWordNear(text, e.acronym) && !programmeWordNear(text, e.surface)) return false; // the usual case, found cheaply
  const acronyms = occurrences(text, e.acronym);
  const names = nameOccurrences(text, e.surface);
  // Introduced as one: "programmes such as X and MaM", "the program known as the MPP", "the project “MIRAA”".
  // Was `\b${PROGRAMME_BEFORE}\s+(?:(?:such\s+as|...)...|[“"«‘]\s*)(?:${acr}\b|${name})`: INTRODUCED_BEFORE is its start.
  const introducedAt = (at: number): boolean => stickyTest(INTRODUCED_BEFORE, text, at);
  if (acronyms.some((at) => stickyTest(WORD_BOUNDARY, text, at + e.acronym.length) && introducedAt(at))) return true;
  if (names.some((n) => introducedAt(n.start))) return true;
  // Defined as one: "Cooperation on ... Solutions (COMPASS) project". Was `${name}\s*\(${acr}\)\s+${PROGRAMME_AFTER}\b`.
  const definition = `(${e.acronym})`;
  const definedAfter = (end: number): boolean => {
    const paren = skipSpaces(text, end);
    return text.startsWith(definition, paren) && stickyTest(PROGRAMME_WORD_NEXT, text, paren + definition.length);
  };
  if (names.some((n) => definedAfter(n.end))) return true;
  // Named so in passing: "the SEDIN project," / "the SEDIN project is" ("HR program information" is not), "the project Sustainable ...".
  const words = (e.surface.match(WORD) ?? []).map((w) => w.toLowerCase());
  const properNoun = words.some((w, k) => isCountry(w) || (k + 1 < words.length && isCountry(`${w} ${words[k + 1]}`)));
  return timesNamed(text, e.acronym, acronyms, names, 2) >= (properNoun ? 1 : 2);
}

/** Where the text has `words` (every place, overlapping ones too). */
function occurrences(text: string, words: string): number[] {
  const found: number[] = [];
  if (words === "") return found; // (never so: acronyms and names are not empty)
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) found.push(at);
  return found;
}

interface Span {
  start: number;
  end: number;
}

/** Where the text has the name, with any run of spaces between its words (as `escapeRegExp(surface)` with `\s+` for each space). */
function nameOccurrences(text: string, surface: string): Span[] {
  const parts = surface.split(/\s+/); // parts[0] is not empty: a surface starts with a capital letter
  const found: Span[] = [];
  for (const start of occurrences(text, parts[0])) {
    const end = nameAt(text, start, parts);
    if (end >= 0) found.push({ start, end });
  }
  return found;
}

/** The end of the name's match at `start` (its first part is there), or -1. */
function nameAt(text: string, start: number, parts: string[]): number {
  let at = start + parts[0].length;
  for (let k = 1; k < parts.length; k++) {
    const next = skipSpaces(text, at);
    if (next === at || !text.startsWith(parts[k], next)) return -1;
    at = next + parts[k].length;
  }
  return at;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && SPACE.test(text[at])) at++;
  return at;
}

function stickyTest(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/**
 * How many times (counting up to `most`) the text names the acronym or name as
 * a programme: the matches of `\b${acr}\s+${PROGRAMME_AFTER}s?${AFTER_PROGRAMME}|\b${PROGRAMME_BEFORE}\s+(?:the\s+)?${name}`
 * found by a global search, each next one starting where the last one ended.
 * Every match starts at the acronym (first alternative; ACRONYM_CALLED gives
 * its end as the expression did, being its rest) or ends with the name
 * (second). Before a name, the programme word starts at one place only (no
 * programme word ends with another one or with "the"), which the lookbehind's
 * group gives; from that place the match can only reach this name, since a
 * name starts with a capital, not with "the". Where both alternatives match at
 * one place the first one wins, as in the expression. Then, as the global
 * search does: the first match from the start, the first from its end, ...
 */
function timesNamed(text: string, acronym: string, acronyms: number[], names: Span[], most: number): number {
  const matches: Span[] = [];
  for (const at of acronyms) {
    if (!stickyTest(WORD_BOUNDARY, text, at)) continue;
    ACRONYM_CALLED.lastIndex = at + acronym.length;
    if (ACRONYM_CALLED.test(text)) matches.push({ start: at, end: ACRONYM_CALLED.lastIndex });
  }
  for (const n of names) {
    NAME_CALLED.lastIndex = n.start;
    const before = NAME_CALLED.exec(text);
    if (before) matches.push({ start: n.start - before[1].length, end: n.end });
  }
  matches.sort((a, b) => a.start - b.start); // stable: at one place the first alternative stays first
  let times = 0;
  for (let k = 0, from = 0; k < matches.length && times < most; k++) {
    if (matches[k].start < from) continue;
    times++;
    from = matches[k].end;
  }
  return times;
}

const SPACE = /\s/u;
const WORD_BOUNDARY = /\b/uy;
/** Right before an acronym or name introduced as a programme ("programmes such as X and ", "the project “"). */
const INTRODUCED_BEFORE = new RegExp(
  String.raw`(?<=\b${PROGRAMME_BEFORE}\s+(?:(?:such\s+as|called|known\s+as|named|entitled)\s+(?:the\s+)?[“"«‘]?\s*(?:[^.;:()]{0,60}?(?:,|\sand)\s+)?|[“"«‘]\s*))`,
  "uy",
);
/** After "Name (ACR)": " project". */
const PROGRAMME_WORD_NEXT = new RegExp(String.raw`\s+${PROGRAMME_AFTER}\b`, "uy");
/** After an acronym: " project," / " project is". */
const ACRONYM_CALLED = new RegExp(String.raw`\s+${PROGRAMME_AFTER}s?${AFTER_PROGRAMME}`, "uy");
/** Right before a name: "the project " (the group: from the programme word on). */
const NAME_CALLED = new RegExp(String.raw`(?<=(\b${PROGRAMME_BEFORE}\s+(?:the\s+)?))`, "uy");

const PROGRAMME_WORD = /[Pp]rogram|[Pp]roject|[Ii]nitiative|[Cc]ampaign/;
const MAX_LOOKS = 50;

/** Is a programme word within a few words of some occurrence of `words`? (A cheap test before the regular expressions.) */
function programmeWordNear(text: string, words: string): boolean {
  let looks = 0;
  for (let at = text.indexOf(words); at >= 0 && looks++ < MAX_LOOKS; at = text.indexOf(words, at + words.length)) {
    if (PROGRAMME_WORD.test(text.slice(Math.max(0, at - 60), at + words.length + 30))) return true;
  }
  return false;
}

export function programmeHit(e: Expansion): Hit {
  return makeHit({ kind: "name", block: e.block, start: e.start, end: e.end, surface: e.surface, headType: "process", acronym: e.acronym, rule: PROGRAMME_RULE });
}

export const PROGRAMME_RULE = "programme named by an acronym definition, called a programme in the text";
