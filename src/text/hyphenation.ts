// Words hyphenated across a line break: "migra-" / "tion" is one word broken
// by typesetting, "long-" / "term" is a compound whose hyphen is real. We
// decide with evidence, strongest first:
//   1. the document's own spelling (it writes "migration" or "long-term" elsewhere);
//   2. a data list of real hyphen prefixes and second parts (src/text/hyphen-prefixes.txt);
//   3. a fallback: join, unless both halves are words the document uses on their own.
import { readFileSync } from "node:fs";
import { dataFile } from "../paths.js";

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

// A word, possibly a hyphenated compound ("long-term", "demandeurs-d'asile" stops at the apostrophe).
const WORD_RE = /\p{L}+(?:-\p{L}+)*/gu;

/**
 * The lower-cased words of a text, hyphenated compounds kept whole
 * ("long-term") and their parts added too ("long", "term"). Fragments of
 * words broken at a line end ("migra-" / "tion") are left out: they are the
 * very thing being decided, not evidence.
 */
export function vocabularyOf(text: string): Set<string> {
  const words = new Set<string>();
  const lines = text.split("\n");
  let previousEndsInHyphen = false;
  for (const line of lines) {
    const endsInHyphen = /\p{L}-\s*$/u.test(line);
    const matches = [...line.matchAll(WORD_RE)];
    matches.forEach((m, i) => {
      const isBrokenTail = i === matches.length - 1 && endsInHyphen && /^-\s*$/.test(line.slice(m.index + m[0].length));
      const isBrokenHead = i === 0 && previousEndsInHyphen && !line.slice(0, m.index).trim();
      if (isBrokenTail || isBrokenHead) return;
      const word = m[0].toLowerCase();
      words.add(word);
      if (word.includes("-")) for (const part of word.split("-")) words.add(part);
    });
    if (line.trim()) previousEndsInHyphen = endsInHyphen;
  }
  return words;
}

/**
 * The word that `left-` at the end of one line and `right` at the start of
 * the next stand for: `long-` + `term` -> "long-term", `migra-` + `tion` ->
 * "migration". `vocabulary` holds the document's lower-cased words (see
 * `vocabularyOf`). Case is kept as written.
 */
export function joinLineBreakHyphen(left: string, right: string, vocabulary: Set<string>): string {
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
