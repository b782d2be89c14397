// Loads relations.yaml (or a replacement) and compiles it: one regular
// expression per rule, plus one that joins every trigger so that a sentence
// without any is passed over with a single test.
import { readFileSync } from "node:fs";
import { cachedYaml, parseYaml } from "../../yaml-cache.js";
import { dataFile } from "../../paths.js";
import { escapeRegExp } from "../../regexp.js";

export type RelationType = "funds" | "implements" | "partners";
export type Role = "after" | "before" | "before_or_self" | "owner" | "programme_owner" | "adjacent" | "adjacent_project" | "subject" | "project_before" | "project_after" | "project_before_or_before" | "project_before_or_subject";

export interface RelationRule {
  id: string;
  relation: RelationType;
  /** Global, case-insensitive, with match indices (a group named `t` is the trigger). */
  pattern: RegExp;
  /** Lower-case strings of which the sentence must contain one for the pattern to be tried. */
  words: string[];
  /** The same, as indexes into RelationRules.words. */
  wordIds: number[];
  from: Role;
  to: Role;
  /** partners: "cross" (before x after, and among those before) or "among" (every pair of one list). */
  pairs: "cross" | "product" | "among";
  gapBefore: number;
  gapAfter: number;
  needsAmount: boolean;
  /** The rule does not hold when an amount stands between its trigger and a party ("USD's $5 million X Fund" funds, not implements). */
  refusesAmount: boolean;
  /** implements: the parties the trigger lists are programmes whatever their names ("IOM programmes such as A and B"). */
  itemsAreProjects: boolean;
  /** The rule states nothing unless the sentence names a project or programme (derived from relation and roles). */
  needsProject: boolean;
  /** The parties listed as `from` also partner each other ("run by A, B and C"). */
  listPartners: boolean;
  /** The sentence before must match this for the rule to be tried ("Such organisations include ..." after one about partnerships). */
  previous?: RegExp;
}

export interface RelationRules {
  rules: RelationRule[];
  /** A quick test that a sentence may hold a trigger: a keyword, or a project head word. */
  anyTrigger: RegExp;
  /** Every rule's words, each once. */
  words: string[];
  /**
   * Every word at once, longest first: one scan of a sentence finds, at each position, the longest word
   * there, and `prefixesOf` gives the words that match at that position too (its prefixes among the words).
   */
  wordScan: RegExp;
  prefixesOf: Map<string, number[]>;
  /** For each word (index into `words`), the rules (indexes into `rules`) that list it. */
  rulesOfWord: number[][];
  /** The words (indexes into `words`) of the rules that may leave a party unnamed: a sentence naming one party is tried only when it holds one. */
  unnamedWords: number[];
  /** Tested on the text just before a trigger. */
  negation: RegExp;
  projectHeads: string[];
  lowerHeads: string[];
}

export const DEFAULT_RELATION_RULES_PATH = dataFile("extract/relations/relations.yaml");

const RELATIONS = new Set<RelationType>(["funds", "implements", "partners"]);
const ROLES = new Set<Role>(["after", "before", "before_or_self", "owner", "programme_owner", "adjacent", "adjacent_project", "subject", "project_before", "project_after", "project_before_or_before", "project_before_or_subject"]);

/**
 * A rule whose `from` may be a party the sentence leaves unnamed (the document's own actor, the previous
 * sentence's subject): the only rules tried on a sentence that names one party.
 */
export function leavesUnnamed(r: RelationRule): boolean {
  return r.from === "before_or_self" || r.from === "owner";
}

export function loadRelationRules(path: string = DEFAULT_RELATION_RULES_PATH): RelationRules {
  return compileRelationRules(readFileSync(path, "utf8"), path);
}

/** Compile rules from YAML text; throws an Error naming the rule at fault. */
export function compileRelationRules(text: string, source = "<relations>"): RelationRules {
  const data = cachedYaml(text, parseYaml) as Record<string, unknown>;
  const fail = (msg: string): never => { throw new Error(`${source}: ${msg}`); };
  if (!data || typeof data !== "object") fail("expected a mapping");
  const words = (key: string): string[] => {
    const v = data[key];
    if (!Array.isArray(v) || v.some((w) => typeof w !== "string")) fail(`"${key}" must be a list of words`);
    return v as string[];
  };
  const regex = (where: string, pattern: unknown, flags: string): RegExp => {
    if (typeof pattern !== "string" || !pattern) return fail(`${where}: missing pattern`);
    try { return new RegExp(pattern, flags); } catch (e) { return fail(`${where}: bad pattern: ${(e as Error).message}`); }
  };
  if (!Array.isArray(data.rules)) fail(`"rules" must be a list`);
  const PROJECT_ROLES = new Set<Role>(["project_after", "project_before", "adjacent_project"]);
  const rules = (data.rules as Array<Record<string, unknown>>).map((r, i): RelationRule => {
    const id = typeof r.id === "string" && r.id ? r.id : fail(`rule ${i + 1}: missing id`);
    const relation = r.relation as RelationType;
    if (!RELATIONS.has(relation)) fail(`rule ${id}: relation must be funds, implements or partners`);
    for (const k of ["from", "to"]) if (!ROLES.has(r[k] as Role)) fail(`rule ${id}: "${k}" must be one of ${[...ROLES].join(", ")}`);
    return {
      id,
      relation,
      // No "u" flag: case-insensitive Unicode matching is several times slower, and no rule needs it.
      pattern: regex(`rule ${id}`, r.pattern, "dgi"),
      words: Array.isArray(r.words) && r.words.length ? (r.words as unknown[]).map((w) => String(w).toLowerCase()) : fail(`rule ${id}: "words" must list the words the trigger begins with`),
      wordIds: [],
      from: r.from as Role,
      to: r.to as Role,
      pairs: r.pairs === "among" || r.pairs === "product" ? r.pairs : "cross",
      gapBefore: typeof r.gap_before === "number" ? r.gap_before : 60,
      gapAfter: typeof r.gap_after === "number" ? r.gap_after : 30,
      needsAmount: r.needs_amount === true,
      refusesAmount: r.refuses_amount === true,
      listPartners: r.list_partners === true,
      itemsAreProjects: r.items_are_projects === true,
      // What an implements rule implements is a project unless its items are taken as such; a rule whose
      // parties also partner each other states something without one.
      needsProject: r.list_partners !== true && ((relation === "implements" && r.items_are_projects !== true) || PROJECT_ROLES.has(r.to as Role)),
      previous: r.previous === undefined ? undefined : regex(`rule ${id}: previous`, r.previous, "i"),
    };
  });
  const allWords: string[] = [];
  const idOf = new Map<string, number>();
  for (const rule of rules) rule.wordIds = rule.words.map((w) => idOf.get(w) ?? (idOf.set(w, allWords.length), allWords.push(w) - 1));
  const heads = [...words("project_heads"), ...words("lower_heads")];
  const stems = words("keywords").map(escapeRegExp);
  const longestFirst = allWords.slice().sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return {
    rules,
    wordScan: new RegExp(longestFirst.map(escapeRegExp).join("|"), "g"),
    prefixesOf: prefixesAmong(allWords, idOf),
    rulesOfWord: rulesOfEachWord(rules, allWords.length),
    anyTrigger: regex("keywords", `\\b(?:${stems.join("|")})|\\b(?:${heads.join("|")})\\b`, "i"),
    negation: regex("negation", data.negation, "iu"),
    words: allWords,
    unnamedWords: [...new Set(rules.filter(leavesUnnamed).flatMap((r) => r.wordIds))],
    projectHeads: words("project_heads"),
    lowerHeads: words("lower_heads"),
  };
}

// The two indexes below were built by testing every pair (of words; of words and rules): ~40,000
// callbacks, a few tens of milliseconds cold in every worker thread. Same lists, same order.

/** For each word, the words (indexes, ascending) that it starts with, itself included. */
function prefixesAmong(words: string[], idOf: Map<string, number>): Map<string, number[]> {
  return new Map(
    words.map((w) => {
      const ids: number[] = [];
      for (let end = 0; end <= w.length; end++) {
        const id = idOf.get(w.slice(0, end));
        if (id !== undefined) ids.push(id);
      }
      return [w, ids.sort((a, b) => a - b)];
    }),
  );
}

/** For each word (index), the rules (indexes, ascending, each once) that list it. */
function rulesOfEachWord(rules: RelationRule[], wordCount: number): number[][] {
  const out: number[][] = Array.from({ length: wordCount }, () => []);
  rules.forEach((rule, r) => {
    for (const id of new Set(rule.wordIds)) out[id].push(r);
  });
  return out;
}
