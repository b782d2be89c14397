// From pages of lines to blocks: headings, paragraphs, list items, table rows
// and footnotes, with wrapped lines re-flowed and broken words re-joined.
import type { BlockKind } from "../types.js";
import { cleanInline, readLine, type Line } from "./lines.js";
import { joinLineBreakHyphen, type WordLookup } from "./hyphenation.js";
import { hasWords } from "./words.js";
import { continuesLine } from "./reflow.js";

/** Dot leaders and a page number end a contents entry. */
const CONTENTS_ENTRY_END_RE = /(?:\.{4,}|…{2,}|(?:\. ){3,})\s*(?:\d{1,3}|[ivxlc]{1,6})$/;

/** A short title ending with a page number ("Evaluation Context 5"): one line of a contents list. */
const PAGED_TITLE_RE = /^(?=\S)(?:\S+\s+){0,11}\S*\p{L}\S*\s+\d{1,3}$/u;

/**
 * Does the line end with a digit or a lower-case roman numeral's letter? Both patterns above need
 * it: testing one character spares most lines two regexes anchored at their end.
 */
function endsWithNumeral(line: string): boolean {
  const c = line.charCodeAt(line.length - 1);
  return (c >= 48 && c <= 57) || c === 105 || c === 118 || c === 120 || c === 108 || c === 99; // i v x l c
}

/** A block before offsets are assigned: its text pieces keep their page. */
export interface DraftBlock {
  kind: BlockKind;
  level: number;
  label: string;
  depth: number;
  /** Started by a bullet character rather than a bare ordinal label ("I.", "3."). */
  bulleted: boolean;
  /** Cleaned text of each source line, with the page it came from. */
  pieces: Array<{ text: string; page: number }>;
}

/** Read every page's lines into draft blocks, in reading order. */
export function readBlocks(pages: string[], options: { joinWrappedHeadings: boolean; linesAreBlocks?: boolean }): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  let open = undefined as DraftBlock | undefined; // the block that following text lines continue
  const listIndents: number[] = []; // indents of the open list levels, for nesting depth
  const outline = new OutlineStyles(); // label styles of unindented ordinal items under the current heading

  const start = (block: DraftBlock) => {
    blocks.push(block);
    open = block.kind === "heading" || block.kind === "table_row" ? undefined : block;
  };

  pages.forEach((pageText, p) => {
    open = undefined; // a page break ends a paragraph; continuations are re-joined later
    let previousLineWasHeading = false;
    for (const raw of pageText.split("\n")) {
      const line = readLine(raw, p + 1);
      const isHeading = line.kind === "heading" || line.kind === "bold";
      const text = line.kind === "table" ? line.content : cleanInline(line.content);
      switch (line.kind) {
        case "blank":
        case "rule":
          open = undefined;
          if (line.kind === "rule") listIndents.length = 0;
          break;
        case "heading":
        case "bold": {
          if (!text) break;
          listIndents.length = 0;
          outline.reset();
          const level = line.kind === "heading" ? line.level : 0;
          const previous = blocks[blocks.length - 1];
          // A title set on two lines ("EVALUATION OF THE NIGERIA: STRENGTHENING" / "RETURNEES AND ...")
          // arrives as two heading lines of one level with nothing between them.
          if (options.joinWrappedHeadings && previousLineWasHeading && previous?.kind === "heading" && previous.level === level && !/[.:?!]$/.test(previous.pieces[previous.pieces.length - 1].text)) {
            previous.pieces.push({ text, page: line.page });
          } else start(draft("heading", line, text, level));
          break;
        }
        case "table":
          start(draft("table_row", line, text));
          break;
        case "footnote":
          start(draft("footnote", line, text));
          break;
        case "list": {
          const indentDepth = nestingDepth(listIndents, line.indent);
          // "(a)" / "(i)" / "(A)" items nest by their label style (web pages indent them at random);
          // other items without indents to go by ("a.", "ii.") too.
          const byStyle = !line.bulleted && line.label !== "" && (indentDepth === 0 || line.label.startsWith("("));
          const depth = byStyle ? outline.depthOf(line.label) : indentDepth;
          start({ ...draft("list_item", line, text), depth });
          break;
        }
        case "text":
          if (!text) break;
          // In a file whose lines are blocks (see reflow.ts), a line continues the one above
          // only where the break plainly falls inside a sentence.
          if (open && options.linesAreBlocks && !continuesLine((open as DraftBlock).pieces[(open as DraftBlock).pieces.length - 1].text, text)) open = undefined;
          // A contents entry ("Findings ........ 5", or "Findings 5" over "Relevance 7") ends at its page number.
          if (open) {
            const last = (open as DraftBlock).pieces[(open as DraftBlock).pieces.length - 1].text;
            if (endsWithNumeral(last) && (CONTENTS_ENTRY_END_RE.test(last) || (PAGED_TITLE_RE.test(last) && PAGED_TITLE_RE.test(text)))) open = undefined;
          }
          if (open) (open as DraftBlock).pieces.push({ text, page: line.page });
          else {
            listIndents.length = 0;
            start(draft("paragraph", line, text));
          }
      }
      previousLineWasHeading = isHeading;
    }
  });
  return blocks.filter((b) => b.pieces.some((piece) => piece.text));
}

type LabelStyle = "number" | "lower" | "upper" | "lower-roman" | "upper-roman";

/**
 * Outline depth from label styles, as statutes and executive orders number their
 * parts: "(a)" subsections, "(i)" clauses under them, "(A)" under those. Each
 * style takes the depth at which it first appears under the current heading;
 * coming back to a style closes the deeper ones.
 */
class OutlineStyles {
  private styles: LabelStyle[] = [];
  private lastLetter: Partial<Record<"lower" | "upper", string>> = {};

  reset(): void {
    this.styles.length = 0;
    this.lastLetter = {};
  }

  depthOf(written: string): number {
    const label = written.startsWith("(") ? written.slice(1, -1) : written;
    const style = this.styleOf(label);
    if (style === "lower" || style === "upper") this.lastLetter[style] = label;
    const at = this.styles.indexOf(style);
    if (at >= 0) {
      this.styles.length = at + 1;
      return at;
    }
    this.styles.push(style);
    return this.styles.length - 1;
  }

  /** "i", "v", "x", "c", "l" are roman numerals unless they follow the letter before them ("h" then "i"). */
  private styleOf(label: string): LabelStyle {
    if (/^\d/.test(label)) return "number";
    const upper = label === label.toUpperCase();
    const letters = upper ? "upper" : "lower";
    if (/^[ivxlc]+$/i.test(label)) {
      const previous = this.lastLetter[letters];
      const isNextLetter = label.length === 1 && previous !== undefined && previous.length === 1 && previous.charCodeAt(0) + 1 === label.charCodeAt(0);
      if (!isNextLetter) return upper ? "upper-roman" : "lower-roman";
    }
    return letters;
  }
}

function draft(kind: BlockKind, line: Line, text: string, level = 0): DraftBlock {
  return { kind, level, label: kind === "list_item" || kind === "footnote" ? line.label : "", depth: 0, bulleted: line.bulleted, pieces: [{ text, page: line.page }] };
}

/** Depth of a list item from its indent relative to the indents of the list items above it. */
function nestingDepth(indents: number[], indent: number): number {
  while (indents.length && indents[indents.length - 1] > indent) indents.pop();
  if (!indents.length || indents[indents.length - 1] < indent) indents.push(indent);
  return indents.length - 1;
}

/** Join a block's lines into one string, re-joining words hyphenated at a line break. */
export function joinPieces(pieces: DraftBlock["pieces"], vocabulary: WordLookup): { text: string; pageBreaks: Array<[number, number]> } {
  let text = "";
  const pageBreaks: Array<[number, number]> = []; // [offset in text, page from there on]
  let page = pieces[0]?.page ?? 1;
  for (const piece of pieces) {
    if (!piece.text) continue;
    if (!text) {
      text = piece.text;
      continue;
    }
    if (piece.page !== page) {
      page = piece.page;
      pageBreaks.push([text.length + 1, page]);
    }
    // Only the end of the text so far can hold the broken word (a regex anchored at $ would scan it all).
    const hyphenated = text.endsWith("-") ? /(\p{L}+)-$/u.exec(text.slice(-64)) : null;
    const next = hyphenated ? /^(\p{L}+)/u.exec(piece.text) : null;
    if (hyphenated && next && !/\s-$/.test(text.slice(-2))) {
      const joined = joinLineBreakHyphen(hyphenated[1], next[1], vocabulary);
      text = text.slice(0, text.length - hyphenated[0].length) + joined + piece.text.slice(next[1].length);
    } else {
      text += " " + piece.text;
    }
  }
  return { text, pageBreaks };
}

const ENDS_SENTENCE_RE = /[.!?:;"”’)\]]$/;

/**
 * Re-join text that a page break or a footnote split: a paragraph or list item
 * that stops mid-sentence continues in the next body block when that block
 * starts in lower case ("... while" / "those who are victims ..."). Footnotes
 * between the two stay apart and follow the joined block.
 */
export function joinContinuations(blocks: DraftBlock[]): DraftBlock[] {
  const out: DraftBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    out.push(block);
    if (block.kind !== "paragraph" && block.kind !== "list_item") continue;
    for (;;) {
      const last = block.pieces[block.pieces.length - 1].text;
      if (ENDS_SENTENCE_RE.test(last)) break;
      let j = i + 1;
      while (j < blocks.length && blocks[j].kind === "footnote") j++;
      const next = blocks[j];
      if (!next || next.kind !== "paragraph" || !/^\p{Ll}/u.test(next.pieces[0].text)) break;
      block.pieces.push(...next.pieces);
      const footnotes = blocks.slice(i + 1, j);
      blocks.splice(i + 1, j - i); // drop the footnotes and the continuation from the queue...
      blocks.splice(i + 1, 0, ...footnotes); // ...and put the footnotes back after the joined block
    }
  }
  return out;
}

const MAX_HEADING_WORDS = 14;
/** A line ending on one of these words stops mid-phrase: it is not a title. */
const ENDS_MID_PHRASE_RE = /\b(?:and|or|the|of|to|in|for|with|a|an|by|is|are|on|at|from|that)$/i;

/**
 * A paragraph of one short line without a full stop ("Recommendations:",
 * "Background", "I. Respecting human rights") is a heading in text converted
 * from PDF. Level: 2 for numbered parts ("I.", "Part 2"), 3 otherwise;
 * bold-line headings take the level below the last explicit `#` heading.
 */
export function inferHeadings(blocks: DraftBlock[], options = { fromShortLines: true }): void {
  let lastExplicit = 1;
  const inferred: number[] = []; // indexes of the paragraphs made headings here
  const repeated = repeatedLabels(blocks);
  for (let index = 0; index < blocks.length; index++) {
    const b = blocks[index];
    if (b.kind === "heading" && b.level === 0 && isLabelLeadIn(blocks, index, repeated)) {
      // "**Management response:**" over the response itself: a lead-in, not a section title.
      b.kind = "paragraph";
      continue;
    }
    if (b.kind === "heading" && b.level > 0) lastExplicit = b.level;
    // A bold line takes its level from its numbering ("3.2 Findings"), else the level below the last `#` heading.
    if (b.kind === "heading" && b.level === 0) b.level = numberedLevel(b.pieces[0].text) ?? Math.min(6, lastExplicit + 1);
    if (b.pieces.length !== 1 || !options.fromShortLines) continue;
    if (b.kind === "list_item" && !b.bulleted && /^(?:[IVXLC]+|[A-Z])$/.test(b.label)) {
      // "I. Respecting human rights" on a line of its own: a numbered part, not a list item.
      const text = b.pieces[0].text;
      // ...but "(D) combating violence; and" or "(F) The following are revoked:" is an item of a list.
      const readsAsItem = /^\p{Ll}/u.test(text) || ENDS_MID_PHRASE_RE.test(text) || (text.endsWith(":") && hasWords(text, 6));
      if (!hasWords(text, MAX_HEADING_WORDS + 1) && !/[.,;]$/.test(text) && !readsAsItem) {
        b.pieces[0].text = `${b.label}. ${text}`;
        b.kind = "heading";
        b.level = 2;
        b.label = "";
      }
      continue;
    }
    if (b.kind !== "paragraph") continue;
    const text = b.pieces[0].text;
    // Cheap tests first: most paragraphs end with a full stop, and counting their words is not.
    if (/[.,;!?]$/.test(text) || !/^[\p{Lu}\p{N}]/u.test(text) || hasWords(text, MAX_HEADING_WORDS + 1)) continue;
    if (!/\p{L}{2}/u.test(text)) continue; // a bare number or figure ("53%") is not a heading
    if (ENDS_MID_PHRASE_RE.test(text)) continue; // "Satellite infrastructure; and", "the body for the CGS is the": cut mid-sentence
    if (text.endsWith(":") && hasWords(text, 6)) continue; // "The participants made the following recommendations:" leads into a list
    if (isLabelLeadIn(blocks, index, repeated)) continue; // "Timing:" over its content
    if (index > 0 && blocks[index - 1].kind === "paragraph" && isLabelLeadIn(blocks, index - 1, repeated)) continue; // ...and that content ("DG-HAOB")
    b.kind = "heading";
    b.level = numberedLevel(text) ?? (/^(?:[IVXLC]+\.|Part\b|Chapter\b|Section\b|Annex\b)/.test(text) ? 2 : 3);
    inferred.push(index);
  }
  revertHeadingRuns(blocks, inferred);
}

/** A label names its content; "This programme should:" is a sentence cut before its items. */
const MODAL_RE = /\b(?:should|must|shall|will|would|could|can|may|need|needs|includes?)\b/i;
/** At most this many words in a label that leads into its content ("Position responsible:"). */
const MAX_LABEL_WORDS = 3;

/** A short label ending in a colon ("Timing:"), as a block's only line. */
function labelText(b: DraftBlock): string | undefined {
  if (b.pieces.length !== 1 || (b.kind !== "paragraph" && b.kind !== "heading")) return undefined;
  const text = b.pieces[0].text;
  return text.endsWith(":") && !hasWords(text, MAX_LABEL_WORDS + 1) && !MODAL_RE.test(text) ? text : undefined;
}

/** The labels that recur in the document: the field names of a form or table flattened into lines. */
function repeatedLabels(blocks: DraftBlock[]): Set<string> {
  const seen = new Set<string>(), repeated = new Set<string>();
  for (const b of blocks) {
    const label = labelText(b);
    if (label === undefined) continue;
    if (seen.has(label)) repeated.add(label);
    seen.add(label);
  }
  return repeated;
}

/**
 * A short label ending in a colon ("Management response:", "Timing:") that recurs in the
 * document, with its content right after it, as the response tables of evaluations read
 * once flattened into lines: it leads into that content rather than heading a section.
 * (A label met once, "Recommendations:", may well head its section: it is left alone.)
 */
function isLabelLeadIn(blocks: DraftBlock[], index: number, repeated: Set<string>): boolean {
  const b = blocks[index];
  if (b.pieces.length !== 1 || !repeated.has(b.pieces[0].text)) return false;
  const next = blocks[index + 1];
  // Over a list it may head the list ("Recommendations:" over each part's items): left as it was read.
  return next !== undefined && next.kind === "paragraph" && next.pieces[0].page === b.pieces[0].page;
}

/**
 * Level from a heading's numbering: "3." or "3.0" -> 2, "3.2" -> 3, "3.2.1" -> 4
 * (level 1 is the document's title). Undefined for a heading without numbering.
 */
export function numberedLevel(text: string): number | undefined {
  const m = /^(\d{1,2})((?:\.\d{1,2}){0,3})\.?\s+\p{L}/u.exec(text);
  if (!m) return undefined;
  const parts = m[2] ? m[2].slice(1).split(".") : [];
  while (parts.length && /^0+$/.test(parts[parts.length - 1])) parts.pop(); // "1.0" is chapter 1
  if (!m[2] && !/^\d{1,2}\./.test(text)) return undefined; // "2021 Annual report": a year, not a number
  return Math.min(6, 2 + parts.length);
}

/** A run of this many short lines guessed to be headings, with nothing between them, is a list. */
const MIN_LIST_RUN = 4;

/**
 * Short lines one after the other (an acronym list: "AFN" / "Assembly of First
 * Nations" / ..., a list of figures) are not a heading each: headings head
 * something. Runs of MIN_LIST_RUN or more guessed headings go back to paragraphs.
 */
function revertHeadingRuns(blocks: DraftBlock[], inferred: number[]): void {
  let runStart = 0;
  for (let k = 1; k <= inferred.length; k++) {
    if (k < inferred.length && inferred[k] === inferred[k - 1] + 1) continue;
    if (k - runStart >= MIN_LIST_RUN) {
      for (let r = runStart; r < k; r++) {
        blocks[inferred[r]].kind = "paragraph";
        blocks[inferred[r]].level = 0;
      }
    }
    runStart = k;
  }
}
