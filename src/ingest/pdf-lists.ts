// List items whose bullets are drawn, not written. A browser that prints a web
// page to PDF ("Save as PDF") paints each list bullet as a small disc: the text
// layer holds the items' words but no bullet character. What is left is the
// geometry: after a line that announces a list (it ends with ":"), the items sit
// indented by the same amount, every line of an item at that indent (the bullet
// hangs to the left of it), and items are set apart by a little more space than
// the lines inside an item. Without this the items run into each other, or into
// the paragraph that leads into them.
import type { Line } from "./pdf-lines.js";

/** An item is indented at least this much (points) past the line that announces it... */
const MIN_INDENT = 8;
/** ...and at most this much: further in, it is a table cell or a figure label. */
const MAX_INDENT = 50;
/** Lines of one run of items keep their left edge within this (points). */
const SAME_EDGE = 2;
/** Between two items, the gap is wider than the line pitch by this factor (gov.uk: 24 vs 16 points). */
const ITEM_GAP = 1.25;
/** A gap this wide (in pitches) ends the list whatever the indent. */
const END_GAP = 3;
/** Without gaps between items, a line shorter than this share of the run's widest ends its item. */
const SHORT_LINE = 0.75;

const QUOTE_OPEN_RE = /^["“«‘'„]/;

/** A line of the item list: where it starts an item, and how deep that item sits (0 = top level). */
export interface DrawnListLine {
  startsItem: boolean;
  depth: number;
}

/**
 * The lines that are items of lists with drawn bullets, by index. `writtenItem`
 * tells a line that reads as a list item already (a bullet glyph or a label):
 * a run holding one is left to that reading. `skip` marks lines that belong to
 * something else (a table, the footnotes).
 */
export function drawnListLines(lines: Line[], pitch: number, writtenItem: (line: Line) => boolean, skip: (i: number) => boolean): Map<number, DrawnListLine> {
  const found = new Map<number, DrawnListLine>();
  const text = (l: Line) => l.segments[l.segments.length - 1].text;
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    if (skip(i) || first.segments.length !== 1) continue;
    // An indented quotation ("One returnee said:" / "“I did not receive ...") is not a list.
    if (QUOTE_OPEN_RE.test(text(first))) continue;
    // A list opens after a line that announces it; at the top of a page, one goes on from the page before.
    // (Above the page's first line there may be a running header in small type.)
    // It goes on mid-sentence, in lower case: a page that merely starts indented (a box, a label) is no list.
    const goesOn = i < 4 && /^\p{Ll}/u.test(text(first)) && lines.slice(0, i).every((l) => l.size < first.size - 1);
    const lead = goesOn ? undefined : lines[i - 1];
    if (!goesOn && (!lead || skip(i - 1) || !text(lead).trimEnd().endsWith(":") || first.y - lead.y > END_GAP * pitch)) continue;
    const indented = (x: number) => first.x0 - x >= MIN_INDENT && first.x0 - x <= MAX_INDENT;
    if (lead && !indented(lead.x0)) continue;
    // The run: every following line at the items' edge or deeper, one cell each, no wide gap.
    const edge = first.x0;
    let end = i + 1;
    while (
      end < lines.length &&
      !skip(end) &&
      lines[end].x0 >= edge - SAME_EDGE &&
      lines[end].x0 <= edge + (goesOn ? SAME_EDGE : MAX_INDENT) &&
      lines[end].segments.length === 1 &&
      // A caption or a note in other type is not an item (a link's address printed a little smaller is).
      lines[end].size <= first.size + 0.5 &&
      lines[end].size >= 0.88 * first.size &&
      lines[end].y - lines[end - 1].y > 0 &&
      lines[end].y - lines[end - 1].y <= END_GAP * pitch
    )
      end++;
    const run = lines.slice(i, end);
    if (run.some(writtenItem)) continue;
    const gapBefore = (k: number) => lines[k].y - lines[k - 1].y;
    const gapped = run.some((_, k) => k > 0 && gapBefore(i + k) > ITEM_GAP * pitch);
    // Going on from the page before: only when text at the margin to the left follows it, and further
    // items follow (the rest of an item alone is a paragraph that the text stage joins to it anyway).
    if (goesOn && !(gapped && end < lines.length && indented(lines[end].x0))) continue;
    // One indented line followed by the paragraph's next line at the margin is a first-line indent, not a list.
    const after = lines[end];
    if (run.length === 1 && after && after.y - first.y <= ITEM_GAP * pitch && after.x0 < edge - SAME_EDGE) continue;
    const widest = run.reduce((w, l) => Math.max(w, l.x1 - edge), -Infinity);
    for (let k = i; k < end; k++) {
      const deeper = lines[k].x0 > edge + MIN_INDENT;
      const startsItem =
        k === i
          ? !goesOn
          :
            (gapped ? gapBefore(k) > ITEM_GAP * pitch : lines[k - 1].x1 - edge < SHORT_LINE * widest) ||
            // A deeper line after a line that announces a sub-list starts a nested item.
            (deeper && lines[k - 1].x0 <= edge + SAME_EDGE && text(lines[k - 1]).trimEnd().endsWith(":"));
      found.set(k, { startsItem, depth: deeper ? 1 : 0 });
    }
    i = end - 1;
  }
  return found;
}

