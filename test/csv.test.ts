// The hand-written CSV writer gives what csv-stringify (RFC 4180) gives, byte for byte.
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvLine, csvLines, neutraliseCell } from "../src/dataset/csv.js";

const reference = (rows: Array<Array<string | number>>) => stringify(rows.map((r) => r.map(neutraliseCell)), { record_delimiter: "\n" });

describe("csvLines", () => {
  it("quotes only cells with a comma, a quote or a line break, doubling quotes; neutralises formulas", () => {
    const rows: Array<Array<string | number>> = [
      ["plain", "a,b", 'say "no"', "two\nlines", "cr\rhere", "", 0, -1.5, 42],
      ["=SUM(A1)", "+1", "-x", "@me", "\tTab", "\rCR", "'quoted", "é ü ß “curly” — dash", '",'],
      [],
      [""],
    ];
    expect(csvLines(rows)).toBe(reference(rows));
    expect(csvLine(rows[1])).toBe(reference([rows[1]]));
    expect(csvLines([])).toBe("");
  });

  it("agrees with csv-stringify on random cells", () => {
    const alphabet = ['a', ' ', ',', '"', "\n", "\r", "=", "+", "-", "@", "\t", "é", "'", "0", "\u2028"];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        random() < 0.2 ? Math.round(random() * 2000 - 1000) / 10 : Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""),
      ),
    );
    expect(csvLines(rows)).toBe(reference(rows));
  });
});
