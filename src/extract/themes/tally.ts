// What one text's accepted matches add up to, theme by theme: hits, score and
// the distinct evidence, then the themes that reach their min_hits.
import type { ThemeDef } from "./codebook.js";

export interface ThemeHit {
  code: string;
  /** Term, regex and proximity hits counted towards min_hits (a weak "~" term counts 0.5). */
  hits: number;
  /** Hits weighted by specificity (a three-word phrase weighs more than one word). */
  score: number;
  /** Distinct matched words as written, in order of first appearance. */
  evidence: string[];
}

interface ThemeTally {
  hits: number;
  score: number;
  evidence: string[];
  /** The evidence lower-cased (no case folding per comparison). */
  seen: string[];
  /** Where each piece of evidence was first seen (character offset). */
  firstAt: number[];
}

/** Per-text accumulator, indexed by theme (codebook position): no map lookups. One per matcher,
 * used for one text after another (hits() empties it): a text notes a few of the codebook's
 * themes, and hits() visits only those rather than every theme for every segment. */
export class Tally {
  private readonly byTheme: Array<ThemeTally | undefined>;
  /** The themes noted since the last hits(), in order of first note. */
  private readonly noted: number[] = [];

  constructor(private readonly themes: ThemeDef[]) {
    this.byTheme = new Array<ThemeTally | undefined>(themes.length).fill(undefined); // filled: no holes to read
  }

  note(theme: number, count: number, weight: number, surface: string, at: number): void {
    let t = this.byTheme[theme];
    // -0 rather than 0: V8 then keeps hits and score as floating-point fields from the start. Starting
    // them as small integers that later turn fractional (a weak term's 0.5) sent V8 into a loop of
    // deoptimising and recompiling hits() and match() (a large share of a run's CPU). Never output
    // as -0: note() adds at once.
    if (!t) {
      this.byTheme[theme] = t = { hits: -0, score: -0, evidence: [], seen: [], firstAt: [] };
      this.noted.push(theme);
    }
    t.hits += count;
    t.score += weight;
    // Evidence lists each matched wording once, as first written ("Refugee Protection", not also "refugee protection").
    const key = surface.toLowerCase();
    if (!t.seen.includes(key)) {
      t.seen.push(key);
      t.evidence.push(surface);
      t.firstAt.push(at);
    }
  }

  /** The themes that reached their min_hits, in codebook order, each with its evidence in reading
   * order; the tally is then empty, for the next text. */
  hits(): ThemeHit[] {
    const out: ThemeHit[] = [];
    const noted = this.noted;
    if (noted.length > 1) noted.sort(ascending);
    for (let k = 0; k < noted.length; k++) {
      const ti = noted[k];
      const t = this.byTheme[ti]!;
      this.byTheme[ti] = undefined;
      if (t.hits < this.themes[ti].minHits) continue;
      out.push({ code: this.themes[ti].code, hits: t.hits, score: t.score, evidence: inReadingOrder(t) });
    }
    noted.length = 0;
    return out;
  }
}

const ascending = (a: number, b: number) => a - b;

/** Evidence ordered by where it was first seen (stable: ties keep the order noted). */
function inReadingOrder(t: ThemeTally): string[] {
  const at = t.firstAt;
  let sorted = true;
  for (let k = 1; k < at.length && sorted; k++) sorted = at[k - 1] <= at[k];
  if (sorted) return t.evidence; // the usual case: noted while reading
  return t.evidence
    .map((e, k) => [e, at[k]] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([e]) => e);
}
