// Words of a document with their offsets and the few facts the detectors need:
// capitalised or not, acronym-shaped, first word of a sentence, possessive,
// part of a SHOUTED heading, and what separates a word from the previous one.
import type { Block, Doc } from "../../types.js";
import { CodeUnits } from "../../text/code-units.js";
import { isApostrophe } from "../../text/char-class.js";
import { WordMemo } from "../../text/own-copy.js";
import type { Lexicon } from "./lexicon.js";
import { looksLikeAcronym, normWord } from "./normalize.js";
import { eachOccurrence } from "./search.js";

export interface Token {
  /** Surface without a possessive 's. */
  text: string;
  start: number;
  end: number;
  norm: string;
  cap: boolean;
  acronym: boolean;
  /** All capitals (two letters or more). */
  upper: boolean;
  /** Inside a run of three or more all-capital words separated by spaces: a shouted heading, not names. */
  shout: boolean;
  sentStart: boolean;
  /** Followed by 's: "Oxford's Centre" is two names. */
  possessive: boolean;
  /** Text between the previous token and this one. */
  gap: string;
  block: number;
}

// File names and web addresses are not names ("Background_Papers.pdf").
const FILE_LIKE = /\.(?:pdf|docx?|html?|org|com|net|int|eu)$/i;

// Letter-or-digit by UTF-16 code unit, computed once: a hand-written scanner is
// several times faster than a Unicode regex over every word of the corpus.
const WORD_CHAR = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (/[\p{L}\p{N}]/u.test(String.fromCharCode(c))) WORD_CHAR[c] = 1;
// Where skipping stops: a capital, "&", or any letter beyond ASCII (native search, so fast).
const NEXT_CAPITAL = /[A-Z&\u00C0-\uFFFF]/g;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
function isUpperRun(units: Uint16Array, s: number, e: number): boolean {
  if (e - s < 2) return false;
  for (let k = s; k < e; k++) if (!isUpper(units[k])) return false;
  return true;
}
/** An upper-case letter followed by at least three lower-case ones: "African", not "ILO" or "Habitat"... */
function isCapitalisedWord(text: string, units: Uint16Array, s: number): boolean {
  if (!isUpper(units[s])) return false;
  let k = s + 1;
  while (isLower(units[k])) k++;
  return k - s >= 4 && !WORD_CHAR[units[k]] && text.slice(s, k) !== "Habitat";
}
const isJoiner = (c: number) => c === 46 || c === 38 || c === 45; // . & -

// What /\s/ matches, by UTF-16 code unit (for the hand-written gap tests below).
const SPACE = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (/\s/.test(String.fromCharCode(c))) SPACE[c] = 1;
/** Same as /[:"“«]\s*$/.test(gap), without a regex anchored at the end. */
function endsWithOpener(gap: string): boolean {
  let k = gap.length - 1;
  while (k >= 0 && SPACE[gap.charCodeAt(k)]) k--;
  const c = gap.charCodeAt(k); // NaN when k < 0: no match
  return c === 58 || c === 34 || c === 0x201c || c === 0xab;
}

/**
 * Words as WORD_PATTERN (normalize.ts) defines them: letters/digits joined by
 * . & - or an inner apostrophe; "Migrants'" keeps its apostrophe (plural
 * possessive inside names); "Oxford's" loses its 's; a lone "&" is a word.
 */
function scanWords(text: string, units: Uint16Array, from: number, n: number, visit: (start: number, end: number, possessive: boolean, next: number) => void, skipLower = false): void {
  const at = (i: number) => (i < n ? units[i] : 0);
  let i = from;
  let lowerRun = 0;
  let capital = -1; // where NEXT_CAPITAL last matched (or n): still the next one while i has not passed it
  while (i < n) {
    const c = units[i];
    if (c === 38) { visit(i, i + 1, false, i + 1); i++; continue; }
    if (!WORD_CHAR[c]) { i++; continue; }
    // Speed: past the third lower-case word in a row, jump to the next capital
    // when it is far; no name spans that many lower-case words.
    if (skipLower && c >= 97 && c <= 122) {
      if (++lowerRun > 3) {
        if (capital < i) {
          NEXT_CAPITAL.lastIndex = i;
          // test, not exec: no match array; the match is one code unit, just before lastIndex.
          capital = NEXT_CAPITAL.test(text) ? Math.min(NEXT_CAPITAL.lastIndex - 1, n) : n;
        }
        let next = capital;
        if (next - i > 40) {
          while (next > i && WORD_CHAR[units[next - 1]]) next--; // back to the start of its word ("iPhone")
          i = next;
          lowerRun = 0;
          continue;
        }
      }
    } else lowerRun = 0;
    const start = i;
    for (;;) {
      while (i < n && WORD_CHAR[units[i]]) i++;
      const j = at(i);
      // "EU-African Union": an acronym glued to a capitalised word is two words ("ITC-ILO", "UN-Habitat" stay one).
      if (j === 45 && isUpperRun(units, start, i) && isCapitalisedWord(text, units, i + 1)) break;
      if (isJoiner(j) && WORD_CHAR[at(i + 1)]) { i++; continue; }
      // inner apostrophe (c'est, d'aide), but not a possessive 's
      if (isApostrophe(j) && WORD_CHAR[at(i + 1)] && !((at(i + 1) | 32) === 115 && !WORD_CHAR[at(i + 2)])) { i++; continue; }
      break;
    }
    let end = i;
    let possessive = false;
    const a = at(i);
    if (isApostrophe(a)) {
      if ((at(i + 1) | 32) === 115 && !WORD_CHAR[at(i + 2)]) { possessive = true; i += 2; }
      else if ((units[end - 1] | 32) === 115 && !WORD_CHAR[at(i + 1)]) { end = i + 1; i++; }
    }
    visit(start, end, possessive, i);
  }
}

/**
 * The words of a block that can be part of a name: capitalised words, digits
 * inside names, and the lower-case words `keepLower` accepts (connectors such as
 * "of", gazetteer words). Other lower-case words are only recorded in `lower`
 * (word habits) and left out, which keeps this fast; the text they occupied
 * stays in the next token's gap, so nothing joins across them.
 */
export interface LowerFilter {
  /** Cheap pre-test on (first two letters, length), so most lower-case words are never sliced. */
  keys: Set<number>;
  keep: (word: string) => boolean;
}

/** A filter keeping exactly the given lower-case words. */
export function lowerFilter(words: Iterable<string>): LowerFilter {
  const set = new Set(words);
  const keys = new Set<number>();
  for (const w of set) keys.add(lowerKey(w, 0, w.length));
  return { keys, keep: (w) => set.has(w) };
}

/**
 * First letter (7 bits: only ASCII words are looked up), second code unit and length, packed
 * below 2^30 so that the key is a small integer (a larger number is a heap allocation per word).
 * A key is a pre-test only: `keep` decides, so keys that collide cost nothing but a lookup.
 */
function lowerKey(text: string, s: number, e: number): number {
  return ((text.charCodeAt(s) & 0x7f) << 22) | ((e - s > 1 ? text.charCodeAt(s + 1) : 0) << 6) | Math.min(e - s, 63);
}

/**
 * Scans the block inside the document's text (`units`: its code units), not
 * `block.text`: block texts are a mix of sliced and copied strings, several
 * times slower to read character by character than one typed array.
 */
export function tokenizeBlock(block: Block, text: string, units: Uint16Array, keepLower?: LowerFilter): Token[] {
  const tokens: Token[] = [];
  const sentences = block.sentences;
  let nextSentence = 0;
  let prevEnd = block.start;
  let seenWord = false;
  let prevKept = false; // was the word just before this one kept?
  scanWords(text, units, block.start, block.start + block.text.length, (start, end, possessive, next) => {
    let sentStart = !seenWord;
    seenWord = true;
    while (nextSentence < sentences.length && sentences[nextSentence].start <= start) {
      sentStart = true;
      nextSentence++;
    }
    const first = units[start];
    if (keepLower && ((first >= 97 && first <= 122) || (first >= 48 && first <= 57))) {
      // A lower-case word only matters right after a kept word ("Ministry of the ..."); names start with a capital.
      if (!prevKept || !keepLower.keys.has(lowerKey(text, start, end)) || !keepLower.keep(text.slice(start, end))) { prevKept = false; return; }
    }
    prevKept = true;
    const word = text.slice(start, end);
    const gap = start > prevEnd ? text.slice(prevEnd, start) : "";
    // A word after a colon or an opening quote also starts a sentence-like unit.
    if (gap !== " " && gap && endsWithOpener(gap)) sentStart = true;
    const facts = WORD_FACTS.get(word);
    tokens.push({
      text: word, start, end, norm: facts.norm, cap: facts.cap, acronym: facts.acronym, upper: facts.upper,
      shout: false, sentStart, possessive, gap, block: block.index,
    });
    prevEnd = next;
  }, !!keepLower);
  markShouting(tokens);
  return tokens;
}

interface WordFacts { norm: string; cap: boolean; acronym: boolean; upper: boolean }

/** What a word is, computed once per distinct word (speed: most words repeat). */
const WORD_FACTS = new WordMemo(
  (text): WordFacts => ({
    norm: normWord(text),
    // File names, and words glued from several ("BackgroundPapersGlobalParliament"), are not name words.
    cap: /^\p{Lu}/u.test(text) && !FILE_LIKE.test(text) && !/(?:\p{Ll}\p{Lu}.*){3}/u.test(text),
    acronym: looksLikeAcronym(text),
    upper: /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text) && text.length > 1,
  }),
  200_000,
);

/** Same as /^[\s*_]*$/.test(gap): only spaces and markdown emphasis marks. */
function isSpaceOrEmphasis(gap: string): boolean {
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (!SPACE[c] && c !== 42 && c !== 95) return false;
  }
  return true;
}

function markShouting(tokens: Token[]): void {
  const isUpperWord = (t: Token) => t.upper;
  let runStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const continues = i < tokens.length && isUpperWord(tokens[i]) && (i === runStart || tokens[i].gap === " " || isSpaceOrEmphasis(tokens[i].gap));
    if (continues) continue;
    if (i - runStart >= 3) for (let j = runStart; j < i; j++) tokens[j].shout = true;
    runStart = i < tokens.length && isUpperWord(tokens[i]) ? i : i + 1;
  }
}

/** Per-document word habits: which words are written capitalised mid-sentence, which in lower case. */
export interface WordStats {
  capMid: Set<string>;
  lower: { has(word: string): boolean };
}

export function wordStats(allTokens: Token[][], text: string): WordStats {
  const capMid = new Set<string>();
  for (const tokens of allTokens) for (const t of tokens) if (t.cap && !t.sentStart) capMid.add(t.norm);
  // Whether a word is written in lower case somewhere: asked for few words, so searched on demand.
  const seen = new Map<string, boolean>();
  const lower = {
    has(word: string): boolean {
      let found = seen.get(word);
      if (found === undefined) {
        found = occursAsWord(text, word);
        seen.set(word, found);
      }
      return found;
    },
  };
  return { capMid, lower };
}

/** Whether `word` occurs in `text` with no word character on either side. */
function occursAsWord(text: string, word: string): boolean {
  let found = false;
  eachOccurrence(text, word, (s) => (found = !WORD_CHAR[text.charCodeAt(s - 1) || 32] && !WORD_CHAR[text.charCodeAt(s + word.length) || 32]));
  return found;
}

/**
 * A capitalised word that only starts a sentence and is otherwise written in
 * lower case ("Recently", "Special") cannot begin a name.
 */
export function isCommonStarter(t: Token, stats: WordStats, lex: Lexicon): boolean {
  if (lex.sentenceStarters.has(t.text)) return true;
  return t.sentStart && !t.acronym && !stats.capMid.has(t.norm) && stats.lower.has(t.text.toLowerCase()); // the text search last: it costs most
}

// The document's code units, in one buffer reused from document to document.
const codeUnits = new CodeUnits();

/** Tokens of every block, and the document's word habits. */
export function tokenizeDoc(doc: Doc, keepLower: LowerFilter): { tokens: Token[][]; stats: WordStats } {
  const units = codeUnits.of(doc.text);
  const tokens = doc.blocks.map((b) => tokenizeBlock(b, doc.text, units, keepLower));
  return { tokens, stats: wordStats(tokens, doc.text) };
}

/** Index of the token starting (or ending) exactly at `offset`, by binary search; undefined if none. */
export function tokenAt(tokens: Token[], offset: number, edge: "start" | "end"): number | undefined {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = tokens[mid][edge];
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1; else hi = mid - 1;
  }
  return undefined;
}
