// Profiles: a heading that is only a name, over a paragraph that starts with
// that name as its subject ("PepsiCo" / "PepsiCo is a global food and beverage
// company ..."). Fact sheets of company commitments and partner profiles are
// written so; such names often carry no organisation word at all. A name so
// introduced is then found wherever the document writes it.
import type { Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import type { Token, WordStats } from "./tokens.js";

const MAX_WORDS = 5;
/** After the name in the paragraph: a verb or a description ("PepsiCo is", "Cargill has", "JDE Peet’s, the ..."). */
const SUBJECT_AFTER = /^(?:\s+(?:also\s+)?\p{Ll}|,\s)/u;

/** Names introduced by a heading and the paragraph under it, as token texts. */
export function profileNames(doc: Doc, tokens: Token[][], stats: WordStats, lex: Lexicon): string[][] {
  const names: string[][] = [];
  for (let b = 0; b + 1 < doc.blocks.length; b++) {
    const heading = doc.blocks[b], next = doc.blocks[b + 1];
    if (heading.kind !== "heading" || next.kind !== "paragraph") continue;
    const words = tokens[b];
    const name = heading.text.trim();
    if (!words.length || words.length > MAX_WORDS || /[\d:;?!()]/.test(name) || !next.text.startsWith(name)) continue;
    if (!SUBJECT_AFTER.test(next.text.slice(name.length))) continue;
    // Every word a name word: capitalised, never written in lower case in the document ("Relevance" / "relevance").
    const content = words.filter((t) => !lex.connectors.has(t.norm));
    if (!content.length || !content.every((t) => t.cap && !lex.sentenceStarters.has(t.text) && !stats.lower.has(t.text.toLowerCase()))) continue;
    if (lex.countries.has(words.map((t) => t.norm).join(" "))) continue;
    names.push(words.map((t) => t.text));
  }
  return names;
}

/** Every place a block writes one of the profile names. */
export function profileHits(doc: Doc, tokens: Token[], names: string[][]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const name of names) {
      if (tokens[i].text !== name[0] || i + name.length > tokens.length) continue;
      let k = 1;
      while (k < name.length && tokens[i + k].text === name[k] && tokens[i + k].gap === " ") k++;
      if (k < name.length) continue;
      const first = tokens[i], last = tokens[i + k - 1];
      hits.push(makeHit({
        kind: "name", block: first.block, start: first.start, end: last.end, surface: cleanSurface(doc.text.slice(first.start, last.end)),
        headType: "private", rule: "profile: a heading naming it over a paragraph it is the subject of",
      }));
      i += k - 1;
      break;
    }
  }
  return hits;
}
