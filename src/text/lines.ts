// Reading one line of "sectormap markdown" (see src/types.ts): what kind of
// line it is, and its content with inline marks cleaned away.

import { replaceEach } from "../regexp.js";

export type LineKind = "blank" | "rule" | "heading" | "bold" | "list" | "table" | "footnote" | "text";

export interface Line {
  kind: LineKind;
  /** Content without the structural prefix (#, bullet, label, footnote number); inline marks still present. */
  content: string;
  /** Heading level for `heading`. */
  level: number;
  /** List label ("iv", "3", "a", "(b)", "-") or footnote number. */
  label: string;
  /** Leading spaces (list nesting). */
  indent: number;
  /** A list line that starts with a bullet character (not just an ordinal label). */
  bulleted: boolean;
  page: number;
}

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const HEADING_RE = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE_RE = /^\s*([-*_=])(\s*\1){2,}\s*$/;
const TABLE_RE = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR_RE = /^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$/;
const BOLD_LINE_RE = /^\s*\*\*([^*].*?)\*\*:?\s*$/;
// Footnote text: "¹ See ...", "<sup>5</sup> While ...", "[^3]: Source ..."
const FOOTNOTE_RE = new RegExp(`^\\s*(?:([${SUPERSCRIPT_DIGITS}]+)|<sup>\\s*(\\d+)\\s*</sup>|\\[\\^(\\d+)\\]:)\\s*(\\S.*)$`);
// A bullet, optionally followed by an ordinal label: "- iv. text", "• text", "- (a) text"
const BULLETS = "-*+•▪●◦‣∙·○■□➢➤►✓";
const BULLET_RE = /^(\s*)[-*+•▪●◦‣∙·○■□➢➤►✓]\s+(.*)$/;
// An ordinal label at the start: "iv. text", "3) text", "(a) text", "A. text"
const LABEL_RE = /^(\s*)\(?((?:[ivxlc]{1,6})|(?:[IVXLC]{1,6})|\d{1,3}(?:\.\d{1,2})*|[a-zA-Z])[.)]\s+(\S.*)$/;

function decodeSplitEntities(s: string): string {
  // PDF-to-markdown converters sometimes split an escaped tag: "<sup>&</sup>lt;sup>5</sup>".
  return s.replace(/<sup>&<\/sup>(lt|gt|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&" })[e] ?? "");
}

// One constructor for every Line: an object spread (`{ ...base, kind }`) took V8's slow
// generic path and cost about 3 µs a line, a fifth of the whole text stage.
function lineOf(kind: LineKind, content: string, page: number, level = 0, label = "", indent = 0, bulleted = false): Line {
  return { kind, content, level, label, indent, bulleted, page };
}

/** Classify one (already character-normalised) line. */
export function readLine(raw: string, page: number): Line {
  let line = raw.trimEnd();
  if (line.includes("<sup>&")) line = decodeSplitEntities(line);
  const body = line.trimStart();
  if (!body) return lineOf("blank", "", page);
  // Most lines are plain text: test only the patterns their first character allows.
  const first = body[0];
  let m: RegExpExecArray | null;
  if ("-*_=".includes(first) && RULE_RE.test(line)) return lineOf("rule", "", page);
  if (first === "#" && (m = HEADING_RE.exec(line))) return lineOf("heading", m[2], page, m[1].length);
  if (first === "|") {
    if (TABLE_SEPARATOR_RE.test(line)) return lineOf("blank", "", page); // "| --- | :-: |" only draws the table
    if (TABLE_RE.test(line)) return lineOf("table", body, page);
  }
  if ((first === "<" || first === "[" || SUPERSCRIPT_DIGITS.includes(first)) && (m = FOOTNOTE_RE.exec(line))) {
    const digits = m[1] ? [...m[1]].map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join("") : (m[2] ?? m[3]);
    return lineOf("footnote", m[4], page, 0, digits);
  }
  if (first === "*" && (m = BOLD_LINE_RE.exec(line)) && !m[1].includes("**")) return lineOf("bold", m[1], page);
  if (BULLETS.includes(first) && (m = BULLET_RE.exec(line))) {
    const indent = m[1].length;
    const labelled = LABEL_RE.exec(m[2]);
    if (labelled) return lineOf("list", labelled[3], page, 0, labelled[2], indent, true);
    return lineOf("list", m[2], page, 0, "-", indent, true);
  }
  // An ordinal label is at most 8 characters into the line ("(viii) ", "12.3. ").
  const head = body.slice(0, 10);
  if ((head.includes(".") || head.includes(")")) && (m = LABEL_RE.exec(line))) {
    // "(a)" keeps its parentheses: the sub-items of orders and statutes are told apart by them.
    const label = first === "(" && line.charCodeAt(m[1].length + 1 + m[2].length) === 41 ? `(${m[2]})` : m[2];
    return lineOf("list", m[3], page, 0, label, m[1].length);
  }
  return lineOf("text", body, page);
}

// Patterns with capture groups replace through replaceEach (an exec loop): String#replace with
// them takes V8's slow path, about 20 ns a character of a long line (a 5.7 MB paragraph paid 0.1 s a pattern).
const firstGroup = (m: RegExpExecArray) => m[1];

// Any character that one of the replacements below could act on.
const MARKS_RE = new RegExp(`[<\\[\\\\*_\`${SUPERSCRIPT_DIGITS}]| {2}`);
const INLINE_TAGS_RE = /<\/?(?:b|i|em|strong|u|span|small|mark)\b[^>]*>/gi;
// A markdown escape (\* or \( ...) or a run of asterisks and superscript digits (see cleanInline).
const ESCAPE_STAR_OR_SUPERSCRIPT = new RegExp(`[\\\\*${SUPERSCRIPT_DIGITS}]`);
const ESCAPES_STARS_SUPERSCRIPTS_RE = new RegExp(`\\\\([*_#\\[\\]()\\\\\`-])|[*${SUPERSCRIPT_DIGITS}]+`, "g");

/**
 * Inline marks removed, words kept: emphasis asterisks, <sup> footnote
 * references, superscript footnote digits glued to words ("region³",
 * "families*²"), markdown links and escapes. Text that merely looks like
 * HTML (a literal "<script>" in a report) is kept: only known inline tags go.
 */
export function cleanInline(s: string): string {
  if (!MARKS_RE.test(s)) return s.trim(); // most text carries no marks at all
  // Each step runs only when the character it acts on is there: a marked line mostly has one kind of mark.
  if (s.includes("<")) {
    s = s.replace(/<sup>\s*(?:\d+|[*†‡§]+)\s*<\/sup>/gi, ""); // footnote references
    s = replaceUpTo(s, /<sup>(.*?)<\/sup>/gi, firstGroup, lastEndOf(s, /<\/sup>/gi)); // other superscripts: 3<sup>RD</sup> -> 3RD
    s = replaceUpTo(s, /<sub>(.*?)<\/sub>/gi, firstGroup, lastEndOf(s, /<\/sub>/gi));
    s = s.replace(/<br\s*\/?>/gi, " ");
    s = replaceUpTo(s, INLINE_TAGS_RE, () => "", s.lastIndexOf(">") + 1);
  }
  // Links and images keep their text: the line becomes the pieces between links and the links'
  // texts, joined once escapes are undone in them too (each step that changes a long line copies it).
  let pieces = [s];
  if (s.includes("[")) {
    s = s.replace(/\[\^\d+\]/g, ""); // markdown footnote references
    pieces = linkTextPieces(s);
  }
  // Markdown escapes undone; every asterisk (emphasis, footnote marks "families*²") and superscript
  // digit ("region³") dropped, an escaped asterisk too. One pass over the line does what three did
  // in turn (escapes, superscripts with an asterisk before them, asterisks). (The test reads the
  // line before its links go: a line without those characters has none once its links are gone.)
  if (ESCAPE_STAR_OR_SUPERSCRIPT.test(s)) pieces = escapesUndone(pieces);
  // Backticks dropped and runs of spaces made one in the pieces too, unless bold underscores
  // are left: their pattern reaches far, so it reads the joined line.
  if (pieces.length > 1 && !holdsDoubleUnderscore(pieces)) return joinedWithoutBackticksOrDoubleSpaces(pieces).trim();
  s = pieces.length === 1 ? pieces[0] : pieces.join("");
  if (s.includes("__")) s = replaceUpTo(s, /(^|\s)__(\S.*?\S)__(?=\s|$|[.,;:])/g, (m) => m[1] + m[2], endOfLastBoldCloser(s));
  if (s.includes("`")) s = s.replace(/`/g, "");
  if (s.includes("  ")) s = s.replace(/ {2,}/g, " ");
  return s.trim();
}

// Linear time on one long line. A pattern like `<sup>(.*?)</sup>` tried at every opener
// that has no closer after it scans to the end of the line each time: a 5 MB paragraph
// with stray "<sup>" or "__" took minutes. Every match of such a pattern ends with its
// closer, so it is applied only up to the end of the last closer; the rest is kept as is.

/** End offset of the last match of a global pattern without lookbehind-dependent context (0 for none). */
function lastEndOf(s: string, closer: RegExp): number {
  let end = 0;
  closer.lastIndex = 0;
  for (let m = closer.exec(s); m; m = closer.exec(s)) end = closer.lastIndex;
  return end;
}

/**
 * lastEndOf(s, /(?<=\S)__(?=\s|$|[.,;:])/g), the end of the last "__" that may close bold text,
 * found from the end by indexOf: a regex that starts with a lookbehind is tried at every
 * position of the line (25 ms on a 6 MB paragraph). Two such closers never overlap (the second
 * "_" of one would have to be followed by a space), so the last one is the scan's last match.
 */
function endOfLastBoldCloser(s: string): number {
  for (let i = s.lastIndexOf("__"); i > 0; i = s.lastIndexOf("__", i - 1)) {
    const after = i + 2 < s.length ? s[i + 2] : "";
    if (NOT_SPACE_RE.test(s[i - 1]) && (after === "" || SPACE_RE.test(after) || ".,;:".includes(after))) return i + 2;
  }
  return 0;
}
const SPACE_RE = /\s/, NOT_SPACE_RE = /\S/;

/** `replaceEach(s, pattern, replace)` where no match can end after `end`: the same result, without trying the tail. */
function replaceUpTo(s: string, pattern: RegExp, replace: (m: RegExpExecArray) => string, end: number): string {
  if (end <= 0) return s;
  if (end >= s.length) return replaceEach(s, pattern, replace);
  const head = s.slice(0, end);
  const replaced = replaceEach(head, pattern, replace);
  // Nothing replaced (replaceEach hands back its very text): `s` as it is. Joining the head and
  // the tail again would copy the whole line (about 40 ms for a 6 MB paragraph).
  return replaced === head ? s : replaced + s.slice(end);
}

/**
 * `s.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")` (links and images keep their text) in linear
 * time, as the pieces to join: the regex retried from every "[" rescans up to the same far "]"
 * each time. The first "]" and ")" after a position are found once and reused for every "[" before them.
 */
function linkTextPieces(s: string): string[] {
  const pieces: string[] = [];
  let copiedTo = 0; // s[0, copiedTo) is in `pieces`
  let close = -2; // first "]" at or after the last query (-1: none left); -2: not looked up yet
  let paren = -2; // the same for ")"
  for (let open = s.indexOf("["); open >= 0; open = s.indexOf("[", open + 1)) {
    if (close !== -1 && close < open + 1) close = s.indexOf("]", open + 1);
    if (close === -1) break; // no "]" left: no later "[" can start a link
    if (s[close + 1] !== "(") continue;
    if (paren !== -1 && paren < close + 2) paren = s.indexOf(")", close + 2);
    if (paren === -1) break; // no ")" left: no later link can end
    const start = open > copiedTo && s[open - 1] === "!" ? open - 1 : open;
    pieces.push(s.slice(copiedTo, start), s.slice(open + 1, close));
    copiedTo = paren + 1;
    open = paren; // the search goes on after the link
  }
  if (copiedTo === 0) return [s];
  pieces.push(s.slice(copiedTo));
  return pieces;
}

/**
 * ESCAPES_STARS_SUPERSCRIPTS_RE's replacement on the pieces of a text, as on the text they make,
 * as pieces again: no escape reaches across two pieces once a piece ending with a backslash is
 * joined to the next, and a run of asterisks or superscripts cut in two goes as wholly as the run does.
 */
function escapesUndone(pieces: string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const piece of pieces) {
    pending = pending ? pending + piece : piece;
    if (pending.endsWith("\\")) continue;
    undoEscapesInto(pending, out);
    pending = "";
  }
  if (pending) undoEscapesInto(pending, out);
  return out;
}

/** replaceEach(s, ESCAPES_STARS_SUPERSCRIPTS_RE, ...) as the pieces of its result, added to `out`. */
function undoEscapesInto(s: string, out: string[]): void {
  const re = ESCAPES_STARS_SUPERSCRIPTS_RE;
  re.lastIndex = 0;
  let copiedTo = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index > copiedTo) out.push(s.slice(copiedTo, m.index));
    if (m[1] !== undefined && m[1] !== "*") out.push(m[1]);
    copiedTo = m.index + m[0].length; // (no match is empty)
  }
  out.push(copiedTo === 0 ? s : s.slice(copiedTo));
}

/** Do the pieces, joined, hold "__"? */
function holdsDoubleUnderscore(pieces: string[]): boolean {
  let afterUnderscore = false; // the pieces so far end with "_"
  for (const piece of pieces) {
    if (!piece) continue;
    if ((afterUnderscore && piece.charCodeAt(0) === 95) || piece.includes("__")) return true;
    afterUnderscore = piece.charCodeAt(piece.length - 1) === 95;
  }
  return false;
}

/**
 * The pieces joined, without backticks and with each run of spaces made one, as
 * `joined.replace(/`/g, "").replace(/ {2,}/g, " ")` would: a run cut between pieces (each made
 * one in its piece) keeps the space that ends the text so far and loses the next piece's.
 */
function joinedWithoutBackticksOrDoubleSpaces(pieces: string[]): string {
  const out: string[] = [];
  let endsWithSpace = false;
  for (let piece of pieces) {
    if (piece.includes("`")) piece = piece.replace(/`/g, "");
    if (piece.includes("  ")) piece = piece.replace(/ {2,}/g, " ");
    if (endsWithSpace && piece.charCodeAt(0) === 32) piece = piece.slice(1); // at most one space is left at its start
    if (!piece) continue;
    out.push(piece);
    endsWithSpace = piece.charCodeAt(piece.length - 1) === 32;
  }
  return out.join("");
}
