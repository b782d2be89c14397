// Acronyms the document never spells out ("COOPI", "UNHAS", "PSU") are left
// open for the corpus to link; one that the text treats as an organisation is
// an actor of this document: named right after an organisation word ("national
// NGOs - CADEL", "partners are COOPI", "funded by DANIDA"), or listed with
// other actors ("M&E Unit, PSU, MDR"). It then takes the type the cue gives, or
// its neighbour's.
import type { Doc } from "../../types.js";
import type { DocCandidate } from "./resolve.js";
import type { Lexicon } from "./lexicon.js";
import { normWord } from "./normalize.js";

/**
 * Organisation words right before an acronym, and the type each suggests ("" = the neighbour's or ngo).
 * `gate`: a cheap test of the text's last words that any match passes (most mentions fail it).
 */
const CUES: { re: RegExp; type: string; gate?: RegExp }[] = [
  { re: /\b(?:funded|financed|supported|sponsored)\s+by\s+(?:the\s+)?$/i, type: "donor" },
  { re: /\b(?:donors?|funders?)\s*(?:[-–:,(]\s*|such\s+as\s+|including\s+|like\s+)(?:the\s+)?$/i, type: "donor" },
  { re: /\b(?:NGOs?|CSOs?|non-governmental\s+organi[sz]ations?)\s*(?:[-–:,(]\s*|such\s+as\s+|including\s+|like\s+)(?:the\s+)?$/i, type: "ngo" },
  { re: /\b(?:partners?|organi[sz]ations?|agencies|institutions)\s+(?:are|is|were|was|include|includes|such\s+as|like|including)\s+(?:the\s+)?$/i, type: "" },
  { re: /\b(?:in\s+(?:collaboration|partnership|cooperation|coordination)\s+with|partnerships?\s+with)\s+(?:the\s+)?$/i, type: "" },
  { re: /\b(?:ministry|minist[eè]re)\s*(?:[-–:,(]\s*)$/i, type: "state" },
  // A post of the body: "the Director General for Migration of the MECMP", "Representative of the ABC".
  { re: /\b(?:Directors?(?:[- ]General)?|Ministers?|Heads?|Chiefs?|Secretary(?:[- ]General)?|Presidents?|Representatives?|Coordinators?|Chairs?|Chairman|Chairwoman|CEO)(?:\s+(?:for|of)\s+\p{Lu}[\p{L}-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}-]*){0,3})?\s+(?:of|at)\s+(?:the\s+)?$/u, type: "", gate: /\s(?:of|at)\s+(?:the\s+)?$/ },
  // A body whose rules others follow: "the norms and standards of UNEG", "the guidelines of the ABC".
  { re: /\b(?:norms|standards|guidelines|mandate|codes?\s+of\s+conduct)\s+of\s+(?:the\s+)?$/i, type: "", gate: /\sof\s+(?:the\s+)?$/ },
];
/** Right after an acronym: "DANIDA-funded support", "ABC-financed project": the acronym's body funds it. */
const FUNDED_AFTER = /^-(?:funded|financed|sponsored)\b/;
/** Between two actors of one list: ", ", " and ", " / ". */
const COORDINATION = /^\s*(?:,|\/|;)?\s*(?:and\s+|&\s+|or\s+)?(?:the\s+)?$/;
const MAX_MENTIONS = 8;

/** After an acronym (and its phase, "MIRAA-III", "ABC 2"): a programme word. */
const PROGRAMME_AFTER = /^(?:[- ](?:[IVX]{1,4}|\d))?\s+(?:[Pp]roject|[Pp]rogramme|[Pp]rogram|PROJECT|PROGRAMME)\b/;
/** Before an acronym: a programme word and the quoted title that defines it ("the project “MIGRANTS ... (MIRAA)”"). */
const PROGRAMME_TITLE_BEFORE = /\b(?:project|programme|program)\s+[“"«]\s*[^“”"«»]{0,160}\(\s*$/i;
const MAX_LOOKS = 40;

/**
 * An acronym the document calls its project or programme: defined inside the
 * quoted title of one ("the project “... (MIRAA) – PHASE III”"), or named
 * "the ABC project" twice. Returns the evidence, or "" when not so called.
 */
function calledProgramme(doc: Doc, c: DocCandidate): string {
  let named = 0;
  for (const m of c.mentions.slice(0, MAX_LOOKS)) {
    // (Only a mention right after "(" can be a definition: most are settled without the search.)
    if (doc.text.charCodeAt(m.start - 1) === 40 && PROGRAMME_TITLE_BEFORE.test(doc.text.slice(Math.max(0, m.start - 200), m.start))) return "open acronym defined in the quoted title of a project";
    if (PROGRAMME_AFTER.test(doc.text.slice(m.end, m.end + 16)) && ++named >= 2) return "open acronym called a project or programme (\"the ABC project\")";
  }
  return "";
}

export interface Promotion { key: string; type: string; neighbour?: string; evidence: string }

/** The open acronyms of the document that name an actor, each with the evidence. */
export function promoteOpenAcronyms(doc: Doc, cands: Map<string, DocCandidate>, lex: Lexicon, writtenLower: (word: string) => boolean): Promotion[] {
  // A country ("UK", "NIGERIA") is no organisation; "EU-IOM" joins two known ones; a word in capitals
  // ("CAPITAL", "HOURS": the document writes it in lower case too) or a plural of a generic ("SDGS") is none.
  const open = [...cands.values()].filter((c) => {
    if (!c.key.startsWith("acr:")) return false;
    const acronym = c.key.slice(4);
    // ("CD4179F6": a code, not an acronym.)
    // (The text search for the word in lower case last: it costs most.)
    return acronym.length >= 3 && !acronym.includes("-") && !/\d.*\d.*\d/.test(acronym) && !lex.countries.has(normWord(acronym)) &&
      !lex.genericAcronyms.has(acronym.replace(/S$/, "")) && !writtenLower(acronym.toLowerCase());
  });
  if (!open.length) return [];
  // Every mention of a named actor, by block, in text order: the neighbours.
  const named = new Map<number, { start: number; end: number; key: string }[]>();
  for (const c of cands.values()) {
    if (c.key.startsWith("acr:")) continue;
    for (const m of c.mentions) (named.get(m.block) ?? named.set(m.block, []).get(m.block)!).push({ start: m.start, end: m.end, key: c.key });
  }
  const out: Promotion[] = [];
  for (const c of open) {
    const programme = calledProgramme(doc, c);
    if (programme) { out.push({ key: c.key, type: "process", evidence: programme }); continue; }
    let found: Promotion | undefined;
    for (const m of c.mentions.slice(0, MAX_MENTIONS)) {
      const before = doc.text.slice(Math.max(0, m.start - 60), m.start);
      if (FUNDED_AFTER.test(doc.text.slice(m.end, m.end + 12))) { found = { key: c.key, type: "donor", evidence: "open acronym funding something (ACR-funded)" }; break; }
      const tail = before.slice(-10);
      const cue = CUES.find((q) => (!q.gate || q.gate.test(tail)) && q.re.test(before));
      if (cue) { found = { key: c.key, type: cue.type, evidence: `open acronym after "${before.trim().split(/\s+/).slice(-3).join(" ")}"` }; break; }
      for (const n of named.get(m.block) ?? []) {
        const between = n.end <= m.start ? doc.text.slice(n.end, m.start) : m.end <= n.start ? doc.text.slice(m.end, n.start) : undefined;
        if (between !== undefined && between.length < 12 && COORDINATION.test(between)) {
          found = { key: c.key, type: "", neighbour: n.key, evidence: "open acronym listed with another actor" };
          break;
        }
      }
      if (found) break;
    }
    if (found) out.push(found);
  }
  return out;
}
