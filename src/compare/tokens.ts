// The words two recommendations are compared by: lower case, stop words and
// trigger words out, Porter stems (so "ratify", "ratifying", "ratified" meet).
// Stems are memoised: a corpus repeats the same few thousand words.
// The English Porter stemmer's own module: natural's stemmers/index.js loads the stemmers of
// every language (a tenth of a second at start-up, in each thread).
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";
import { readWordList } from "../paths.js";

let stopwords: Set<string> | undefined;

/** The shipped stop word list (src/compare/stopwords.txt), read once. */
function stopwordSet(): Set<string> {
  stopwords ??= new Set(readWordList("compare/stopwords.txt"));
  return stopwords;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** word -> its stem, or "" for a word left out; a corpus repeats the same few thousand words. */
const stems = new Map<string, string>();

/** Stemmed content words of a text, in order, repeats kept (they count in TF). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    let stem = stems.get(m[0]);
    if (stem === undefined) {
      stem = stemOf(m[0]);
      stems.set(m[0], stem);
    }
    if (stem) out.push(stem);
  }
  return out;
}

function stemOf(token: string): string {
  const stop = stopwordSet();
  const word = token.replace(/['’]s$/, "");
  if (word.length < 2 || stop.has(word) || /^\d+$/.test(word)) return "";
  const stem = PorterStemmer.stem(word);
  return stop.has(stem) ? "" : stem;
}
