// Named programmes, projects and campaigns (type `process`) that carry no
// organisation word: "Sustainable Economic Development in Nigeria (SEDIN)",
// "Migrants as Messenger (MaM)". An acronym definition gives the name; the
// document must also call it a programme somewhere ("the SEDIN project",
// "programmes such as MaM"), else the acronym stands for a concept ("No-Cost
// Extension (NCE)"). Lists of acronyms ("| HVR | Humanitarian Voluntary Return |")
// define acronyms too, and link an acronym to an actor named in its row.
import type { Block, Doc } from "../../types.js";
import { escapeRegExp } from "../../regexp.js";
import { initialsFit } from "./acronyms.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import type { Lexicon } from "./lexicon.js";

/** An acronym and the words the text gives for it. */
export interface Expansion {
  acronym: string;
  block: number;
  start: number;
  end: number;
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
 */
export function calledProgramme(doc: Doc, e: Expansion, isCountry: (words: string) => boolean): boolean {
  if (!programmeWordNear(doc.text, e.acronym) && !programmeWordNear(doc.text, e.surface)) return false; // the usual case, found cheaply
  const acr = escapeRegExp(e.acronym);
  const name = escapeRegExp(e.surface).replace(/\s+/g, String.raw`\s+`);
  // Introduced as one: "programmes such as X and MaM", "the program known as the MPP", "the project “MIRAA”".
  const introduced = new RegExp(
    String.raw`\b${PROGRAMME_BEFORE}\s+(?:(?:such\s+as|called|known\s+as|named|entitled)\s+(?:the\s+)?[“"«‘]?\s*(?:[^.;:()]{0,60}?(?:,|\sand)\s+)?|[“"«‘]\s*)(?:${acr}\b|${name})`,
    "u",
  );
  if (introduced.test(doc.text)) return true;
  // Defined as one: "Cooperation on ... Solutions (COMPASS) project".
  if (new RegExp(String.raw`${name}\s*\(${acr}\)\s+${PROGRAMME_AFTER}\b`, "u").test(doc.text)) return true;
  // Named so in passing: "the SEDIN project," / "the SEDIN project is" ("HR program information" is not), "the project Sustainable ...".
  const named = new RegExp(
    String.raw`\b${acr}\s+${PROGRAMME_AFTER}s?${AFTER_PROGRAMME}|\b${PROGRAMME_BEFORE}\s+(?:the\s+)?${name}`,
    "gu",
  );
  const words = (e.surface.match(WORD) ?? []).map((w) => w.toLowerCase());
  const properNoun = words.some((w, k) => isCountry(w) || (k + 1 < words.length && isCountry(`${w} ${words[k + 1]}`)));
  let times = 0;
  while (named.exec(doc.text) && ++times < 2);
  return times >= (properNoun ? 1 : 2);
}

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
