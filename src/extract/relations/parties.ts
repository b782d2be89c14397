// The parties a sentence names: the actors stage's mentions, plus names of
// projects, programmes and funds (capitalised names with a head word such as
// Project, Programme, Initiative or Fund, and quoted names after "the project").
import type { ActorCandidate, Mention } from "../../types.js";
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
}

// One capitalised word (not a possessive "X's"), a number, or a Roman numeral.
const CAP_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}.&-]*(?:['’](?![sS]\b)\p{L}+)*|\d+)`;
const CONNECTOR = String.raw`(?:of|for|and|in|on|the|to|de|la|le|les|des|du|et|y|del|&|[-–])`;
const LEADING_DETERMINER = /^(?:The|This|That|These|Its|Their|Our|His|Her|A|An|Under|Through|With|Within|For|In|As|By)\s+/;

export interface ProjectMatcher {
  capitalised: RegExp;
  quoted: RegExp;
}

export function projectMatcher(rules: RelationRules): ProjectMatcher {
  const heads = rules.projectHeads.join("|");
  const lower = rules.lowerHeads.join("|");
  const name = String.raw`${CAP_WORD}(?:\s+(?:${CONNECTOR}\s+){0,2}${CAP_WORD})*`;
  return {
    // "Common Grounds Program", "Airband initiative", "MIRAA III project (X)", "Global Fund"
    capitalised: new RegExp(String.raw`(?<![\p{L}\p{N}])(?<name>${name})(?:\s+\((?<inner>\p{Lu}[\p{Lu}\p{N} -]{1,15})\))?\s+(?:(?<head>${heads})|(?<lower>${lower}))(?![\p{L}\p{N}])(?:\s+(?<num>[IVX]{1,4}|\d{1,2})\b)?(?:\s+\((?<acr>\p{Lu}[\p{L}\p{N} -]{1,15})\))?`, "gu"),
    // the project “Sustainable Economic Development in Nigeria” (SEDIN); "Returning to new opportunities"
    quoted: new RegExp(String.raw`(?:(?:project|programme|program|initiative|fund|facility)\s+(?:called\s+|named\s+|entitled\s+)?)?[“"«]\s*(?<qname>\p{Lu}[^“”"«»]{3,150}?)\s*[”"»](?:\s+\((?<qacr>\p{Lu}[\p{L}\p{N} -]{1,15})\))?(?:\s+(?:project|programme|program|initiative))?`, "gu"),
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
  for (let x = m.capitalised.exec(text); x; x = m.capitalised.exec(text)) {
    const g = x.groups!;
    let name = g.name;
    let lead = 0;
    for (let d = LEADING_DETERMINER.exec(name); d; d = LEADING_DETERMINER.exec(name)) { lead += d[0].length; name = name.slice(d[0].length); }
    if (!/\p{Lu}/u.test(name[0] ?? "")) continue;
    const start = offset + x.index + lead;
    const nameEnd = start + name.length;
    // A lower-case head after nothing but an actor's name is that actor's work, not a named project.
    if (g.lower && actorSpans.some(([s, e]) => s <= start && e >= nameEnd)) continue;
    if (g.lower && name.split(/\s+/).length === 1 && /^(?:The|This|That)$/.test(name)) continue;
    const head = g.head ?? g.lower;
    const full = `${name}${g.inner ? ` (${g.inner})` : ""} ${head}${g.num ? " " + g.num : ""}`;
    found.push({ start, end: offset + x.index + x[0].length, name: full, actor: -1, project: true, place: false });
  }
  m.quoted.lastIndex = 0;
  for (let x = m.quoted.exec(text); x; x = m.quoted.exec(text)) {
    const g = x.groups!;
    // A quotation is a name only when a project word stands next to it, or it is short and capitalised like a title.
    const nearHead = /^(?:project|programme|program|initiative|fund|facility)/i.test(x[0]) || /(?:project|programme|program|initiative)$/i.test(x[0]);
    if (!nearHead) continue;
    found.push({ start: offset + x.index, end: offset + x.index + x[0].length, name: g.qname.trim(), actor: -1, project: true, place: false });
  }
  return found;
}

/**
 * The sentence's parties in order, without overlaps (the longer span wins; an
 * actor wins a tie), and with "Name (ACRONYM)" of one actor made one party.
 */
export function sentenceParties(
  mentions: Mention[], candidateIndex: Map<string, number>, candidates: ActorCandidate[], projects: Party[],
  isPlace: (surface: string) => boolean, projectHead: RegExp, text: string,
): Party[] {
  const all: Party[] = [];
  for (const m of mentions) {
    const i = candidateIndex.get(m.actor) ?? -1;
    if (i < 0) continue;
    const c = candidates[i];
    const name = c.name || c.acronym || m.surface;
    all.push({ start: m.start, end: m.end, name, actor: i, project: projectHead.test(name), place: isPlace(m.surface) });
  }
  all.push(...projects);
  all.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || (a.actor === -1 ? 1 : 0) - (b.actor === -1 ? 1 : 0));
  const kept: Party[] = [];
  for (const p of all) {
    const last = kept[kept.length - 1];
    if (last && p.start < last.end) {
      // Overlap: keep the longer; an actor's mention inside a project's name gives the project its actor-ness only when they coincide.
      if (p.end - p.start > last.end - last.start) kept[kept.length - 1] = p;
      else if (p.end - p.start === last.end - last.start && p.actor >= 0) kept[kept.length - 1] = p;
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
    kept.push(p);
  }
  return kept;
}
