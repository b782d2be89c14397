// `themes suggest`: frequent, distinctive multi-word terms of a corpus that no
// codebook rule covers, so an analyst can see what the codebook misses.
// Candidates are 2-4 word n-grams inside a clause (never across punctuation),
// not starting or ending with a stop word. Each is scored TF-IDF style against a
// general-English baseline: its corpus count times how rare its words are in
// everyday English (WordNet's sense-tagged counts, general-english.tsv), so
// "refugee status determination" beats "last year"; and by the number of documents
// it occurs in, so one report's boilerplate does not crowd out the corpus's terms.
import { readFileSync } from "node:fs";
import { dataFile } from "../../paths.js";
import type { Doc } from "../../types.js";
import { isCodable, type Codebook } from "./index.js";
import { tokenize, type Token } from "./tokens.js";
import { stem } from "./words.js";

export interface Suggestion {
  term: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Documents it occurs in. */
  docs: number;
  score: number;
  example: string;
  source: string;
}

export interface SuggestOptions {
  /** How many suggestions to return (default 40). */
  top?: number;
  /** Fewest occurrences a term needs (default 3). */
  minCount?: number;
  /** Fewest documents a term must occur in (default 1). */
  minDocs?: number;
}

const MIN_WORDS = 2;
const MAX_WORDS = 4;

// Function words and the filler of report prose; a term never starts or ends with one.
const STOP = new Set(
  (
    "a about above across after again against all almost along also although always am among an and another any are around as at be " +
    "because been before being below between both but by can could did do does doing done down during each either else etc even ever " +
    "every for from further had has have having he her here hers him his how however i if in into is it its itself just least less " +
    "like made make many may me might more most much must my neither no nor not now of off often on once one only or other others " +
    "our ours out over own per rather same several shall she should since so some such than that the their theirs them then there " +
    "these they this those though through thus to too toward towards under until up upon us very via was we well were what when " +
    "where whether which while who whom whose why will with within without would yet you your e.g i.e eg ie page pp p para see also " +
    "including include includes included particular particularly example first second third new given well key main various two three " +
    // French and Spanish function words: reports in the sector mix languages.
    "le la les de des du un une et en au aux avec dans pour par sur ce cette ces qui que ou son sa ses leur leurs est sont être " +
    "plus pas ne se il elle ils elles nous vous tout tous toute toutes afin entre lors selon comme mais donc ainsi " +
    "el los las del y con por para una uno al lo como más sin sobre entre"
  ).split(/\s+/),
);
/** A stop word, or a French elided article or pronoun ("l'OIM", "d'autres"): never the edge of a term. */
const isStop = (t: Token) => STOP.has(t.word.plain) || /^(?:l|d|qu|n|s|c|j)'/.test(t.word.plain);

let baseline: { counts: Map<string, number>; total: number } | undefined;
function generalEnglish() {
  if (baseline) return baseline;
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of readFileSync(dataFile("extract/themes/general-english.tsv"), "utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [word, n] = line.split("\t");
    const k = stem(word.toLowerCase());
    counts.set(k, (counts.get(k) ?? 0) + Number(n));
    total += Number(n);
  }
  return (baseline = { counts, total });
}

/** How unusual a word is in general English: log of inverse relative frequency. */
function rarity(t: Token): number {
  const { counts, total } = generalEnglish();
  return Math.log((total + 1) / ((counts.get(stem(t.word.lower)) ?? 0) + 1));
}

interface Tally {
  surface: string;
  count: number;
  docs: Set<string>;
  example: string;
  source: string;
  weight: number;
}

export function suggestTerms(docs: Doc[], cb: Codebook, opts: SuggestOptions = {}): Suggestion[] {
  const minCount = opts.minCount ?? 3;
  const tallies = new Map<string, Tally>();
  for (const doc of docs) {
    for (const block of doc.blocks) {
      if (!isCodable(block, cb)) continue;
      for (const s of block.sentences) {
        const sentence = doc.text.slice(s.start, s.end);
        for (const clause of clauses(sentence)) countNgrams(clause, sentence, doc, tallies);
      }
    }
  }
  const minDocs = opts.minDocs ?? 1;
  let found = [...tallies.entries()].filter(([, t]) => t.count >= minCount && t.docs.size >= minDocs);
  // A shorter term nearly always seen inside one longer term is that term's fragment.
  const keys = new Set(found.map(([k]) => k));
  found = found.filter(([k, t]) => {
    for (const [k2, t2] of found) if (k2 !== k && keys.has(k2) && ` ${k2} `.includes(` ${k} `) && t2.count >= 0.8 * t.count) return false;
    return true;
  });
  return found
    .filter(([, t]) => cb.matcher.match(t.surface).length === 0) // no rule covers it
    .map(([, t]) => ({
      term: t.surface,
      count: t.count,
      docs: t.docs.size,
      // Spread over documents counts: a term of one document's boilerplate is not the corpus's.
      score: Math.round(t.count * t.weight * (1 + Math.log2(t.docs.size)) * 10) / 10,
      example: t.example.length > 240 ? t.example.slice(0, 237) + "..." : t.example,
      source: t.source,
    }))
    .sort((a, b) => b.score - a.score || b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, opts.top ?? 40);
}

/** Runs of tokens not separated by punctuation (a hyphen or apostrophe does not separate). */
function clauses(sentence: string): Token[][] {
  const tokens = tokenize(sentence);
  const runs: Token[][] = [];
  let run: Token[] = [];
  tokens.forEach((t, i) => {
    if (i > 0 && /[^\s\-‐‑'’]/u.test(sentence.slice(tokens[i - 1].end, t.start))) {
      runs.push(run);
      run = [];
    }
    run.push(t);
  });
  runs.push(run);
  return runs;
}

const usable = (t: Token) => t.word.lower.length > 1 && !/^\d/.test(t.word.lower);

function countNgrams(clause: Token[], sentence: string, doc: Doc, tallies: Map<string, Tally>): void {
  for (let i = 0; i < clause.length; i++) {
    if (isStop(clause[i]) || !usable(clause[i])) continue;
    for (let n = MIN_WORDS; n <= MAX_WORDS && i + n <= clause.length; n++) {
      const words = clause.slice(i, i + n);
      if (!words.every(usable)) break;
      const last = words[n - 1];
      if (isStop(last)) continue;
      const key = words.map((w) => stem(w.word.lower)).join(" ");
      let t = tallies.get(key);
      if (!t) {
        const content = words.filter((w) => !isStop(w));
        const surface = sentence.slice(words[0].start, last.end).replace(/\s+/g, " ");
        t = {
          surface: /\p{Lu}{2}/u.test(surface) ? surface : surface.toLowerCase(),
          count: 0,
          docs: new Set(),
          example: sentence.replace(/\s+/g, " ").trim(),
          source: doc.source,
          weight: content.reduce((s, w) => s + rarity(w), 0) / content.length,
        };
        tallies.set(key, t);
      }
      t.count++;
      t.docs.add(doc.docId);
    }
  }
}
