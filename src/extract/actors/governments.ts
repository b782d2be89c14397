// Governments and ministries written in lower case or around a country name,
// which the capitalised-phrase rule misses: "the government of Tanzania",
// "the South African government", and a minister standing for the ministry
// ("Minister of Home Affairs" -> "Ministry of Home Affairs").
import type { Block } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { countryKey } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";

const CAP_WORDS = String.raw`\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*(?:\s+(?:of\s+the\s+|of\s+)?\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*)*`;
// Sticky patterns, tried only where "government" or "Minister" occurs (found with indexOf: fast).
const GOV_OF = new RegExp(String.raw`[Gg]overnment\s+of\s+(?:the\s+)?(${CAP_WORDS})`, "uy");
const X_BEFORE_GOV = new RegExp(String.raw`(${CAP_WORDS})\s+$`, "u");
const MINISTER_OF = new RegExp(String.raw`Minister\s+(?:of|for)\s+(${CAP_WORDS})`, "uy");
const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

export function governments(block: Block, lex: Lexicon): Hit[] {
  const hits: Hit[] = [];
  const text = block.text;
  const add = (start: number, end: number, country: string, rule: string, canonical?: string) =>
    hits.push(makeHit({
      kind: "government", block: block.index, start: block.start + start, end: block.start + end,
      surface: cleanSurface(text.slice(start, end)), country, canonical, head: "government", headType: "state", rule,
    }));
  for (let at = text.indexOf("overnment"); at > 0; at = text.indexOf("overnment", at + 9)) {
    const g = at - 1;
    if ((text[g] !== "G" && text[g] !== "g") || isLetter(text[g - 1])) continue;
    GOV_OF.lastIndex = g;
    const m = GOV_OF.exec(text);
    if (m) {
      const place = m[1];
      const country = lex.countries.get(place.toLowerCase().replace(/^united republic of /, "")) ?? (lex.countries.has(place.toLowerCase()) ? countryKey(place) : "");
      add(g, g + m[0].length, country || "", country ? "government of a country" : "government of a place (local)");
    }
    // "the South African government": keep only the country or nationality right before it.
    const before = X_BEFORE_GOV.exec(text.slice(Math.max(0, g - 60), g));
    if (before && !isLetter(text[g + 10])) {
      const words = before[1].split(/\s+/);
      for (let k = 0; k < words.length; k++) {
        const place = words.slice(k).join(" ");
        const country = lex.countries.get(place.toLowerCase());
        if (!country) continue;
        add(text.lastIndexOf(place, g), g + 10, country, "country + government");
        break;
      }
    }
  }
  for (let at = text.indexOf("Minister "); at >= 0; at = text.indexOf("Minister ", at + 9)) {
    if (isLetter(text[at - 1])) continue;
    MINISTER_OF.lastIndex = at;
    const m = MINISTER_OF.exec(text);
    if (m) add(at, at + m[0].length, "", "minister standing for the ministry", `Ministry of ${m[1]}`);
  }
  return hits;
}
