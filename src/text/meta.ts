// Document metadata read from the text: title, date, place, words, language, type.
import { readFileSync } from "node:fs";
import { cachedYaml, parseYaml } from "../yaml-cache.js";
import type { Block, Doc, DocMeta, DocType } from "../types.js";
import { dataFile } from "../paths.js";
import { countWords, forEachLetterRun, hasWords } from "./words.js";

const OPENING_CHARS = 3000;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_RE = "(January|February|March|April|May|June|July|August|September|October|November|December)";
// "6-7 September, 2010", "15 November 2000", "September 6, 2010", "March 2021", "2021-03-05"
const DATE_PATTERNS: Array<{ re: RegExp; iso: (m: RegExpExecArray) => string }> = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/, iso: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  { re: new RegExp(`\\b(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?\\s+${MONTH_RE},?\\s+(\\d{4})\\b`), iso: (m) => ymd(m[3], m[2], m[1]) },
  { re: new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+(\\d{4})\\b`), iso: (m) => ymd(m[3], m[1], m[2]) },
  { re: new RegExp(`\\b${MONTH_RE},?\\s+(\\d{4})\\b`), iso: (m) => ymd(m[2], m[1]) },
];

function ymd(year: string, month: string, day?: string): string {
  const mm = String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, "0");
  return day ? `${year}-${mm}-${day.padStart(2, "0")}` : `${year}-${mm}`;
}

interface TypeCues { type: DocType; cues: RegExp[] }
let typeCues: TypeCues[] | undefined;
function docTypeCues(): TypeCues[] {
  typeCues ??= ((cachedYaml(readFileSync(dataFile("text/doctypes.yaml"), "utf8"), parseYaml) as { types: unknown }).types as Array<{ type: DocType; cues: string[] }>).map(
    (t) => ({ type: t.type, cues: t.cues.map((c) => new RegExp(c, "gi")) }),
  );
  return typeCues;
}

const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "in", "is", "that", "for", "with", "are", "on", "by"],
  fr: ["le", "la", "les", "des", "et", "est", "du", "pour", "dans", "une", "que", "sur"],
  es: ["el", "los", "las", "del", "y", "es", "para", "con", "una", "que", "por", "en"],
  pt: ["o", "os", "as", "do", "da", "e", "para", "com", "uma", "que", "não", "em"],
  de: ["der", "die", "das", "und", "ist", "für", "mit", "von", "zu", "den", "nicht", "ein"],
};

/** Stop word -> the languages it belongs to. */
const STOPWORD_LANGUAGES = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) STOPWORD_LANGUAGES.set(w, [...(STOPWORD_LANGUAGES.get(w) ?? []), lang]);

const LONGEST_STOPWORD = Math.max(...[...STOPWORD_LANGUAGES.keys()].map((w) => w.length));

/** The language whose stop words are most frequent, if clearly ahead. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, 8000).toLowerCase();
  const counts: Record<string, number> = {};
  let words = 0;
  // Runs of letters, as /\p{L}+/gu finds them; only the short ones can be stop words.
  forEachLetterRun(sample, (start, end) => {
    words++;
    if (end - start > LONGEST_STOPWORD) return;
    for (const lang of STOPWORD_LANGUAGES.get(sample.slice(start, end)) ?? []) counts[lang] = (counts[lang] ?? 0) + 1;
  });
  if (words < 20) return "";
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!ranked.length || ranked[0][1] < words * 0.05) return "";
  return ranked[0][0];
}

function detectDocType(title: string, opening: string): DocType {
  let best: DocType = "other", bestScore = 0;
  for (const { type, cues } of docTypeCues()) {
    let score = 0;
    for (const cue of cues) {
      score += 3 * (title.match(cue)?.length ?? 0);
      score += Math.min(3, opening.match(cue)?.length ?? 0);
    }
    if (score > bestScore) { best = type; bestScore = score; }
  }
  return best;
}

export function readMetadata(doc: Doc, metaTitle?: string): DocMeta {
  const title = readTitle(doc, metaTitle);
  const opening = doc.text.slice(0, OPENING_CHARS);
  let date = "", place = "";
  for (const { re, iso } of DATE_PATTERNS) {
    const m = re.exec(opening);
    if (!m) continue;
    date = iso(m);
    // "Dar es Salaam, Tanzania, 6-7 September, 2010": the place is what precedes the date on its line.
    const lineStart = opening.lastIndexOf("\n", m.index) + 1;
    const before = opening.slice(lineStart, m.index).replace(/[,\s–-]+$/, "");
    if (before && before.length < 80 && /^\p{Lu}[\p{L}\s,.'-]*$/u.test(before) && before.includes(",")) place = before;
    break;
  }
  const words = countWords(doc.text);
  return { title, date, place, words, language: detectLanguage(doc.text), docType: detectDocType(title, opening) };
}

// Words that name the kind of document rather than the document ("FINAL REPORT").
const GENERIC_TITLE_RE = /^(final |draft |summary |annual |evaluation |synthesis )?(report|brief|evaluation|summary|table of contents|contents|executive summary|foreword|preface|acknowledg(e)?ments)$/i;

/**
 * The title: the first block of the first page that reads like one (four words
 * or more, not a date, not a generic "FINAL REPORT"); the file's own metadata
 * title only when the text offers nothing, since PDF metadata titles are often
 * left over from a template ("Microsoft Word - draft3.docx"). HTML titles and the
 * `title` of markdown front matter are written by the publisher: they are kept
 * (the first block of a fact sheet is often a sentence, "In addition, ...").
 */
function readTitle(doc: Doc, metaTitle?: string): string {
  const meta = metaTitle?.trim() ?? "";
  if (meta && (doc.format === "html" || doc.format === "md")) return meta.replace(/\s+/g, " ").slice(0, 300);
  // Blocks are read in order and the search stops at the first that reads like a title:
  // a one-page text file would otherwise test every block of the document.
  const firstPageNumber = doc.blocks[0]?.page;
  let firstOnPage: Block | undefined, firstPlausible: Block | undefined;
  for (const b of doc.blocks) {
    if (b.page !== firstPageNumber) continue;
    if (b.kind === "footnote" || b.kind === "table_row" || b.text.length > 300) continue;
    firstOnPage ??= b;
    if (GENERIC_TITLE_RE.test(b.text.trim()) || isDateOnly(b.text) || !/\p{L}{3}/u.test(b.text)) continue;
    firstPlausible ??= b;
    if (b.kind !== "list_item" && hasWords(b.text, 4)) return b.text.slice(0, 300);
  }
  return ((firstPlausible ?? firstOnPage)?.text ?? meta).slice(0, 300);
}

function isDateOnly(text: string): boolean {
  return DATE_PATTERNS.some(({ re }) => {
    const m = re.exec(text);
    return m !== null && text.replace(m[0], "").replace(/[\s,.\-–]/g, "").length < 4;
  });
}
