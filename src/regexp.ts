// Text written into a regular expression as itself.

/** `text` with every character that means something in a regular expression escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `text.replace(pattern, (...match) => replace(match))` for a global pattern, by an exec loop: the same
 * result. Why: in V8 (Node 20) a global replace whose pattern has capture groups takes a slow path
 * that costs about 7 ns a character of the text even where nothing matches, 15 times this loop;
 * the text stage runs such patterns over whole pages.
 */
export function replaceEach(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  if (!pattern.global) throw new Error("replaceEach needs a global pattern");
  pattern.lastIndex = 0;
  let out = "";
  let copiedTo = 0; // text[0, copiedTo) is in `out`
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out += text.slice(copiedTo, m.index) + replace(m);
    copiedTo = m.index + m[0].length;
    // An empty match would be found again at the same place: step over one character (code point with /u).
    if (m[0] === "") pattern.lastIndex += pattern.unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}
