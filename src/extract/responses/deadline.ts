// Deadlines as response matrices write them ("December 2022", "31/12/2022", "Q2 2022",
// "Spring 2020", "2022 to 2023", "March 31, 2019") and their ISO reading.
//
// Conventions (a deadline means "by the end of" the period it names):
//   "31/12/2022", "31 December 2022", "December 31st, 2022", "2022-12-31" -> 2022-12-31
//     (d/m/y unless the middle number cannot be a month, then m/d/y)
//   "December 2022", "12/2022"                                            -> 2022-12
//   "Q2 2022", "2022 Q2"       -> last month of the quarter: 2022-06
//   "Spring 2020" -> 2020-06, "Summer" -> 09, "Fall"/"Autumn" -> 12, "Winter 2023" -> 2023-03
//   "end of 2023", "late 2023" -> 2023-12; "mid-2024" -> 2024-06; "early 2024" -> 2024
//   "2022 to 2023", "2022-23", "2022/2023" (a fiscal year) -> its second year: 2023
//   "2022"                     -> 2022
// A text naming several dates gives the latest. Relative deadlines ("Ongoing", "1 à 3 mois
// avant ...") are kept as written with no ISO date.

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
};
const SEASONS: Record<string, number> = { spring: 6, summer: 9, fall: 12, autumn: 12, winter: 3, printemps: 6, été: 9, automne: 12, hiver: 3 };

const MONTH = `(?<month>${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join("|")})\\.?`;
const YEAR = "(?<year>(?:19|20)\\d\\d)";
const DAY = "(?<day>[0-3]?\\d)(?:st|nd|rd|th|er)?";

/** Date shapes, most specific first; each names its groups. */
const SHAPES: Array<{ re: RegExp; read: (g: Record<string, string>) => string }> = [
  { re: new RegExp(`\\b${YEAR}-(?<m>[01]\\d)-(?<d>[0-3]\\d)\\b`, "giu"), read: (g) => ymd(+g.year, +g.m, +g.d) },
  { re: new RegExp(`\\b(?<a>\\d{1,2})[/.](?<b>\\d{1,2})[/.]${YEAR}\\b`, "giu"), read: (g) => dayMonth(+g.a, +g.b, +g.year) },
  { re: new RegExp(`\\b${DAY}\\s+${MONTH},?\\s+${YEAR}\\b`, "giu"), read: (g) => ymd(+g.year, MONTHS[g.month.toLowerCase()], +g.day) },
  { re: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, "giu"), read: (g) => ymd(+g.year, MONTHS[g.month.toLowerCase()], +g.day) },
  { re: new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, MONTHS[g.month.toLowerCase()]) },
  { re: new RegExp(`\\b(?<m>[01]?\\d)/${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, +g.m) },
  { re: new RegExp(`\\bQ(?<q>[1-4])\\s*(?:of\\s+)?(?:FY\\s*)?${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, +g.q * 3) },
  { re: new RegExp(`\\b${YEAR}\\s*[-/]?\\s*Q(?<q>[1-4])\\b`, "giu"), read: (g) => ym(+g.year, +g.q * 3) },
  { re: new RegExp(`\\b(?<season>${Object.keys(SEASONS).join("|")})\\s+(?:of\\s+)?${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, SEASONS[g.season.toLowerCase()]) },
  { re: new RegExp(`\\b(?:end\\s+of|late|fin)\\s+(?:the\\s+)?(?:year\\s+)?${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, 12) },
  { re: new RegExp(`\\bmid-?\\s*${YEAR}\\b`, "giu"), read: (g) => ym(+g.year, 6) },
  { re: new RegExp(`\\b${YEAR}\\s*(?:to|-|–|/)\\s*(?<y2>(?:19|20)?\\d\\d)\\b`, "giu"), read: (g) => fiscalEnd(+g.year, g.y2) },
  { re: new RegExp(`\\b${YEAR}\\b`, "gu"), read: (g) => g.year },
];

function ymd(y: number, m: number, d: number): string {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return "";
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function ym(y: number, m: number): string {
  return m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, "0")}` : "";
}

/** "31/12/2022" is day first; "12/31/2022" cannot be, so it is month first. */
function dayMonth(a: number, b: number, y: number): string {
  return b > 12 && a <= 12 ? ymd(y, a, b) : ymd(y, b, a);
}

/** "2022 to 2023", "2022-23": a fiscal year, which ends in its second year. */
function fiscalEnd(y: number, second: string): string {
  const y2 = second.length === 2 ? Math.floor(y / 100) * 100 + Number(second) : Number(second);
  return y2 === y + 1 ? String(y2) : String(y);
}

export interface DateHit {
  start: number;
  end: number;
  iso: string;
}

/** Every date in the text (non-overlapping, the most specific shape first), in text order. */
export function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  const taken: Array<[number, number]> = [];
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(text); m; m = shape.re.exec(text)) {
      const start = m.index, end = m.index + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const iso = shape.read(m.groups ?? {});
      if (!iso) continue;
      taken.push([start, end]);
      hits.push({ start, end, iso });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The ISO reading of a deadline as written: its latest date, or "" when it names none. */
export function deadlineIso(text: string): string {
  let best = "";
  for (const hit of findDates(text)) if (compareIso(hit.iso, best) > 0) best = hit.iso;
  return best;
}

/** Later of two partial ISO dates; "2022" counts as the end of 2022, "2022-06" as the end of June. */
function compareIso(a: string, b: string): number {
  if (!b) return a ? 1 : 0;
  const end = (s: string) => (s.length === 4 ? `${s}-12-31` : s.length === 7 ? `${s}-31` : s);
  return end(a).localeCompare(end(b));
}

/** Words that make a date the time an action is due: "by", "no later than", "in early", "starting". */
const LEAD_IN = /\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|in|starting(?:\s+in)?|d.ici|avant|en|à\s+partir\s+de|dès)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?|early\s+|late\s+|mid-?\s*)?$/i;

/**
 * The deadline named inside an action's text, as written: "by December 2023", "in early
 * 2024", a date opening the text ("March 31, 2019: ...") or in brackets ("(Fall 2016)").
 * Dates with none of these around them are context ("In 2013, a survey found"), not
 * deadlines. Else a relative deadline ("Ongoing", "1 à 3 mois avant ..."). "" when none.
 */
export function deadlineInText(text: string, relative: RegExp): string {
  const dates = findDates(text);
  for (let i = dates.length - 1; i >= 0; i--) {
    const d = dates[i];
    const lead = LEAD_IN.exec(text.slice(Math.max(0, d.start - 40), d.start));
    if (lead) return text.slice(d.start - lead[0].length, d.end).trim();
    if (/^\W*$/.test(text.slice(0, d.start)) || (text[d.start - 1] === "(" && text[d.end] === ")")) return text.slice(d.start, d.end);
  }
  const rel = relative.exec(text);
  return rel ? rel[0] : "";
}
