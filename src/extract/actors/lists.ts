// Entries of lists of participating organisations: under a heading such as
// "List of organisations that participated", each item names one organisation
// (sometimes two, joined by "/" or ") and"), often followed by a country.
import type { Block, Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";

const MAX_WORDS = 14;

export function isOrganisationList(block: Block, lex: Lexicon): boolean {
  if (block.kind !== "list_item" && block.kind !== "table_row") return false;
  const heading = block.section[block.section.length - 1] ?? "";
  return lex.listHeadings.test(heading);
}

/** One hit per organisation named by a list item (the name part, without country or acronym). */
export function listEntries(doc: Doc, block: Block, lex: Lexicon): Hit[] {
  const hits: Hit[] = [];
  for (const part of splitItem(block.text)) {
    // The name is the part before the first comma or acronym; an aside in
    // parentheses ("Cuenca (Batangas, Philippines) OFW Group") is left out of it.
    const m = part.text.match(/^[\s\-•·*▪◦–]*((?:[^,(\\]|\\(?!\()|\\?\((?![^)]*\)\s*(?:,|$))[^)]*\))+)/u);
    if (!m) continue;
    const lead = m[0].length - m[1].length;
    const raw = m[1].replace(/\s+$/, "");
    const name = cleanSurface(raw.replace(/\s*\\?\([^)]*\\?\)/g, ""));
    const words = name.split(/\s+/);
    if (!name || words.length > MAX_WORDS || !/^\p{Lu}/u.test(name) || words.some((w) => /^[\d.,%-]+$/.test(w))) continue;
    const content = words.filter((w) => !lex.connectors.has(w.toLowerCase()));
    const capitalised = content.filter((w) => /^\p{Lu}/u.test(w)).length;
    if (capitalised * 3 < content.length) continue; // a sentence, not a name
    if (lex.countries.has(name.toLowerCase())) continue;
    const start = block.start + part.at + lead;
    hits.push(makeHit({ kind: "list", block: block.index, start, end: start + raw.length, surface: cleanSurface(raw), canonical: name, rule: `entry of the list "${block.section[block.section.length - 1]}"` }));
  }
  return hits;
}

/** Splits an item into organisations at " / ", ";" and ") and ". */
function splitItem(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  const re = /\s+\/\s+|;\s*|(?<=\))\s+and\s+/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    out.push({ text: text.slice(at, m.index), at });
    at = m.index! + m[0].length;
  }
  out.push({ text: text.slice(at), at });
  return out.filter((p) => p.text.trim());
}
