// Word tokens with character offsets, and the normalised forms the matcher
// compares: lower case, spelling-normalised (British/American), and stem.
// Stems are memoised: a corpus repeats the same few thousand words.
import { PorterStemmer } from "natural/lib/natural/stemmers/index.js";

/** The forms of one written word, computed once per distinct word and shared by its tokens. */
export interface WordForms {
  /** The word as written (a possessive "'s" is left out). */
  raw: string;
  /** Lower case with British/American spelling folded ("labour" -> "labor"). */
  lower: string;
  /** Lower case as written (wildcards try it too, so "organis*" still matches "organisation"). */
  plain: string;
  /** Stem of `lower`, filled in on first use. */
  stemmed?: string;
}

/** The shared per-word object also carries one matcher's lookup result for the word
 * (a property read is cheaper than a map lookup on the hot path). */
export interface CachedWord extends WordForms {
  cacheOwner?: object;
  cached?: unknown;
}

export interface Token {
  /** The shared forms object: the same object for every occurrence of the word (a cache slot). */
  word: CachedWord;
  /** False when punctuation other than a hyphen, slash or apostrophe separates it from the
   * previous word: a phrase never runs across a comma, bracket or full stop. */
  joined: boolean;
  /** Offsets into the tokenised text, end exclusive. */
  start: number;
  end: number;
}

/** Tokens of one text as parallel arrays: the matcher reuses one buffer for every
 * segment, so coding a corpus allocates no object per word. */
export class TokenList {
  n = 0;
  words: CachedWord[] = [];
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** 1 when a phrase may run from the previous word into this one (see Token.joined). */
  joined = new Uint8Array(256);

  private push(word: CachedWord, start: number, end: number, joined: boolean): void {
    if (this.n === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (k) => new Int32Array(k));
      this.ends = grow(this.ends, (k) => new Int32Array(k));
      this.joined = grow(this.joined, (k) => new Uint8Array(k));
    }
    this.words[this.n] = word;
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.joined[this.n] = joined ? 1 : 0;
    this.n++;
  }

  /** Splits `text` into words, replacing what the list held. Words are runs of letters and
   * digits; an apostrophe followed by a letter stays inside a word ("don't", "d'identité"),
   * and a possessive "'s" is dropped so "women's" matches "women". */
  scan(text: string): this {
    this.n = 0;
    const len = text.length;
    let i = 0, prevEnd = -1;
    while (i < len) {
      let w = wordCharLength(text, i);
      if (!w) {
        i++;
        continue;
      }
      const start = i;
      i += w;
      for (;;) {
        if (i < len && (w = wordCharLength(text, i))) i += w;
        else if (i + 1 < len && isApostrophe(text.charCodeAt(i)) && isLetterAt(text, i + 1)) i += 1;
        else break;
      }
      let end = i;
      if (end - start >= 3 && isApostrophe(text.charCodeAt(end - 2)) && (text.charCodeAt(end - 1) | 32) === 115) end -= 2; // 's
      const joined = prevEnd < 0 || (start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32) || gapJoins(text, prevEnd, start);
      this.push(formsOf(text.slice(start, end)), start, end, joined);
      prevEnd = end;
    }
    return this;
  }
}

const isApostrophe = (c: number) => c === 39 || c === 0x2019;

// Non-ASCII characters are classified once each, by Unicode property.
const LETTER = /^\p{L}$/u, LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const classMemo = new Map<number, number>(); // code point -> 0 other, 1 digit-like, 2 letter
function classOf(cp: number): number {
  let k = classMemo.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = LETTER.test(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 0;
    classMemo.set(cp, k);
  }
  return k;
}
/** Length in code units of the letter or digit at i (2 for an astral character), or 0. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  const cp = text.codePointAt(i)!;
  return classOf(cp) ? (cp > 0xffff ? 2 : 1) : 0;
}
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return classOf(text.codePointAt(i)!) === 2;
}

// What may stand between two words of one phrase: spaces, hyphens, slashes, a dropped "'s".
const PHRASE_GAP = /^(?:['’]s)?[\s\-‐‑–/]*$/u;

const formsMemo = new Map<string, CachedWord>();
function formsOf(raw: string): CachedWord {
  let forms = formsMemo.get(raw);
  if (!forms) {
    const plain = raw.toLowerCase().replace(/’/g, "'"); // one apostrophe: "d’identité" = "d'identité"
    // Every field present from the start: one object shape keeps the matcher's property reads fast.
    formsMemo.set(raw, (forms = { raw, plain, lower: foldSpelling(plain), stemmed: undefined, cacheOwner: undefined, cached: undefined }));
  }
  return forms;
}

/** Can a phrase run across text[from, to)? Quick "no" on the usual comma or full stop. */
function gapJoins(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  if (c === 44 || c === 46 || c === 59 || c === 58 || c === 41 || c === 40) return false; // , . ; : ) (
  return PHRASE_GAP.test(text.slice(from, to));
}

/** The words of a text as objects (for code that is not on the hot path). */
export function tokenize(text: string): Token[] {
  const list = new TokenList().scan(text);
  const out: Token[] = [];
  for (let i = 0; i < list.n; i++) out.push({ word: list.words[i], joined: list.joined[i] === 1, start: list.starts[i], end: list.ends[i] });
  return out;
}

// Folding applied identically to codebook terms and to text, so a rule
// written in either spelling matches both ("organisation" / "organization").
const SPELLING: Array<[RegExp, string]> = [
  [/(?<=\p{L}{3})is(e|es|ed|ing|ation|ations|er|ers)$/u, "iz$1"],
  [/^(lab|fav|neighb|behavi|hon|col|harb|rum|vig)our/u, "$1or"],
  [/(?<=^(cent|met|lit|fib|theat))re(s?)$/u, "er$2"],
  [/^programme(s?)$/u, "program$1"],
  [/^(defen|licen|offen)ce(s?)$/u, "$1se$2"],
  [/^judgement(s?)$/u, "judgment$1"],
];

const foldMemo = new Map<string, string>();
export function foldSpelling(lower: string): string {
  let out = foldMemo.get(lower);
  if (out !== undefined) return out;
  out = lower;
  for (const [re, by] of SPELLING) out = out.replace(re, by);
  foldMemo.set(lower, out);
  return out;
}

const stemMemo = new Map<string, string>();
/** Porter stem of an already lower-cased, spelling-folded word, memoised. */
export function stem(lower: string): string {
  let s = stemMemo.get(lower);
  if (s === undefined) {
    s = PorterStemmer.stem(lower);
    stemMemo.set(lower, s);
  }
  return s;
}
