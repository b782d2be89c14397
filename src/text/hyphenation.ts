// Words hyphenated across a line break: "migra-" / "tion" is one word broken
// by typesetting, "long-" / "term" is a compound whose hyphen is real. We
// decide with evidence, strongest first:
//   1. the document's own spelling (it writes "migration" or "long-term" elsewhere);
//   2. a data list of real hyphen prefixes and second parts (src/text/hyphen-prefixes.txt);
//   3. a fallback: join, unless both halves are words the document uses on their own.
import { readFileSync } from "node:fs";
import { dataFile } from "../paths.js";
import { isSpaceCode } from "./char-class.js";

interface HyphenLists {
  firstParts: Set<string>;
  secondParts: Set<string>;
}

let lists: HyphenLists | undefined;

function hyphenLists(): HyphenLists {
  if (lists) return lists;
  const firstParts = new Set<string>();
  const secondParts = new Set<string>();
  for (const raw of readFileSync(dataFile("text/hyphen-prefixes.txt"), "utf8").split("\n")) {
    const line = raw.trim().toLowerCase();
    if (!line || line.startsWith("#")) continue;
    if (line.endsWith("-")) firstParts.add(line.slice(0, -1));
    else if (line.startsWith("-")) secondParts.add(line.slice(1));
  }
  return (lists = { firstParts, secondParts });
}

/** What the hyphen rules ask of a document's vocabulary: a Set of words, or a TextLexicon. */
export interface WordLookup {
  has(word: string): boolean;
}

/**
 * The lower-cased words of a text, hyphenated compounds kept whole
 * ("long-term") and their parts added too ("long", "term"). Fragments of
 * words broken at a line end ("migra-" / "tion") are left out: they are the
 * very thing being decided, not evidence.
 */
export function vocabularyOf(text: string): Set<string> {
  const words = new Set<string>();
  // Glue each "letter-hyphen-line break-letter" into one token holding a NUL, then drop such tokens.
  const marked = text.toLowerCase().replace(LINE_BREAK_HYPHEN_RE, "$1\u0000$2");
  for (const word of marked.match(WORD_OR_BROKEN_RE) ?? []) {
    if (word.includes("\u0000")) continue;
    words.add(word);
    if (word.includes("-")) for (const part of word.split("-")) words.add(part);
  }
  return words;
}

const LINE_BREAK_HYPHEN_RE = /(\p{L})-[ \t]*\n\s*(\p{L})/gu;
// A word, possibly a hyphenated compound ("long-term"; "demandeurs-d'asile" stops at the apostrophe),
// or a word broken at a line end (holding the NUL mark).
const WORD_OR_BROKEN_RE = /[\p{L}\u0000]+(?:-[\p{L}\u0000]+)*/gu;

/**
 * The same answers as `vocabularyOf(text)`, found by searching the text for
 * the few words asked about instead of listing all its words: a document
 * usually has a handful of line-break hyphens, and listing every word of it
 * for them cost a fifth of the text stage.
 */
export class TextLexicon implements WordLookup {
  /** The text lower-cased, in pieces (see lowerPieces). */
  private lower?: string[];
  private answers = new Map<string, boolean>();

  /** `pieceChars`: the text is lower-cased in pieces of about this many characters (see lowerPieces). */
  constructor(private readonly text: string, private readonly pieceChars = 16 * 1024) {}

  has(word: string): boolean {
    let known = this.answers.get(word);
    if (known === undefined) this.answers.set(word, (known = this.occurs(word.toLowerCase())));
    return known;
  }

  private occurs(word: string): boolean {
    // No piece boundary can be inside a word without a line break (see lowerPieces).
    if (word.includes("\n")) return occursIn(this.text.toLowerCase(), word);
    return (this.lower ??= lowerPieces(this.text, this.pieceChars)).some((piece) => occursIn(piece, word));
  }
}

/** Does the (lower-cased) text hold the word, as a whole word that is not half of one broken at a line end? */
function occursIn(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const end = i + word.length;
    if (isLetter(text, i - 1) || isLetter(text, end)) continue; // inside a longer word
    if (brokenBefore(text, i) || brokenAfter(text, end)) continue; // half of a word broken at a line end
    return true;
  }
  return false;
}

/**
 * The text lower-cased in pieces of about `pieceChars` characters, where occursIn on each
 * piece answers as on the whole text. Why: a lower-cased copy of a long text is a string in
 * its own memory mapping, about a millisecond for a 100K-character page; pieces are cheap.
 * A piece ends with a line break (lower-casing reads no context across one, and no word
 * holds one), and the last character other than a space before the cut is no hyphen, so no
 * "-\n" that brokenBefore and brokenAfter look for reaches across it.
 */
function lowerPieces(text: string, pieceChars: number): string[] {
  const pieces: string[] = [];
  let from = 0;
  while (text.length - from > 2 * pieceChars) {
    const cut = nextCut(text, from + pieceChars);
    if (cut < 0) break;
    pieces.push(text.slice(from, cut).toLowerCase());
    from = cut;
  }
  pieces.push((from ? text.slice(from) : text).toLowerCase());
  return pieces;
}

/** The first place at or after `at` where lowerPieces may cut the text, or -1. */
function nextCut(text: string, at: number): number {
  for (let newline = text.indexOf("\n", at); newline >= 0; newline = text.indexOf("\n", newline + 1)) {
    const cut = newline + 1;
    // Each run of spaces is read back once: only from a cut followed by a character other than a space.
    if (cut >= text.length || isSpaceCode(text.charCodeAt(cut))) continue;
    let j = newline - 1;
    while (j >= 0 && isSpaceCode(text.charCodeAt(j))) j--;
    if (text[j] !== "-") return cut;
  }
  return -1;
}

const isLetter = (text: string, i: number) => i >= 0 && i < text.length && /\p{L}/u.test(text[i]);

/** "-\n" (with spaces) just before `i`, after a letter: `i` starts the second half of a broken word. */
function brokenBefore(text: string, i: number): boolean {
  let j = i - 1, sawNewline = false;
  for (; j >= 0 && /\s/.test(text[j]); j--) if (text[j] === "\n") sawNewline = true;
  return sawNewline && text[j] === "-" && isLetter(text, j - 1);
}

/** "-" then white space holding a line break right after `end`, and a letter after it. */
function brokenAfter(text: string, end: number): boolean {
  if (text[end] !== "-") return false;
  let j = end + 1, sawNewline = false;
  for (; j < text.length && /\s/.test(text[j]); j++) if (text[j] === "\n") sawNewline = true;
  return sawNewline && isLetter(text, j);
}

/**
 * The word that `left-` at the end of one line and `right` at the start of
 * the next stand for: `long-` + `term` -> "long-term", `migra-` + `tion` ->
 * "migration". `vocabulary` holds the document's lower-cased words (see
 * `vocabularyOf`). Case is kept as written.
 */
export function joinLineBreakHyphen(left: string, right: string, vocabulary: WordLookup): string {
  const joined = left + right;
  const hyphenated = left + "-" + right;
  // "COVID-" + "19", "Franco-" + "German", "non-" + "Nigerien": a capital or digit after the break is never a word's middle.
  if (/^[\p{Lu}\p{N}]/u.test(right) && !/^\p{Lu}+$/u.test(left + right)) return hyphenated;
  if (/\p{N}$/u.test(left)) return hyphenated;

  const l = left.toLowerCase();
  const r = right.toLowerCase();
  const knowsJoined = vocabulary.has(l + r);
  const knowsHyphenated = vocabulary.has(l + "-" + r);
  if (knowsHyphenated) return hyphenated;
  if (knowsJoined) return joined;

  const { firstParts, secondParts } = hyphenLists();
  // "high-" + "er" is a broken word, "high-" + "level" a compound: the second half must be a word.
  if (firstParts.has(l) && (r.length >= 4 || vocabulary.has(r))) return hyphenated;
  if (secondParts.has(r)) return hyphenated;

  // Both halves are words the document uses on their own ("decision-" + "making"): a compound.
  // Short halves are left out: "with-" + "out", "can-" + "not" are words broken at a syllable.
  if (l.length >= 4 && r.length >= 4 && vocabulary.has(l) && vocabulary.has(r)) return hyphenated;
  return joined;
}
