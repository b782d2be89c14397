// Two-column pages: find the gutter and read the left column, then the right.
import { median, toLine, type Line, type Segment } from "./pdf-lines.js";

// ---------------------------------------------------------------- columns

/**
 * Find a vertical gutter: an x in the middle of the text area that (almost)
 * no line crosses, with prose on both sides. Returns its x, or undefined for a
 * single-column page. Tables are not columns: their cells are short and many.
 */
export function findGutter(lines: Line[]): number | undefined {
  if (lines.length < 6) return undefined;
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) {
    left = Math.min(left, l.x0);
    right = Math.max(right, l.x1);
  }
  const width = right - left;
  // Wider than any real page (200 inches is the PDF maximum): text placed far off the page, not columns.
  if (width < 200 || width > MAX_TEXT_WIDTH) return undefined;
  // Crossing count at each candidate x; the gutter is the middle of the widest band with the fewest crossings.
  const candidates: Array<{ x: number; crossing: number }> = [];
  for (let x = left + 0.3 * width; x <= left + 0.7 * width; x += 2) candidates.push({ x, crossing: 0 });
  countCrossings(lines, candidates);
  let fewest = Infinity;
  for (const c of candidates) fewest = Math.min(fewest, c.crossing);
  if (fewest > 0.25 * lines.length) return undefined;
  let band: [number, number] = [0, -1];
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].crossing !== fewest) continue;
    let j = i;
    while (j + 1 < candidates.length && candidates[j + 1].crossing === fewest) j++;
    if (j - i > band[1] - band[0]) band = [i, j];
    i = j;
  }
  // A gutter is wider than a word space: at least ~8 points of clear paper.
  if ((band[1] - band[0]) * 2 < 8) return undefined;
  const best = { x: (candidates[band[0]].x + candidates[band[1]].x) / 2 };
  const gutter = best.x;
  const sides = lines.filter((l) => !l.segments.some((s) => s.x0 < gutter && s.x1 > gutter));
  const leftParts = sides.map((l) => l.segments.filter((s) => s.x1 <= gutter)).filter((p) => p.length);
  const rightParts = sides.map((l) => l.segments.filter((s) => s.x0 >= gutter)).filter((p) => p.length);
  if (leftParts.length < 4 || rightParts.length < 4) return undefined;
  // Text columns are about equally wide; a narrow left "column" beside a wide one is a table's first column.
  // Typical line widths (median right edge), so that a title or a long line does not skew them.
  const leftWidth = median(leftParts.map((p) => p[p.length - 1].x1)) - left;
  const rightWidth = median(rightParts.map((p) => p[p.length - 1].x1)) - rightParts.reduce((x, p) => Math.min(x, p[0].x0), Infinity);
  const narrow = Math.min(leftWidth, rightWidth);
  const wide = Math.max(leftWidth, rightWidth);
  if (narrow < 0.75 * wide) return undefined;
  // Prose: most lines on a side are one segment that fills a good part of the column.
  const prose = (parts: Segment[][], colWidth: number) =>
    parts.filter((p) => p.length === 1 && p[0].x1 - p[0].x0 > 0.5 * colWidth).length >= 0.5 * parts.length;
  if (!prose(leftParts, gutter - left) || !prose(rightParts, right - gutter)) return undefined;
  return gutter;
}

/** Points; see findGutter. */
const MAX_TEXT_WIDTH = 20_000;

/**
 * For each candidate x (in increasing order), how many lines have a segment
 * across it (x0 < x < x1). Each line adds one over the candidates inside its
 * segments (found by binary search), through a difference array: time grows
 * with lines + candidates, not their product.
 */
function countCrossings(lines: Line[], candidates: Array<{ x: number; crossing: number }>): void {
  const n = candidates.length;
  const delta = new Int32Array(n + 1);
  /** The first candidate index whose x is > bound (strictly = false) or >= bound. */
  const firstAbove = (bound: number, orEqual: boolean): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const x = candidates[mid].x;
      if (x > bound || (orEqual && x === bound)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const ranges: Array<[number, number]> = [];
  for (const line of lines) {
    ranges.length = 0;
    for (const s of line.segments) {
      const from = firstAbove(s.x0, false);
      const to = firstAbove(s.x1, true);
      if (from < to) ranges.push([from, to]);
    }
    // A line counts once at a candidate, even where its segments overlap.
    ranges.sort((a, b) => a[0] - b[0]);
    let start = -1;
    let end = -1;
    for (const [from, to] of ranges) {
      if (from <= end) end = Math.max(end, to);
      else {
        if (start >= 0) {
          delta[start]++;
          delta[end]--;
        }
        start = from;
        end = to;
      }
    }
    if (start >= 0) {
      delta[start]++;
      delta[end]--;
    }
  }
  let running = 0;
  for (let i = 0; i < n; i++) {
    running += delta[i];
    candidates[i].crossing = running;
  }
}

/** Reading order: lines crossing the gutter stay in place; each run of lines between them is read left part, then right part. */
export function splitColumns(lines: Line[], gutter: number): Line[][] {
  const regions: Line[][] = [];
  let lefts: Line[] = [];
  let rights: Line[] = [];
  const flush = () => {
    if (lefts.length) regions.push(lefts);
    if (rights.length) regions.push(rights);
    lefts = [];
    rights = [];
  };
  for (const line of lines) {
    if (line.segments.some((s) => s.x0 < gutter && s.x1 > gutter)) {
      flush();
      regions.push([line]);
      continue;
    }
    const l = line.segments.filter((s) => s.x1 <= gutter);
    const r = line.segments.filter((s) => s.x0 >= gutter);
    if (l.length) lefts.push(toLine(line.y, l));
    if (r.length) rights.push(toLine(line.y, r));
  }
  flush();
  // Consecutive single-line regions (full-width lines) belong together for paragraph spacing.
  const merged: Line[][] = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && region.length === 1 && last.length >= 1 && last[last.length - 1].y < region[0].y && isFullWidthRegion(last, gutter)) last.push(region[0]);
    else merged.push([...region]);
  }
  return merged;
}

const isFullWidthRegion = (region: Line[], gutter: number) =>
  region.every((l) => l.segments.some((s) => s.x0 < gutter && s.x1 > gutter));
