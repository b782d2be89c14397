// Character-level normalisation applied to every line before structure is read.
// Offsets are counted in the text *after* this step, so it may change lengths;
// `matchView` below does not (it is for matching only).
import { replaceEach } from "../regexp.js";

// Each character below is replaced by its value: ligatures expanded, spaces that look like
// spaces (NBSP, figure/narrow NBSP, en/em spaces, ideographic space, tab) made plain,
// invisible characters that break words apart (soft hyphen, zero-width space/joiners,
// BOM, word joiner) and C0/C1 control characters other than newline and form feed dropped.
const REPLACEMENTS: Record<string, string> = {
  "\uFB00": "ff", "\uFB01": "fi", "\uFB02": "fl", "\uFB03": "ffi", "\uFB04": "ffl", "\uFB05": "st", "\uFB06": "st",
};
const ODD_SPACES = "[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]";
const INVISIBLE = "[\u00AD\u200B-\u200D\u2060\uFEFF]";
const CONTROL = "[\u0000-\u0008\u000B\u000D-\u001F\u007F-\u009F]";
// The four classes do not overlap, so one pass over the text does what four did.
const TO_REPLACE_RE = new RegExp(`[\uFB00-\uFB06]|${ODD_SPACES}|${INVISIBLE}|${CONTROL}`, "g");
const ODD_SPACE_RE = new RegExp(ODD_SPACES);

function replacementOf(c: string): string {
  return REPLACEMENTS[c] ?? (ODD_SPACE_RE.test(c) ? " " : "");
}

/** NFC, ligatures expanded, odd spaces made plain, invisible and control characters dropped. */
export function normalizeChars(text: string): string {
  // An exec loop, not String#replace with a function: V8's replace takes a slow path over the
  // whole page even where nothing is replaced (see replaceEach).
  const composed = MAY_CHANGE_UNDER_NFC_RE.test(text) ? text.normalize("NFC") : text;
  return replaceEach(composed, TO_REPLACE_RE, (m) => replacementOf(m[0]));
}

/**
 * A character outside the ranges that NFC leaves alone in any context: Latin-1, Latin
 * Extended-A and -B, IPA, spacing modifiers (U+0000-U+02FF) and general punctuation,
 * superscripts and currency signs (U+2002-U+20CF; U+2000 and U+2001 become U+2002 and U+2003).
 * Each of those is a starter that no canonical composition takes as its second part, and none
 * has a canonical decomposition of its own (checked against the Unicode data). A text of them
 * alone is in NFC already: String#normalize, which copies a long page first (about 40 ms for
 * 6 MB), is skipped.
 */
const MAY_CHANGE_UNDER_NFC_RE = /[^\u0000-\u02FF\u2002-\u20CF]/;

const PLAIN: Record<string, string> = {
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'", "\u2032": "'",
  "\u201C": '"', "\u201D": '"', "\u201E": '"', "\u201F": '"', "\u2033": '"', "\u00AB": '"', "\u00BB": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
};
const PLAIN_RE = /[\u2018\u2019\u201A\u201B\u2032\u201C-\u201F\u2033\u00AB\u00BB\u2010-\u2015\u2212]/g;

/**
 * The text as rules should see it: curly quotes and dashes made plain, one
 * character for one, so an offset found in the view is an offset in the text.
 * Documents keep their typography; rules need not spell every variant.
 */
export function matchView(text: string): string {
  return text.replace(PLAIN_RE, (c) => PLAIN[c] ?? c);
}
