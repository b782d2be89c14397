// Deciding whether one unit (a list item, or a sentence of prose) is a recommendation:
// exclusions first, then masks, then the trigger families, then the imperative test.
import type { RecRules, TriggerFamily, TriggerScanner } from "./rules.js";

export interface TriggerHit {
  family: TriggerFamily;
  /** Offsets of the matched trigger inside the unit text. */
  start: number;
  end: number;
}

export interface Masked {
  /** Unit text with masked phrases blanked out (same length, so offsets still hold). */
  text: string;
  /** Ids and reasons of the masks that hit, first first. */
  hits: Array<{ id: string; reason: string }>;
}

/**
 * V8 compiles a regex to bytecode on its first use and to machine code on its second, unless the
 * first text is 1,000 characters or longer: then it builds the machine code at once. The joined
 * trigger and mask scanners are large (~300 KB of bytecode for the triggers) and about to run on
 * every sentence, so their bytecode would be built only to be thrown away (~20 ms a thread):
 * run each once on a long blank text first, before the first sentence.
 */
export function compileScanners(rules: RecRules): void {
  for (const re of [...rules.scanners.map((s) => s.re), rules.maskScanner.re]) {
    if (COMPILED.has(re)) continue;
    COMPILED.add(re);
    re.lastIndex = 0;
    re.exec(LONG_BLANK);
    re.lastIndex = 0;
  }
}
const COMPILED = new WeakSet<RegExp>();
const LONG_BLANK = " ".repeat(1000);

/** Blank out phrases that look like triggers but are not ("should have been", "in need of"). */
export function maskText(text: string, rules: RecRules): Masked {
  const { re, masks } = rules.maskScanner;
  const hits: Masked["hits"] = [];
  const out = text.replace(re, (m: string, ...groups: unknown[]) => {
    const k = masks.findIndex((_, i) => groups[rules.maskScanner.groupOf[i] - 1] !== undefined);
    const mask = masks[k];
    if (mask && !hits.some((h) => h.id === mask.id)) hits.push({ id: mask.id, reason: mask.reason });
    return " ".repeat(m.length);
  });
  return { text: out, hits };
}

/** The trigger that starts first in the (masked) text; ties go to the family listed first. */
export function findTrigger(masked: string, rules: RecRules): TriggerHit | null {
  let best: TriggerHit | null = null;
  for (const scanner of rules.scanners) {
    scanner.re.lastIndex = 0;
    const m = scanner.re.exec(masked);
    scanner.re.lastIndex = 0; // matchAll() copies lastIndex: leave the shared regex at 0
    if (m && (!best || m.index < best.start)) best = hitOf(scanner, m);
  }
  return best;
}

/**
 * Could any trigger match? One pass of the joined scanners over the raw text: masks only ever
 * remove matches, so no hit here means no hit after masking either. Returns null for no, or the
 * scan so far (each scanner's first match), which allTriggers resumes when it sees the same text.
 */
export function mayTrigger(raw: string, rules: RecRules): TriggerScan | null {
  const first: TriggerScan["first"] = [];
  for (const scanner of rules.scanners) {
    scanner.re.lastIndex = 0;
    const m = scanner.re.exec(raw);
    scanner.re.lastIndex = 0;
    first.push(m);
    if (m) return { text: raw, first };
  }
  return null;
}

/** What mayTrigger learnt: per scanner, its first match in `text`; null when none, absent when not run. */
export interface TriggerScan {
  text: string;
  first: Array<RegExpExecArray | null>;
}

/**
 * Every trigger in the text, left to right (for finding a subject next to each modal). With the
 * scan mayTrigger made of this very text, a scanner goes on from its first match, or is skipped
 * when it had none, instead of starting over.
 */
export function allTriggers(masked: string, rules: RecRules, scan: TriggerScan | null = null): TriggerHit[] {
  const hits: TriggerHit[] = [];
  const known = scan !== null && scan.text === masked ? scan.first : [];
  rules.scanners.forEach((scanner, k) => {
    const first = k < known.length ? known[k] : undefined;
    if (first === null) return; // this scanner found nothing in the same text
    if (first === undefined) {
      for (const m of matchesOf(scanner.re, masked)) hits.push(hitOf(scanner, m));
      return;
    }
    hits.push(hitOf(scanner, first));
    const re = scanner.re;
    re.lastIndex = first.index + first[0].length; // where exec left it after the first match
    if (first[0] === "") re.lastIndex = nextIndex(masked, re.lastIndex, re.unicode);
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      hits.push(hitOf(scanner, m));
      if (m[0] === "") re.lastIndex = nextIndex(masked, re.lastIndex, re.unicode);
    }
    re.lastIndex = 0;
  });
  return hits.length > 1 ? hits.sort((a, b) => a.start - b.start) : hits;
}

/**
 * Every match of a global regex, like [...text.matchAll(re)] but without the copy of the regex
 * that matchAll() builds on each call (a measurable cost per unit). Leaves re.lastIndex at 0.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === "") re.lastIndex = nextIndex(text, re.lastIndex, re.unicode);
  }
  re.lastIndex = 0;
  return out;
}

/**
 * The first match of a global regex that `accept` turns into a value, scanning no further than
 * that (matchesOf() would find every match first). Leaves re.lastIndex at 0.
 */
export function firstAccepted<T>(re: RegExp, text: string, accept: (m: RegExpExecArray) => T | undefined): T | undefined {
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = accept(m);
      if (value !== undefined) return value;
      if (m[0] === "") re.lastIndex = nextIndex(text, re.lastIndex, re.unicode);
    }
    return undefined;
  } finally {
    re.lastIndex = 0;
  }
}

/** Where a global regex goes on after an empty match (as matchAll does: one code point on). */
function nextIndex(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1;
}

function hitOf(scanner: TriggerScanner, m: RegExpExecArray | RegExpMatchArray): TriggerHit {
  const k = scanner.groupOf.findIndex((g) => m[g] !== undefined);
  return { family: scanner.families[k], start: m.index!, end: m.index! + m[0].length };
}

/** The first exclusion pattern (by id and reason) that matches, or null. */
export function firstExclusion(
  patterns: RecRules["unitExclusions"],
  text: string,
): { id: string; reason: string } | null {
  for (const p of patterns) if (p.re.test(text)) return { id: p.id, reason: p.reason };
  return null;
}
