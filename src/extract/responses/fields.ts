// Fields written inside an action's own text:
//   "Documenter les acquis, 3 à 6 mois avant la conception – Équipes du PNUD – avec l'appui du PBF"
//     (action, deadline – responsible – ...: the dash-separated layout of a matrix cell)
//   "ABSB will form an executive level committee by December 2012"
//     (responsible = the subject that binds itself; deadline = the date after "by")
import { deadlineInText, findDates } from "./deadline.js";
import type { ResponseVocab } from "./vocab.js";

export interface ActionFields {
  action: string;
  responsible: string;
  deadline: string;
}

/** A spaced dash between fields (not a hyphen inside a word: "long-term", "1 – 3 mois"). */
const FIELD_DASH = /\s?[–—]\s(?!\d)|\s-\s(?=\p{Lu})/u;
/** A deadline clause is short ("1 à 3 mois avant toute phase de conception future"). */
const MAX_DEADLINE_WORDS = 14;

/** Split "action, deadline – responsible – more" when the text is laid out that way. */
export function dashedFields(text: string, vocab: ResponseVocab): ActionFields | null {
  const parts = text.split(FIELD_DASH);
  if (parts.length < 2 || !/^\s*[\p{Lu}(]/u.test(parts[1])) return null;
  let action = parts[0].trim();
  let deadline = "";
  // The deadline is a comma clause of the first field that reads as a time ("1 à 3 mois avant
  // ..."), the last one that does; when it ends the field it is cut from the action.
  const clauses = action.split(/,\s+/);
  for (let i = clauses.length - 1; i >= 1; i--) {
    const clause = clauses[i].trim();
    if (clause.split(/\s+/).length > MAX_DEADLINE_WORDS || !(vocab.deadlineWords.test(clause) || findDates(clause).length)) continue;
    deadline = clause.replace(/[.;]+$/, "");
    if (i === clauses.length - 1) action = clauses.slice(0, i).join(", ").trim();
    break;
  }
  return { action, responsible: parts.slice(1).join(" – ").trim(), deadline };
}

/** The subject of the first commitment in a sentence ("NHS England will ..."), "" when vague or none. */
export function committedSubject(sentence: string, vocab: ResponseVocab): string | null {
  const m = vocab.commitment.exec(sentence);
  if (!m) return null;
  const who = (m.groups?.who ?? "").trim();
  if (vocab.vagueSubjects.test(who)) return "";
  // One capitalised word opening a sentence ("Consideration will be given") names nobody;
  // an acronym ("CQC", "ESDC") or a pronoun ("We") does.
  const words = who.replace(/^(?:the|la|le|les)\s+/i, "").split(/\s+/);
  if (words.length === 1 && !/^\p{Lu}[\p{Lu}\d&.-]+$/u.test(words[0]) && !/^(?:we|nous|management)$/i.test(words[0])) return "";
  return who;
}

/** Responsible and deadline read from an action's text (no layout: a sentence or a list item). */
export function fieldsInText(text: string, vocab: ResponseVocab): ActionFields {
  const dashed = dashedFields(text, vocab);
  if (dashed) return dashed;
  return { action: text, responsible: committedSubject(text, vocab) ?? "", deadline: deadlineInText(text, vocab.deadlineWords) };
}
