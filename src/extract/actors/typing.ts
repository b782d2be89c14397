// Actor types: from the gazetteer, else from context ("migrant-led
// organisation X"), else from the name's head word, adjusted by modifiers
// ("National Commission ..." is a state body, "UN ..." an igo).
import type { Lexicon } from "./lexicon.js";
import { nameWords } from "./normalize.js";

/** Heads that make a state body when the name starts with a country or nationality. */
const STATE_BODIES = new Set(["commission", "agency", "office", "department", "ministry", "authority", "bureau", "service", "services", "academy", "directorate", "police", "court", "embassy", "mission", "high commission"]);
/** Words that make a foundation an operating organisation rather than a grant-maker. */
const OPERATIONAL = new Set(["migrant", "migrants", "workers", "services", "development", "refugee", "refugees", "rights", "children", "women", "community", "communities"]);

/** First words before "State" that do not name a federated state ("Member State", "Nation State"). */
const NOT_FEDERATED = new Set(["member", "nation", "united", "islamic", "sovereign", "independent", "secretary", "department", "head", "heads", "welfare", "rule", "non"]);

export interface TypeDecision {
  type: string;
  evidence: string;
}

/** Type from a name and its head word (no gazetteer, no context). */
export function typeFromName(name: string, head: string | undefined, lex: Lexicon): TypeDecision {
  const words = nameWords(name);
  const headType = head ? lex.heads.get(head) : undefined;
  const has = (phrase: string[]) => words.some((_, i) => phrase.every((p, k) => words[i + k] === p));
  for (const m of lex.modifiers) {
    if (!has(m.words)) continue;
    const phrase = m.words.join(" ");
    if (m.type === "igo" && headType !== "process" && headType !== "network") return { type: "igo", evidence: `modifier "${phrase}"` };
    if (m.type === "local" && headType !== "process" && headType !== "network") return { type: "local", evidence: `modifier "${phrase}"` };
    if (m.type === "research" && (headType === "ngo" || headType === "research" || headType === "network" || headType === "private")) return { type: "research", evidence: `modifier "${phrase}"` };
    if (m.type === "state" && (headType === "state" || headType === "ngo" || headType === "research") && words[0] === m.words[0]) return { type: "state", evidence: `modifier "${phrase}"` };
    if (m.type === "ngo" && (headType === "research" || headType === "state" || headType === "ngo" || headType === undefined)) return { type: "ngo", evidence: `modifier "${phrase}" (professional body)` };
    if (m.type === "private" && (headType === "ngo" || headType === "network" || headType === undefined)) return { type: "private", evidence: `modifier "${phrase}" (business association)` };
  }
  // "Edo State Taskforce", "Lagos State Ministry of ...": a federated state's body is local ("Secretary of State" is not one).
  if (words.length >= 3 && words[1] === "state" && !lex.countries.has(words[0]) && !NOT_FEDERATED.has(words[0]) && headType !== "process")
    return { type: "local", evidence: `"${name.split(/\s+/)[0]} State": a federated state's body` };
  // "Tanzania Regional Immigration Training Academy", "Philippine Commission for ...": a state body.
  if (head && STATE_BODIES.has(head) && (lex.countries.has(words[0]) || lex.countries.has(words.slice(0, 2).join(" ")))) return { type: "state", evidence: `country + "${head}"` };
  if (headType === "donor" && words.some((w) => OPERATIONAL.has(w))) return { type: "ngo", evidence: `foundation serving a group ("${words.find((w) => OPERATIONAL.has(w))}")` };
  if (/^(region|province|county|state|city|municipality) of /.test(words.join(" "))) return { type: "local", evidence: "region or city of a place" };
  if (head === "government" || head === "gouvernement" || head === "gobierno") {
    const place = words.slice(words.indexOf(head) + 1).filter((w) => w !== "of").join(" ");
    const before = words.slice(0, words.indexOf(head)).join(" ");
    if (lex.countries.has(place) || lex.countries.has(before) || words.some((w) => lex.countries.has(w))) return { type: "state", evidence: "government of a country" };
    return { type: "local", evidence: "government of a place that is not a country" };
  }
  // "Health Services Safety Investigations Body": a statutory body, whatever head word came before.
  if (words[words.length - 1] === "body" && words.length >= 3) return { type: "state", evidence: `a named "Body" (statutory)` };
  if (headType) return { type: headType, evidence: `head word "${head}"` };
  return { type: "ngo", evidence: "default (no head word)" };
}

/** A type suggested by words around a mention, within its sentence. */
export function typeFromContext(sentence: string, offsetInSentence: number, length: number, lex: Lexicon): TypeDecision | undefined {
  const before = sentence.slice(Math.max(0, offsetInSentence - 60), offsetInSentence).toLowerCase();
  const after = sentence.slice(offsetInSentence + length, offsetInSentence + length + 40).toLowerCase();
  // ", a ...", "the ...": tested once per mention, not once per cue.
  const describedAfter = /^\s*,?\s*(?:an?|the)\s/.test(after);
  // Most mentions have no cue near them at all: one search for any cue settles those.
  const anyCue = lex.anyContextCue;
  if (!anyCue.test(before) && !(describedAfter && anyCue.test(after))) return undefined;
  for (const { cue, type } of lex.contextTypes) {
    const cueSpace = cue + " ";
    if (before.endsWith(cueSpace) || before.includes(cueSpace) && before.length - before.lastIndexOf(cue) < cue.length + 25) return { type, evidence: `context "${cue}" before` };
    if (describedAfter && after.includes(cue)) return { type, evidence: `context "${cue}" after` };
  }
  return undefined;
}
