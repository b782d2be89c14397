// The engine: a codebook compiled once into an index keyed by each phrase's
// first word, then one pass over a text's tokens finds every rule that fires.
// Overlapping matches are counted once: the longest wins across all themes
// ("Equatorial Guinea" is not also "Guinea"). Two themes that list the very
// same span both keep it — that is how a rule says "count this for me too".
import type { NearRule, ThemeDef } from "./codebook.js";
import { compileTerm, phraseAt, wordMatches, type Phrase } from "./terms.js";
import { TokenList } from "./tokens.js";
import { stem, type CachedWord, type WordForms } from "./words.js";

export interface ThemeHit {
  code: string;
  /** Term, regex and proximity hits counted towards min_hits (a weak "~" term counts 0.5). */
  hits: number;
  /** Hits weighted by specificity (a three-word phrase weighs more than one word). */
  score: number;
  /** Distinct matched words as written, in order of first appearance. */
  evidence: string[];
}

type Role = "term" | "exclude" | "near";
interface Entry {
  phrase: Phrase;
  theme: number;
  role: Role;
  /** For "near": which rule and which of its words. */
  rule: number;
  part: number;
}
interface Found {
  e: Entry;
  start: number; // token index
  end: number; // token index, exclusive
}
interface Span {
  theme: number;
  /** 1 for a hit, 0.5 for a weak term's hit. */
  count: number;
  start: number; // token index
  end: number; // token index, exclusive
  weight: number;
}

const PREFIX_KEY = 3; // wildcards need 3 letters, so 3 letters index them

export class Matcher {
  private readonly byKey = new Map<string, Entry[]>();
  private readonly regexes: Array<{ theme: number; re: RegExp }> = [];
  private readonly themesWithNear: number[];
  /** Reused for every text: match() runs to completion before the next call. */
  private readonly tokens = new TokenList();

  constructor(private readonly themes: ThemeDef[]) {
    this.themesWithNear = themes.flatMap((t, ti) => (t.near.length ? [ti] : []));
    themes.forEach((t, ti) => {
      for (const term of t.terms) for (const ph of compileTerm(term)) this.add(ph, ti, "term", -1, -1);
      for (const term of t.exclude) for (const ph of compileTerm(term)) this.add(ph, ti, "exclude", -1, -1);
      t.near.forEach((rule: NearRule, ri) =>
        rule.words.forEach((w, pi) => {
          for (const ph of compileTerm(w)) this.add(ph, ti, "near", ri, pi);
        }),
      );
      for (const src of t.regex) this.regexes.push({ theme: ti, re: compileRegex(src) });
    });
  }

  private add(phrase: Phrase, theme: number, role: Role, rule: number, part: number): void {
    const first = phrase.words[0];
    const key =
      first.kind === "stem" ? "s:" + first.value
      : first.kind === "exact" ? "e:" + first.value
      : first.kind === "case" ? "c:" + first.value
      : first.kind === "prefix" ? "p:" + first.value.slice(0, PREFIX_KEY)
      : "P:" + first.value.slice(0, PREFIX_KEY);
    const list = this.byKey.get(key);
    const entry = { phrase, theme, role, rule, part };
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }

  // Entries whose first word matches a given written word, computed once per distinct
  // word: after the first few pages of a corpus almost every word is a cache hit.
  private readonly byWord = new Map<WordForms, Entry[]>(); // keyed by identity: no string hashing
  private candidates(w: CachedWord): Entry[] {
    if (w.cacheOwner === this) return w.cached as Entry[];
    let list = this.byWord.get(w);
    if (list) {
      w.cacheOwner = this;
      w.cached = list;
      return list;
    }
    const keys = ["s:" + (w.stemmed ??= stem(w.lower)), "e:" + w.lower, "c:" + w.raw, "p:" + w.plain.slice(0, PREFIX_KEY), "P:" + w.raw.slice(0, PREFIX_KEY)];
    list = [];
    for (const k of new Set(keys)) for (const e of this.byKey.get(k) ?? []) if (wordMatches(e.phrase.words[0], w)) list.push(e);
    this.byWord.set(w, list);
    w.cacheOwner = this;
    w.cached = list;
    return list;
  }

  /** Every phrase entry that matches at token i, with its span. */
  private matchesAt(tokens: TokenList, i: number, out: Found[]): void {
    const w = tokens.words[i];
    // Most words start no phrase: the cached empty list is read without a call.
    const list = w.cacheOwner === this ? (w.cached as Entry[]) : this.candidates(w);
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      const end = phraseAt(e.phrase, tokens, i);
      if (end > 0) out.push({ e, start: i, end });
    }
  }

  /** The themes whose rules fire in `text`, in codebook order. */
  match(text: string): ThemeHit[] {
    const tokens = this.tokens.scan(text);
    const found: Found[] = [];
    for (let i = 0; i < tokens.n; i++) this.matchesAt(tokens, i, found);
    if (!found.length && !this.regexes.length) return [];
    if (!found.length && !this.regexes.some(({ re }) => ((re.lastIndex = 0), re.test(text)))) return [];

    // Exclusions silence their own theme's rules inside the excluded span.
    const excludeSpans = new Map<number, Array<{ start: number; end: number }>>();
    const nearOcc = new Map<string, Array<{ start: number; end: number }>>(); // "theme:rule:part"
    for (const f of found) {
      if (f.e.role === "exclude") push(excludeSpans, f.e.theme, f);
      else if (f.e.role === "near") push(nearOcc, `${f.e.theme}:${f.e.rule}:${f.e.part}`, f);
    }
    const excluded = (theme: number, s: number, e: number) =>
      excludeSpans.get(theme)?.some((x) => x.start < e && s < x.end) ?? false;

    const candidates: Span[] = [];
    for (const f of found) {
      if (f.e.role !== "term" || excluded(f.e.theme, f.start, f.end)) continue;
      const count = f.e.phrase.weak ? 0.5 : 1;
      candidates.push({ theme: f.e.theme, count, start: f.start, end: f.end, weight: count * weightOf(f.end - f.start) });
    }
    for (const { theme, re } of this.regexes) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (!m[0]) {
          re.lastIndex++; // an empty match would loop for ever
          continue;
        }
        const span = tokenSpan(tokens, m.index, m.index + m[0].length);
        if (span && !excluded(theme, span[0], span[1])) {
          candidates.push({ theme, count: 1, start: span[0], end: span[1], weight: weightOf(span[1] - span[0]) });
        }
      }
    }
    const accepted = candidates.length > 1 ? longestFirst(candidates, tokens.n) : candidates;

    const perTheme = new Map<number, { hits: number; score: number; evidence: string[]; seen: string[]; firstAt: number[] }>();
    const note = (theme: number, count: number, weight: number, surface: string, at: number) => {
      let h = perTheme.get(theme);
      if (!h) perTheme.set(theme, (h = { hits: 0, score: 0, evidence: [], seen: [], firstAt: [] }));
      h.hits += count;
      h.score += weight;
      // Evidence lists each matched wording once, as first written ("Refugee Protection", not also "refugee protection").
      const key = surface.toLowerCase(); // (`seen` holds the lower-cased evidence: no case folding per comparison)
      if (!h.seen.includes(key)) {
        h.seen.push(key);
        h.evidence.push(surface);
        h.firstAt.push(at);
      }
    };
    for (const s of accepted) note(s.theme, s.count, s.weight, surfaceOf(text, tokens, s.start, s.end), tokens.starts[s.start]);

    // Proximity rules: every word of the rule within `within` words of the first.
    for (const ti of nearOcc.size ? this.themesWithNear : []) {
      const t = this.themes[ti];
      t.near.forEach((rule, ri) => {
        const parts = rule.words.map((_, pi) =>
          (nearOcc.get(`${ti}:${ri}:${pi}`) ?? []).filter((o) => !excluded(ti, o.start, o.end)),
        );
        if (parts.some((p) => !p.length)) return;
        for (const anchor of parts[0]) {
          const partners = parts.slice(1).map((occ) => occ.find((o) => gap(anchor, o) <= rule.within));
          if (partners.some((p) => !p)) continue;
          const shown = [anchor, ...partners].sort((a, b) => a!.start - b!.start).map((o) => surfaceOf(text, tokens, o!.start, o!.end));
          note(ti, 1, 1.5, shown.join(" … "), tokens.starts[anchor.start]);
        }
      });
    }

    const out: ThemeHit[] = [];
    // Only the themes that were hit, in codebook order.
    for (const ti of [...perTheme.keys()].sort((a, b) => a - b)) {
      const t = this.themes[ti];
      const h = perTheme.get(ti)!;
      if (h.hits < t.minHits) continue;
      // Evidence in reading order.
      const order = h.evidence.map((e, k) => [e, h.firstAt[k]] as const).sort((a, b) => a[1] - b[1]);
      out.push({ code: t.code, hits: h.hits, score: h.score, evidence: order.map(([e]) => e) });
    }
    return out;
  }
}

/** "pattern" is case-insensitive; "/pattern/" keeps case (add flags after the slash: "/x/i"). */
export function compileRegex(src: string): RegExp {
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(src);
  if (!slashed) return new RegExp(src, "giu");
  const flags = new Set([..."gu", ...slashed[2]]);
  return new RegExp(slashed[1], [...flags].join(""));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A phrase of n words weighs more than a single word: it is more specific. */
const weightOf = (words: number) => 1 + 0.5 * (words - 1);

/** Words between two matches (0 when adjacent or overlapping). */
const gap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));

/** Keeps the longest of overlapping spans; identical spans of different themes all stay. */
let ownerBuffer = new Int32Array(1024); // reused: a fresh typed array per segment was a visible cost

function longestFirst(spans: Span[], nTokens: number): Span[] {
  const sorted = spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.theme - b.theme); // in place: the caller's list is scratch
  if (ownerBuffer.length < nTokens) ownerBuffer = new Int32Array(Math.max(nTokens, ownerBuffer.length * 2));
  const owner = ownerBuffer.fill(-1, 0, nTokens); // index into `kept` of the span covering a token
  const kept: Span[] = [];
  for (const s of sorted) {
    let free = true;
    for (let k = s.start; k < s.end && free; k++) {
      const o = owner[k];
      if (o >= 0 && !(kept[o].start === s.start && kept[o].end === s.end)) free = false;
    }
    if (!free) continue;
    if (kept.some((k) => k.theme === s.theme && k.start === s.start && k.end === s.end)) continue; // same rule twice
    kept.push(s);
    for (let k = s.start; k < s.end; k++) if (owner[k] < 0) owner[k] = kept.length - 1;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Tokens touched by a character range, or null when it covers no word. */
function tokenSpan(tokens: TokenList, from: number, to: number): [number, number] | null {
  let s = -1, e = -1;
  for (let i = 0; i < tokens.n; i++) {
    if (tokens.ends[i] <= from) continue;
    if (tokens.starts[i] >= to) break;
    if (s < 0) s = i;
    e = i + 1;
  }
  return s < 0 ? null : [s, e];
}

function surfaceOf(text: string, tokens: TokenList, s: number, e: number): string {
  return text.slice(tokens.starts[s], tokens.ends[e - 1]).replace(/\s+/g, " ");
}
