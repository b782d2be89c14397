// Loads responses.yaml: the labels of response matrices, the status vocabulary and the
// commitment pattern, compiled once per process.
import { readFileSync } from "node:fs";
import { cachedYaml, parseYaml } from "../../yaml-cache.js";
import { dataFile } from "../../paths.js";

export type ResponseStatus = "accepted" | "partially accepted" | "rejected" | "noted" | "";

export interface ResponseVocab {
  source: string;
  recommendationRef: RegExp;
  responseCues: RegExp[];
  actionCues: RegExp[];
  deadlineCues: RegExp[];
  responsibleCues: RegExp[];
  stopHeadings: RegExp[];
  statuses: Array<{ status: ResponseStatus; patterns: RegExp[] }>;
  commitment: RegExp;
  vagueSubjects: RegExp;
  deadlineWords: RegExp;
}

interface RawVocab {
  recommendation_ref: string;
  response_cues: string[];
  action_cues: string[];
  deadline_cues: string[];
  responsible_cues: string[];
  stop_headings: string[];
  statuses: Array<{ status: string; patterns: string[] }>;
  commitment: string;
  vague_subjects: string;
  deadline_words: string;
}

const STATUSES = new Set(["accepted", "partially accepted", "rejected", "noted"]);

let cached: ResponseVocab | undefined;

export function loadResponseVocab(path = dataFile("extract/responses/responses.yaml")): ResponseVocab {
  if (cached?.source === path) return cached;
  const raw = cachedYaml(readFileSync(path, "utf8"), parseYaml) as RawVocab;
  const re = (pattern: string, what: string, flags = "iu") => {
    try {
      return new RegExp(pattern, flags);
    } catch (err) {
      throw new Error(`${path}: ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const list = (patterns: string[] | undefined, what: string) => (patterns ?? []).map((p, i) => re(p, `${what}[${i}]`));
  const statuses = (raw.statuses ?? []).map((s) => {
    if (!STATUSES.has(s.status)) throw new Error(`${path}: unknown status "${s.status}" (accepted, partially accepted, rejected or noted)`);
    return { status: s.status as ResponseStatus, patterns: list(s.patterns, `statuses.${s.status}`) };
  });
  cached = {
    source: path,
    recommendationRef: re(raw.recommendation_ref, "recommendation_ref", "giu"),
    responseCues: list(raw.response_cues, "response_cues"),
    actionCues: list(raw.action_cues, "action_cues"),
    deadlineCues: list(raw.deadline_cues, "deadline_cues"),
    responsibleCues: list(raw.responsible_cues, "responsible_cues"),
    stopHeadings: list(raw.stop_headings, "stop_headings"),
    statuses,
    commitment: re(raw.commitment, "commitment", "u"),
    vagueSubjects: re(raw.vague_subjects, "vague_subjects"),
    deadlineWords: re(raw.deadline_words, "deadline_words"),
  };
  return cached;
}

/**
 * Every recommendation reference in a text ("Recommendation 2", "recommendation # 3",
 * "RECOMMENDATION B"): the reference, upper-cased, with its offsets. A one-letter
 * reference must be written as a capital ("Recommendation B", not "recommendation a").
 */
export function recommendationRefs(text: string, vocab: ResponseVocab): Array<{ ref: string; start: number; end: number }> {
  const refs: Array<{ ref: string; start: number; end: number }> = [];
  const re = vocab.recommendationRef;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const ref = m.groups?.ref ?? "";
    if (!ref || (/^[a-z]$/.test(ref))) continue;
    refs.push({ ref: ref.toUpperCase(), start: m.index, end: m.index + m[0].length });
  }
  return refs;
}

export const anyMatch = (patterns: RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

/** The status a response's opening words state, "" when they state none. */
export function statusOf(text: string, vocab: ResponseVocab): ResponseStatus {
  for (const s of vocab.statuses) if (anyMatch(s.patterns, text)) return s.status;
  return "";
}
