// CSV cells that a spreadsheet would run as a formula are neutralised.
import { stringify } from "csv-stringify/sync";

// Excel and LibreOffice treat a cell starting with = + - @ (or tab / carriage
// return, which they strip first) as a formula: "=HYPERLINK(...)" in a report
// must stay text. A leading apostrophe is the conventional escape.
const FORMULA_START_RE = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string | number): string | number {
  if (typeof value !== "string") return value;
  return FORMULA_START_RE.test(value) ? "'" + value : value;
}

/** One RFC 4180 CSV line (CRLF-free: "\n" line ends, quoted where needed). */
export function csvLine(values: Array<string | number>): string {
  return stringify([values.map(neutraliseCell)], { eof: true, record_delimiter: "\n"});
}
