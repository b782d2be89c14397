// Who a document as a whole addresses, or who speaks in it, inferred from the document itself:
//   - the author's own voice: "We, the Ministers of ...", "my Administration", "our Government";
//   - for evaluations, management responses, audits and government responses: the body that
//     publishes or responds (a department named on its own line at the top: "Department of
//     Health & Social Care") or, failing that, the organisation the document names most, by the
//     acronym it defines or acts with ("International Organization for Migration (IOM)",
//     "IOM will", "ESDC agrees");
//   - for joint declarations told in the third person ("Both leaders agreed to ..."): the pair
//     of parties the text names together most often ("the United States and Mexico").
// Never from a list of known organisations alone: every candidate is read in this document, and
// `source` says where (shown by `inspect --recommendations`).
import type { Doc } from "../../types.js";
import type { RecRules } from "./rules.js";
import { addresseeType, type Addressee } from "./addressee.js";

export interface DocAddressee extends Addressee {
  /** Where it came from, for inspect: "first person: ...", "publisher line: ...", "most named organisation: ...". */
  source: string;
}

export interface DocVoices {
  /** Default addressee of units that name nobody (evaluations, responses), or empty. */
  fallback: DocAddressee;
  /** Who "we" / "my Administration" is, or empty. */
  speaker: DocAddressee;
  /** The parties of a joint statement ("United States and Mexico"), or empty. */
  parties: DocAddressee;
}

const EMPTY: DocAddressee = Object.freeze({ addressee: "", type: "", source: "" }) as DocAddressee;

/** Document kinds whose units, when they name nobody, address the evaluated or responding body. */
const ACCOUNTABLE_KIND = /\b(?:evaluations?|[ée]valuation|audits?|management\s+response|action\s+plan|government\s+response|response\s+to\s+(?:the\s+)?(?:\w+\s+){0,4}(?:review|inquiry|report|recommendations|consultation)|lessons\s+learned|mid-term\s+review|final\s+review)\b/i;
/** Words that make an expansion an organisation rather than a programme or a concept. */
const ORG_WORD = /\b(?:Organi[sz]ation|Organisation|Department|Ministry|Minist[eè]re|Agency|Agence|Office|Government|Gouvernement|Commission|Council|Bank|Fund|Service|Services|Canada|Institute|Authority|Secretariat|Union|Nations|Committee|Foundation|Corporation|Directorate|Programme\s+des|Zusammenarbeit|Bureau|Administration|Board|Trust|Unit)\b/;
/** Government bodies, for the type of a name that no group word of rules.yaml covers. */
const STATE_WORD = /\b(?:Department|Ministry|Minist[eè]re|Government|Gouvernement|Canada|Administration|Secretary|Office\s+of|Home\s+Office|Treasury|Directorate|Agency)\b/;
/** A line that is only a public body's name, as government publications print at the top. */
const PUBLISHER_LINE = /^(?:(?:Department|Ministry|Office|Agency)\s+(?:of|for)\s+[A-Z][\w&,' -]{2,70}|(?:[A-Z][\w&'-]+\s+){1,6}(?:Canada|Agency|Office|Department|Ministry|Commission))$/;
const ACRONYM = /\b[A-Z][A-Z&]{1,7}\b/g;
const NOT_ORG_ACRONYM = /^(?:[IVXLC]+|UN|US|USA|UK|EU|AU|PDF|NB|OK|HIV|AIDS|COVID|SDGS?|GDP|CSOS?|NGOS?|ID|IT|OF|THE|AND|IN|TO|FOR|ON|AT|BY|A|AN|OR|IS|IT|BE|WE|AS|PM|AM|GOV|HTML|URL|FAQ|TBD|NA|N\/A|M&E|S&E|ToC|TOC|KII|KIIS|FGD|FGDS|DAC|OECD)$/;
/** Expansions that name an intervention, not a body: "Labour Market Development Agreement", "GeoConnections Program". */
const INTERVENTION_WORD = /\b(?:Agreement|Program|Programme|Initiative|Project|Strategy|Plan|Framework|System|Supplement|Policy|Act|Scheme|Fund|Facility)\b/;

/** Everything the recommendation stage needs to know about the document's voices, once per document. */
export function documentVoices(doc: Doc, rules: RecRules): DocVoices {
  const opening = doc.text.slice(0, 6000);
  const speaker = firstPersonSpeaker(doc.text, rules);
  const accountable = ACCOUNTABLE_KIND.test(`${doc.meta?.title ?? ""}\n${opening}`) || doc.meta?.docType === "evaluation" || doc.meta?.docType === "management response";
  const fallback = accountable ? publisher(doc, rules) ?? mostNamedOrganisation(doc.text, rules) ?? EMPTY : EMPTY;
  return {
    fallback,
    speaker: speaker ?? (accountable && fallback.addressee ? { ...fallback, source: `the responding or evaluated body (${fallback.source})` } : EMPTY),
    parties: jointParties(doc, rules) ?? EMPTY,
  };
}

/** "We, the Ministers of X," / "my Administration" / "our Government". */
function firstPersonSpeaker(text: string, rules: RecRules): DocAddressee | null {
  const we = /\b[Ww]e,\s+the\s+([^,;:]{3,100}?),/.exec(text);
  if (we) {
    const who = we[1].trim();
    return { addressee: who, type: typeOf(who, rules), source: `first person: "We, the ${who}"` };
  }
  const my = /\b(?:my|our)\s+(Administration|Government|Department|Ministry|Agency|Office|Organi[sz]ation)\b/.exec(text);
  if (my) return { addressee: my[1], type: typeOf(my[1], rules) || "state", source: `first person: "${my[0]}"` };
  return null;
}

/** The public body printed on a line of its own in the first blocks ("Department of Health & Social Care"). */
function publisher(doc: Doc, rules: RecRules): DocAddressee | null {
  for (const b of doc.blocks.slice(0, 12)) {
    const line = b.text.replace(/[*_#]/g, "").trim();
    if (line.length > 90 || !PUBLISHER_LINE.test(line)) continue;
    const acr = acronymOf(doc.text, line);
    const name = acr || line;
    return { addressee: name, type: typeOf(name, rules) || typeOf(line, rules) || "state", source: `publisher line: "${line}"${acr ? ` (${acr})` : ""}` };
  }
  return null;
}

/** The acronym the document defines for a name: "Department of Health and Social Care (DHSC)". */
function acronymOf(text: string, name: string): string {
  const words = name.replace(/&/g, " and ").split(/\s+/).filter(Boolean);
  const pattern = words.map((w) => (w === "and" ? "(?:and|&)" : escape(w))).join("\\s+");
  const m = new RegExp(`${pattern}\\s*\\(([A-Z][A-Za-z&]{1,8})\\)`).exec(text);
  return m ? m[1] : "";
}

/**
 * The organisation the document names most, by acronym, among those it shows to be an
 * organisation (a defined expansion with an organisation word, or a sentence where it acts).
 * Only a clear favourite: at least 3 uses and 1.5 times the runner-up.
 */
function mostNamedOrganisation(text: string, rules: RecRules): DocAddressee | null {
  const counts = new Map<string, number>();
  ACRONYM.lastIndex = 0;
  for (let m = ACRONYM.exec(text); m; m = ACRONYM.exec(text)) {
    if (NOT_ORG_ACRONYM.test(m[0])) continue;
    counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  ACRONYM.lastIndex = 0;
  const ranked = [...counts].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Candidates: acronyms the document defines as a body ("International Organization for
  // Migration (IOM)") or that act as one ("IOM will", "IOM implements"). Programmes,
  // agreements and initiatives are what is evaluated, not who acts.
  const defined: Array<{ acr: string; n: number; why: string }> = [];
  const acting: Array<{ acr: string; n: number; why: string }> = [];
  const top = ranked.slice(0, 12);
  if (!top.length) return null;
  // One pass over the text for all candidates: which of them act ("IOM will", "IOM implements").
  const alternatives = top.map(([acr]) => escape(acr)).join("|");
  const actors = new Set<string>();
  const acts = new RegExp(`\\b(${alternatives})(?:’s|'s)?(?: [A-Z][a-z]+)? (?:will|shall|agrees?|accepts?|commits?|implemented|implements|mission|office|country office|management|staff|teams?)\\b`, "g");
  for (let m = acts.exec(text); m; m = acts.exec(text)) actors.add(m[1]);
  for (const [acr, n] of top) {
    const expansion = expansionOf(text, acr);
    if (expansion && INTERVENTION_WORD.test(expansion)) continue;
    if (expansion && ORG_WORD.test(expansion)) defined.push({ acr, n, why: `defined as "${expansion}"` });
    else if (actors.has(acr)) acting.push({ acr, n, why: "acts in the text" });
  }
  const orgs = [...defined, ...acting].sort((a, b) => b.n - a.n || (a.acr < b.acr ? -1 : 1));
  const [best, next, third] = orgs;
  if (!best) return null;
  const typeOfAcr = (acr: string) => typeOf(acr, rules) || typeOf(expansionOf(text, acr), rules);
  if (next && next.n * 1.5 > best.n) {
    // Two bodies named as often as each other (a joint programme of two agencies) and well
    // ahead of the rest: both.
    if (third && third.n * 2 > next.n) return null;
    const who = `${best.acr} and ${next.acr}`;
    return { addressee: who, type: typeOfAcr(best.acr), source: `most named organisations: ${best.acr} (${best.n} times, ${best.why}) and ${next.acr} (${next.n} times, ${next.why})` };
  }
  return { addressee: best.acr, type: typeOfAcr(best.acr), source: `most named organisation: ${best.acr} (${best.n} times, ${best.why})` };
}

/** "Full Name (ACR)" or an abbreviations table row "| ACR | Full Name |". */
function expansionOf(text: string, acr: string): string {
  // Find "(ACR)" first, then read the words just before it (no scan of the whole text per word).
  const at = text.indexOf(`(${acr})`);
  if (at > 0) {
    const WORD = "(?:[A-Z][\\w'’-]*|of|for|and|the|on|de|du|des|la|le|für|&)";
    const paren = new RegExp(`(${WORD}(?: ${WORD}){1,9}) ?$`).exec(text.slice(Math.max(0, at - 160), at));
    if (paren) return paren[1];
  }
  // An abbreviations table row: find "| ACR |" first (indexOf), then read the next cell.
  for (let at = text.indexOf(acr); at >= 0; at = text.indexOf(acr, at + acr.length)) {
    const row = /^\s*\|\s*([^|\n]{4,90}?)\s*\|/.exec(text.slice(at + acr.length, at + acr.length + 120));
    if (row && /\|\s*$/.test(text.slice(Math.max(0, at - 4), at))) return row[1];
  }
  return "";
}

/**
 * A joint statement told in the third person names its parties together: "the United States and
 * Mexico". The pair named most often (at least twice, or once in a text that speaks of "both
 * leaders" / "the two Presidents") is the parties.
 */
function jointParties(doc: Doc, rules: RecRules): DocAddressee | null {
  // The statement speaks of its parties together, as subject of what they did or agreed.
  const collective = /\b(?:both|the\s+two)\s+(?:leaders|presidents|prime\s+ministers|ministers|governments|countries|parties|sides)\s+(?:\w+\s+){0,2}?(?:agreed|committed|reaffirmed|recogni[sz]ed|welcomed|affirmed|highlighted|acknowledged|discussed|pledged|resolved|decided|expressed|underscored|emphasi[sz]ed)\b/i.test(doc.text);
  if (!collective) return null;
  // Headings are in title case ("Bilateral and Multilateral Cooperation"): prose only.
  const text = doc.blocks.filter((b) => b.kind === "paragraph" || b.kind === "list_item").map((b) => b.text).join("\n\n");
  const NAME = "(?:[A-Z][\\w.'’-]*)(?: [A-Z][\\w.'’-]*){0,2}";
  const re = new RegExp(`\\b(?:the )?(${NAME}) and (?:the )?(${NAME})\\b`, "g");
  const counts = new Map<string, number>();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (/^(?:The|This|These|In|On|At|For|Both|By|And)$/.test(m[1].split(/\s+/)[0])) continue;
    // "the Secretariat of Foreign Relations and ...": the end of a longer name, not a party.
    if (!/^the\s/i.test(m[0]) && /\b\p{Lu}[\w’'-]*\s+(?:of|for)\s+$/u.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    const pair = `${m[1]} and ${m[2]}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  // The pair named together most often; among equals, the pair whose members the text names
  // most (the parties recur: "the United States", "Mexico"; a region named once does not).
  const mentions = (name: string) => text.split(name).length - 1;
  const weight = new Map([...counts].map(([pair, n]) => [pair, n * 1000 + pair.split(" and ").reduce((sum, part) => sum + mentions(part), 0)]));
  const ranked = [...counts].sort((a, b) => weight.get(b[0])! - weight.get(a[0])! || (a[0] < b[0] ? -1 : 1));
  // A pair of countries ("the United States and Mexico"), not of offices ("Department of ...").
  const best = ranked.find(([pair]) => !ORG_WORD.test(pair));
  if (!best) return null;
  return { addressee: best[0], type: typeOf(best[0], rules) || "state", source: `joint statement parties: "${best[0]}" named together ${best[1]} times, each named ${best[0].split(" and ").map(mentions).join(" and ")} times` };
}

function typeOf(name: string, rules: RecRules): string {
  const t = addresseeType(name, rules, EMPTY);
  if (t) return t;
  return STATE_WORD.test(name) ? "state" : "";
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Fact sheets that announce commitments ("X, Y and Z announce commitments to ..."): each
 * organisation's paragraph sits under a heading that is its name. Returns, per block, the name
 * of the organisation whose section it is in; empty when the document announces no commitments.
 */
export function commitmentSections(doc: Doc, rules: RecRules): Map<number, string> {
  const owners = new Map<number, string>();
  if (!rules.announcements.document.test(doc.text.slice(0, 3000))) return owners;
  let owner = "";
  for (const b of doc.blocks) {
    if (b.kind === "heading") {
      const name = b.text.replace(/[*_#]|<\/?u>/g, "").trim();
      owner = looksLikeOrganisationName(name) && sectionNames(doc, b.index, name) ? name : "";
      continue;
    }
    if (owner && b.kind !== "footnote") owners.set(b.index, owner);
  }
  return owners;
}

/** "PepsiCo", "CARE International", "JDE Peet’s": at most six words, capitalised but for connectors. */
function looksLikeOrganisationName(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 6 || /[.:;!?]$/.test(text)) return false;
  return words.every((w) => /^(?:\p{Lu}|\d)/u.test(w) || /^(?:of|for|and|the|de|del|la|&)$/.test(w)) && /^\p{Lu}/u.test(words[0]);
}

/** The section below the heading names it (a name heading, not a topic heading). */
function sectionNames(doc: Doc, heading: number, name: string): boolean {
  const next = doc.blocks[heading + 1];
  return next !== undefined && next.kind !== "heading" && next.text.includes(name.split(/\s+/)[0]);
}
