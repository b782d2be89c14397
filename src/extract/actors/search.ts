// Fast literal search. V8's String#indexOf is slow on patterns of 7 characters or
// more (~1 ns a character), and a short pattern stops at every occurrence of its first
// character; searching for the two characters that start at the literal's rarest
// letter, and checking the whole literal at each stop, is several times faster.

/** Letters of English text, most frequent first. */
const LETTER_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";

/** How rare a character is: capitals, digits, accents and punctuation count as rarer than any lower-case letter. */
function rarity(c: string): number {
  const k = LETTER_FREQUENCY.indexOf(c);
  return k < 0 ? LETTER_FREQUENCY.length : k;
}

/** Where the search of `literal` anchors: the offset of its rarest letter (not its last character). */
export function anchorOf(literal: string): number {
  let anchor = 0;
  for (let k = 1; k < literal.length - 1; k++) if (rarity(literal[k]) > rarity(literal[anchor])) anchor = k;
  return anchor;
}

/**
 * Calls `visit` with each start of `literal` in `text`, in order (overlapping ones
 * included), until it returns true. Same positions as an indexOf loop stepping by one.
 */
export function eachOccurrence(text: string, literal: string, visit: (start: number) => boolean | void): void {
  if (literal.length < 3) {
    for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) if (visit(at)) return;
    return;
  }
  const anchor = anchorOf(literal);
  const part = literal.slice(anchor, anchor + 6);
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
    const s = at - anchor;
    if (s >= 0 && text.startsWith(literal, s) && visit(s)) return;
  }
}

/** Every start of `literal` in `text`, in order. */
export function occurrences(text: string, literal: string): number[] {
  const out: number[] = [];
  eachOccurrence(text, literal, (s) => { out.push(s); });
  return out;
}

/** Index of the first position >= `from` in the sorted `positions`. */
export function firstAtOrAfter(positions: number[], from: number): number {
  let lo = 0, hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid] < from) lo = mid + 1; else hi = mid;
  }
  return lo;
}
