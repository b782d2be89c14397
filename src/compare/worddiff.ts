// What an edit did to a recommendation's wording, in a few words:
// "[-signing-] {+ratifying+}" (the notation of `git diff --word-diff`).

/** Words removed and added between two texts, in reading order; unchanged words left out. */
export function wordChanges(oldText: string, newText: string): string {
  const a = oldText.split(/\s+/).filter(Boolean);
  const b = newText.split(/\s+/).filter(Boolean);
  // Common prefix and suffix first: an edit usually touches a few words in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  if (x.length * y.length > 250_000) return `[-${x.join(" ")}-] {+${y.join(" ")}+}`; // too long to align: show all

  // Longest common subsequence of the middle parts, then walk it.
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length) out.push(`[-${removed.join(" ")}-]`);
    if (added.length) out.push(`{+${added.join(" ")}+}`);
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs[i + 1][j] >= lcs[i][j + 1])) removed.push(x[i++]);
    else added.push(y[j++]);
  }
  flush();
  return out.join(" ");
}
