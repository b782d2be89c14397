// Money amounts in running text, normalised to whole units as digits:
// "$12.5 million" -> 12500000 USD, "EUR 3.5m" -> 3500000 EUR,
// "USD 4,350,705" -> 4350705 USD, "1,2 millions d'euros" -> 1200000 EUR,
// "CAD 2 billion" -> 2000000000 CAD. Arithmetic is on digit strings (BigInt),
// so no amount is rounded by floating point.

export interface Amount {
  /** Offsets in the string searched, end exclusive. */
  start: number;
  end: number;
  /** Whole units as digits ("12500000"). */
  digits: string;
  /** ISO 4217 code, or "" when the text does not say (a bare "$" is settled by the caller). */
  currency: string;
  /** True when the currency is a bare "$" or "dollars" (the caller may settle it from the document's country). */
  bareDollar: boolean;
}

// Currency written before the number: symbols and ISO codes.
const PREFIX = String.raw`(?<pre>US\$|U\.S\.\s?\$|USD|C\$|CA\$|Can\$|CAD|A\$|AUD|NZ\$|€|EUR|£|GBP|CHF|SEK|NOK|DKK|JPY|¥|\$)`;
// The number: grouped thousands ("4,350,705", "4 350 705", "4.350.705") or plain, with decimals.
const NUMBER = String.raw`(?<num>\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
// Scale words may follow a space ("12.5 million"); one-letter scales only stick to the number ("3.5m", "$2B").
const SCALE = String.raw`(?:\s?(?<scale>thousand|millions?|billions?|milliards?|trillions?|bn|mn|mln)|(?<letter>m|k|M|B))\b`;
// Currency written after the number ("euros", "d'euros", "EUR", "US dollars").
const SUFFIX = String.raw`(?<post>(?:de\s+|d['’]\s?)?(?:US\s+dollars|U\.S\.\s+dollars|Canadian\s+dollars|dollars|euros?|pounds(?:\s+sterling)?|Swiss\s+francs|USD|EUR|CAD|GBP|CHF))`;

const AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\d.,])(?:${PREFIX}\s?)?${NUMBER}(?:${SCALE})?(?:\s?${SUFFIX}\b)?`,
  "gu",
);

const SCALES: Record<string, number> = {
  thousand: 3, k: 3,
  million: 6, millions: 6, m: 6, mn: 6, mln: 6,
  billion: 9, billions: 9, milliard: 9, milliards: 9, bn: 9, b: 9,
  trillion: 12, trillions: 12,
};

const CODE_OF: Array<[RegExp, string]> = [
  [/^(?:US\$|U\.S\.\s?\$|USD)$|US\s+dollars|U\.S\.\s+dollars/i, "USD"],
  [/^(?:C\$|CA\$|Can\$|CAD)$|Canadian\s+dollars/i, "CAD"],
  [/^(?:A\$|AUD)$/i, "AUD"],
  [/^NZ\$$/i, "NZD"],
  [/^(?:€|EUR)$|euro/i, "EUR"],
  [/^(?:£|GBP)$|pound/i, "GBP"],
  [/^CHF$|Swiss\s+francs/i, "CHF"],
  [/^(?:SEK|NOK|DKK|JPY)$/, "="],
  [/^¥$/, "JPY"],
];

function currencyOf(written: string): string {
  if (!written) return "";
  for (const [re, code] of CODE_OF) if (re.test(written)) return code === "=" ? written : code;
  return "";
}

/**
 * The number's digits and how many of them are decimals. "1,234.5" and
 * "1.234,5": the last separator is the decimal one; "4,350,705" groups
 * thousands; a single separator is a decimal one unless exactly three digits
 * follow it ("1,2 millions" and "12.5 million", but "12,500").
 */
function parseNumber(num: string): { digits: string; decimals: number } {
  const s = num.replace(/[\u00a0\u202f ]/g, ",");
  const seps = s.match(/[.,]/g) ?? [];
  if (!seps.length) return { digits: s, decimals: 0 };
  const last = Math.max(s.lastIndexOf("."), s.lastIndexOf(","));
  const mixed = new Set(seps).size > 1;
  const decimalAt = mixed || (seps.length === 1 && s.length - last - 1 !== 3) ? last : -1;
  const intPart = (decimalAt >= 0 ? s.slice(0, decimalAt) : s).replace(/[.,]/g, "");
  const frac = decimalAt >= 0 ? s.slice(decimalAt + 1) : "";
  return { digits: intPart + frac, decimals: frac.length };
}

/** Whole units as digits (cents dropped): normaliseAmount("12.5", "million") === "12500000". */
export function normaliseAmount(num: string, scale: string): string {
  const { digits, decimals } = parseNumber(num);
  const exponent = (scale ? SCALES[scale] ?? SCALES[scale.toLowerCase()] ?? 0 : 0) - decimals;
  let value = BigInt(digits);
  if (exponent >= 0) value *= 10n ** BigInt(exponent);
  else value /= 10n ** BigInt(-exponent);
  return value.toString();
}

/** Every amount of money written in `text`, in order. */
export function findAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  if (!/\d/.test(text)) return found;
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) {
    const g = m.groups!;
    const pre = g.pre ?? "", post = g.post ?? "";
    if (!pre && !post) continue; // "5 million people": a number, not money
    const postWord = post.replace(/^(?:de\s+|d['’]\s?)/, "");
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      digits: normaliseAmount(g.num, g.scale ?? g.letter ?? ""),
      currency: currencyOf(pre) || currencyOf(postWord),
      bareDollar: pre === "$" || (!pre && /^dollars$/i.test(postWord)),
    });
  }
  return found;
}
