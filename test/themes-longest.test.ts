// longestFirst (the themes matcher's choice among overlapping spans) settles runs of
// overlapping spans apart instead of sorting every text's spans by length: checked here
// against the way it was done before, on random spans (overlapping, repeated, out of order).
import { describe, expect, it } from "vitest";
import { longestFirst, type Span } from "../src/extract/themes/matcher.js";

/** The former longestFirst: every span sorted by length, then start, then theme. */
function longestFirstBySorting(spans: Span[], from: number, to: number): Span[] {
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.theme - b.theme);
  const owner = new Int32Array(to - from).fill(-1);
  const kept: Span[] = [];
  let previous: Span | undefined;
  for (const s of sorted) {
    const repeat = previous !== undefined && previous.theme === s.theme && previous.start === s.start && previous.end === s.end;
    previous = s;
    if (repeat) continue;
    let free = true;
    for (let k = s.start - from; k < s.end - from && free; k++) {
      const o = owner[k];
      if (o >= 0 && !(kept[o].start === s.start && kept[o].end === s.end)) free = false;
    }
    if (!free) continue;
    kept.push(s);
    for (let k = s.start - from; k < s.end - from; k++) if (owner[k] < 0) owner[k] = kept.length - 1;
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("longestFirst", () => {
  it("keeps the longest span, the leftmost of equal ones, and every theme of one span once", () => {
    const span = (theme: number, start: number, end: number, weak = false): Span => ({ theme, weak, start, end });
    const spans = [span(2, 0, 1), span(0, 0, 2), span(1, 1, 2), span(3, 5, 6), span(1, 5, 6), span(3, 5, 6, true), span(0, 8, 9), span(0, 9, 10), span(1, 8, 10)];
    expect(longestFirst(spans).map((s) => [s.theme, s.start, s.end, s.weak])).toEqual([
      [0, 0, 2, false], [1, 5, 6, false], [3, 5, 6, false], [1, 8, 10, false],
    ]);
  });

  it("chooses as sorting every span by length did, on random spans", () => {
    const next = random(17);
    for (let round = 0; round < 3000; round++) {
      const from = Math.floor(next() * 5);
      const width = 1 + Math.floor(next() * 30);
      const spans: Span[] = [];
      const n = Math.floor(next() * 25);
      for (let i = 0; i < n; i++) {
        const start = from + Math.floor(next() * width);
        const length = next() < 0.7 ? 1 : 1 + Math.floor(next() * 4);
        const end = Math.min(from + width, start + length);
        spans.push({ theme: Math.floor(next() * 4), weak: next() < 0.2, start, end });
        if (next() < 0.15) spans.push({ ...spans[spans.length - 1], weak: true }); // a rule found twice
      }
      // Phrases come in order of start, regex matches after them: mostly in order, sometimes not.
      if (next() < 0.7) spans.sort((a, b) => a.start - b.start);
      const expected = longestFirstBySorting(spans, from, from + width);
      expect(longestFirst([...spans])).toEqual(expected);
      // The very same objects, in the same order (a repeated rule keeps its first find).
      longestFirst([...spans]).forEach((s, i) => expect(s).toBe(expected[i]));
    }
  });
});
