// The words two recommendations are compared by: lower case, stop words and
// trigger words out, Porter stems (so "ratify", "ratifying", "ratified" meet).
// Stems are memoised: a corpus repeats the same few thousand words.
import { readFileSync } from "node:fs";
import { PorterStemmer } from "natural/lib/natural/stemmers/index.js";
import { dataFile } from "../paths.js";

let stopwords: Set<string> | undefined;

/** The shipped stop word list (src/compare/stopwords.txt), read once. */
function stopwordSet(): Set<string> {
  stopwords ??= new Set(
    readFileSync(dataFile("compare/stopwords.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l && !l.startsWith("#")),
  );
  return stopwords;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const stems = new Map<string, string>();

/** Stemmed content words of a text, in order, repeats kept (they count in TF). */
export function contentStems(text: string): string[] {
  const stop = stopwordSet();
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const word = m[0].replace(/['’]s$/, "");
    if (word.length < 2 || stop.has(word) || /^\d+$/.test(word)) continue;
    let stem = stems.get(word);
    if (stem === undefined) {
      stem = PorterStemmer.stem(word);
      stems.set(word, stem);
    }
    if (!stop.has(stem)) out.push(stem);
  }
  return out;
}
