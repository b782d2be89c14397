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
 * remove matches, so no hit here means no hit after masking either.
 */
export function mayTrigger(raw: string, rules: RecRules): boolean {
  for (const scanner of rules.scanners) {
    scanner.re.lastIndex = 0;
    const hit = scanner.re.test(raw);
    scanner.re.lastIndex = 0;
    if (hit) return true;
  }
  return false;
}

/** Every trigger in the text, left to right (for finding a subject next to each modal). */
export function allTriggers(masked: string, rules: RecRules): TriggerHit[] {
  const hits: TriggerHit[] = [];
  for (const scanner of rules.scanners) {
    for (const m of matchesOf(scanner.re, masked)) hits.push(hitOf(scanner, m));
  }
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
