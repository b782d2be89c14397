// Front matter, body and back matter, and the table of contents.
//
// A table of contents lists the headings of the document: read as headings,
// its "Annex 2: Terms of reference" line would open back matter that swallows
// the whole body, and every title would appear twice in the heading tree. Its
// entries are recognised (dot leaders, page numbers, titles repeated later as
// headings) and become front-matter paragraphs.
//
// Zones then follow the heading tree: a front-matter heading ("Acronyms",
// "Foreword") or a back-matter heading ("Annex 1", "References") opens its
// zone, which ends at the next heading of its level or above that does not
// open the same zone again. What comes before the contents or the first
// front-matter section (the title page) is front matter too.
import type { Block, Zone } from "../types.js";
import { wordsUpTo as wordCount } from "./words.js";
import { charClassOf, isSpaceCode, OTHER_CLASS } from "./char-class.js";

const CONTENTS_TITLES = String.raw`table\s+of\s+contents?|contents?|on\s+this\s+page|in\s+this\s+(?:page|report|document)|table\s+des\s+mati[eè]res|sommaire|[íi]ndice|contenido`;
const CONTENTS_HEADING_RE = new RegExp(String.raw`^(?:${CONTENTS_TITLES})\b`, "i");
/** A heading that is only a contents title (not "Content analysis", "Índice de Desarrollo Humano"). */
const CONTENTS_TITLE_RE = new RegExp(String.raw`^(?:${CONTENTS_TITLES})\s*:?$`, "i");
const FRONT_HEADING_RE =
  /^(?:(?:list\s+of\s+)?(?:acronyms|abbreviations|tables|figures|charts|boxes|annexes|appendices)\b|list\s+of\b|glossary\b|foreword\b|preface\b|acknowledge?ments?\b|disclaimer\b|copyright\b|sigles\b|abr[ée]viations\b|remerciements\b|avant-propos\b)/i;
const BACK_HEADING_RE =
  /^(?:(?:annex|appendix|anexo|annexe)(?:es|ices|s)?\b|appendices\b|terms\s+of\s+references?\b|bibliography\b|references\b|reference\s+list\b|list\s+of\s+references\b|works\s+cited\b|sources\s+cited\b|endnotes\b|footnotes\b|notes\s+and\s+references\b|bibliographie\b|r[ée]f[ée]rences\b|bibliograf[íi]a\b|referencias\b)/i;

// An annex or appendix as a part of the document: "Annex B. Evaluation matrix", "APPENDICES", "Annex 2:".
const ANNEX_PART_RE = /^(?:annex(?:es)?|appendix|appendices|anexos?|annexes?)(?:\s+(?:[A-Z]|[IVXLC]{1,5}|\d{1,2})\b)?\s*(?:[.:–—-]|$)/i;
// A chapter's numbering: "3.", "3.0", "IV.", "Chapter 2", "Part II".
const CHAPTER_NUMBER_RE = /^(?:\d{1,2}(?:\.0)?\.?\s+\p{L}|[IVXLC]{1,6}\.\s|(?:chapter|part|section|chapitre|partie|cap[íi]tulo)\s+[\dIVXLC]+\b)/iu;
// Parts of a report's body that may come after its annexes (a management response bound behind them).
const BODY_PART_RE = /^(?:executive\s+summary|introduction|management\s+response|(?:the\s+)?government\s+response|action\s+plan|r[ée]sum[ée]\s+ex[ée]cutif|r[ée]ponse\s+de\s+la\s+direction|respuesta\s+de\s+la\s+gerencia)\b/i;
// A contents entry's page number: after dot leaders ("Introduction ........ 3"), or alone at the end.
const DOT_LEADER_RE = /(?:\.{3,}|…+|(?:\.\s){3,}|_{3,}|-{4,})\s*[\divxlc]{0,6}\s*$/i;
const PAGE_NUMBER_END_RE = /\s(?:\d{1,3}|[ivxlc]{1,6})$/;
/** Contents entries are short; a longer block ends the contents. */
const MAX_ENTRY_WORDS = 25;
/** Contents sit near the start: in the first share of the blocks. */
const CONTENTS_WITHIN = 0.4;
/** A run of headings counts as contents without a "Contents" heading when this many are repeated later. */
const MIN_UNHEADED_RUN = 4;

export interface ZoneOptions {
  /** Heading levels were read from type sizes (PDF), not written down (markdown, HTML). */
  headingsFromType: boolean;
}

/** Titles are compared by this many words at most. */
const KEY_WORDS = 5;

/**
 * A heading or entry reduced to its first KEY_WORDS words: numbering, leaders, page number,
 * case and punctuation gone. (The words are the runs of letters and digits, as
 * /[\p{L}\p{N}]+/gu finds them, joined by one space.)
 */
export function titleKey(text: string): string {
  // Leaders and page numbers end on one of a few characters: most titles skip both regexes.
  const stripped = mayEndWithPageNumber(text) ? text.replace(DOT_LEADER_RE, "").replace(/\s+\d{1,3}$/, "") : text;
  const unlabelled = stripped.toLowerCase().replace(/^(?:(?:chapter|section|part|annex|appendix)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[ivxlc]{1,6}|[a-z])[.):]?\s+/i, "");
  return leadingWords(unlabelled, KEY_WORDS);
}

/** The first `n` runs of letters and digits (whole code points) of the text, joined by a space. */
function leadingWords(text: string, n: number): string {
  let key = "";
  let words = 0;
  let i = 0;
  while (i < text.length && words < n) {
    const start = i;
    while (i < text.length && isLetterOrDigitAt(text, i)) i += codeUnitsAt(text, i);
    if (i > start) {
      key += (words++ ? " " : "") + text.slice(start, i);
      continue;
    }
    i += codeUnitsAt(text, i);
  }
  return key;
}

/** 2 where the text holds an astral character (a surrogate pair) at i, else 1. */
const codeUnitsAt = (text: string, i: number) => (text.codePointAt(i)! > 0xffff ? 2 : 1);

function isLetterOrDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return charClassOf(text.codePointAt(i)!) !== OTHER_CLASS;
}

/**
 * Can the text end with dot leaders or a page number (DOT_LEADER_RE, PAGE_NUMBER_END_RE)?
 * Its last character other than a space must then be a digit, a roman numeral's letter,
 * ".", "…", "_" or "-". A test of one character that spares most blocks the end-anchored regexes.
 */
function mayEndWithPageNumber(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  if ((c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45 || c === 0x2026) return true;
  const lower = c | 32;
  return lower === 105 || lower === 118 || lower === 120 || lower === 108 || lower === 99; // i v x l c
}

/** Plain words of a heading for the zone patterns: labels and marks stripped. */
function plain(text: string): string {
  return text.replace(/[*_#`]/g, "").replace(/^\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[A-Z])[.)]\s+/, "").trim();
}

/**
 * Find the table of contents, turn its entries into paragraphs, and set every
 * block's zone. Mutates the blocks (kind, level, section, zone); offsets and
 * texts are unchanged.
 */
export function readZones(blocks: Block[], options: ZoneOptions = { headingsFromType: false }): void {
  // Each block's words, counted once up to the largest limit asked about (exact up to it, then
  // MAX_ENTRY_WORDS + 1): every word test below compares with a limit no larger.
  const words = blocks.map((b) => wordCount(b.text, MAX_ENTRY_WORDS));
  const contents = findContents(blocks, words);
  for (const i of contents) {
    const b = blocks[i];
    // The entries stop being headings; the "Contents" heading itself stays one (of the front matter).
    if (b.kind === "heading" && !CONTENTS_HEADING_RE.test(plain(b.text))) {
      b.kind = "paragraph";
      b.level = 0;
    }
  }
  if (contents.size || blocks.some((b, k) => isContentsHeading(b, words[k]))) rebuildSections(blocks, words);
  assignZones(blocks, contents, words, options);
}

/**
 * Indexes of the blocks that are table-of-contents entries (the "Contents" heading included).
 * `words`: each block's word count up to MAX_ENTRY_WORDS (see readZones).
 */
export function findContents(blocks: Block[], words: number[]): Set<number> {
  const found = new Set<number>();
  const limit = Math.ceil(blocks.length * CONTENTS_WITHIN);
  // Where each title appears as a heading: an entry is repeated when a heading after it has its words.
  // Titles are compared by their first words: the body's heading may add to the entry
  // ("3.2 Role of Government" in the contents, "3.2 Role of Government - Demonstrated" in the body).
  // Each block's title key and entry test are computed once, by position (as its word count,
  // `words`): the run search below asks about the same blocks several times.
  const keys = new Array<string | undefined>(blocks.length);
  const keyAt = (k: number) => (keys[k] ??= titleKey(blocks[k].text));
  const headingAt = new Map<string, number[]>();
  blocks.forEach((b, k) => {
    if (b.kind !== "heading" && !(b.kind === "paragraph" && words[k] <= MAX_ENTRY_WORDS)) return;
    const key = keyAt(k);
    if (!key) return;
    const at = headingAt.get(key);
    if (at) at.push(b.index);
    else headingAt.set(key, [b.index]);
  });
  // Block indexes ascend in each list: a heading after `after` exists when the last one is after it.
  const repeatedLater = (k: number, after: number) => {
    const at = headingAt.get(keyAt(k));
    return at !== undefined && at[at.length - 1] > after;
  };
  const isLeaderEntryAt = (k: number) => {
    const text = blocks[k].text;
    return mayEndWithPageNumber(text) && (DOT_LEADER_RE.test(text) || (PAGE_NUMBER_END_RE.test(text) && words[k] <= 15 && /\p{L}/u.test(text)));
  };
  // Block k is asked whether it is an entry of a run ending at itself: remembered by position.
  const entries = new Array<boolean | undefined>(blocks.length);
  const isEntryAt = (k: number) =>
    (entries[k] ??= blocks[k].kind !== "footnote" && words[k] <= MAX_ENTRY_WORDS && (isLeaderEntryAt(k) || repeatedLater(k, k)));

  for (let i = 0; i < limit; i++) {
    const b = blocks[i];
    // The word count first: plain() copies the whole text.
    const headed = (b.kind === "heading" || b.kind === "paragraph") && words[i] <= 4 && CONTENTS_HEADING_RE.test(plain(b.text));
    if (!headed && !isEntryAt(i)) continue;
    // A run of entries: each repeated further on, or carrying a page number.
    let j = headed ? i + 1 : i;
    // The last entry of a run is compared with headings after the whole run: look ahead first.
    // One block that is not an entry (a title the body words differently) does not end the run.
    const entryAt = (k: number) => k < blocks.length && (blocks[k].kind === "footnote" || isEntryAt(k));
    while (entryAt(j) || (entryAt(j + 1) && entryAt(j + 2) && words[j] < MAX_ENTRY_WORDS)) j++;
    const runLength = j - (headed ? i + 1 : i);
    let leaders = 0;
    for (let k = i; k < j; k++) if (isLeaderEntryAt(k)) leaders++;
    if (headed ? runLength >= 2 : runLength >= MIN_UNHEADED_RUN && (leaders >= 2 || blocks.slice(i, j).every((x) => x.kind === "heading"))) {
      for (let k = i; k < j; k++) if (blocks[k].kind !== "footnote") found.add(k);
      i = j - 1;
    }
  }
  return found;
}

/** A "Contents" / "Table of Contents" heading, whose section the next heading closes. */
function isContentsHeading(b: Block, words: number): boolean {
  return b.kind === "heading" && words <= 4 && CONTENTS_TITLE_RE.test(plain(b.text));
}

/**
 * Section paths again after contents headings became paragraphs. A table of contents covers its
 * entries only: the next heading closes it, whatever its level (pages that set "Table of Contents"
 * as h2 and their chapters as h3 would otherwise put the whole report inside the contents).
 */
function rebuildSections(blocks: Block[], words: number[]): void {
  const path: Array<{ level: number; text: string; contents: boolean }> = [];
  blocks.forEach((b, k) => {
    if (b.kind === "heading") {
      while (path.length && path[path.length - 1].level >= b.level) path.pop();
      if (path.length && path[path.length - 1].contents) path.pop();
    }
    b.section = path.map((h) => h.text);
    if (b.kind === "heading") path.push({ level: b.level, text: b.text, contents: isContentsHeading(b, words[k]) });
  });
}

/**
 * The level of the document's chapters: the highest heading level (smallest
 * number) used at least twice. A title set once in the largest type does not count.
 */
function chapterLevel(blocks: Block[]): number {
  const uses = [0, 0, 0, 0, 0, 0, 0];
  for (const b of blocks) if (b.kind === "heading" && b.level >= 1 && b.level <= 6) uses[b.level]++;
  for (let level = 1; level <= 6; level++) if (uses[level] >= 2) return level;
  return 1;
}

/** The zone a heading opened, if one is open (a function: TypeScript narrows the loop's variable to null). */
const zoneOpen = (open: { zone: Zone } | null): Zone | undefined => open?.zone;

/**
 * Body text has begun once a paragraph or list item of this many words sits in the body zone.
 * (At most MAX_ENTRY_WORDS: readZones counts words that far.)
 */
const BODY_WORDS = MAX_ENTRY_WORDS;

/**
 * Zones from the heading tree (see the module comment). Front-matter headings
 * open front matter only before the body has begun, and back-matter headings
 * open back matter only after: an "Annexes" line on a title page or a
 * "Terms of reference" heading in the executive summary's list is not back matter.
 */
function assignZones(blocks: Block[], contents: Set<number>, words: number[], options: ZoneOptions): void {
  let open: { zone: Zone; level: number; annex: boolean } | null = null;
  let frontSeen = contents.size > 0;
  const chapters = chapterLevel(blocks);
  let openedAt = -2;
  let bodySeen = false;
  const zoneOf = new Array<Zone>(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (contents.has(i)) {
      zoneOf[i] = "front";
      continue;
    }
    if (b.kind === "heading") {
      const text = plain(b.text);
      // After the body, a front-matter title ("List of acronyms", "Glossary") met inside the back matter stays in it.
      const front = FRONT_HEADING_RE.test(text);
      const opens: Zone | null = (BACK_HEADING_RE.test(text) || (front && zoneOpen(open) === "back")) && bodySeen ? "back" : front && !bodySeen ? "front" : null;
      // A zone ends at the next heading of its level or above, unless that heading opens it again.
      // (A heading right after the one that opened the zone, on its page, is the rest of its title or a subtitle.)
      // Where headings were read from type sizes (PDF), an annex part lasts to the end of the document
      // unless a chapter follows it: a heading numbered as a chapter or one that opens a part of the
      // body ("Management response"). The unnumbered headings inside annexes (a case study's
      // "Recommendations", a table's first cell in large type) are often set as large as the chapters'.
      const subtitle = i === openedAt + 1 && b.page === blocks[openedAt].page;
      const endsAnnex = !open?.annex || !options.headingsFromType || CHAPTER_NUMBER_RE.test(b.text) || BODY_PART_RE.test(text);
      if (open && b.level <= open.level && opens !== open.zone && !subtitle && endsAnnex) open = null;
      // An annex is a part of the document whatever size its heading is set in: back matter
      // lasts until the next chapter-level heading, not the next heading as small as its own
      // ("Annex B. Evaluation matrix", "Appendices"). A "Terms of reference" or "References"
      // heading may be a section inside a chapter: it keeps its own level.
      const part: boolean = opens === "back" && ANNEX_PART_RE.test(text);
      if (opens && (!open || b.level <= open.level)) {
        open = { zone: opens, level: part ? Math.min(b.level, chapters) : b.level, annex: part };
        openedAt = i;
      }
      if (opens === "front") frontSeen = true;
    }
    zoneOf[i] = open ? open.zone : "body";
    if (!bodySeen && zoneOf[i] === "body" && (b.kind === "paragraph" || b.kind === "list_item") && words[i] >= BODY_WORDS) bodySeen = true;
  }
  // The title page: what comes before the contents or the first front-matter section.
  if (frontSeen) {
    const firstFront = zoneOf.indexOf("front");
    for (let i = 0; i < firstFront; i++) zoneOf[i] = "front";
  }
  for (let i = 0; i < blocks.length; i++) blocks[i].zone = zoneOf[i];
}
