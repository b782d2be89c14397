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
}

const MAX_WORDS = 12;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*/gu;
/** A row of a list of acronyms: the acronym in the first cell, its words in the second. */
const GLOSSARY_ROW = /^\|\s*([A-Z][A-Za-z0-9&-]{1,11})\s*\|\s*([^|]{3,160}?)\s*\|/;
const PROGRAMME_WORDS = String.raw`(?:programmes?|programs?|projects?|initiatives?|campaigns?|schemes?|phase)`;

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

/** Does the document call the acronym (or its name) a programme, project, initiative or campaign? */
export function calledProgramme(doc: Doc, e: Expansion): boolean {
  const acr = escapeRegExp(e.acronym);
  const name = escapeRegExp(e.surface).replace(/\s+/g, String.raw`\s+`);
  const re = new RegExp(
    String.raw`(?:\b${acr}|${name}\s*\(${acr}\))\s+${PROGRAMME_WORDS}\b|\b${PROGRAMME_WORDS}\s+(?:such\s+as\s+|called\s+|known\s+as\s+|named\s+|entitled\s+)?(?:the\s+)?[“"«‘]?\s*(?:${name}|${acr}\b)`,
    "i",
  );
  return re.test(doc.text);
}

export function programmeHit(e: Expansion): Hit {
  return makeHit({ kind: "name", block: e.block, start: e.start, end: e.end, surface: e.surface, headType: "process", acronym: e.acronym, rule: PROGRAMME_RULE });
}

export const PROGRAMME_RULE = "programme named by an acronym definition, called a programme in the text";
