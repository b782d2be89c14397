// Words of a document with their offsets and the few facts the detectors need:
// capitalised or not, acronym-shaped, first word of a sentence, possessive,
// part of a SHOUTED heading, and what separates a word from the previous one.
import type { Block, Doc } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { looksLikeAcronym, normWord, WORD_PATTERN } from "./normalize.js";

export interface Token {
  /** Surface without a possessive 's. */
  text: string;
  start: number;
  end: number;
  norm: string;
  cap: boolean;
  acronym: boolean;
  /** Inside a run of three or more all-capital words separated by spaces: a shouted heading, not names. */
  shout: boolean;
  sentStart: boolean;
  /** Followed by 's: "Oxford's Centre" is two names. */
  possessive: boolean;
  /** Text between the previous token and this one. */
  gap: string;
  block: number;
}

// A word (letters/digits joined by ' . & -), an optional possessive, or a lone "&".
// "Migrants'" keeps its apostrophe (plural possessive inside names); "Oxford's" loses its 's.
const WORD = new RegExp(String.raw`(${WORD_PATTERN})(['’][sS]\b)?|&`, "gu");
// File names and web addresses are not names ("Background_Papers.pdf").
const FILE_LIKE = /\.(?:pdf|docx?|html?|org|com|net|int|eu)$/i;

export function tokenizeBlock(block: Block): Token[] {
  const tokens: Token[] = [];
  const sentenceStarts = block.sentences.map((s) => s.start);
  let nextSentence = 0;
  let prevEnd = 0;
  for (const m of block.text.matchAll(WORD)) {
    const text = m[1] ?? "&";
    const start = block.start + m.index!;
    let sentStart = tokens.length === 0;
    while (nextSentence < sentenceStarts.length && sentenceStarts[nextSentence] <= start) {
      sentStart = true;
      nextSentence++;
    }
    const gap = block.text.slice(prevEnd, m.index!);
    // A word after a colon or an opening quote also starts a sentence-like unit.
    if (/[:"“«]\s*$/.test(gap)) sentStart = true;
    tokens.push({
      text, start, end: start + text.length, norm: normWord(text),
      cap: /^\p{Lu}/u.test(text) && !FILE_LIKE.test(text), acronym: looksLikeAcronym(text),
      shout: false, sentStart, possessive: !!m[2], gap, block: block.index,
    });
    prevEnd = m.index! + m[0].length;
  }
  markShouting(tokens);
  return tokens;
}

function markShouting(tokens: Token[]): void {
  const isUpperWord = (t: Token) => /\p{Lu}/u.test(t.text) && !/\p{Ll}/u.test(t.text) && t.text.length > 1;
  let runStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const continues = i < tokens.length && isUpperWord(tokens[i]) && (i === runStart || /^[\s*_]*$/.test(tokens[i].gap));
    if (continues) continue;
    if (i - runStart >= 3) for (let j = runStart; j < i; j++) tokens[j].shout = true;
    runStart = i < tokens.length && isUpperWord(tokens[i]) ? i : i + 1;
  }
}

/** Per-document word habits: which words are written capitalised mid-sentence, which in lower case. */
export interface WordStats {
  capMid: Set<string>;
  lower: Set<string>;
}

export function wordStats(allTokens: Token[][]): WordStats {
  const capMid = new Set<string>(), lower = new Set<string>();
  for (const tokens of allTokens)
    for (const t of tokens) {
      if (!t.cap) lower.add(t.norm);
      else if (!t.sentStart) capMid.add(t.norm);
    }
  return { capMid, lower };
}

/**
 * A capitalised word that only starts a sentence and is otherwise written in
 * lower case ("Recently", "Special") cannot begin a name.
 */
export function isCommonStarter(t: Token, stats: WordStats, lex: Lexicon): boolean {
  if (lex.sentenceStarters.has(t.text)) return true;
  return t.sentStart && !t.acronym && stats.lower.has(t.norm) && !stats.capMid.has(t.norm);
}

export function tokenizeDoc(doc: Doc): Token[][] {
  return doc.blocks.map(tokenizeBlock);
}
