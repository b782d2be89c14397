// The term language analysts write in a codebook, compiled to word patterns.
//   detention            the word and its inflections (stem): detention, detentions
//   alternatives to detention   a phrase: each word by stem, in order, hyphens and
//                        punctuation between words ignored ("cross-border" = "cross border")
//   migra*               any word starting with "migra" (at least 3 letters before *)
//   =aid                 exactly this word (any case), no stemming: not "aids", "aided"
//   IOM, RSD, SDG*       a word in capitals matches only in capitals (acronyms)
//   detain | detention   alternatives in one entry (one rule, several forms)
//   ~refugees            weak evidence: counts half a hit, so it codes a segment only
//                        together with another hit of the theme (or twice)
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { TokenList } from "./tokens.js";
import { foldSpelling, stem, type WordForms } from "./words.js";
import { cachedYaml, moduleBeside } from "../../yaml-cache.js";

export type WordPattern =
  | { kind: "stem"; value: string }
  | { kind: "exact"; value: string }
  | { kind: "case"; value: string }
  | { kind: "prefix"; value: string }
  | { kind: "caseprefix"; value: string };

/** One alternative of a term: words that must follow each other. */
export interface Phrase {
  words: WordPattern[];
  /** The term as the analyst wrote it (for `inspect` and reports). */
  source: string;
  /** Written with a leading "~": counts half a hit. */
  weak: boolean;
}

const WORD_IN_TERM = /=?[\p{L}\p{N}]+(?:['’][\p{L}]+)*\*?/gu;
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/iu;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]+$/u;

/** Why a term cannot be compiled, or null when it is fine. */
export function checkTerm(term: string): string | null {
  if (!term.trim()) return "empty term";
  for (const alt of term.split("|")) {
    const words = alt.match(WORD_IN_TERM) ?? [];
    if (!words.length) return "an alternative has no word in it";
    const stray = alt.replace(/^\s*~/, "").replace(WORD_IN_TERM, " ");
    if (/~/.test(stray)) return '"~" goes only at the start of a term';
    if (/[*=]/.test(stray) || /\*[\p{L}\p{N}]/u.test(alt)) return '"*" goes only at the end of a word and "=" only at its start';
    for (const w of words) {
      if (w.endsWith("*") && w.replace(/^=/, "").length < 4) return `wildcard "${w}" needs at least 3 letters before *`;
    }
  }
  return null;
}

/** Compiles one term (possibly with "|" alternatives) into phrases. */
export function compileTerm(term: string): Phrase[] {
  return term
    .split("|")
    .map((alt) => alt.trim())
    .filter(Boolean)
    .map((alt) => ({
      source: alt,
      weak: alt.startsWith("~"),
      words: (alt.match(WORD_IN_TERM) ?? []).map(compileWord),
    }));
}

/**
 * Every term compiled, by term: from the parsed-YAML cache when the same terms were compiled
 * by the same code before. Stemming a codebook's terms cost each worker thread ~40 ms cold.
 */
export function compileTerms(terms: Iterable<string>): Map<string, Phrase[]> {
  const unique = [...new Set(terms)];
  const modules = termModules();
  const text = JSON.stringify(unique);
  const phrases = modules ? cachedYaml(text, compileTermList, modules) : compileTermList(text);
  return new Map(unique.map((term, i) => [term, phrases[i]]));
}

function compileTermList(json: string): Phrase[][] {
  return (JSON.parse(json) as string[]).map(compileTerm);
}

/** The modules whose code compiles a term: this one, the spelling folding, its word memo and the Porter stemmer (null: not found, no caching). */
function termModules(): string[] | null {
  try {
    const stemmer = createRequire(import.meta.url).resolve("natural/lib/natural/stemmers/porter_stemmer.js");
    return [import.meta.url, moduleBeside(import.meta.url, "words"), moduleBeside(import.meta.url, "../../text/own-copy"), pathToFileURL(stemmer).href];
  } catch {
    return null;
  }
}

function compileWord(written: string): WordPattern {
  const exact = written.startsWith("=");
  const prefix = written.endsWith("*");
  // A French elision is not part of the word, as in the text's tokens (tokens.ts): "d'asile" = "asile".
  let w = written.replace(/^=/, "").replace(/\*$/, "").replace(/['’]s$/i, "").replace(ELISION, "");
  if (ACRONYM.test(w)) return { kind: prefix ? "caseprefix" : "case", value: w };
  w = w.toLowerCase().replace(/’/g, "'");
  if (prefix) return { kind: "prefix", value: w };
  w = foldSpelling(w);
  if (exact) return { kind: "exact", value: w };
  return { kind: "stem", value: stem(w) };
}

export function wordMatches(p: WordPattern, t: WordForms): boolean {
  switch (p.kind) {
    case "stem":
      return (t.stemmed ??= stem(t.lower)) === p.value;
    case "exact":
      return t.lower === p.value;
    case "case":
      return t.raw === p.value;
    case "prefix":
      return t.lower.startsWith(p.value) || t.plain.startsWith(p.value);
    case "caseprefix":
      return t.raw.startsWith(p.value);
  }
}

/** Does the phrase, whose first word matches token i, go on matching before token `to` (the end
 * of the text's tokens in the list)? Returns the end (exclusive) or -1. */
export function phraseAt(ph: Phrase, tokens: TokenList, i: number, to: number): number {
  const n = ph.words.length;
  if (i + n > to) return -1;
  // The first word is already known to match (the matcher looks phrases up by it).
  for (let k = 1; k < n; k++) {
    if (!tokens.joined[i + k]) return -1;
    if (!wordMatches(ph.words[k], tokens.word(i + k))) return -1;
  }
  return i + n;
}
