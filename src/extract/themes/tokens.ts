// Word tokens with character offsets, and the normalised forms the matcher
// compares: lower case, spelling-normalised (British/American), and stem.
// Stems are memoised: a corpus repeats the same few thousand words.
import { PorterStemmer } from "natural/lib/natural/stemmers/index.js";

export interface Token {
  /** The word as written (a possessive "'s" is left out). */
  raw: string;
  /** Lower case with British/American spelling folded ("labour" -> "labor"). */
  lower: string;
  /** Lower case as written (wildcards try it too, so "organis*" still matches "organisation"). */
  plain: string;
  /** False when punctuation other than a hyphen, slash or apostrophe separates it from the
   * previous word: a phrase never runs across a comma, bracket or full stop. */
  joined: boolean;
  /** Offsets into the tokenised text, end exclusive. */
  start: number;
  end: number;
}

// Letters and digits; an apostrophe inside a word keeps it whole ("don't"),
// while a trailing possessive "'s" is dropped so "women's" matches "women".
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const POSSESSIVE = /['’]s$/i;
// What may stand between two words of one phrase: spaces, hyphens, slashes, a dropped "'s".
const PHRASE_GAP = /^(?:['’]s)?[\s\-‐‑–/]*$/u;

const formsMemo = new Map<string, [plain: string, lower: string]>();

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    if (POSSESSIVE.test(raw)) raw = raw.slice(0, -2);
    const start = m.index!;
    let forms = formsMemo.get(raw);
    if (!forms) {
      const plain = raw.toLowerCase().replace(/’/g, "'"); // one apostrophe: "d’identité" = "d'identité"
      formsMemo.set(raw, (forms = [plain, foldSpelling(plain)]));
    }
    const [plain, lower] = forms;
    const prev = out[out.length - 1];
    // Fast path: one plain space between the words (the usual case).
    const joined = !prev || (start === prev.end + 1 && text.charCodeAt(prev.end) === 32) || PHRASE_GAP.test(text.slice(prev.end, start));
    out.push({ raw, lower, plain, joined, start, end: start + raw.length });
  }
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
