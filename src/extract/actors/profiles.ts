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
const POSSESSIVE = "'s";
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
    if (!words.length || words.length > MAX_WORDS || /[\d:;?!()]/.test(name)) continue;
    // The subject of the paragraph's first sentence ("PepsiCo is ...", "In May, Mastercard committed ...").
    const firstSentence = next.sentences.length ? doc.text.slice(next.sentences[0].start, next.sentences[0].end) : next.text;
    const at = firstSentence.indexOf(name);
    // At the start, or after an opening phrase and its comma ("In May, Mastercard ..."; not "In Nova Scotia, ...").
    if (at < 0 || (at > 0 && !/,\s+$/.test(firstSentence.slice(0, at))) || !SUBJECT_AFTER.test(firstSentence.slice(at + name.length))) continue;
    // Every word a name word: capitalised, never written in lower case in the document ("Relevance" / "relevance").
    // An acronym alone ("IRS") is left to the acronym rules; "The WDA" starts with no name word.
    if (words.every((t) => t.acronym) || lex.connectors.has(words[0].norm) || lex.sentenceStarters.has(words[0].text)) continue;
    const content = words.filter((t) => !lex.connectors.has(t.norm));
    if (!content.length || !content.every((t) => t.cap && !lex.sentenceStarters.has(t.text) && !stats.lower.has(t.text.toLowerCase()))) continue;
    if (lex.countries.has(words.map((t) => t.norm).join(" "))) continue;
    // "JDE Peet’s": a possessive written in the heading is part of the name (marked by a last "'s").
    names.push(words[words.length - 1].possessive ? [...words.map((t) => t.text), POSSESSIVE] : words.map((t) => t.text));
  }
  return names;
}

/** Every place a block writes one of the profile names. */
export function profileHits(doc: Doc, tokens: Token[], names: string[][]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const name of names) {
      const possessive = name[name.length - 1] === POSSESSIVE;
      const n = possessive ? name.length - 1 : name.length;
      if (tokens[i].text !== name[0] || i + n > tokens.length) continue;
      let k = 1;
      while (k < n && tokens[i + k].text === name[k] && tokens[i + k].gap === " ") k++;
      if (k < n) continue;
      const first = tokens[i], last = tokens[i + k - 1];
      const end = possessive && last.possessive ? last.end + 2 : last.end;
      hits.push(makeHit({
        kind: "name", block: first.block, start: first.start, end, surface: cleanSurface(doc.text.slice(first.start, end)),
        headType: "private", rule: "profile: a heading naming it over a paragraph it is the subject of",
      }));
      i += k - 1;
      break;
    }
  }
  return hits;
}
