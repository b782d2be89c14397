// The project a document reports on, where the document says how it will call it: "the “X” project
// (thereafter referred to as “the project”)", "The Sectoral Initiatives Program (referenced hereafter as
// “the Program”)", "the X Programme (“the Programme”)". From there on "the project" (or "the Program") is
// that named project whenever it receives money or is carried out ("The project is funded by Y", "Y
// implemented the project"); as a partner it stays the document's own actor, as before.
import { findProjects, type Party, type ProjectMatcher } from "./parties.js";

export interface OwnProject {
  /** The project's name, as the defining sentence gives it. */
  name: string;
  /** The word the document calls it by: "project", "program" (also "programme") or "initiative". */
  word: RegExp;
}

// "(thereafter referred to as “the project”)", "(“the Program”)": the quotes are required, a bare
// "(the project)" is an aside, not a definition. A closing quotation mark right before a closing
// parenthesis is looked for first (a plain string search, as the stage cannot afford a pattern over the
// whole document), then the quoted words before it, then what opens the parenthesis.
const CLOSINGS = ["”)", "\")"];
// A document says what it will call "the project" where it first presents it, near its beginning: only
// so far is it read (a long report's every page would cost the stage several per cent).
const DEFINITION_REACH = 40_000;
const QUOTED_SELF = /[“"]\s*the\s+(project|programme|program|initiative)\s*[”"]\s*\)$/i;
const DEFINITION_OPENING = /\(\s*(?:[^()“”"]{0,40}?\b(?:hereafter|thereafter|henceforth|hereinafter|referred\s+to\s+as|called)\b[^()“”"]{0,20}?)?$/i;
// What may stand between the project's name and the definition: a closing quote, its head word, spaces.
const NAME_TO_DEFINITION = /^[\s”"»]*(?:project|programme|program|initiative)?[\s”"»]*$/i;
const REACH = 300;

/** The project the document defines "the project" (or "the Program") as, if it does so. Only the first definition counts. */
export function ownProject(text: string, matcher: ProjectMatcher): OwnProject | undefined {
  let q: RegExpExecArray | null = null, open = -1;
  const head = text.length > DEFINITION_REACH ? text.slice(0, DEFINITION_REACH) : text;
  for (const closing of CLOSINGS) {
    for (let at = head.indexOf(closing); at >= 0 && open < 0; at = head.indexOf(closing, at + 1)) {
      const end = at + closing.length, from = Math.max(0, end - 40);
      q = QUOTED_SELF.exec(text.slice(from, end));
      if (!q) continue;
      const quoteAt = from + q.index;
      const opening = DEFINITION_OPENING.exec(text.slice(Math.max(0, quoteAt - 80), quoteAt));
      if (opening) open = quoteAt - opening[0].length;
    }
    if (open >= 0) break;
  }
  if (!q || open < 0) return undefined;
  const from = Math.max(0, open - REACH);
  const window = text.slice(from, open);
  let name = "";
  for (const p of findProjects(window, from, matcher, [])) {
    if (NAME_TO_DEFINITION.test(text.slice(p.end, open))) name = p.name;
  }
  if (!name) return undefined;
  const word = q[1].toLowerCase();
  return { name, word: word.startsWith("program") ? /\bprogram(?:me)?\b/i : new RegExp(`\\b${word}\\b`, "i") };
}

/**
 * The party that receives money or is carried out: "the project" (the document's own actor standing in,
 * see addSelfParties) saying the word the document defined is the named project. `text` is the document's.
 */
export function ownRecipient(p: Party, own: OwnProject | undefined, text: string): Party {
  if (!own || p.self !== "project" || !own.word.test(text.slice(p.start, p.end))) return p;
  return { start: p.start, end: p.end, name: own.name, actor: -1, project: true, place: false };
}
