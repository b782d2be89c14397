// The forms of a written word the matcher compares (lower case, spelling-normalised
// British/American, stem), computed once per distinct word: a corpus repeats the same
// few thousand words, so every token of a word shares one object.
// The English Porter stemmer's own module: natural's stemmers/index.js loads the stemmers of
// every language (a tenth of a second at start-up, in each thread).
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { ownCopy, WordMemo } from "../../text/own-copy.js";

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

// FNV-1a over UTF-16 code units: the scanner hashes a word as it reads it.
export const HASH_SEED = 0x811c9dc5 | 0;
export const hashStep = (hash: number, unit: number) => Math.imul(hash ^ unit, 0x01000193);

/**
 * Every distinct word ever written, found from its code units: a token costs no string
 * slice and no Map hashing of a fresh string, only the hash the scanner computed while
 * reading it (open addressing, at most half full). A probe is verified against a copy of
 * the word's code units kept in one typed array. Only a new word is sliced.
 * Each word has a number (its index in `byId`): token lists hold numbers in typed arrays,
 * since a JavaScript array of a long paragraph's million word objects cost more to grow
 * and for the garbage collector to scan than the whole tokenising.
 */
export class WordTable {
  /** The words by number, in order of first sight (since the table last started again). */
  readonly byId: WordForms[] = [];
  /** Counts the times the table started again: word numbers from before are void. */
  generation = 0;
  private hashes = new Int32Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  private words: Array<WordForms | null> = new Array<WordForms | null>(1 << 12).fill(null);
  /** Where each slot's code units start in `units`, and how many. */
  private unitsAt = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private units = new Uint16Array(1 << 15);
  private unitsUsed = 0;
  private size = 0;

  /**
   * At most about `maxWords` words are kept: a corpus of thousands of different documents
   * brings new words (names, numbers, typos) with every one of them, and the table would
   * otherwise grow with the corpus. Past that many, the next text scanned starts it again
   * empty (startText); words are then made again as they come: the same forms, in new objects.
   */
  constructor(private readonly maxWords = 100_000) {}

  get distinctWords(): number {
    return this.size;
  }

  /**
   * Called before a text is scanned into a token list: the one point where the table may start
   * again, since token lists hold word numbers (a number is void once the table starts again).
   */
  startText(): void {
    if (this.size >= this.maxWords) this.clear();
  }

  /** The number of the word whose code units are codes[start, end), hashing to `hash`; `text` holds the same units. */
  find(codes: Uint16Array, start: number, end: number, hash: number, text: string): number {
    const mask = this.words.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.words[slot];
      if (word === null) return this.add(slot, hash, codes, start, end, text);
      if (this.hashes[slot] === hash && this.lengths[slot] === end - start && this.sameUnits(this.unitsAt[slot], codes, start, end)) return this.ids[slot];
    }
  }

  private sameUnits(at: number, codes: Uint16Array, start: number, end: number): boolean {
    const units = this.units;
    for (let k = start; k < end; k++, at++) if (units[at] !== codes[k]) return false;
    return true;
  }

  private add(slot: number, hash: number, codes: Uint16Array, start: number, end: number, text: string): number {
    const length = end - start;
    if (this.unitsUsed + length > this.units.length) {
      const more = new Uint16Array(Math.max(this.unitsUsed + length, this.units.length * 2));
      more.set(this.units);
      this.units = more;
    }
    this.units.set(codes.subarray(start, end), this.unitsUsed);
    const word = formsOf(ownCopy(text.slice(start, end))); // kept for the run: not a view into `text` (own-copy.ts)
    const id = this.byId.length;
    this.byId.push(word);
    this.hashes[slot] = hash;
    this.ids[slot] = id;
    this.words[slot] = word;
    this.unitsAt[slot] = this.unitsUsed;
    this.lengths[slot] = length;
    this.unitsUsed += length;
    if (++this.size * 2 > this.words.length) this.rehash();
    return id;
  }

  private clear(): void {
    this.byId.length = 0; // the same array: token lists read words through it
    this.generation++;
    this.hashes = new Int32Array(1 << 12);
    this.ids = new Int32Array(1 << 12);
    this.words = new Array<WordForms | null>(1 << 12).fill(null);
    this.unitsAt = new Int32Array(1 << 12);
    this.lengths = new Int32Array(1 << 12);
    this.units = new Uint16Array(1 << 15);
    this.unitsUsed = 0;
    this.size = 0;
  }

  private rehash(): void {
    const { hashes, ids, words, unitsAt, lengths } = this;
    const size = words.length * 2, mask = size - 1;
    this.hashes = new Int32Array(size);
    this.ids = new Int32Array(size);
    this.words = new Array<WordForms | null>(size).fill(null);
    this.unitsAt = new Int32Array(size);
    this.lengths = new Int32Array(size);
    for (let k = 0; k < words.length; k++) {
      if (words[k] === null) continue;
      let slot = hashes[k] & mask;
      while (this.words[slot] !== null) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[k];
      this.ids[slot] = ids[k];
      this.words[slot] = words[k];
      this.unitsAt[slot] = unitsAt[k];
      this.lengths[slot] = lengths[k];
    }
  }
}

/** The one table of the process: every matcher and every text share its word objects. */
export const writtenWords = new WordTable();

function formsOf(raw: string): WordForms {
  const plain = raw.toLowerCase().replace(/’/g, "'"); // one apostrophe: "d’identité" = "d'identité"
  // Every field present from the start: one object shape keeps the matcher's property reads fast.
  return { raw, plain, lower: foldSpelling(plain), stemmed: undefined };
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

const FOLDED = new WordMemo((lower) => {
  let out = lower;
  for (const [re, by] of SPELLING) out = out.replace(re, by);
  return out;
}, 100_000);

/** A lower-case word in the one spelling both of its spellings fold to ("organisation" -> "organization"). */
export function foldSpelling(lower: string): string {
  return FOLDED.get(lower);
}

const STEMS = new WordMemo((lower) => PorterStemmer.stem(lower), 100_000);

/** Porter stem of an already lower-cased, spelling-folded word, memoised. */
export function stem(lower: string): string {
  return STEMS.get(lower);
}
