// The parties a sentence names: the actors stage's mentions, plus names of
// projects, programmes and funds (capitalised names with a head word such as
// Project, Programme, Initiative or Fund, and quoted names after "the project").
import type { Mention } from "../../types.js";
import type { RelationRules } from "./rules.js";

export interface Party {
  /** Offsets in the document's text. */
  start: number;
  end: number;
  /** The fullest name the document gives it. */
  name: string;
  /** Index of the document's actor candidate, or -1 for a project named outside the actors stage. */
  actor: number;
  /** A named project, programme or fund (a possible `to` of implements). */
  project: boolean;
  /** A bare country or place name ("in Honduras"): never a recipient. */
  place: boolean;
  /** A project's acronym as the sentence defines it ("(AVRR)"), or "". */
  acronym?: string;
  /** A capitalised name the actors stage did not list, taken as an organisation only beside a listed one. */
  unlisted?: boolean;
  /** "the project", "we", "our": the document's own actor standing in ("author" for we/our). */
  self?: "project" | "author";
  /** "it", "they": a pronoun standing for the organisation named before. */
  pronoun?: boolean;
}

// One capitalised word (not a possessive "X's"), a number, or a Roman numeral.
// A hyphen joins capitalised parts ("ITC-ILO", "EU-IOM") but not "Trust-funded", which ends the name.
const CAP_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}.&]*(?:-(?:\p{Lu}|\p{N})[\p{L}\p{N}.&]*)*(?:['’](?![sS]\b)\p{L}+)*|\d+)`;
// Where a name may begin: CAP_WORD's first character, tested before the costly look-behind at each position,
// and first by a plain range (an ASCII capital or digit, or any other character) that passes over lower-case
// ASCII letters without a Unicode property lookup. It adds no condition (a name begins so anyway) and the
// capitalised pattern runs twice as fast with it.
const NAME_START = String.raw`(?=[A-Z\d\u0080-\u{10FFFF}])(?=[\p{Lu}\d])`;
const CONNECTOR = String.raw`(?:of|for|and|in|on|the|to|de|la|le|les|des|du|et|y|del|&|[-–])`;
const LEADING_DETERMINER = /^(?:The|This|That|These|Its|Their|Our|His|Her|A|An|Under|Through|With|Within|For|In|As|By)\s+/;

export interface ProjectMatcher {
  capitalised: RegExp;
  /** A head word of `capitalised` with the space before it: where a name that pattern finds may end. */
  spacedHead: RegExp;
  splitAtHead: RegExp;
  coordinated: RegExp;
  quoted: RegExp;
  headFirst: RegExp;
}

export function projectMatcher(rules: RelationRules): ProjectMatcher {
  const heads = rules.projectHeads.join("|");
  const lower = rules.lowerHeads.join("|");
  // Names stay on one line: a heading above a paragraph is no part of a name.
  const name = String.raw`${CAP_WORD}(?:[^\S\n]+(?:${CONNECTOR}[^\S\n]+){0,2}${CAP_WORD})*`;
  return {
    // "Common Grounds Program", "Airband initiative", "MIRAA III project (X)", "Global Fund"
    capitalised: new RegExp(String.raw`${NAME_START}(?<![\p{L}\p{N}])(?<name>${name})(?:[^\S\n]+\((?<inner>\p{Lu}[\p{Lu}\p{N} -]{1,15})\))?[^\S\n]+(?:(?<head>${heads})|(?<lower>${lower}))(?![\p{L}\p{N}])(?:\s+(?<num>[IVX]{1,4}|\d{1,2})\b)?(?:\s+\((?<acr>\p{Lu}[\p{L}\p{N} -]{1,15})\))?`, "gu"),
    spacedHead: new RegExp(String.raw`[^\S\n](?:${heads}|${lower})`, "gu"),
    splitAtHead: new RegExp(String.raw`^(.*?[^\S\n](?:${heads}))[^\S\n]+(?:and|&)[^\S\n]+(?:the[^\S\n]+)?(?=\p{Lu})`, "u"),
    // "the Humanitarian Voluntary Return (HVR) and Assisted Voluntary Return (AVRR) programmes": two names, each with
    // its acronym, sharing one plural head.
    coordinated: new RegExp(String.raw`${NAME_START}(?<![\p{L}\p{N}])(?<a>${name})[^\S\n]+\((?<aa>\p{Lu}[\p{Lu}\p{N}-]{1,12})\)[^\S\n]+(?:and|&)[^\S\n]+(?<b>${name})[^\S\n]+\((?<ba>\p{Lu}[\p{Lu}\p{N}-]{1,12})\)[^\S\n]+(?<head>programmes|programs|projects|initiatives)(?![\p{L}\p{N}])`, "gu"),
    // the project “Sustainable Economic Development in Nigeria” (SEDIN); "Returning to new opportunities"
    // the initiative Action on New Neighbours; the programme Safe Journeys (two capitalised words at least)
    headFirst: new RegExp(String.raw`\b(?:the|a|its|their)[^\S\n]+(?:project|programme|program|initiative|campaign|scheme)[^\S\n]+(?<hname>${CAP_WORD}(?:[^\S\n]+(?:${CONNECTOR}[^\S\n]+){0,2}${CAP_WORD})+)`, "gu"),
    quoted: new RegExp(String.raw`(?:(?:project|programme|program|initiative|fund|facility)\s+(?:called\s+|named\s+|entitled\s+)?)?[“"«]\s*(?<qname>\p{Lu}[^“”"«»]{3,250}?)\s*[”"»](?:\s+\((?<qacr>\p{Lu}[\p{L}\p{N} -]{1,15})\))?(?:\s+(?:project|programme|program|initiative))?`, "gu"),
  };
}

/**
 * Projects named in one sentence (`text` is the sentence, `offset` its start in
 * the document). `actorSpans` are the actors' mentions in it: a capitalised
 * run that is only an actor's name ("the GIZ project") names no project.
 */
export function findProjects(text: string, offset: number, m: ProjectMatcher, actorSpans: Array<[number, number]>): Party[] {
  const found: Party[] = [];
  m.capitalised.lastIndex = 0;
  for (let x = nextCapitalisedName(text, m); x; x = nextCapitalisedName(text, m)) {
    const g = x.groups!;
    let name = g.name;
    let lead = 0;
    for (let d = LEADING_DETERMINER.exec(name); d; d = LEADING_DETERMINER.exec(name)) { lead += d[0].length; name = name.slice(d[0].length); }
    // "IOM and the Joint Migration and Development Initiative": a name does not open with an actor's name and "and".
    for (let cut = openingActorAnd(name, offset + x.index + lead, actorSpans); cut > 0; cut = openingActorAnd(name, offset + x.index + lead, actorSpans)) {
      lead += cut;
      name = name.slice(cut);
    }
    if (!/\p{Lu}/u.test(name[0] ?? "")) continue;
    const start = offset + x.index + lead;
    const nameEnd = start + name.length;
    // A lower-case head after nothing but an actor's name is that actor's work, not a named project.
    if (g.lower && actorSpans.some(([s, e]) => s <= start && e >= nameEnd)) continue;
    if (/^(?:The|This|That|These|Its|Their|Our|A|An|Each|Every|Any|New|Such)$/.test(name)) continue; // "The Program" names nothing
    // "the Safe Routes Initiative and the Coastal Skills Programme": two names, each with its head.
    const two = m.splitAtHead.exec(name);
    if (two) {
      found.push({ start, end: start + two[1].length, name: two[1], actor: -1, project: true, place: false, acronym: "" });
      name = name.slice(two[0].length);
    }
    const second = two ? start + two[0].length : start;
    const head = g.head ?? g.lower;
    // The name without its acronym ("Assisted Voluntary Return and Reintegration Programme").
    // "the MIRA III project": a lower-case head after a name in capitals describes it and is no part of the name.
    const full = g.lower && !/\p{Ll}/u.test(name) ? `${name}${g.num ? " " + g.num : ""}` : `${name} ${head}${g.num ? " " + g.num : ""}`;
    found.push({ start: second, end: offset + x.index + x[0].length, name: full, actor: -1, project: true, place: false, acronym: g.acr ?? g.inner ?? "" });
  }
  m.coordinated.lastIndex = 0;
  // (A quick test first: the pattern is costly and most sentences hold no ") and ".)
  const coordinated = text.includes(") and ") || text.includes(") & ");
  for (let x = coordinated ? m.coordinated.exec(text) : null; x; x = m.coordinated.exec(text)) {
    const g = x.groups!;
    const head = g.head.replace(/s$/, "");
    let a = g.a;
    for (let d = LEADING_DETERMINER.exec(a); d; d = LEADING_DETERMINER.exec(a)) a = a.slice(d[0].length);
    const aStart = offset + x.index + g.a.length - a.length;
    const bStart = offset + x.index + x[0].indexOf(g.b, g.a.length);
    // Each name stands alone; the shared head is given to both.
    found.push({ start: aStart, end: offset + x.index + x[0].indexOf(")") + 1, name: `${a} ${head}`, actor: -1, project: true, place: false, acronym: g.aa });
    found.push({ start: bStart, end: offset + x.index + x[0].length, name: `${g.b} ${head}`, actor: -1, project: true, place: false, acronym: g.ba });
  }
  m.headFirst.lastIndex = 0;
  for (let x = m.headFirst.exec(text); x; x = m.headFirst.exec(text)) {
    const name = x.groups!.hname;
    const start = offset + x.index + x[0].length - name.length, end = offset + x.index + x[0].length;
    if (actorSpans.some(([s, e]) => s <= start && e >= end)) continue;
    found.push({ start, end, name, actor: -1, project: true, place: false });
  }
  m.quoted.lastIndex = 0;
  for (let x = m.quoted.exec(text); x; x = m.quoted.exec(text)) {
    const g = x.groups!;
    // A quotation is a name only when a project word stands next to it, or it is short and capitalised like a title.
    const nearHead = /^(?:project|programme|program|initiative|fund|facility)/i.test(x[0]) || /(?:project|programme|program|initiative)$/i.test(x[0]);
    if (!nearHead) continue;
    found.push({ start: offset + x.index, end: offset + x.index + x[0].length, name: g.qname.trim(), actor: -1, project: true, place: false, acronym: g.qacr ?? "" });
  }
  return found;
}

// ASCII characters that no name of the capitalised pattern holds before its head word: besides letters,
// digits and spaces other than a line break, a name holds only . & - ' and the parentheses of an acronym.
const OUTSIDE_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) OUTSIDE_NAME[c] = /[\p{L}\p{N}.&'()-]|[^\S\n]/u.test(String.fromCharCode(c)) ? 0 : 1;

/**
 * The capitalised pattern's next name from its lastIndex on, or null. The pattern tries a name at every
 * capital, and with many capitals and no head word after them it is slow (16 ns a character), so it is
 * started no earlier than a name could: a name ends with a head word, and between its start and that head
 * there is no character outside a name (a comma, a line break, ...). Nothing it would find is passed over.
 */
export function nextCapitalisedName(text: string, m: ProjectMatcher): RegExpExecArray | null {
  const from = m.capitalised.lastIndex;
  m.spacedHead.lastIndex = from;
  const head = m.spacedHead.exec(text);
  if (!head) return null;
  let start = head.index;
  while (start > from) {
    const c = text.charCodeAt(start - 1);
    if (c < 128 && OUTSIDE_NAME[c]) break;
    start--;
  }
  m.capitalised.lastIndex = start;
  return m.capitalised.exec(text);
}

/** Length of "IOM and the " when `name` (at document offset `at`) opens with an actor's mention and "and"; else 0. */
function openingActorAnd(name: string, at: number, actorSpans: Array<[number, number]>): number {
  const span = actorSpans.find(([s]) => s === at);
  if (!span) return 0;
  const and = /^\s+(?:and|&)\s+(?:the\s+)?/.exec(name.slice(span[1] - at));
  return and ? span[1] - at + and[0].length : 0;
}

/**
 * The sentence's parties in order, without overlaps (the longer span wins; an
 * actor wins a tie), and with "Name (ACRONYM)" of one actor made one party.
 */
export function sentenceParties(
  mentions: Mention[], candidateIndex: Map<string, number>, names: string[], projects: Party[],
  isPlace: (surface: string) => boolean, projectHead: RegExp, text: string,
): Party[] {
  const all: Party[] = [];
  for (const m of mentions) {
    const i = candidateIndex.get(m.actor) ?? -1;
    if (i < 0) continue;
    const name = names[i] || m.surface;
    all.push({ start: m.start, end: m.end, name, actor: i, project: projectHead.test(name), place: isPlace(m.surface) });
  }
  all.push(...projects);
  all.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || (a.actor === -1 ? 1 : 0) - (b.actor === -1 ? 1 : 0));
  const kept: Party[] = [];
  for (const p of all) {
    const last = kept[kept.length - 1];
    // "CoHonducafe (Honduras’ largest coffee exporter)": a place in a parenthesis describes, it is no party.
    if (p.place && last && /\([^()]*$/.test(text.slice(last.end, p.start))) continue;
    if (last && p.start < last.end) {
      // Overlap: keep the longer; an actor's mention inside a project's name gives the project its actor-ness only when they coincide.
      if (p.end - p.start > last.end - last.start) kept[kept.length - 1] = p;
      else if (p.end - p.start === last.end - last.start && p.actor >= 0) kept[kept.length - 1] = p;
      // "Joint Migration and Development Initiative (JMDI)": a listed actor named like a project stays that actor.
      else if (p.actor >= 0 && p.project && last.actor < 0 && p.start === last.start) { p.end = last.end; kept[kept.length - 1] = p; }
      continue;
    }
    // "International Organization for Migration (IOM)": the acronym right after its own name is the same party.
    if (last && p.actor >= 0 && p.actor === last.actor && /^\s*[(,]?\s*$/.test(text.slice(last.end, p.start))) {
      last.end = p.end;
      continue;
    }
    if (last && p.actor < 0 && last.actor < 0 && p.name === last.name && /^\s*[(,]?\s*$/.test(text.slice(last.end, p.start))) {
      last.end = p.end;
      continue;
    }
    // "EU-IOM JI": two acronyms written against each other are one name (the second is its head), not a list.
    if (last && p.actor >= 0 && last.actor >= 0 && ACRONYM.test(text.slice(last.start, last.end)) && ACRONYM.test(text.slice(p.start, p.end)) && /^[^\S\n]$/.test(text.slice(last.end, p.start))) {
      last.end = p.end;
      last.name = text.slice(last.start, p.end);
      last.actor = p.actor;
      continue;
    }
    kept.push(p);
  }
  // "SOPHIA Oxford, Inc.": a company's full legal name runs on after the short name the actors stage knows.
  for (const p of kept) {
    if (p.actor < 0 || p.place) continue;
    const legal = LEGAL_NAME_TAIL.exec(text.slice(p.end, p.end + 60));
    if (legal) { p.end += legal[0].length; p.name = text.slice(p.start, p.end); }
  }
  return kept;
}

// An acronym as written ("EU-IOM", "JI"): capitals, digits, hyphens, no lower-case letter.
const ACRONYM = /^[\p{Lu}\p{N}&-]{2,}$/u;
// Up to three capitalised words, then a legal suffix: the rest of a company's name after its short form.
const LEGAL_NAME_TAIL = /^(?:[^\S\n]+\p{Lu}[\p{L}&-]*){0,3},?[^\S\n]+(?:Inc|Ltd|LLC|Corp|PLC|GmbH|S\.A|AG)\.?(?![\p{L}\p{N}])/u;

const PAREN_ACRONYM = /\((\p{Lu}[\p{Lu}\p{N} -]{0,12}\p{Lu}[\p{Lu}\p{N}]*)\)/uy;

/**
 * Projects whose acronym the document defines anywhere ("the Assisted Voluntary
 * Return and Reintegration (AVRR) Programme", "... Facility (RDF)"): acronym ->
 * name without it. Only the text around each parenthesised acronym is read.
 */
export function projectAcronyms(text: string, m: ProjectMatcher, heads: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (let at = text.indexOf("("); at >= 0; at = text.indexOf("(", at + 1)) {
    PAREN_ACRONYM.lastIndex = at;
    const a = PAREN_ACRONYM.exec(text);
    if (!a || found.has(a[1])) continue;
    // Only an acronym next to a head word can be a project's ("... Programme (AVRR)", "... (GEDI) Initiative").
    const after = at + a[0].length;
    if (!heads.test(text.slice(Math.max(0, at - 14), at)) && !heads.test(text.slice(after, after + 14))) continue;
    const from = Math.max(0, at - 160);
    const window = text.slice(from, Math.min(text.length, at + a[0].length + 40));
    for (const p of findProjects(window, from, m, [])) {
      if (p.acronym === a[1] && p.start < at && p.end >= at + a[0].length) { found.set(a[1], p.name); break; }
    }
  }
  return found;
}

/** Project parties named by a defined acronym alone, or "ACRONYM project": their full names. */
export function resolveProjectAcronyms(projects: Party[], acronyms: Map<string, string>, text: string, offset: number, acronymPattern: RegExp | undefined): Party[] {
  // One name per project in a document: the one its acronym was first defined with.
  for (const p of projects) {
    const bare = p.name.replace(/\s+(?:project|programme|program|initiative|fund|facility|scheme)$/i, "");
    const full = (p.acronym && acronyms.get(p.acronym)) || acronyms.get(bare);
    if (full) p.name = full;
  }
  if (!acronymPattern) return projects;
  acronymPattern.lastIndex = 0;
  for (let x = acronymPattern.exec(text); x; x = acronymPattern.exec(text)) {
    const start = offset + x.index, end = start + x[0].length;
    if (projects.some((p) => p.start < end && p.end > start)) continue;
    projects.push({ start, end, name: acronyms.get(x[0])!, actor: -1, project: true, place: false });
  }
  return projects;
}

// A run of capitalised words on one line ("Grupo Cadelga", "State Department", "Walmart").
// French and Spanish names join their words too ("Direction de la Protection de l’Enfance", "Juges des Mineurs").
const CAP_RUN = new RegExp(String.raw`${NAME_START}(?<![\p{L}\p{N}'’-])${CAP_WORD}(?:[^\S\n]+(?:(?:of|for|and|the|de|del|des|du|la|le|les|y|&)[^\S\n]+){0,2}(?:[dl]['’])?${CAP_WORD})*`, "gu");
const RUN_TAIL_CONNECTORS = /(?:\s+(?:of|for|and|the|de|del|des|du|la|le|les|y|&))*\s*$/u;
// Words that begin or fill a capitalised run without naming an organisation: titles of
// people, months and days, sentence openers, places' generic words.
const OPENER = /^(?:The|This|That|These|Those|It|Its|In|On|At|By|For|With|As|Since|From|To|And|But|Finally|Also|Further|However|Building|Through|Under|After|Before|During|Both|Each|Such|Other|New|Our|Their|His|Her|A|An|I)$/;
// Titles of people: a run holding one names a person ("Vice President Harris").
const TITLE = /^(?:President|Vice|Secretary|Minister|Mr|Mrs|Ms|Dr|Ambassador|Administrator|Governor|Mayor|Prime|King|Queen|Senator|Chair|Director|Attorney|Commissioner|Chief|Head)$/;
// A word that makes a capitalised run an organisation's name ("Grupo Cadelga", "State Department",
// "Glasswing International", "Migrant Resource Centres"). Without one, only a single camel-case
// word ("CoHonducafe") or a word with digits ("Frame45") is taken: bare capitalised words are as often places or headings.
const ORGANISATION_WORD = /^(?:Group|Grupo|Groupe|Department|Ministry|Ministerio|Ministère|Agency|Office|Bureau|Service|Services|Board|Commission|Committee|Council|Authority|Directorate|Centre|Centres|Center|Centers|Institute|Institution|University|Foundation|Fundación|Fondation|Trust|Society|Association|Asociación|Federation|Union|Network|Coalition|Alliance|Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|LLC|Bank|Chamber|International|Internacional|Organisation|Organization|Cooperative|Consortium|Red|Cross|Crescent)$/;
// A name ending so is one body's, "and" and all ("Science and Policy Integration Sector", "Communities and Local Government").
const UNIT_END = /\s(?:Sector|Branch|Division|Unit|Secretariat|Taskforce|Court|Courts|Government|Governments)$/;
// Alone, these name no organisation: months, days, parts of a document, legal suffixes.
const NOT_NAME = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Table|Figure|Annex|Section|Chapter|Page|Phase|Region|Province|Inc\.?|Ltd\.?|LLC|Co\.?|Corp\.?|COVID-19)$/;
// A region of the world written as a name ("Central America", "West Africa"): a place.
const REGION = /(?:^|\s)(?:America|Americas|Africa|Asia|Europe|Sahel|Caribbean|Pacific|Balkans|Middle East|Triangle|American|African|Asian|European|Caribbean)$/;
const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/** "partnered with Walmart": one capitalised word right after "with" is taken for a name (places are dropped by the caller's test). */
function afterWith(text: string, at: number): boolean {
  // Not "with Indigenous communities", "with Federal partners": the word must not qualify a noun after it.
  return /\bwith\s$/.test(text.slice(Math.max(0, at - 5), at))
    && /^\p{Lu}\p{Ll}{2,}(?:\s*[,.;:)]|\s+(?:to|on|in|for|and|as|at|from|through|during|by|since|under)\b|$)/u.test(text.slice(at, at + 40));
}

// The words between two items of a list ("A, B", "A and B", "A (ACR), the B"); a bare space is no separator.
const LIST_SEPARATOR = /^\s*(?:\([^()]{1,80}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+)(?:the\s+)?$/u;

/**
 * "partners such as Coopi, MSF, Croix Rouge and ...": a capitalised name that is an item of a comma list
 * holding a named party (or another such item) right beside it is one of the same kind.
 */
function listItemBeside(text: string, offset: number, start: number, end: number, parties: Party[], found: Party[]): boolean {
  // One capitalised word may be a place or part of a name cut by a comma ("the Hazards, Adaptation and Operations
  // Branch"): a lone word counts only as an acronym.
  const item = text.slice(start - offset, end - offset);
  if (!/\s/.test(item) && /\p{Ll}/u.test(item)) return false;
  const rest = text.slice(end - offset, end - offset + 90);
  if (!/^\s*(?:\([^()]{1,80}\)\s*)?(?:[,;.]|\b(?:and|or)\b|$)/u.test(rest)) return false;
  const before = text.slice(Math.max(0, start - offset - 90), start - offset);
  if (!/(?:,|\b(?:and|or|&)|:)\s*(?:the\s+)?$/u.test(before)) return false;
  const organisation = (p: Party) => !p.place && !p.project && (p.actor >= 0 || p.unlisted === true);
  const prior = [...found, ...parties].filter((p) => p.end <= start && organisation(p)).sort((a, b) => b.end - a.end)[0];
  if (prior && LIST_SEPARATOR.test(text.slice(prior.end - offset, start - offset))) return true;
  const following = parties.filter((p) => p.start >= end && organisation(p)).sort((a, b) => a.start - b.start)[0];
  return following !== undefined && LIST_SEPARATOR.test(text.slice(end - offset, following.start - offset));
}

function withinAParty(parties: Party[], start: number, end: number): boolean {
  for (const p of parties) if (p.start <= start && end <= p.end) return true;
  return false;
}

/**
 * Capitalised names in a sentence that no party covers: organisations the actors
 * stage missed ("partnered with Walmart", "a partnership among USAID, CoHonducafe and
 * Grupo Cadelga"). They count only beside a listed actor (see relationsAt), never as
 * places, and never the sentence's first word alone (any sentence begins with a capital).
 */
export function unlistedNames(text: string, offset: number, parties: Party[], isPlace: (surface: string) => boolean): Party[] {
  const found: Party[] = [];
  CAP_RUN.lastIndex = 0;
  for (let x = CAP_RUN.exec(text); x; x = CAP_RUN.exec(text)) {
    // A run within one party's name (as most are) is passed over at once: whatever of it the steps
    // below keep would overlap that party. (They may also go back to after an "and" in the run, but
    // what the pattern finds from there ends within the run too.)
    if (withinAParty(parties, offset + x.index, offset + x.index + x[0].length)) continue;
    let name = x[0], lead = 0;
    // Drop opening words that name nothing ("Finally", "The", "President").
    for (let w = /^(\S+)\s+/.exec(name); w && OPENER.test(w[1]); w = /^(\S+)\s+/.exec(name)) { lead += w[0].length; name = name.slice(w[0].length); }
    // A sentence's full stop is no part of the name ("... and the Northfield Department."), an abbreviation's is.
    name = name.replace(RUN_TAIL_CONNECTORS, "").replace(/(?<!\b(?:Inc|Ltd|Co|Corp|St|Jr))\.$/u, "");
    // "Call" of "Call to Action": a run that goes on with a connector and a capital is part of a longer title.
    if (/^[^\S\n]+(?:to|a|an|on|at|with)[^\S\n]+\p{Lu}/u.test(text.slice(x.index + x[0].length, x.index + x[0].length + 12))) continue;
    if (OPENER.test(name) || NOT_NAME.test(name) || MONTH.test(name) || REGION.test(name) || /^\d+$/.test(name) || name.length < 3) continue;
    const start = offset + x.index + lead;
    // "the State Department and the U.S. Chamber of Commerce": the run stops where a named party begins.
    const next = parties.find((p) => p.start > start && p.start < start + name.length);
    if (next) name = name.slice(0, next.start - start).replace(RUN_TAIL_CONNECTORS, "");
    // "Juges des Mineurs and Direction de la Protection": without a word that makes it one organisation's name,
    // "and" joins two names; the next one is looked for after it.
    const and = /[^\S\n]+(?:and|&)[^\S\n]+/u.exec(name);
    if (and && !name.split(/\s+/).some((w) => ORGANISATION_WORD.test(w)) && !UNIT_END.test(name)) {
      CAP_RUN.lastIndex = x.index + lead + and.index + 1;
      name = name.slice(0, and.index);
      // "Tahoua and Zinder", "Communities and Local Government department": a lone word before "and" names nothing alone.
      if (!/\s/.test(name) && /\p{Ll}/u.test(name)) continue;
    }
    if (name.length < 3) continue;
    const end = start + name.length;
    if (x.index + lead === 0 && !/\s/.test(name) && !/^\p{Lu}[\p{Lu}\p{N}&-]+$|\p{Ll}\p{Lu}/u.test(name)) continue;
    if (parties.some((p) => p.start < end && p.end > start)) continue;
    const words = name.split(/\s+/);
    if (isPlace(name) || words.some((w) => TITLE.test(w))) continue;
    if (!words.some((w) => ORGANISATION_WORD.test(w)) && !(words.length === 1 && (/^\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}|\d+$)/u.test(name) || afterWith(text, x.index + lead)))
      && !listItemBeside(text, offset, start, end, parties, found)) continue;
    found.push({ start, end, name, actor: -1, project: false, place: false, unlisted: true });
  }
  return found;
}
