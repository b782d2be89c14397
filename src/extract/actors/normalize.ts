// Spelling-tolerant keys for names. Two spellings of one name must get the same
// key ("International Organisation for Migration" / "International Organization
// for Migration"); two different names should not.

import { WordMemo } from "../../text/own-copy.js";

// Words repeat a lot: normalising each distinct word once is most of the speed.
const NORMS = new WordMemo(computeNorm, 200_000);

/** Lower-case, accents removed, British/American and EN/FR spellings unified. */
export function normWord(word: string): string {
  return NORMS.get(word);
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

const NAME_WORDS = new WordMemo((name) => (name.match(WORD) ?? []).map(normWord).filter((x) => x !== "the"), 50_000);

/** The words of a name, normalised; "the" dropped (the scorer ignores it too). */
export function nameWords(name: string): string[] {
  return NAME_WORDS.get(name);
}

const NAME_KEYS = new WordMemo((name) => nameWords(name).join(" "), 50_000);

/** Canonical key of a name: its normalised words joined by one space. */
export function nameKey(name: string): string {
  return NAME_KEYS.get(name);
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
