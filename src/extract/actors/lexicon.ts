// The detector's rules (rules.yaml), compiled into sets once per process.
import { readFileSync } from "node:fs";
import { cachedYaml, parseYaml } from "../../yaml-cache.js";
import { dataFile } from "../../paths.js";
import { escapeRegExp } from "../../regexp.js";
import { normWord } from "./normalize.js";

export interface Lexicon {
  /** normalised head word (or two-word head) -> type it suggests */
  heads: Map<string, string>;
  /** modifier phrase (normalised) -> type it imposes */
  modifiers: { words: string[]; type: string }[];
  nonActorHeads: Set<string>;
  /** last words of the heads ("group" for "working group") */
  headEnds: Set<string>;
  /** normalised head words that may open a name ("Centro Presente") */
  headFirst: Set<string>;
  connectors: Set<string>;
  tailConnectors: Set<string>;
  sentenceStarters: Set<string>;
  genericWords: Set<string>;
  genericAcronyms: Set<string>;
  contextTypes: { cue: string; type: string }[];
  /** Finds any cue of contextTypes: one search settles the many mentions with none near them. */
  anyContextCue: RegExp;
  listHeadings: RegExp;
  /** normalised country name or nationality -> canonical country key */
  countries: Map<string, string>;
  nationalities: Set<string>;
  /** normalised name of a part of a country with its own public bodies ("england", "new brunswick") -> a body's type */
  subnationalPlaces: Map<string, string>;
  /** Matches text right after a country that makes it the subject of an act (" will", ", and ... endorse"). */
  actingVerb: RegExp;
  /** Office titles acting for a government ("Attorney General", "Secretary of ..."). */
  offices: RegExp;
  /** Finds the first word of any office: blocks without one are skipped. */
  officeHint: RegExp;
  /** The first words of the offices ("Secretary", "Attorney"): searched once in a document's text. */
  officeWords: string[];
  /** Text right after a name that makes it a modifier of a generic group ("UN agencies"). */
  genericAfter: RegExp;
}

interface RulesFile {
  heads: Record<string, string[]>;
  modifiers: Record<string, string[]>;
  non_actor_heads: string[];
  head_first: string[];
  connectors: string[];
  tail_connectors: string[];
  sentence_starters: string[];
  generic_words: string[];
  generic_acronyms: string[];
  context_types: Record<string, string[]>;
  list_headings: string;
  countries: string[];
  nationalities: string[];
  subnational_places: Record<string, string[]>;
  acting_verbs: string[];
  offices: string[];
  generic_after: string[];
}

const phrase = (s: string) => s.split(/\s+/).map(normWord).join(" ");

/** A country's key: its name without "United Republic of", "the" ("tanzania"). */
export function countryKey(name: string): string {
  const words = name.split(/\s+/).map(normWord);
  const core = words.length > 2 ? words.filter((w) => !["the", "united", "republic", "of", "federal", "democratic"].includes(w)) : words;
  return core.join(" ").replace(/[^a-z ]/g, "");
}

/** The country of a nationality: the country sharing the longest start with it ("nigerian" -> nigeria, "nigerien" -> niger). */
function countryOfNationality(nationality: string, countryKeys: string[]): string {
  const n = countryKey(nationality);
  let best = "", bestLen = 3;
  for (const c of countryKeys) {
    let k = 0;
    while (k < c.length && k < n.length && c[k] === n[k]) k++;
    if (k > bestLen || (k === bestLen && best && c.length < best.length)) { best = c; bestLen = k; }
  }
  return best || n;
}

/** One capitalised word (letters, hyphen, apostrophe inside). */
const CAP = String.raw`\p{Lu}[\p{L}-]*`;

/**
 * Offices as one sticky pattern: "Attorney General", or "Secretary of" + a
 * capitalised name that may hold "and", "of", "for", "the" ("Secretary of Health and Human Services").
 */
function officesPattern(offices: string[]): RegExp {
  // The name stops before another office ("Secretary of State and the Secretary of Labor": two).
  const starts = [...new Set(offices.map((o) => escapeRegExp(o.split(" ")[0])))].join("|");
  const name = String.raw`(?:the\s+)?${CAP}(?:\s+(?:(?:and|of|for|on)\s+(?:the\s+)?)?(?!(?:${starts})\b)${CAP})*`;
  const alts = offices.map((o) => /\s(?:of|for)$/.test(o) ? `${escapeRegExp(o).replace(/ /g, "\\s+")}\\s+${name}` : escapeRegExp(o).replace(/ /g, "\\s+"));
  return new RegExp(`(?:${alts.join("|")})(?![\\p{L}-])`, "uy");
}

let cached: Lexicon | undefined;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const raw = cachedYaml(readFileSync(dataFile("extract/actors/rules.yaml"), "utf8"), parseYaml) as RulesFile;
  const heads = new Map<string, string>();
  for (const [type, words] of Object.entries(raw.heads)) for (const w of words) heads.set(phrase(w), type);
  const countries = new Map<string, string>();
  for (const c of raw.countries) countries.set(phrase(c), countryKey(c));
  const countryKeys = [...new Set(countries.values())];
  for (const n of raw.nationalities) countries.set(phrase(n), countryOfNationality(n, countryKeys));
  const contextTypes = Object.entries(raw.context_types).flatMap(([type, cues]) => cues.map((cue) => ({ cue: cue.toLowerCase(), type })));
  cached = {
    heads,
    modifiers: Object.entries(raw.modifiers).flatMap(([type, list]) => list.map((m) => ({ words: phrase(m).split(" "), type }))),
    nonActorHeads: new Set(raw.non_actor_heads.map(phrase)),
    headFirst: new Set(raw.head_first.map(phrase)),
    headEnds: new Set([...heads.keys()].map((h) => h.split(" ").pop()!)),
    connectors: new Set(raw.connectors.map((c) => c.toLowerCase())),
    tailConnectors: new Set(raw.tail_connectors.map((c) => c.toLowerCase())),
    sentenceStarters: new Set(raw.sentence_starters),
    genericWords: new Set(raw.generic_words.map(normWord)),
    genericAcronyms: new Set(raw.generic_acronyms),
    contextTypes,
    anyContextCue: new RegExp(contextTypes.map(({ cue }) => escapeRegExp(cue)).join("|")),
    listHeadings: new RegExp(`\\b(?:${raw.list_headings})`, "i"),
    countries,
    nationalities: new Set(raw.nationalities.map(phrase)),
    subnationalPlaces: new Map(Object.entries(raw.subnational_places).flatMap(([type, places]) => places.map((p): [string, string] => [phrase(p), type]))),
    actingVerb: new RegExp(`^\\s+(?:${raw.acting_verbs.map((v) => escapeRegExp(v).replace(/ /g, "\\s+")).join("|")})\\b`),
    offices: officesPattern(raw.offices),
    genericAfter: new RegExp(`^,?\\s+(?:${raw.generic_after.map((w) => escapeRegExp(w).replace(/ /g, "\\s+")).join("|")})\\b`),
    officeHint: new RegExp(`\\b(?:${[...new Set(raw.offices.map((o) => escapeRegExp(o.split(" ")[0])))].join("|")})\\b`),
    officeWords: [...new Set(raw.offices.map((o) => o.split(" ")[0]))],
  };
  return cached;
}
