// Spelling-tolerant keys for names. Two spellings of one name must get the same
// key ("International Organisation for Migration" / "International Organization
// for Migration"); two different names should not.

import { ownCopy } from "../../text/own-copy.js";

// Words repeat a lot: normalising each distinct word once is most of the speed.
// The caches keep their own copies of the strings (ownCopy): never the text they were cut from.
const normCache = new Map<string, string>();

/** Lower-case, accents removed, British/American and EN/FR spellings unified. */
export function normWord(word: string): string {
  let n = normCache.get(word);
  if (n === undefined) {
    if (normCache.size > 200_000) normCache.clear();
    const own = ownCopy(word);
    normCache.set(own, (n = computeNorm(own)));
  }
  return n;
}

function computeNorm(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/isation(s?)$/, "ization$1")
    .replace(/^centre(s?)$/, "center$1")
    .replace(/^programme(s?)$/, "program$1")
    .replace(/^labour$/, "labor")
    .replace(/^defence$/, "defense")
    .replace(/^&$/, "and")
    .replace(/^fora$/, "forum")
    .replace(/^lab$/, "laboratory");
}

/** A word: letters/digits joined by . & - or an inner apostrophe; a plural possessive keeps its apostrophe. */
export const WORD_PATTERN = String.raw`[\p{L}\p{N}]+(?:(?:[.&-]|['’](?![sS]\b))[\p{L}\p{N}]+)*(?:(?<=[sS])['’](?![\p{L}\p{N}]))?`;
const WORD = new RegExp(WORD_PATTERN, "gu");

const wordsCache = new Map<string, string[]>();

/** The words of a name, normalised; "the" dropped (the scorer ignores it too). */
export function nameWords(name: string): string[] {
  let w = wordsCache.get(name);
  if (w === undefined) {
    if (wordsCache.size > 50_000) wordsCache.clear();
    const own = ownCopy(name);
    wordsCache.set(own, (w = (own.match(WORD) ?? []).map(normWord).filter((x) => x !== "the")));
  }
  return w;
}

const keyCache = new Map<string, string>();

/** Canonical key of a name: its normalised words joined by one space. */
export function nameKey(name: string): string {
  let k = keyCache.get(name);
  if (k === undefined) {
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(ownCopy(name), (k = nameWords(name).join(" ")));
  }
  return k;
}

/**
 * A coarser key that survives small spelling variants ("Africa Union" /
 * "African Union", "Alianza" / "Allianza"): per word, letters only, doubled
 * letters collapsed, vowels after the first letter dropped, a final n or s
 * dropped. Used for fuzzy matching of names of two words or more only.
 */
export function skeletonKey(name: string): string {
  return nameWords(name)
    .map((w) => {
      const letters = w.replace(/[^a-z0-9]/g, "").replace(/(.)\1+/g, "$1");
      const skel = letters.slice(0, 1) + letters.slice(1).replace(/[aeiouy]/g, "");
      return skel.length > 2 ? skel.replace(/s$/, "").replace(/n$/, "") : skel;
    })
    .join(" ");
}

/** True for a token shaped like an acronym: IOM, UNHCR, ITC-ILO, UN-Habitat, MiDL, G77. */
export function looksLikeAcronym(token: string): boolean {
  if (token.length < 2 || token.length > 14) return false;
  const upper = token.match(/\p{Lu}/gu)?.length ?? 0;
  if (upper < 2 && !/^\p{Lu}\d+$/u.test(token)) return false;
  if (!/^\p{Lu}/u.test(token)) return false;
  // Mostly capitals: at least half of the letters before any hyphen.
  const head = token.split("-")[0];
  const letters = head.match(/\p{L}/gu)?.length ?? 0;
  const headUpper = head.match(/\p{Lu}/gu)?.length ?? 0;
  return headUpper >= 2 ? headUpper * 2 >= letters : /\d/.test(head);
}
