// Running headers, footers and page numbers: lines a PDF repeats on every page
// that are layout, not content ("Regional Review 2021", "Page 3 of 48",
// "12 | Annual report"). They sit in the first or last few lines of a page; we
// compare them with digits normalised so "Page 3 of 48" and "Page 4 of 48" count
// as the same line, and drop them only when they recur on several pages.

/** How many non-blank lines at the top and at the bottom of a page may be running lines. */
const ZONE_LINES = 3;
/** A running line holds the same slot on this share of the pages, or opens/closes at least MIN_PAGES pages. */
const MIN_PAGES = 3;
const MIN_SHARE = 0.5;
/** Running headers are short; a longer line is content even when it recurs... */
const MAX_WORDS = 14;
/**
 * ...unless it holds the same slot on nearly every page and carries a number: a browser prints
 * the date, time and the page's whole title at the top of each page ("11/24/25, 8:19 PM Government response to
 * the rapid review into data on ... - GOV.UK").
 */
const MAX_LONG_WORDS = 40;
const LONG_LINE_SHARE = 0.8;

// A bare page number, alone or with its decorations: "12", "- 12 -", "Page 12", "p. 12",
// "Page 3 of 48", "3/48", "iv", "12 | Report title", "Report title | 12".
const PAGE_NUMBER_RE = /^(?:(?:page|p\.|pg\.?|seite)\s*)?[-–—(]?\s*(?:\d{1,3}|[ivxlc]{1,6})\s*[-–—)]?(?:\s*(?:of|\/|de|sur|von)\s*\d{1,3})?$/i;
const NUMBER_WITH_TITLE_RE = /^(?:\d{1,3}\s*[|•·]\s*\S.*|\S.*?\s*[|•·]\s*\d{1,3})$/;

/** The comparison key of a line: markdown marks and case dropped, every run of digits one "#". */
function lineKey(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s+|\|\s*)/, "")
    .replace(/\*\*|\|/g, " ")
    .toLowerCase()
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

export function isBarePageNumber(line: string): boolean {
  const text = line.replace(/\*\*/g, "").replace(/^#{1,6}\s+/, "").trim();
  return PAGE_NUMBER_RE.test(text) || NUMBER_WITH_TITLE_RE.test(text);
}

/**
 * The lines of a page's top and bottom zones (first and last ZONE_LINES
 * non-blank lines), each with its slot: "t0" is the first line, "b0" the last.
 */
function zoneLines(lines: string[]): Array<{ index: number; slot: string }> {
  const nonBlank = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  const zone = new Map<number, string>();
  nonBlank.slice(-ZONE_LINES).reverse().forEach((index, k) => zone.set(index, "b" + k));
  nonBlank.slice(0, ZONE_LINES).forEach((index, k) => zone.set(index, "t" + k));
  return [...zone].map(([index, slot]) => ({ index, slot }));
}

/**
 * Remove running headers/footers and bare page numbers from the pages of one
 * document. A single page is returned as it is (a .txt file has nothing to
 * compare against). `removed` lists each distinct line taken out, once.
 */
export function removeRunningHeadersFooters(pages: string[]): { pages: string[]; removed: string[] } {
  if (pages.length < 2) return { pages: [...pages], removed: [] };
  const pageLines = pages.map((p) => p.split("\n"));

  // Running lines keep their place: count each short line per slot (once per page). A line is
  // running when it holds the same slot on a good share of the pages, or opens or closes
  // (slot t0/b0) at least MIN_PAGES pages - a header that changes by chapter. Content that
  // recurs (a form label, a heading) rarely sits in the same slot page after page.
  const slotCounts = new Map<string, number>();
  for (const lines of pageLines) {
    const seen = new Set<string>();
    for (const { index, slot } of zoneLines(lines)) {
      const key = lineKey(lines[index]);
      if (!key || key.split(" ").length > MAX_LONG_WORDS || seen.has(slot + key)) continue;
      seen.add(slot + key);
      slotCounts.set(slot + " " + key, (slotCounts.get(slot + " " + key) ?? 0) + 1);
    }
  }
  const needed = Math.max(MIN_PAGES, Math.ceil(MIN_SHARE * pages.length));
  const running = new Set<string>();
  for (const [slotKey, n] of slotCounts) {
    const [slot, key] = [slotKey.slice(0, 2), slotKey.slice(3)];
    if (key.split(" ").length > MAX_WORDS) {
      // A long line is running only with a date, time or page number in it: a sentence that recurs is content.
      if (key.includes("#") && n >= Math.max(MIN_PAGES, Math.ceil(LONG_LINE_SHARE * pages.length))) running.add(key);
    } else if (n >= needed || ((slot === "t0" || slot === "b0") && n >= MIN_PAGES)) running.add(key);
  }

  const removed = new Set<string>();
  const cleaned = pageLines.map((lines) => {
    const drop = new Set<number>();
    for (const { index } of zoneLines(lines)) {
      if (running.has(lineKey(lines[index])) || isBarePageNumber(lines[index])) drop.add(index);
    }
    for (const i of drop) removed.add(lines[i].trim());
    return trimBlankLines(lines.filter((_, i) => !drop.has(i))).join("\n");
  });
  return { pages: cleaned, removed: [...removed] };
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start].trim()) start++;
  while (end > start && !lines[end - 1].trim()) end--;
  return lines.slice(start, end);
}
