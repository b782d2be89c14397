// Acronyms: definitions in both orders ("International Organization for
// Migration (IOM)", "IOM (International Organization for Migration)"), acronyms
// defined for things that are not actors ("Global Compact for Migration (GCM)"),
// and every acronym-shaped word left to link to a definition.
import type { Block, Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import { tokenAt, type Token } from "./tokens.js";
import { expansionBefore, PROGRAMME_RULE, type Expansion } from "./programmes.js";

/** Bound on the acronym definitions tried as programme names in one document (each costs a search of it). */
const MAX_EXPANSIONS = 200;
const OPEN = /^\s*\\?[([]\s*$/;
const CLOSE = /^\s*\\?[)\]]/;
/** A capitalised programme word right after the definition's parenthesis. */
const PROGRAMME_NEXT = /^\s*\)\s*(?:Programme|Program|Project|Initiative)\b/;
/** "project “Skills for Youth Employment” (SKYE)": a quoted title closes right before the parenthesis. */
const QUOTE_THEN_OPEN = /^\s*["”’»]\s*\\?\(\s*$/;

export interface AcronymFacts {
  /** acronym -> offsets where the text defines it for an actor hit */
  defined: { acronym: string; hit: Hit; at: number }[];
  /** acronyms the document defines for something that is not an actor (or a generic group) */
  blocked: Set<string>;
  /** Definitions of those acronyms by capitalised words (programme names, if the text calls them so). */
  expansions: Expansion[];
}

/** Attaches "(ACR)" after a name, and "ACR (Name)" before it, to the name's hit. */
export function findDefinitions(doc: Doc, tokens: Token[], hits: Hit[], lex: Lexicon, facts: AcronymFacts): void {
  if (!tokens.length) return;
  // Every definition has a parenthesis. Searched in the block's own text: a search
  // of the document's text from here would run on to the next parenthesis, often pages away.
  const block = doc.blocks[tokens[0].block];
  const paren = block.text.indexOf("(", tokens[0].start - block.start);
  if (paren < 0 || block.start + paren > tokens[tokens.length - 1].end) return;

  const attached = new Set<number>(); // token indices of acronyms given to a name
  for (const hit of hits) {
    if (hit.kind === "acronym") continue;
    const last = tokenAt(tokens, hit.end, "end");
    const first = tokenAt(tokens, hit.start, "start");
    // Name (ACR)
    if (last !== undefined && last + 1 < tokens.length) {
      const acr = tokens[last + 1];
      if (acr.acronym && OPEN.test(acr.gap) && CLOSE.test(doc.text.slice(acr.end, acr.end + 4)) && !lex.genericAcronyms.has(acr.text)) {
        if (hit.kind === "name" && first !== undefined && !hit.acronym) extendToInitial(doc, tokens, hit, first, acr.text, lex);
        hit.acronym ??= acr.text;
        facts.defined.push({ acronym: acr.text, hit, at: acr.start });
        attached.add(last + 1);
      }
    }
    // ACR (Name)
    if (first !== undefined && first > 0 && OPEN.test(tokens[first].gap) && CLOSE.test(doc.text.slice(hit.end, hit.end + 4))) {
      const acr = tokens[first - 1];
      if (acr.acronym && !lex.genericAcronyms.has(acr.text) && initialsFit(acr.text, hit.surface)) {
        hit.acronym ??= acr.text;
        facts.defined.push({ acronym: acr.text, hit, at: acr.start });
        attached.add(first - 1);
      }
    }
  }
  // "UKTI (United Kingdom Trade and Investment)": the reverse order, for a national body.
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (!t.acronym || attached.has(i) || lex.genericAcronyms.has(t.text) || !OPEN.test(tokens[i + 1].gap)) continue;
    let j = i + 1;
    while (j + 1 < tokens.length && !/[()\]]/.test(tokens[j + 1].gap)) j++;
    if (!CLOSE.test(doc.text.slice(tokens[j].end, tokens[j].end + 4))) continue;
    const body = nationalBody(doc, tokens, j, i + 1, t.text, lex);
    if (!body || hits.some((h) => h.start < body.end && body.start < h.end && h.kind !== "gazetteer")) continue;
    body.acronym = t.text;
    hits.push(body);
    hits.sort((a, b) => a.start - b.start);
    facts.defined.push({ acronym: t.text, hit: body, at: t.start });
    attached.add(i);
  }
  // Any other "words (ACR)": the acronym stands for something that is not an actor here.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.acronym || attached.has(i) || !CLOSE.test(doc.text.slice(t.end, t.end + 4))) continue;
    const quoted = QUOTE_THEN_OPEN.test(t.gap);
    if (!quoted && !OPEN.test(t.gap)) continue;
    const prev = tokens[i - 1];
    if (prev.acronym) continue; // "IOM (Niger)" style asides are not definitions
    // "Assisted Voluntary Return and Reintegration (AVRR) Programme": a generic acronym in the name of one programme.
    const programmeNext = PROGRAMME_NEXT.test(doc.text.slice(t.end, t.end + 16));
    if (lex.genericAcronyms.has(t.text) && !programmeNext) continue;
    if (quoted) {
      // A quoted title is the acronym's expansion (a programme if the text calls it one), never an organisation here.
      const e = quotedExpansion(block, t.start - block.start - (t.gap.length - t.gap.search(/["”’»]/)), t.text);
      if (e) { facts.blocked.add(t.text); if (facts.expansions.length < MAX_EXPANSIONS) facts.expansions.push(e); }
      continue;
    }
    const long = commaName(doc, tokens, i, lex) ?? nationalBody(doc, tokens, i - 1, -1, t.text, lex);
    if (long) {
      // "Guatemala Entrepreneurship and Development Innovation (GEDI) Initiative": the national name of a programme.
      if (programmeNext) { long.headType = "process"; long.rule = PROGRAMME_RULE; }
      // "National Commission for Refugees, Migrants and Internally Displaced Persons (NCFRMI)"
      for (let k = hits.length - 1; k >= 0; k--) if (hits[k].start >= long.start && hits[k].end <= long.end) hits.splice(k, 1);
      long.acronym = t.text;
      hits.push(long);
      hits.sort((a, b) => a.start - b.start);
      facts.defined.push({ acronym: t.text, hit: long, at: t.start });
    } else if (initialsFit(t.text, wordsBefore(doc, t, t.text.length + 3))) {
      facts.blocked.add(t.text);
      if (facts.expansions.length < MAX_EXPANSIONS) {
        const paren = t.start - (t.gap.length - t.gap.indexOf("(")) - block.start;
        const e = expansionBefore(block, paren, t.text, lex);
        if (e) { if (programmeNext) e.programme = true; facts.expansions.push(e); }
      }
    }
  }
}

/**
 * "Care Quality Commission (CQC)": the name rules dropped a first word that often
 * starts sentences ("Care ..."), but the acronym's first letter asks for it back.
 * Extends the hit by that one capitalised word when the acronym is exactly its
 * initial followed by the initials of the name's capitalised words.
 */
function extendToInitial(doc: Doc, tokens: Token[], hit: Hit, first: number, acronym: string, lex: Lexicon): void {
  if (first === 0 || !/^\s{1,3}$/.test(tokens[first].gap)) return; // "the Care  Quality Commission": a line break inside the name
  const prev = tokens[first - 1];
  if (!prev.cap || prev.shout || prev.acronym || lex.sentenceStarters.has(prev.text)) return;
  const letters = acronym.toLowerCase().replace(/[^a-z]/g, "");
  const initials = hit.surface.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0].toLowerCase()).join("");
  if (letters !== prev.text[0].toLowerCase() + initials) return;
  hit.start = prev.start;
  hit.surface = cleanSurface(doc.text.slice(prev.start, hit.end));
}

/**
 * A national body without an organisation word ("United Kingdom Trade and
 * Investment", "Nigeria Police Force"): capitalised words ending at `last`
 * whose initials are exactly the acronym's letters, one of them a country or
 * nationality. `stop` is the first token the name may use (-1: any).
 */
function nationalBody(doc: Doc, tokens: Token[], last: number, stop: number, acronym: string, lex: Lexicon): Hit | undefined {
  const letters = acronym.replace(/[^A-Za-z]/g, "").toLowerCase();
  let initials = "";
  let k = last;
  for (; k >= 0 && k >= stop; k--) {
    const t = tokens[k];
    // "Immigration, Refugees and Citizenship Canada (IRCC)": commas may join the words of its name.
    if (k < last && !/^,?\s+$/.test(tokens[k + 1].gap)) return undefined;
    if (t.cap) initials = t.text[0].toLowerCase() + initials;
    else if (!lex.connectors.has(t.text.toLowerCase())) return undefined;
    if (initials.length >= letters.length) break;
  }
  if (initials !== letters || k < 0 || (stop >= 0 && k !== stop) || lex.sentenceStarters.has(tokens[k].text)) return undefined;
  const span = tokens.slice(k, last + 1);
  const words = span.map((t) => t.norm);
  const national = words.some((w, n) => lex.countries.has(w) || lex.countries.has(`${w} ${words[n + 1] ?? ""}`));
  if (!national) return undefined;
  const start = span[0].start, end = span[span.length - 1].end;
  return makeHit({ kind: "name", block: span[0].block, start, end, surface: cleanSurface(doc.text.slice(start, end)), headType: "state", rule: "acronym definition of a national body" });
}

/**
 * A name whose tail holds commas, found back from its acronym: it starts with
 * a capitalised core holding a head word ("National Commission"), every word
 * after is capitalised or a connector, and the acronym's letters fit it.
 */
function commaName(doc: Doc, tokens: Token[], i: number, lex: Lexicon): Hit | undefined {
  for (let k = i - 1; k >= Math.max(0, i - 16); k--) {
    const t = tokens[k];
    if (k < i - 1 && /[.;:()\[\]\p{L}\p{N}]/u.test(tokens[k + 1].gap)) return undefined;
    if (!t.cap && !lex.connectors.has(t.text.toLowerCase())) return undefined;
    if (!t.cap || t.text[0].toLowerCase() !== tokens[i].text[0].toLowerCase() || lex.sentenceStarters.has(t.text)) continue;
    const span = tokens.slice(k, i);
    if (!span.slice(0, 3).some((x) => x.cap && lex.heads.has(x.norm))) continue;
    if (!span.slice(1).some((x) => /,/.test(x.gap))) return undefined; // no comma: the ordinary rules already had their say
    const phrase = span.map((x) => x.text).join(" ");
    if (!initialsFit(tokens[i].text, phrase)) continue;
    const start = t.start, end = tokens[i - 1].end;
    return makeHit({ kind: "name", block: t.block, start, end, surface: cleanSurface(doc.text.slice(start, end)), head: span.find((x) => lex.heads.has(x.norm))!.norm, rule: "acronym definition of a name with commas" });
  }
  return undefined;
}

/** Opening quote for each closing one (straight quotes open themselves). */
const OPENING_QUOTE: Record<string, string> = { "”": "“", "’": "‘", "»": "«", '"': '"' };
const MAX_TITLE = 120;

/**
 * The quoted title that closes at `close` (an offset in the block's text), as the
 * acronym's expansion: "“Sustainable Economic Development in Nigeria” (SEDIN)".
 * The title must start with a capital and its initials fit the acronym.
 */
function quotedExpansion(block: Block, close: number, acronym: string): Expansion | undefined {
  const open = block.text.lastIndexOf(OPENING_QUOTE[block.text[close]] ?? "", close - 1);
  if (open < 0 || close - open > MAX_TITLE) return undefined;
  const title = block.text.slice(open + 1, close);
  if (!/^\p{Lu}/u.test(title) || /[.;:()\n]/.test(title) || !initialsFit(acronym, title)) return undefined;
  return { acronym, block: block.index, start: block.start + open + 1, end: block.start + close, surface: cleanSurface(title.trim()) };
}

/** The n words of text before the acronym's parenthesis. */
function wordsBefore(doc: Doc, acronym: Token, n: number): string {
  const before = doc.text.slice(Math.max(0, acronym.start - 12 * n), acronym.start);
  return (before.match(/[\p{L}\p{N}'’-]+/gu) ?? []).slice(-n).join(" ");
}

/**
 * Do the acronym's letters appear, in order, as initials (or inside words) of
 * the phrase, the first letter as an initial? A loose Schwartz-Hearst test.
 */
export function initialsFit(acronym: string, phrase: string): boolean {
  const letters = acronym.toLowerCase().replace(/[^a-z]/g, "");
  const words = phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!letters || !words.length) return false;
  if (!words.some((w) => w[0] === letters[0])) return false;
  // Greedy from the end, as Schwartz & Hearst: every letter found, right to left.
  const text = words.join(" ");
  let pos = text.length;
  for (let k = letters.length - 1; k >= 0; k--) {
    const c = letters[k];
    let found = -1;
    for (let p = pos - 1; p >= 0; p--) {
      if (text[p] === c && (k > 0 || p === 0 || text[p - 1] === " ")) { found = p; break; }
    }
    if (found < 0) return false;
    pos = found;
  }
  return true;
}
