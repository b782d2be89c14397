// Facts read from a regex's source text, without compiling it. The rules join dozens of
// patterns into one scanner (rules.ts); these tell how to join them cheaply and exactly.
// Compiling the trigger patterns costs ~300 KB of regex bytecode per thread, so nothing here
// builds a RegExp.

/**
 * Number of capture groups a pattern has (so wrapped groups can be numbered): every "(" that is
 * not escaped, not inside a [...] class, and not "(?:", "(?=", "(?!", "(?<=" or "(?<!".
 */
export function groupCount(source: string): number {
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++; // an escaped character, whatever it is
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(" && (source[i + 1] !== "?" || (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!"))) groups++;
  }
  return groups;
}

/** A [...] class whose every member is a word character: "[A-Z]", "[Ww]", "[a-z0-9_]". */
const WORD_CLASS = /^\[(?:[A-Za-z0-9_]|\\[wd]|[A-Z]-[A-Z]|[a-z]-[a-z]|[0-9]-[0-9])+\]$/;
const WORD_CHAR = /^[A-Za-z0-9_]$/;
const QUANTIFIER = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/;

/**
 * Does every match of the pattern begin with a word character? Then a scanner made of such
 * patterns, after its leading \b, can test "(?=\w)" once and skip the word ends, where all its
 * alternatives would be tried in vain. A conservative reading of the source: true only when each
 * branch, after any zero-width assertions (\b, ^, lookarounds), opens with a letter, a digit,
 * "_", \w, \d, a class of those, or a group whose branches all do (and so does every optional
 * term before it).
 * Under the i flag a letter still only matches word characters (with the u flag too: "k" and
 * "s" fold to the Kelvin sign and the long s, which \w and \b then count as word characters).
 */
export function opensWithWordChar(source: string): boolean {
  let i = 0;

  /** Branches separated by "|", up to a ")" or the end: do they all open with a word character? */
  const alternation = (): boolean => {
    let all = branch();
    while (source[i] === "|") {
      i++;
      all = branch() && all;
    }
    return all;
  };

  /**
   * One branch: the verdict is that of its first term that must consume a character; an
   * optional term before it ("(?:fully\s+)?accepted") must open with a word character too.
   */
  const branch = (): boolean => {
    let verdict: boolean | null = null;
    while (i < source.length && source[i] !== "|" && source[i] !== ")") {
      const t = term();
      const q = QUANTIFIER.exec(source.slice(i, i + 12));
      const optional = q !== null && (q[0][0] === "?" || q[0][0] === "*" || q[1] === "0");
      if (q) i += q[0].length;
      if (verdict !== null || !t.consumes) continue;
      if (!t.word) verdict = false;
      else if (!optional) verdict = true;
    }
    return verdict === true;
  };

  /** The next term (a character, an escape, a class or a group); `i` moves past it. */
  const term = (): { consumes: boolean; word: boolean } => {
    const c = source[i];
    if (c === "\\") {
      const e = source[i + 1];
      i += 2;
      // \p{...}, \u{...}, \k<name>: skip the braces or brackets too
      if ((e === "p" || e === "P" || e === "u") && source[i] === "{") i = source.indexOf("}", i) + 1;
      else if (e === "k" && source[i] === "<") i = source.indexOf(">", i) + 1;
      if (e === "b" || e === "B") return { consumes: false, word: false };
      return { consumes: true, word: e === "w" || e === "d" };
    }
    if (c === "[") {
      let j = i + 1;
      while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
      const cls = source.slice(i, j + 1);
      i = j + 1;
      return { consumes: true, word: WORD_CLASS.test(cls) };
    }
    if (c === "(") {
      const lookaround = /^\(\?(?:=|!|<=|<!)/.exec(source.slice(i, i + 4));
      if (lookaround) i += lookaround[0].length;
      else if (source.startsWith("(?:", i)) i += 3;
      else if (source.startsWith("(?<", i)) i = source.indexOf(">", i) + 1;
      else i += 1;
      const word = alternation();
      i++; // the closing ")"
      // A group that can match nothing has a branch with no consuming term: word is then false.
      return lookaround ? { consumes: false, word: false } : { consumes: true, word };
    }
    i++;
    if (c === "^" || c === "$") return { consumes: false, word: false };
    return { consumes: true, word: WORD_CHAR.test(c) };
  };

  const all = alternation();
  return all && i === source.length;
}
