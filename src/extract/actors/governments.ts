// Governments and ministries written in lower case or around a country name,
// which the capitalised-phrase rule misses: "the government of Tanzania",
// "the South African government", and a minister standing for the ministry
// ("Minister of Home Affairs" -> "Ministry of Home Affairs").
import type { Block } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { countryKey } from "./lexicon.js";
import { cleanSurface, type Hit } from "./hits.js";

const CAP_WORDS = String.raw`\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*(?:\s+(?:of\s+the\s+|of\s+)?\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*)*`;
const GOV_OF = new RegExp(String.raw`\b[Gg]overnment\s+of\s+(?:the\s+)?(${CAP_WORDS})`, "gu");
const X_GOV = new RegExp(String.raw`\b(${CAP_WORDS})\s+[Gg]overnment\b`, "gu");
const MINISTER_OF = new RegExp(String.raw`\bMinister\s+(?:of|for)\s+(${CAP_WORDS})`, "gu");

export function governments(block: Block, lex: Lexicon): Hit[] {
  const hits: Hit[] = [];
  const add = (start: number, end: number, country: string, rule: string, canonical?: string) =>
    hits.push({
      kind: "government", block: block.index, start: block.start + start, end: block.start + end,
      surface: cleanSurface(block.text.slice(start, end)), country, canonical, head: "government", headType: "state", rule,
    });
  if (!/overnment|Minister/.test(block.text)) return hits;
  for (const m of block.text.matchAll(GOV_OF)) {
    const place = m[1];
    const country = lex.countries.get(place.toLowerCase().replace(/^united republic of /, "")) ?? (lex.countries.has(place.toLowerCase()) ? countryKey(place) : "");
    add(m.index!, m.index! + m[0].length, country || "", country ? "government of a country" : "government of a place (local)");
  }
  for (const m of block.text.matchAll(X_GOV)) {
    const words = m[1].split(/\s+/);
    // Keep only the country or nationality right before "government": "the South African government".
    for (let k = 0; k < words.length; k++) {
      const place = words.slice(k).join(" ");
      const country = lex.countries.get(place.toLowerCase());
      if (!country) continue;
      const start = m.index! + m[0].indexOf(place, m[1].length - place.length);
      add(start, m.index! + m[0].length, country, "country + government");
      break;
    }
  }
  for (const m of block.text.matchAll(MINISTER_OF)) {
    add(m.index!, m.index! + m[0].length, "", "minister standing for the ministry", `Ministry of ${m[1]}`);
  }
  return hits;
}
