// Reading a few fields of a JSONL row without parsing the whole line. A
// recommendations table of 2,000 documents is ~100 MB, most of it the `text`
// column; `diff --by` needs only short fields (doc_id, strength, ...), and
// skipping the parse of every long text halves the time it takes.

/**
 * The value of one top-level field of a JSON object written on one line by
 * JSON.stringify, or undefined when absent. Finding `"name":` is safe: inside a
 * JSON string every quote is escaped, so `name":` (quote directly after the
 * name) can only be a key.
 */
export function jsonField(line: string, name: string): string | number | undefined {
  const key = `"${name}":`;
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const start = at + key.length;
  if (line.charCodeAt(start) !== 34 /* " */) {
    // A number (or true/false/null, which the dataset writers never emit).
    let end = start;
    while (end < line.length && line[end] !== "," && line[end] !== "}") end++;
    return Number(line.slice(start, end));
  }
  // A string: its closing quote is the first one preceded by an even number of backslashes.
  let escaped = false;
  let from = start + 1;
  for (;;) {
    const quote = line.indexOf('"', from);
    if (quote < 0) return undefined; // not a well-formed line
    let backslashes = 0;
    while (line.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) {
      const literal = line.slice(start, quote + 1);
      return escaped ? (JSON.parse(literal) as string) : literal.slice(1, -1);
    }
    escaped = true;
    from = quote + 1;
  }
}
