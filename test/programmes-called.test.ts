// calledProgramme finds the acronym and the name first and tests fixed patterns
// only there; it must answer exactly as the earlier version, which ran three
// regular expressions built for each acronym over the whole text. That version
// is kept here as the oracle, and both run on many generated texts full of the
// traps: spaces and line breaks inside names, programme words before and after,
// quotes, "such as ... and", the acronym inside longer words, at the very start
// and end, overlapping matches of the two "named" alternatives.
import { describe, expect, it } from "vitest";
import { calledProgramme, type Expansion } from "../src/extract/actors/programmes.js";
import type { Doc } from "../src/types.js";

// ---- The oracle: calledProgramme as it was (commit 33fc634), word for word. ----
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&-]*/gu;
const PROGRAMME_AFTER = String.raw`(?:[Pp]rogramme|[Pp]rogram|[Pp]roject|[Ii]nitiative|[Cc]ampaign)`;
const AFTER_PROGRAMME = String.raw`(?=\s*(?:[.,;:)\]”"’]|$)|\s+(?:and|or|is|was|were|are|has|had|have|in|of|to|with|for|which|that|will|would|can|could|aims|aimed|supports|supported|provides|provided|funded|financed|implemented|by|at|on)\b|\s+\p{Lu})`;
const PROGRAMME_BEFORE = String.raw`(?:programmes?|programs?|projects?|initiatives?|campaigns?)`;
const PROGRAMME_WORD = /[Pp]rogram|[Pp]roject|[Ii]nitiative|[Cc]ampaign/;
const MAX_LOOKS = 50;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function programmeWordNear(text: string, words: string): boolean {
  let looks = 0;
  for (let at = text.indexOf(words); at >= 0 && looks++ < MAX_LOOKS; at = text.indexOf(words, at + words.length)) {
    if (PROGRAMME_WORD.test(text.slice(Math.max(0, at - 60), at + words.length + 30))) return true;
  }
  return false;
}

/** The earlier calledProgramme; besides its answer, which test gave it (to check that the texts reach every test). */
function oldCalledProgramme(doc: Doc, e: Expansion, isCountry: (words: string) => boolean): { called: boolean; by: string } {
  if (!programmeWordNear(doc.text, e.acronym) && !programmeWordNear(doc.text, e.surface)) return { called: false, by: "no programme word near" };
  const acr = escapeRegExp(e.acronym);
  const name = escapeRegExp(e.surface).replace(/\s+/g, String.raw`\s+`);
  const introduced = new RegExp(
    String.raw`\b${PROGRAMME_BEFORE}\s+(?:(?:such\s+as|called|known\s+as|named|entitled)\s+(?:the\s+)?[“"«‘]?\s*(?:[^.;:()]{0,60}?(?:,|\sand)\s+)?|[“"«‘]\s*)(?:${acr}\b|${name})`,
    "u",
  );
  if (introduced.test(doc.text)) return { called: true, by: "introduced" };
  if (new RegExp(String.raw`${name}\s*\(${acr}\)\s+${PROGRAMME_AFTER}\b`, "u").test(doc.text)) return { called: true, by: "defined" };
  const named = new RegExp(
    String.raw`\b${acr}\s+${PROGRAMME_AFTER}s?${AFTER_PROGRAMME}|\b${PROGRAMME_BEFORE}\s+(?:the\s+)?${name}`,
    "gu",
  );
  const words = (e.surface.match(WORD) ?? []).map((w) => w.toLowerCase());
  const properNoun = words.some((w, k) => isCountry(w) || (k + 1 < words.length && isCountry(`${w} ${words[k + 1]}`)));
  let times = 0;
  while (named.exec(doc.text) && ++times < 2);
  return { called: times >= (properNoun ? 1 : 2), by: `named ${times} times${properNoun ? " (country)" : ""}` };
}
// ---- end of the oracle ----

const isCountry = (w: string): boolean => w === "nigeria" || w === "south sudan";

/** Small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Definitions as the three producers make them (a surface starts with a capital letter).
const DEFINITIONS: Array<[string, string]> = [
  ["SEDIN", "Sustainable Economic Development in Nigeria"],
  ["MaM", "Migrants as Messenger"],
  ["ToC", "Theory of Change"],
  ["HR", "Human Resources"],
  ["AVRR", "Assisted Voluntary Return and Reintegration"],
  ["R&D", "Research and Development"],
  ["EU-TF", "EU Trust Fund"],
  ["PP", "Project Partners"],
  ["PSS", "Programme Support Scheme"],
  ["SSR", "South Sudan Returns"],
  ["CPF", "C++ Programme Fund (Phase 2)"], // a list of acronyms may hold any character but "|"
  ["AB", "Ab\u2003"], // a row of such a list can end with a space that cleanSurface leaves
  ["MI", "Migration Initiative"],
  ["NLP", "Nigeria Labour Programme"],
  ["SAP", "Support to the SAP Programme"], // a name holding its acronym: matches inside matches
  ["UN-UN", "United Nations Union Network"], // an acronym that overlaps itself ("UN-UN-UN")
];
const PROGRAMME_WORDS = ["programme", "programmes", "program", "programs", "project", "projects", "initiative", "initiatives", "campaign", "campaigns", "Programme", "Project", "Initiative", "Campaign", "Programs", "subprojects", "projection", "programmed", "Campaigns"];
const FILLERS = ["such as", "such  as", "such\nas", "called", "known as", "named", "entitled", "the", "the", "The", "and", " and", ",", ", ", ".", ";", ":", "(", ")", "]", "”", "“", '"', "«", "‘", "’", "is", "was", "in", "of", "will", "aims", "information", "Nigeria", "South Sudan", "Support", "x", "of the", "a long stretch of words without stops", "–"];
const SPACES = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n ", "", "\u2003"];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

/** The name with varied spaces, or cut short, or changed in one place. */
function nameVariant(rnd: () => number, surface: string): string {
  const words = surface.split(/\s+/);
  const r = rnd();
  if (r < 0.15) return words.slice(0, Math.max(1, words.length - 1)).join(" ");
  if (r < 0.2) return surface.toLowerCase();
  return words.map((w, k) => (k === 0 ? w : pick(rnd, [" ", " ", "  ", "\n", " \n", "\t", "\u00a0"]) + w)).join("") + (rnd() < 0.1 ? pick(rnd, SPACES) : "");
}

function acronymVariant(rnd: () => number, acronym: string): string {
  return pick(rnd, [acronym, acronym, acronym, `${acronym}s`, `x${acronym}`, `${acronym}x`, `${acronym}-`, `_${acronym}`, `${acronym}1`, acronym.toLowerCase(), `(${acronym})`, `(${acronym})`, acronym.slice(0, 3) + acronym]);
}

/** A phrase close to one of the patterns, often with a trap in it. */
function phrase(rnd: () => number, acronym: string, surface: string): string {
  const space = (): string => pick(rnd, [" ", " ", "  ", "\n", "\u00a0"]);
  const named = rnd() < 0.5 ? acronymVariant(rnd, acronym) : nameVariant(rnd, surface);
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `${pick(rnd, PROGRAMME_WORDS)}${space()}${pick(rnd, ["such as", "called", "known as", "named", "entitled"])}${space()}${pick(rnd, ["", "the ", "“", "the “"])}${pick(rnd, ["", "XY, ", "XY and ", "a few, b. c, ", "XY;ZW, "])}${named}`;
    case 1:
      return `${acronymVariant(rnd, acronym)}${space()}${pick(rnd, PROGRAMME_WORDS)}${pick(rnd, ["", ",", " is", " information", " The", ".", " and", " in", " x", "”", "s,"])}`;
    case 2:
      return `${pick(rnd, PROGRAMME_WORDS)}${space()}${pick(rnd, ["", "the ", "the  ", "the\n", "The "])}${named}`;
    default:
      return `${pick(rnd, PROGRAMME_WORDS)}${space()}${pick(rnd, ["“", '"', "«", "‘", "“ "])}${named}`;
  }
}

function makeText(rnd: () => number, acronym: string, surface: string): string {
  const parts: string[] = [];
  const n = 2 + Math.floor(rnd() * 22);
  for (let k = 0; k < n; k++) {
    const r = rnd();
    if (r < 0.2) parts.push(acronymVariant(rnd, acronym));
    else if (r < 0.35) parts.push(nameVariant(rnd, surface));
    else if (r < 0.55) parts.push(pick(rnd, PROGRAMME_WORDS));
    else if (r < 0.6) parts.push(`${nameVariant(rnd, surface)}${pick(rnd, ["", " ", "\n"])}(${acronym})`);
    else if (r < 0.63) parts.push(pick(rnd, DEFINITIONS)[pick(rnd, [0, 1])]); // another definition's words
    else if (r < 0.8) parts.push(phrase(rnd, acronym, surface));
    else parts.push(pick(rnd, FILLERS));
  }
  return parts.map((p) => p + pick(rnd, SPACES)).join("").slice(rnd() < 0.2 ? 1 : 0);
}

function expansion(acronym: string, surface: string): Expansion {
  return { acronym, block: 0, start: 0, end: surface.length, surface };
}

describe("calledProgramme", () => {
  it("answers as the whole-text regular expressions did, on generated texts", () => {
    const rnd = random(17);
    const reasons = new Map<string, number>();
    for (let k = 0; k < 20000; k++) {
      const [acronym, surface] = pick(rnd, DEFINITIONS);
      const text = makeText(rnd, acronym, surface);
      const doc = { text } as Doc;
      const e = expansion(acronym, surface);
      const { called, by } = oldCalledProgramme(doc, e, isCountry);
      if (calledProgramme(doc, e, isCountry) !== called) expect({ text, acronym, surface, called: !called }).toEqual({ text, acronym, surface, called });
      reasons.set(by, (reasons.get(by) ?? 0) + 1);
    }
    // The texts reach every test, with either answer, many times.
    for (const by of ["no programme word near", "introduced", "defined", "named 0 times", "named 1 times", "named 2 times", "named 0 times (country)", "named 1 times (country)", "named 2 times (country)"])
      expect({ by, times: reasons.get(by) ?? 0 }).toEqual({ by, times: expect.toSatisfy((n: number) => n >= 100) });
  });

  it("answers as before on the cases written out", () => {
    const cases: Array<[string, string, string]> = [
      ["SEDIN", "Sustainable Economic Development in Nigeria", "Sustainable Economic Development in Nigeria (SEDIN). The SEDIN project, funded by the EU."],
      ["MaM", "Migrants as Messenger", "programmes such as XY, ZW and MaM were run"],
      ["MaM", "Migrants as Messenger", "the project “Migrants as\nMessenger”"],
      ["ToC", "Theory of Change", "The project ToC and the project ToC again."],
      ["ToC", "Theory of Change", "Theory of Change (ToC) projects"],
      ["ToC", "Theory of Change", "Theory of Change (ToC) Programme"],
      ["HR", "Human Resources", "the HR program information; HR programs."],
      ["HR", "Human Resources", "HR projects HR projects"],
      ["HR", "Human Resources", "projects Human Resources programme is HR project."],
      ["PP", "Project Partners", "projects Project Partners projects Project Partners"],
      ["MI", "Migration Initiative", "the MI campaign\n\nand the MI campaign"],
      ["MI", "Migration Initiative", "subprojects MI and xMI project, MI"],
    ];
    for (const [acronym, surface, text] of cases) {
      const doc = { text } as Doc;
      const e = expansion(acronym, surface);
      expect({ text, called: calledProgramme(doc, e, isCountry) }).toEqual({ text, called: oldCalledProgramme(doc, e, isCountry).called });
    }
    // And a few answers checked by hand, so that the oracle itself is what is meant.
    expect(calledProgramme({ text: "programmes such as XY, ZW and MaM were run" } as Doc, expansion("MaM", "Migrants as Messenger"), isCountry)).toBe(true);
    expect(calledProgramme({ text: "The project ToC was drawn." } as Doc, expansion("ToC", "Theory of Change"), isCountry)).toBe(false);
    expect(calledProgramme({ text: "The SEDIN project, and the SEDIN project." } as Doc, expansion("SEDIN", "Sustainable Economic Development"), isCountry)).toBe(true);
  });
});
