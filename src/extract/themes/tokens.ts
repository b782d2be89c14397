// Word tokens with character offsets. Each token points to the shared forms of its
// word (words.ts), which the matcher compares.
import { CodeUnits } from "../../text/code-units.js";
import { isApostrophe } from "../../text/char-class.js";
import { isLetterAt, wordCharLength } from "./chars.js";
import { HASH_SEED, hashStep, writtenWords, type WordForms } from "./words.js";

export interface Token {
  /** The shared forms object: the same object for every occurrence of the word. */
  word: WordForms;
  /** False when punctuation other than a hyphen, slash or apostrophe separates it from the
   * previous word: a phrase never runs across a comma, bracket or full stop. */
  joined: boolean;
  /** Offsets into the tokenised text, end exclusive. */
  start: number;
  end: number;
}

/** Tokens of one text as parallel typed arrays: the matcher reuses one buffer for every
 * segment, so coding a corpus allocates no object per word. */
export class TokenList {
  n = 0;
  /** Each token's word by its number in the table of written words (words.ts). */
  ids = new Int32Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** 1 when a phrase may run from the previous word into this one (see Token.joined). */
  joined = new Uint8Array(256);

  /** The forms of token i's word (shared by every occurrence of the word). */
  word(i: number): WordForms {
    return wordsById[this.ids[i]];
  }

  private push(id: number, start: number, end: number, joined: boolean): void {
    if (this.n === this.starts.length) this.grow(this.n * 2);
    this.ids[this.n] = id;
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.joined[this.n] = joined ? 1 : 0;
    this.n++;
  }

  private grow(size: number): void {
    const ids = new Int32Array(size), starts = new Int32Array(size), ends = new Int32Array(size), joined = new Uint8Array(size);
    ids.set(this.ids);
    starts.set(this.starts);
    ends.set(this.ends);
    joined.set(this.joined);
    this.ids = ids;
    this.starts = starts;
    this.ends = ends;
    this.joined = joined;
  }

  /** Splits `text` into words, replacing what the list held. Words are runs of letters and
   * digits; an apostrophe followed by a letter stays inside a word ("don't", "d'identité"),
   * and a possessive "'s" is dropped so "women's" matches "women". */
  scan(text: string): this {
    writtenWords.startText();
    this.n = 0;
    this.append(text, codeUnits.of(text), 0, text.length);
    return this;
  }

  /**
   * Adds the words of text[from, to) after those the list holds, with offsets into `text`
   * (`codes` are text's code units): a document's blocks are scanned one by one into one list.
   * Does not start the word table again (see WordTable.startText): the caller does, before the
   * first text of the list. A word never runs across `from` or `to` when white space or the
   * text's edge is there, so the words of a block are the words of the block's text alone.
   */
  append(text: string, codes: Uint16Array, from: number, to: number): void {
    // Room for a word every six characters at once (English averages one per 6-7), rather
    // than doubling a dozen times through a long paragraph.
    const room = Math.ceil(this.n + (to - from) / 6);
    if (this.starts.length < room) this.grow(Math.max(room, this.starts.length * 2));
    let i = from, prevEnd = -1;
    while (i < to) {
      if (!wordCharLength(codes, i, to)) {
        i++;
        continue;
      }
      let start = i;
      // The word is hashed as it is read (see words.ts), and its hash before its last
      // apostrophe kept for when a possessive "'s" is dropped.
      let hash = HASH_SEED, beforeApostrophe = HASH_SEED;
      for (;;) {
        const w = i < to ? wordCharLength(codes, i, to) : 0;
        if (w) {
          hash = hashStep(hash, codes[i]);
          if (w === 2) hash = hashStep(hash, codes[i + 1]);
          i += w;
        } else if (i + 1 < to && isApostrophe(codes[i]) && isLetterAt(codes, i + 1, to)) {
          if (isElision(codes, start, i)) {
            // French elided article or pronoun ("l'OIM", "d'asile", "qu'il"): the word is what follows it.
            start = i + 1;
            hash = HASH_SEED;
            i += 1;
            continue;
          }
          beforeApostrophe = hash;
          hash = hashStep(hash, codes[i]);
          i += 1;
        } else break;
      }
      let end = i;
      if (end - start >= 3 && isApostrophe(codes[end - 2]) && (codes[end - 1] | 32) === 115) {
        end -= 2; // 's
        hash = beforeApostrophe;
      }
      const joined = prevEnd < 0 || (start === prevEnd + 1 && codes[prevEnd] === 32) || gapJoins(text, codes[prevEnd], prevEnd, start);
      this.push(writtenWords.find(codes, start, end, hash, text), start, end, joined);
      prevEnd = end;
    }
  }
}

/** Is codes[from, to) a French elided word, written before an apostrophe: c' d' j' l' m' n' s' t'
 * qu' (and jusqu' lorsqu' puisqu')? English has none of these before an apostrophe and a letter
 * except in names ("d'Ivoire"), where dropping it changes nothing a term can tell. */
export function isElision(codes: Uint16Array | string, from: number, to: number): boolean {
  const at = (k: number) => (typeof codes === "string" ? codes.charCodeAt(k) : codes[k]) | 32;
  const n = to - from;
  if (n === 1) return ELIDED_LETTERS.includes(at(from));
  if (at(to - 2) !== 113 || at(to - 1) !== 117) return false; // ...qu
  if (n === 2) return true;
  const word = String.fromCharCode(...Array.from({ length: n }, (_, k) => at(from + k)));
  return word === "jusqu" || word === "lorsqu" || word === "puisqu";
}
const ELIDED_LETTERS = [..."cdjlmnst"].map((c) => c.charCodeAt(0));

/** Shared by every list: a scan runs to completion and keeps nothing of it. */
const codeUnits = new CodeUnits();
const wordsById = writtenWords.byId;

// What may stand between two words of one phrase: spaces, hyphens, slashes, a dropped "'s",
// a dropped French elision ("demandeurs d'asile" is the phrase "demandeurs asile").
// Sticky and unanchored, tried at the gap's start: it stops at the next word's first letter,
// so it reaches the gap's end exactly when the whole gap qualifies (and slices nothing).
const PHRASE_GAP = /(?:['’]s)?[\s\-‐‑–/]*(?:(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’])?/iuy;

/** Can a phrase run across text[from, to), whose first code unit is `first`? Quick "no" on the usual comma or full stop. */
function gapJoins(text: string, first: number, from: number, to: number): boolean {
  if (first === 44 || first === 46 || first === 59 || first === 58 || first === 41 || first === 40) return false; // , . ; : ) (
  PHRASE_GAP.lastIndex = from;
  return PHRASE_GAP.test(text) && PHRASE_GAP.lastIndex === to;
}

/** The words of a text as objects (for code that is not on the hot path). */
export function tokenize(text: string): Token[] {
  const list = new TokenList().scan(text);
  const out: Token[] = [];
  for (let i = 0; i < list.n; i++) out.push({ word: list.word(i), joined: list.joined[i] === 1, start: list.starts[i], end: list.ends[i] });
  return out;
}
