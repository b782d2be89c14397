// The engine: a codebook compiled once into an index keyed by each phrase's
// first word, then one pass over a text's tokens finds every rule that fires.
// Overlapping matches are counted once: the longest wins across all themes
// ("Equatorial Guinea" is not also "Guinea"). Two themes that list the very
// same span both keep it — that is how a rule says "count this for me too".
import type { ThemeDef } from "./codebook.js";
import { compileTerm, phraseAt, wordMatches, type Phrase } from "./terms.js";
import { Tally, type ThemeHit } from "./tally.js";
import { TokenList } from "./tokens.js";
import { stem, writtenWords } from "./words.js";

export type { ThemeHit } from "./tally.js";

type Role = "term" | "exclude" | "near";
interface Entry {
  phrase: Phrase;
  theme: number;
  role: Role;
  /** For "near": where this word of its rule collects its occurrences (see NearRule below). */
  slot: number;
  /** The phrase's number of words. */
  words: number;
}
export interface Found {
  e: Entry;
  start: number; // token index
  end: number; // token index, exclusive
}
export interface Span {
  theme: number;
  /** A weak term's hit ("~" in the codebook: it counts 0.5). Its count and weight follow from
   * this and its length (countOf, weightOfSpan): kept as numbers they were two floating-point
   * fields, boxed by V8 in objects of their own, for each of a long paragraph's many spans. */
  weak: boolean;
  start: number; // token index
  end: number; // token index, exclusive
}
/** A proximity rule, its words numbered: word k of the rule collects into slot `firstSlot + k`. */
interface CompiledNear {
  theme: number;
  within: number;
  firstSlot: number;
  parts: number;
}
export interface RegexRule {
  theme: number;
  re: RegExp;
}

const PREFIX_KEY = 3; // wildcards need 3 letters, so 3 letters index them
const NO_PHRASE = 1; // (see Matcher.listOfWord)

export class Matcher {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly regexes: RegexRule[] = [];
  /** In codebook order (theme, then rule): proximity hits are noted in that order. */
  private readonly nearRules: CompiledNear[] = [];
  private readonly nearOccurrences: Found[][] = [];
  /** Reused for every text (matchAt runs to completion before the next call). */
  private readonly tally: Tally;

  /** `compiled`: the themes' terms compiled already (compileTerms), all or some. */
  constructor(private readonly themes: ThemeDef[], compiled: ReadonlyMap<string, Phrase[]> = new Map()) {
    this.tally = new Tally(themes);
    const phrasesOf = (term: string) => compiled.get(term) ?? compileTerm(term);
    themes.forEach((t, ti) => {
      for (const term of t.terms) for (const ph of phrasesOf(term)) this.add(ph, ti, "term", -1);
      for (const term of t.exclude) for (const ph of phrasesOf(term)) this.add(ph, ti, "exclude", -1);
      for (const rule of t.near) {
        const firstSlot = this.nearOccurrences.length;
        rule.words.forEach((w, k) => {
          this.nearOccurrences.push([]);
          for (const ph of phrasesOf(w)) this.add(ph, ti, "near", firstSlot + k);
        });
        this.nearRules.push({ theme: ti, within: rule.within, firstSlot, parts: rule.words.length });
      }
      for (const src of t.regex) this.regexes.push({ theme: ti, re: compileRegex(src) });
    });
  }

  private add(phrase: Phrase, theme: number, role: Role, slot: number): void {
    const first = phrase.words[0];
    const key =
      first.kind === "stem" ? "s:" + first.value
      : first.kind === "exact" ? "e:" + first.value
      : first.kind === "case" ? "c:" + first.value
      : first.kind === "prefix" ? "p:" + first.value.slice(0, PREFIX_KEY)
      : "P:" + first.value.slice(0, PREFIX_KEY);
    const list = this.byKey.get(key);
    const entry = { phrase, theme, role, slot, words: phrase.words.length };
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }

  // Entries whose first word matches a given written word, looked up once per distinct word
  // (after the first few pages of a corpus almost every word is known) and kept by the word's
  // number: a token's answer is one read of a typed array, and most words start no phrase.
  /** Per word number: 0 not looked up yet, NO_PHRASE, or the index of its entries in `lists`. */
  private listOfWord = new Int32Array(1 << 12);
  private lists: Entry[][] = [[], []];
  /** The word table's generation the numbers belong to (they are void once it starts again). */
  private wordsGeneration = -1;

  private forgetVoidWords(): void {
    if (this.wordsGeneration === writtenWords.generation) return;
    this.listOfWord.fill(0);
    this.lists.length = 2;
    this.wordsGeneration = writtenWords.generation;
  }

  private candidatesOf(id: number): number {
    if (id >= this.listOfWord.length) {
      const more = new Int32Array(Math.max(id + 1, this.listOfWord.length * 2));
      more.set(this.listOfWord);
      this.listOfWord = more;
    }
    if (this.listOfWord[id] !== 0) return this.listOfWord[id];
    const w = writtenWords.byId[id];
    const keys = ["s:" + (w.stemmed ??= stem(w.lower)), "e:" + w.lower, "c:" + w.raw, "p:" + w.plain.slice(0, PREFIX_KEY), "P:" + w.raw.slice(0, PREFIX_KEY)];
    const list: Entry[] = [];
    for (const k of new Set(keys)) for (const e of this.byKey.get(k) ?? []) if (wordMatches(e.phrase.words[0], w)) list.push(e);
    if (list.length) this.lists.push(list);
    return (this.listOfWord[id] = list.length ? this.lists.length - 1 : NO_PHRASE);
  }

  /** Every phrase entry that matches in tokens [from, to), in reading order: terms as spans to
   * weigh, exclusions and proximity words as `others`. */
  findPhrases(tokens: TokenList, from: number, to: number): PhraseFinds {
    const terms: Span[] = [], others: Found[] = [];
    const ids = tokens.ids;
    this.forgetVoidWords();
    for (let i = from; i < to; i++) {
      const id = ids[i];
      let which = id < this.listOfWord.length ? this.listOfWord[id] : 0;
      if (which === NO_PHRASE) continue; // most words: no call
      if (which === 0 && (which = this.candidatesOf(id)) === NO_PHRASE) continue;
      const list = this.lists[which];
      for (let k = 0; k < list.length; k++) {
        const e = list[k];
        // A one-word phrase (most entries) matches here already: its word is the one looked up.
        const end = e.words === 1 ? i + 1 : phraseAt(e.phrase, tokens, i, to);
        if (end < 0) continue;
        if (e.role !== "term") others.push({ e, start: i, end });
        else {
          terms.push({ theme: e.theme, weak: e.phrase.weak, start: i, end });
        }
      }
    }
    return { terms, others };
  }

  /**
   * The regexes worth trying on the segments of one document: a segment is a slice of the
   * document's text between non-word separators ("\n\n"), so a regex that finds nothing in
   * the whole text finds nothing in any segment, unless what it matches depends on where the
   * text ends (anchors, lookaround, \B, sticky): those are always tried.
   */
  regexesFor(documentText: string): RegexRule[] {
    return this.regexes.filter(({ re }) => dependsOnEdges(re) || ((re.lastIndex = 0), re.test(documentText)));
  }

  /** The themes whose rules fire in `text`, in codebook order. `regexes` may leave out
   * regexes known not to match (see regexesFor). */
  match(text: string, regexes: RegexRule[] = this.regexes): ThemeHit[] {
    return this.matchAt(textAlone(text), regexes);
  }

  /** match() on a text whose words are already in a token list (see TextAt). `finds`: the
   * text's phrase finds when known (findPhrases on the same tokens); the caller's copy is not kept. */
  matchAt(at: TextAt, regexes: RegexRule[] = this.regexes, finds: PhraseFinds = this.findPhrases(at.tokens, at.from, at.to)): ThemeHit[] {
    const { text, base, tokens } = at;
    const { terms, others } = finds;
    if (!terms.length && !others.length && !regexes.some(({ re }) => ((re.lastIndex = 0), re.test(text)))) return [];

    // Exclusions silence their own theme's rules inside the excluded span (most texts have none).
    const excludes = others.filter((f) => f.e.role === "exclude");
    const excludedSpans = excludes.length ? new ExcludedSpans(excludes) : undefined;
    const excluded = (theme: number, s: number, e: number) => excludedSpans !== undefined && excludedSpans.overlaps(theme, s, e);

    const candidates = excludes.length ? terms.filter((t) => !excluded(t.theme, t.start, t.end)) : terms;
    for (const { theme, re } of regexes) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (!m[0]) {
          // An empty match would loop for ever: step over one character (a whole surrogate pair,
          // since a /u regex started inside one backs up to its start).
          re.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
          continue;
        }
        const span = tokenSpan(at, base + m.index, base + m.index + m[0].length);
        if (span && !excluded(theme, span[0], span[1])) {
          candidates.push({ theme, weak: false, start: span[0], end: span[1] });
        }
      }
    }
    const accepted = candidates.length > 1 ? longestFirst(candidates) : candidates;

    const tally = this.tally;
    for (const s of accepted) tally.note(s.theme, countOf(s), weightOfSpan(s), surfaceOf(at, s.start, s.end), tokens.starts[s.start]);
    if (others.length > excludes.length) this.noteProximity(at, others, excluded, tally);
    return tally.hits();
  }

  /** Proximity rules: every word of the rule within `within` words of the first. */
  private noteProximity(
    at: TextAt,
    others: Found[],
    excluded: (theme: number, s: number, e: number) => boolean,
    tally: Tally,
  ): void {
    const occurrences = this.nearOccurrences;
    for (const list of occurrences) list.length = 0;
    for (const f of others) if (f.e.role === "near" && !excluded(f.e.theme, f.start, f.end)) occurrences[f.e.slot].push(f);
    for (const rule of this.nearRules) {
      const parts = occurrences.slice(rule.firstSlot, rule.firstSlot + rule.parts);
      if (parts.some((p) => !p.length)) continue;
      // Partners are in reading order (by start) and anchors too: each part keeps a cursor past the
      // occurrences that end too early for this anchor and every later one, so one long paragraph
      // full of occurrences costs linear time, not anchors x partners.
      const longest = parts.map((p) => p.reduce((n, o) => Math.max(n, o.end - o.start), 0));
      const cursors = parts.map(() => 0);
      for (const anchor of parts[0]) {
        const shown = [anchor];
        for (let k = 1; k < parts.length && shown.length === k; k++) {
          const partner = firstWithin(parts[k], cursors, k, longest[k], anchor, rule.within);
          if (partner) shown.push(partner);
        }
        if (shown.length < parts.length) continue;
        const surface = shown
          .sort((a, b) => a.start - b.start)
          .map((o) => surfaceOf(at, o.start, o.end))
          .join(" … ");
        tally.note(rule.theme, 1, 1.5, surface, at.tokens.starts[anchor.start]);
      }
    }
  }
}

/**
 * A text to match and where its words are: tokens [from, to) of `tokens`, whose offsets count
 * from `base` characters before the text's start. A text alone has its own list (base 0); a
 * block or a recommendation of a document has its stretch of the document's list (doc-tokens.ts).
 */
export interface TextAt {
  text: string;
  base: number;
  tokens: TokenList;
  from: number;
  to: number;
}

/** What findPhrases found in a text, in reading order. */
export interface PhraseFinds {
  terms: Span[];
  others: Found[];
}

/** The finds of a text that lie within tokens [from, to) of it, as new lists (matchAt adds to
 * its terms): a recommendation's phrases are those of its block that start and end inside it. */
export function findsWithin(finds: PhraseFinds, from: number, to: number): PhraseFinds {
  return { terms: inRange(finds.terms, from, to), others: inRange(finds.others, from, to) };
}
function inRange<T extends { start: number; end: number }>(list: T[], from: number, to: number): T[] {
  // The list is in order of start: the first at or after `from` by binary search (a long
  // paragraph has thousands of finds and hundreds of recommendations).
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let k = lo; k < list.length && list[k].start < to; k++) if (list[k].end <= to) out.push(list[k]);
  return out;
}

/** One token list for every text matched alone (match()), reused for every text (match() runs
 * to completion before the next call), and the text it holds: a text asked again is not scanned again. */
const sharedTokens = new TokenList();
let scannedText: string | undefined;
let scannedGeneration = -1; // the word table's generation the list's word numbers belong to

/** A text alone as a text to match, its words in the shared list. */
export function textAlone(text: string): TextAt {
  if (text !== scannedText || scannedGeneration !== writtenWords.generation) {
    sharedTokens.scan(text);
    scannedText = text;
    scannedGeneration = writtenWords.generation;
  }
  return { text, base: 0, tokens: sharedTokens, from: 0, to: sharedTokens.n };
}

/** "pattern" is case-insensitive; "/pattern/" keeps case (add flags after the slash: "/x/i"). */
export function compileRegex(src: string): RegExp {
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(src);
  if (!slashed) return new RegExp(src, "giu");
  const flags = new Set([..."gu", ...slashed[2]]);
  return new RegExp(slashed[1], [...flags].join(""));
}

/** Could the regex match inside a segment yet nowhere in the document's whole text? Only when
 * it looks at the text's edges or at what surrounds a match (conservatively: any "^", "$",
 * lookaround or "\B", or the sticky flag). */
function dependsOnEdges(re: RegExp): boolean {
  return re.sticky || /[\^$]|\(\?<?[=!]|\\B/.test(re.source);
}

/**
 * The spans of a text's exclusion matches, by theme, asked whether one overlaps a span in
 * logarithmic time: a long paragraph has thousands of exclusions and of spans to check.
 */
class ExcludedSpans {
  /** Per theme (by its number; an array, not a Map: it is asked once per span of a text): the
   * exclusions' starts in ascending order, and the largest end among the first i + 1. */
  private readonly byTheme: Array<{ starts: number[]; maxEnds: number[] } | undefined> = [];

  constructor(excludes: Found[]) {
    // `excludes` are in reading order (ascending start), as findPhrases finds them.
    for (const x of excludes) {
      let lists = this.byTheme[x.e.theme];
      if (!lists) this.byTheme[x.e.theme] = lists = { starts: [], maxEnds: [] };
      const previousMax = lists.maxEnds.length ? lists.maxEnds[lists.maxEnds.length - 1] : -1;
      lists.starts.push(x.start);
      lists.maxEnds.push(Math.max(previousMax, x.end));
    }
  }

  /** Is there an exclusion of `theme` with start < e and s < end? */
  overlaps(theme: number, s: number, e: number): boolean {
    const lists = theme < this.byTheme.length ? this.byTheme[theme] : undefined;
    if (!lists) return false;
    // The exclusions starting before e are a prefix of the list: one of them ends after s
    // when the largest end of that prefix does.
    let lo = 0, hi = lists.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lists.starts[mid] < e) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && lists.maxEnds[lo - 1] > s;
  }
}

/** A phrase of n words weighs more than a single word: it is more specific. */
const weightOf = (words: number) => 1 + 0.5 * (words - 1);

/** A span's hit: 1, or 0.5 for a weak term's. */
const countOf = (s: Span) => (s.weak ? 0.5 : 1);
/** A span's weight: its count, more for a longer phrase. */
const weightOfSpan = (s: Span) => countOf(s) * weightOf(s.end - s.start);

/**
 * `list.find((o) => gap(anchor, o) <= within)` for a list in order of start and anchors asked in
 * order of start: occurrences that end more than `within` words before this anchor's start
 * (known from their start and the longest occurrence) are skipped for good, and the search
 * stops at the first one that starts too far after the anchor.
 */
function firstWithin(list: Found[], cursors: number[], k: number, longest: number, anchor: Found, within: number): Found | undefined {
  let i = cursors[k];
  while (i < list.length && list[i].start + longest < anchor.start - within) i++;
  cursors[k] = i;
  for (; i < list.length && list[i].start <= anchor.end + within; i++) if (gap(anchor, list[i]) <= within) return list[i];
  return undefined;
}

/** Words between two matches (0 when adjacent or overlapping). */
const gap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));

/**
 * Keeps the longest of overlapping spans (the leftmost of equally long ones); identical spans of
 * different themes all stay, and a rule found twice at one span counts once (its first find). In
 * order of start (for one start, the themes in codebook order).
 *
 * Overlaps are rare: most spans are single words that overlap nothing. The spans are cut into
 * runs that overlap each other (a span starting at or after the end of every span before it starts
 * a new run); a span alone in its run is kept as it is, a run of one span found by several themes
 * keeps each theme once, and only a run of truly overlapping spans is settled longest first. No
 * span outside a run overlaps one inside it, so settling each run apart chooses what settling all
 * spans together would. Sorting every text's spans by length cost a visible share of a long
 * paragraph's run (thousands of recommendations, each with its own spans).
 */
export function longestFirst(spans: Span[]): Span[] {
  // In place (the caller's list is scratch). Phrases are found in reading order; regex matches
  // are added after them, and put in place by a stable sort (equal starts keep their order).
  const inOrder = isInOrderOfStart(spans) ? spans : spans.sort((a, b) => a.start - b.start);
  const kept: Span[] = [];
  let first = 0;
  while (first < inOrder.length) {
    // The run: spans from `first` that start before the furthest end so far.
    let end = inOrder[first].end, last = first + 1, samePlace = true;
    while (last < inOrder.length && inOrder[last].start < end) {
      const s = inOrder[last];
      if (s.start !== inOrder[first].start || s.end !== inOrder[first].end) samePlace = false;
      if (s.end > end) end = s.end;
      last++;
    }
    if (last === first + 1) kept.push(inOrder[first]);
    else if (samePlace) keepEachTheme(inOrder, first, last, kept);
    else settleOverlaps(inOrder.slice(first, last), inOrder[first].start, end, kept);
    first = last;
  }
  return kept;
}

function isInOrderOfStart(spans: Span[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].start) return false;
  return true;
}

/** Spans [first, last) of one place: each theme's first, in theme order, added to `kept`. */
function keepEachTheme(spans: Span[], first: number, last: number, kept: Span[]): void {
  const from = kept.length;
  for (let i = first; i < last; i++) {
    let seen = false;
    for (let k = from; k < kept.length && !seen; k++) seen = kept[k].theme === spans[i].theme;
    if (!seen) kept.push(spans[i]);
  }
  // Insertion sort by theme: a handful of spans, and stable (no two share a theme now).
  for (let i = from + 1; i < kept.length; i++) {
    const s = kept[i];
    let k = i;
    for (; k > from && kept[k - 1].theme > s.theme; k--) kept[k] = kept[k - 1];
    kept[k] = s;
  }
}

let ownerBuffer = new Int32Array(1024); // reused: a fresh typed array per run was a visible cost

/** One run of overlapping spans (tokens [from, to)), settled longest first; what stays is added to `kept` in order of start. */
function settleOverlaps(run: Span[], from: number, to: number, kept: Span[]): void {
  // Identical spans end up next to each other, by theme.
  const sorted = run.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.theme - b.theme);
  const nTokens = to - from;
  if (ownerBuffer.length < nTokens) ownerBuffer = new Int32Array(Math.max(nTokens, ownerBuffer.length * 2));
  const owner = ownerBuffer.fill(-1, 0, nTokens); // index into `chosen` of the span covering token from + k
  const chosen: Span[] = [];
  let previous: Span | undefined;
  for (const s of sorted) {
    // The same rule twice: the first of the pair was kept, or failed exactly as this one would.
    const repeat = previous !== undefined && previous.theme === s.theme && previous.start === s.start && previous.end === s.end;
    previous = s;
    if (repeat) continue;
    let free = true;
    for (let k = s.start - from; k < s.end - from && free; k++) {
      const o = owner[k];
      if (o >= 0 && !(chosen[o].start === s.start && chosen[o].end === s.end)) free = false;
    }
    if (!free) continue;
    chosen.push(s);
    for (let k = s.start - from; k < s.end - from; k++) if (owner[k] < 0) owner[k] = chosen.length - 1;
  }
  for (const s of chosen.sort((a, b) => a.start - b.start)) kept.push(s);
}

/** The text's tokens touched by the character range [from, to) (offsets as the tokens'), or null when it covers no word. */
function tokenSpan(at: TextAt, from: number, to: number): [number, number] | null {
  // The first token ending after `from`, by binary search (tokens are in text order): a scan
  // from the first token for every regex match was quadratic in a long paragraph.
  const { tokens } = at;
  let lo = at.from, hi = at.to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.ends[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  let e = lo;
  while (e < at.to && tokens.starts[e] < to) e++;
  return e === lo ? null : [lo, e];
}

/** The words of a span as written, runs of white space shown as one space. */
function surfaceOf(at: TextAt, s: number, e: number): string {
  const { tokens } = at;
  if (e - s === 1) return tokens.word(s).raw; // one token: exactly the text of its span, and no space in it
  const written = at.text.slice(tokens.starts[s] - at.base, tokens.ends[e - 1] - at.base);
  return SPACE_TO_FOLD.test(written) ? written.replace(/\s+/g, " ") : written;
}
/** White space other than a single plain space. */
const SPACE_TO_FOLD = /[^\S ]|\s\s/;
