// CSV cells that a spreadsheet would run as a formula are neutralised.

// Excel and LibreOffice treat a cell starting with = + - @ (or tab / carriage
// return, which they strip first) as a formula: "=HYPERLINK(...)" in a report
// must stay text. A leading apostrophe is the conventional escape.
export function neutraliseCell(value: string | number): string | number {
  if (typeof value !== "string") return value;
  return startsLikeFormula(value) ? "'" + value : value;
}

/**
 * RFC 4180 CSV lines ("\n" line ends; a value quoted only where it holds a comma, a
 * quote or a "\n" (a lone "\r" is left bare, as csv-stringify leaves it), its quotes doubled), cells neutralised. Written by hand
 * rather than with csv-stringify, whose per-cell option handling was a quarter of
 * a worker's time; the output is the same byte for byte (test/csv.test.ts).
 */
export function csvLines(rows: Array<Array<string | number>>): string {
  let text = "";
  for (const values of rows) text += csvLine(values);
  return text;
}

export function csvLine(values: Array<string | number>): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i) line += ",";
    line += csvCell(values[i]);
  }
  return line + "\n";
}

/** One value as a CSV cell: neutralised, and quoted (its quotes doubled) where it needs it. */
export function csvCell(value: string | number): string {
  if (typeof value !== "string") return value === undefined || value === null ? "" : String(value);
  const cell = startsLikeFormula(value) ? "'" + value : value;
  return NEEDS_QUOTES_RE.test(cell) ? '"' + cell.replace(QUOTES_RE, '""') + '"' : cell;
}
const NEEDS_QUOTES_RE = /[",\n]/, QUOTES_RE = /"/g;

/** Does the cell start with = + - @ tab or carriage return? Tested by character code, not by a
 * regex: it runs on every cell of every dataset. */
function startsLikeFormula(value: string): boolean {
  const c = value.charCodeAt(0); // NaN for ""
  return c === 61 /* = */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c === 9 /* \t */ || c === 13 /* \r */;
}
