// One party, one name: the same body or project written several ways in one document
// ("the MIGRANTS RESCUE ... – PHASE III (MIRAA III) project" and the actor "MIRAA"; the actor "GEDI"
// and "the Guatemala Entrepreneurship and Development Innovation (GEDI) Initiative"; "ETAHT" and a
// later "ETHAT") is given one name, the one the actors stage or the project's definition gives it,
// so that one relation is not written under several names.
import type { ActorCandidate } from "../../types.js";
import type { Party } from "./parties.js";

/** What a document's actors are called by acronym, built once per document. */
export interface ActorLinks {
  /** An acronym as written ("MIRAA") -> the actor's index. */
  byAcronym: Map<string, number>;
  /** An acronym's letters in order ("AEHTT" for ETAHT) -> the actors written so (index and acronym). */
  byLetters: Map<string, Array<[number, string]>>;
  /** A project's full name whose defined acronym is an actor's ("MIGRANTS RESCUE ... – PHASE III" for MIRAA) -> that actor's index. */
  byProjectName: Map<string, number>;
  /** A party's name -> the actor it is a misspelling of, or -1: found once per name, as names recur in every sentence. */
  misspelt: Map<string, number>;
  /** Whether two actors' acronyms share their letters: else no listed actor is another's misspelling (most documents). */
  shuffled: boolean;
}

// Capitals and digits only, at least two of them ("MIRAA", "EU-IOM", "G20").
const ACRONYM = /^[\p{Lu}][\p{Lu}\p{N}&-]+$/u;
// A phase's numeral after a project's acronym ("MIRAA III", "SRARP 2"): the acronym without it names the project too.
const PHASE = /[\s-]+(?:[IVX]{1,4}|\d{1,2})$/;
// Letters shuffled are taken as a misspelling only from this length on: two short acronyms share letters often.
const MIN_SHUFFLED = 4;

const letters = (acronym: string) => [...acronym.replace(/[^\p{Lu}\p{N}]/gu, "")].sort().join("");

export function actorLinks(actors: ActorCandidate[], projectAcronyms: Map<string, string>): ActorLinks {
  const byAcronym = new Map<string, number>();
  const byLetters = new Map<string, Array<[number, string]>>();
  actors.forEach((a, i) => {
    for (const form of [a.acronym, a.name]) {
      if (!form || !ACRONYM.test(form) || byAcronym.has(form)) continue;
      byAcronym.set(form, i);
      // A form of fewer than MIN_SHUFFLED characters has fewer letters still: most acronyms ("IOM", "EU") are passed over before sorting their letters.
      if (form.length < MIN_SHUFFLED) continue;
      const key = letters(form);
      if (key.length >= MIN_SHUFFLED) (byLetters.get(key) ?? byLetters.set(key, []).get(key)!).push([i, form]);
    }
  });
  const byProjectName = new Map<string, number>();
  for (const [acronym, project] of projectAcronyms) {
    const i = byAcronym.get(acronym) ?? byAcronym.get(acronym.replace(PHASE, ""));
    if (i !== undefined && !byProjectName.has(project)) byProjectName.set(project, i);
  }
  let shuffled = false;
  for (const group of byLetters.values()) shuffled ||= group.length > 1;
  return { byAcronym, byLetters, byProjectName, misspelt: new Map(), shuffled };
}

/**
 * Each actor's name, replaced by the full name of the project the document defines its acronym for,
 * where that is the actor's own name with the project's head word ("Guatemala Entrepreneurship and
 * Development Innovation" -> "... Initiative", as "(GEDI) Initiative" defines it) or the actor is
 * known by its acronym alone: the actors stage may have kept another spelling of it. Not a name in
 * capitals only (a title page's), nor one that runs on before the actor's name (a title around it).
 * `endsInHead`: a name ending in one of the rules' capitalised head words (project_heads in relations.yaml).
 */
export function preferDefinedProjectNames(names: string[], actors: ActorCandidate[], projectAcronyms: Map<string, string>, endsInHead: RegExp): void {
  if (!projectAcronyms.size) return;
  actors.forEach((a, i) => {
    const project = (a.acronym && projectAcronyms.get(a.acronym)) || projectAcronyms.get(a.name);
    if (!project || !/\p{Ll}/u.test(project) || !endsInHead.test(project)) return;
    const bare = project.replace(endsInHead, "").toLowerCase();
    if (ACRONYM.test(names[i]) || bare === a.name.toLowerCase() || bare === names[i].toLowerCase() || sameButInflected(bare, names[i].toLowerCase())) names[i] = project;
  });
}

/** The same words but for a word's ending ("Guatemalan" beside "Guatemala"). */
function sameButInflected(a: string, b: string): boolean {
  const x = a.split(/\s+/), y = b.split(/\s+/);
  return x.length === y.length && x.length > 1 && x.every((w, k) => w === y[k] || (w.length > 3 && (y[k].startsWith(w) || w.startsWith(y[k]))));
}

/**
 * The sentence's parties that name a listed actor under another form: a project written in capitals only
 * whose acronym is an actor's takes the actor's name ("... PHASE III (MIRAA III) project" is MIRAA), and an
 * acronym known by nothing more whose letters are another actor's shuffled, that actor's full name known,
 * is that actor ("ETHAT" beside the "Edo State Taskforce against Human Trafficking (ETAHT)").
 * (A project named without its acronym is known by the full name the document defines the acronym with.)
 */
export function linkPartiesToActors(parties: Party[], links: ActorLinks, names: string[]): void {
  if (!links.byAcronym.size) return;
  // (Called on every sentence that may state a relation: the common cases are passed over first.)
  for (const p of parties) {
    if (p.self || p.place) continue;
    if (p.project) {
      if (p.actor >= 0 || (!p.acronym && !links.byProjectName.size)) continue;
      const i = p.acronym ? links.byAcronym.get(p.acronym) ?? links.byAcronym.get(p.acronym.replace(PHASE, "")) : links.byProjectName.get(p.name);
      // Renamed only: a project stays a project (which partners nothing, funds nothing), whatever the actors stage lists.
      if (i !== undefined && !/\p{Ll}/u.test(p.name)) p.name = names[i];
    } else if (p.actor >= 0 ? links.shuffled : p.unlisted) {
      let i = links.misspelt.get(p.name);
      if (i === undefined) links.misspelt.set(p.name, (i = ACRONYM.test(p.name) ? misspeltAcronymOf(p.name, p.actor, links, names) : -1));
      if (i < 0 || i === p.actor) continue;
      p.actor = i;
      p.name = names[i];
      p.unlisted = false;
    }
  }
}

/**
 * The one other actor whose acronym has the letters of `acronym` shuffled, the same first letter, and a
 * full name (not an acronym alone); -1 when there is none or more than one.
 */
function misspeltAcronymOf(acronym: string, actor: number, links: ActorLinks, names: string[]): number {
  const key = letters(acronym);
  if (key.length < MIN_SHUFFLED) return -1;
  let found = -1;
  for (const [i, form] of links.byLetters.get(key) ?? []) {
    if (i === actor || form === acronym || form[0] !== acronym[0] || !/\p{Ll}/u.test(names[i])) continue;
    if (found >= 0 && found !== i) return -1;
    found = i;
  }
  return found;
}
