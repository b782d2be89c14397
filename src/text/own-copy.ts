// Strings kept across documents (the memo caches of words and names) must not keep
// the documents themselves. V8 makes a substring of 13 characters or more (slice,
// a regex match) as a view into the string it was cut from: a word from a page,
// kept as a cache key, kept the whole page's text alive, and since each document
// brings a few new words, a worker thread's heap grew by the size of nearly every
// document it had read (about 100 KB per document on a corpus of evaluations).

/**
 * `text` as a string of its own, sharing no memory with a longer one (same characters).
 * Cheap (a copy of `text` alone): meant for what a cache keeps, on a miss.
 */
export function ownCopy(text: string): string {
  // " " + text is a pair of pieces; slicing it copies both into one new string first,
  // and the result is cut from that copy (at most one character longer), not from `text`'s parent.
  return (" " + text).slice(1);
}

/**
 * What a function gives for a word or a name, computed once per distinct key: words and names
 * recur through a corpus, so the caches of the extractors spare most of their work. The map
 * keeps own copies of its keys (see above), and starts again past `limit` keys so that a
 * huge corpus cannot grow it without end. `compute` is given the key's own copy, so what it
 * returns cannot keep the text either.
 */
export class WordMemo<T> {
  private readonly values = new Map<string, T>();

  constructor(
    private readonly compute: (key: string) => T,
    private readonly limit: number,
  ) {}

  get(key: string): T {
    let value = this.values.get(key);
    // `has` only on a miss, so that an answer of undefined is kept and given again too
    if (value === undefined && !this.values.has(key)) {
      if (this.values.size >= this.limit) this.values.clear();
      const own = ownCopy(key);
      this.values.set(own, (value = this.compute(own)));
    }
    return value as T;
  }

  get size(): number {
    return this.values.size;
  }

  clear(): void {
    this.values.clear();
  }
}
