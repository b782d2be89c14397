import { stringify } from "csv-stringify/sync";

// CSV cells that a spreadsheet would run as a formula are neutralised.

// Excel and LibreOffice treat a cell starting with = + - @ (or tab / carriage
// return, which they strip first) as a formula: "=HYPERLINK(...)" in a report
// must stay text. A leading apostrophe is the conventional escape.
const FORMULA_START_RE = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string | number): string | number {
  if (typeof value !== "string") return value;
  return FORMULA_START_RE.test(value) ? "'" + value : value;
}

/** RFC 4180 CSV lines ("\n" line ends; quoted only where a value needs it), cells neutralised. */
export function csvLines(rows: Array<Array<string | number>>): string {
  // csv-stringify costs little per row but much per call: callers hand it many rows at once.
  return stringify(rows.map((values) => values.map(neutraliseCell)), { record_delimiter: "\n" });
}

export function csvLine(values: Array<string | number>): string {
  return csvLines([values]);
}
