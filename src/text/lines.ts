// Reading one line of "sectormap markdown" (see src/types.ts): what kind of
// line it is, and its content with inline marks cleaned away.

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

// Any character that one of the replacements below could act on.
const MARKS_RE = new RegExp(`[<\\[\\\\*_\`${SUPERSCRIPT_DIGITS}]| {2}`);
const INLINE_TAGS_RE = /<\/?(?:b|i|em|strong|u|span|small|mark)\b[^>]*>/gi;
const SUPERSCRIPT_RE = new RegExp(`[${SUPERSCRIPT_DIGITS}]`);
// Superscript footnote digits glued to words ("region³", "families*²").
const SUPERSCRIPTS_RE = new RegExp(`\\*?[${SUPERSCRIPT_DIGITS}]+`, "g");

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
    s = s
      .replace(/<sup>\s*(?:\d+|[*†‡§]+)\s*<\/sup>/gi, "") // footnote references
      .replace(/<sup>(.*?)<\/sup>/gi, "$1") // other superscripts: 3<sup>RD</sup> -> 3RD
      .replace(/<sub>(.*?)<\/sub>/gi, "$1")
      .replace(/<br\s*\/?>/gi, " ")
      .replace(INLINE_TAGS_RE, "");
  }
  if (s.includes("[")) {
    s = s
      .replace(/\[\^\d+\]/g, "") // markdown footnote references
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1"); // links and images keep their text
  }
  if (s.includes("\\")) s = s.replace(/\\([*_#\[\]()\\`-])/g, "$1"); // markdown escapes
  if (SUPERSCRIPT_RE.test(s)) s = s.replace(SUPERSCRIPTS_RE, "");
  if (s.includes("*")) s = s.replace(/\*+/g, ""); // emphasis and asterisk footnote marks
  if (s.includes("__")) s = s.replace(/(^|\s)__(\S.*?\S)__(?=\s|$|[.,;:])/g, "$1$2");
  if (s.includes("`")) s = s.replace(/`/g, "");
  if (s.includes("  ")) s = s.replace(/ {2,}/g, " ");
  return s.trim();
}
