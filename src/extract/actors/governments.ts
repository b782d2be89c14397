// Governments and ministries written in lower case or around a country name,
// which the capitalised-phrase rule misses: "the government of Tanzania",
// "the South African government", and a minister standing for the ministry
// ("Minister of Home Affairs" -> "Ministry of Home Affairs").
import type { Block } from "../../types.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import { firstAtOrAfter, occurrences } from "./search.js";

/**
 * Where a document's text holds the words the rules below start from, found once for
 * the whole text: a search per block cost more than the rules themselves (most blocks
 * hold none of them). Sorted offsets into Doc.text.
 */
export interface GovernmentCues {
  government: number[];
  minister: number[];
  officeWord: number[];
}

const GOVERNMENT_CUE = "overnment"; // "Government", "government"
const MINISTER_CUE = "Minister ";

export function governmentCues(text: string, lex: Lexicon): GovernmentCues {
  return {
    government: occurrences(text, GOVERNMENT_CUE),
    minister: occurrences(text, MINISTER_CUE),
    officeWord: lex.officeWords.flatMap((w) => occurrences(text, w)).sort((a, b) => a - b),
  };
}

/** Block-relative starts of the cue occurrences that lie wholly inside the block. */
function cuesIn(positions: number[], length: number, block: Block): number[] {
  const out: number[] = [];
  const end = block.start + block.text.length;
  for (let k = firstAtOrAfter(positions, block.start); k < positions.length && positions[k] + length <= end; k++) out.push(positions[k] - block.start);
  return out;
}

const CAP_WORDS = String.raw`\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*(?:\s+(?:of\s+the\s+|of\s+)?\p{Lu}[\p{L}-]*(?:['’](?![sS]\b)[\p{L}-]+)*)*`;
// Sticky patterns, tried only where "government" or "Minister" occurs (found with indexOf: fast).
const GOV_OF = new RegExp(String.raw`[Gg]overnment\s+of\s+(?:the\s+)?(${CAP_WORDS})`, "uy");
const GOVS_OF = new RegExp(String.raw`[Gg]overnments\s+of\s+(?:the\s+)?((?:${CAP_WORDS})(?:\s*,\s*(?:and\s+)?(?:the\s+)?(?:${CAP_WORDS})|\s+and\s+(?:the\s+)?(?:${CAP_WORDS}))+)`, "uy");
const X_BEFORE_GOV = new RegExp(String.raw`(${CAP_WORDS})\s+$`, "u");
const MINISTER_OF = new RegExp(String.raw`Minister\s+(?:of|for)\s+(${CAP_WORDS})`, "uy");
const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/** "Republic of Guatemala", "the United Republic of Tanzania", "Mexico": the country's key, "" when no country. */
const STATE_FORM = /^(?:the\s+)?(?:(?:united|federal|democratic|islamic|plurinational|bolivarian|socialist|people's|co-operative|cooperative)\s+)*(?:republic|kingdom|state|commonwealth|federation|sultanate|principality|grand duchy)\s+of\s+(?:the\s+)?/i;
function countryOf(place: string, lex: Lexicon): string {
  const plain = place.toLowerCase();
  return lex.countries.get(plain) ?? lex.countries.get(plain.replace(STATE_FORM, "")) ?? "";
}

export function governments(block: Block, lex: Lexicon, cues: GovernmentCues): Hit[] {
  const hits: Hit[] = [];
  const text = block.text;
  const add = (start: number, end: number, country: string, rule: string, canonical?: string) =>
    hits.push(makeHit({
      kind: "government", block: block.index, start: block.start + start, end: block.start + end,
      surface: cleanSurface(text.slice(start, end)), country, canonical, head: "government", headType: "state", rule,
    }));
  for (const at of cuesIn(cues.government, GOVERNMENT_CUE.length, block)) {
    if (at === 0) break; // no "G" before it (only the first can be there)
    const g = at - 1;
    if ((text[g] !== "G" && text[g] !== "g") || isLetter(text[g - 1])) continue;
    GOV_OF.lastIndex = g;
    const m = GOV_OF.exec(text);
    if (m) {
      const place = m[1];
      const country = countryOf(place, lex);
      add(g, g + m[0].length, country || "", country ? "government of a country" : "government of a place (local)");
    }
    // "the Governments of Algeria and Niger": one government per country.
    GOVS_OF.lastIndex = g;
    const ms = GOVS_OF.exec(text);
    if (ms) {
      const names = ms[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+/);
      const countries = names.map((n) => countryOf(n.replace(/^the\s+/, ""), lex));
      if (countries.every(Boolean)) {
        let from = g + ms[0].length - ms[1].length;
        names.forEach((n, k) => {
          const s = text.indexOf(n, from);
          add(s, s + n.length, countries[k], "governments of countries named together");
          from = s + n.length;
        });
      }
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
  for (const at of cuesIn(cues.minister, MINISTER_CUE.length, block)) {
    if (isLetter(text[at - 1])) continue;
    MINISTER_OF.lastIndex = at;
    const m = MINISTER_OF.exec(text);
    if (m) add(at, at + m[0].length, "", "minister standing for the ministry", `Ministry of ${m[1]}`);
  }
  return hits;
}

export const OFFICE_RULE = "office acting for a government";

/** Offices acting for a government ("the Secretary of Homeland Security shall ..."): state actors. */
export function offices(block: Block, lex: Lexicon, cues: GovernmentCues): Hit[] {
  const hits: Hit[] = [];
  const text = block.text;
  // No office word starts in the block: the hint cannot match (it is tried only where one does).
  const k = firstAtOrAfter(cues.officeWord, block.start);
  if (k >= cues.officeWord.length || cues.officeWord[k] >= block.start + text.length) return hits;
  if (!lex.officeHint.test(text)) return hits;
  // Every office phrase starts with a capital: only capitals not inside a word are tried.
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c < 65 || c > 90 || isLetter(text[at - 1])) continue;
    lex.offices.lastIndex = at;
    const m = lex.offices.exec(text);
    if (!m) continue;
    const surface = m[0];
    // "Secretary of HHS": the department, named by its acronym, is the actor; "Secretary of the": no name.
    if (/\s(?:of|for)\s+(?:the\s+)?\p{Lu}+$/u.test(surface) && !/\p{Ll}/u.test(surface.split(/\s+/).pop()!)) continue;
    hits.push(makeHit({
      kind: "government", block: block.index, start: block.start + at, end: block.start + at + surface.length,
      surface: cleanSurface(surface), country: "", head: "office", headType: "state", rule: OFFICE_RULE,
    }));
    at += surface.length - 1;
  }
  return hits;
}
