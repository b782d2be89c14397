// Loads rules.yaml (or an analyst's replacement), checks its shape and compiles every
// pattern once. Errors name the file, line and column so a bad edit is easy to find.
import { readFileSync } from "node:fs";
import type { Node } from "yaml";
import { dataFile } from "../../paths.js";
import { cachedIfValid, yamlLibrary } from "../../yaml-cache.js";
import type { RecKind, Recommendation } from "../../types.js";
import { groupCount, opensWithWordChar } from "./pattern-source.js";

export type Strength = Recommendation["strength"];

/** One named pattern: an id (shown by inspect), a compiled regex, and an optional reason/type. */
export interface NamedPattern {
  id: string;
  re: RegExp;
  reason: string;
}

export interface TriggerFamily {
  id: string;
  modality: string;
  strength: Strength;
  kind: RecKind;
  patterns: RegExp[];
  /** Document types (DocMeta.docType) the family applies to; empty = every type. */
  docTypes: string[];
}

export interface GroupWord {
  re: RegExp;
  type: string;
}

export interface HeadingAddressee {
  re: RegExp;
  /** Fixed addressee, or "" when the pattern captures (?<who>...). */
  who: string;
}

/**
 * All trigger patterns of one case mode joined into a single alternation, so one regex pass
 * finds the leftmost trigger (ties: the pattern listed first, as JavaScript alternation does).
 * `families[k]` is the family of capture group `groupOf[k]`.
 */
export interface TriggerScanner {
  re: RegExp;
  groupOf: number[];
  families: TriggerFamily[];
}

export interface RecRules {
  source: string;
  /** All masks joined into one alternation (one replace pass); `groupOf[k]` is mask k's group. */
  maskScanner: { re: RegExp; masks: NamedPattern[]; groupOf: number[] };
  /** Scanners over the families that apply to every document type. */
  scanners: TriggerScanner[];
  /** Rules as seen by one document type (families restricted by docTypes added), built on demand. */
  byDocType: Map<string, RecRules>;
  cues: Record<RecKind | "stop", NamedPattern[]>;
  blockExclusions: NamedPattern[];
  sectionExclusions: NamedPattern[];
  backMatter: NamedPattern[];
  unitExclusions: NamedPattern[];
  masks: NamedPattern[];
  nearMisses: NamedPattern[];
  triggers: TriggerFamily[];
  imperative: { skip: RegExp; toVerbs: Set<string>; notVerbs: Set<string>; verbs: Set<string>; descriptive: RegExp };
  /** Fact sheets announcing commitments: which documents are such, and which sentences pledge. */
  announcements: { document: RegExp; pledge: RegExp; responseSection: RegExp; responsePledge: RegExp };
  addressee: { speakers: RegExp; groups: GroupWord[]; headings: HeadingAddressee[]; notActors: RegExp; labelList: RegExp; agents: RegExp; things: RegExp };
}

export const DEFAULT_RULES_PATH = dataFile("extract/recommendations/rules.yaml");

const STRENGTHS = new Set<Strength>(["obligation", "strong", "advisory", "offer"]);
const KINDS = new Set<RecKind>(["recommendation", "offer", "commitment"]);

/** Parse and compile a rules file; throws an Error naming file:line:column on any problem. */
export function loadRecommendationRules(path: string = DEFAULT_RULES_PATH): RecRules {
  const text = readFileSync(path, "utf8");
  // Every worker thread loads the rules, and walking the YAML tree (kept for its line numbers)
  // cost ~30 ms cold each time: valid rules read before (the same text, read by the same code)
  // come from the parsed-YAML cache as plain data. Invalid rules are read again here, for
  // their error, which names the file.
  return buildRules(cachedIfValid(text, path, readRulesDef, [import.meta.url]), path);
}

/** Compile rules from YAML text (exported for tests). */
export function compileRules(text: string, source = "<rules>"): RecRules {
  return buildRules(readRulesDef(text, source), source);
}

/** A pattern as the rules file writes it, with the flags it is compiled with. */
interface PatternDef {
  source: string;
  flags: string;
}
interface NamedDef {
  id: string;
  pattern: PatternDef;
  reason: string;
}
type FamilyDef = Omit<TriggerFamily, "patterns"> & { patterns: PatternDef[] };

/** A checked rules file as plain data (what the cache keeps): every pattern known to compile. */
interface RulesDef {
  cues: Record<RecKind | "stop", NamedDef[]>;
  triggers: FamilyDef[];
  imperative: { skip: PatternDef; toVerbs: string[]; notVerbs: string[]; verbs: string[]; descriptive: PatternDef };
  addressee: {
    speakers: PatternDef;
    notActors: PatternDef;
    labelList: PatternDef;
    agents: PatternDef;
    things: PatternDef;
    groups: Array<{ pattern: PatternDef; type: string }>;
    headings: Array<{ pattern: PatternDef; who: string }>;
  };
  announcements: { document: PatternDef; pledge: PatternDef; responseSection: PatternDef; responsePledge: PatternDef };
  exclusions: Record<"masks" | "blocks" | "sections" | "backMatter" | "units" | "nearMisses", NamedDef[]>;
}

/** Matches nothing: the optional patterns a rules file leaves out. */
const NEVER: PatternDef = { source: "(?!)", flags: "" };

/** Parse and check rules from YAML text; throws an Error naming source:line:column on any problem. */
function readRulesDef(text: string, source: string): RulesDef {
  const { LineCounter, parseDocument, isMap, isSeq } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const where = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return source;
    const { line, col } = lines.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lines.linePos(e.pos[0]);
    throw new Error(`${source}:${line}:${col}: YAML error: ${e.message.split("\n")[0]}`);
  }
  const fail = (node: Node | null | undefined, msg: string): never => {
    throw new Error(`${where(node)}: ${msg}`);
  };

  // Small typed accessors over the YAML tree, so every error can point at its node.
  const get = (parent: Node | null | undefined, key: string, required = true): Node | undefined => {
    if (!isMap(parent)) return fail(parent, `expected a mapping with key "${key}"`);
    const node = parent.get(key, true) as Node | undefined;
    if (!node && required) fail(parent, `missing key "${key}"`);
    return node ?? undefined;
  };
  const str = (parent: Node | null | undefined, key: string, required = true): string => {
    const node = get(parent, key, required);
    if (!node) return "";
    const v = (node as { toJSON(): unknown }).toJSON();
    if (typeof v !== "string") fail(node, `"${key}" must be a string`);
    return v as string;
  };
  const items = (parent: Node | null | undefined, key: string, required = true): Node[] => {
    const node = get(parent, key, required);
    if (!node) return [];
    if (!isSeq(node)) fail(node, `"${key}" must be a list`);
    return (node as { items: Node[] }).items;
  };
  /** The pattern with its flags, once the engine has accepted it. */
  const regex = (node: Node | undefined, source: string, caseSensitive: boolean): PatternDef => {
    const flags = flagsFor(source, caseSensitive);
    try {
      new RegExp(source, flags);
    } catch (e) {
      return fail(node, `bad pattern: ${(e as Error).message}`);
    }
    return { source, flags };
  };
  const patternOf = (item: Node, key = "pattern"): PatternDef =>
    regex(get(item, key), str(item, key), str(item, "case", false) === "sensitive");
  const named = (item: Node): NamedDef => ({
    id: str(item, "id"),
    pattern: patternOf(item),
    reason: str(item, "reason", false),
  });

  const root = doc.contents as Node;
  const cueNode = get(root, "cues");
  const cues = {
    recommendation: items(cueNode, "recommendation").map(named),
    offer: items(cueNode, "offer").map(named),
    commitment: items(cueNode, "commitment").map(named),
    stop: items(cueNode, "stop").map(named),
  };

  const ex = get(root, "exclusions");
  const triggers = items(root, "triggers").map((t): FamilyDef => {
    const strength = str(t, "strength") as Strength;
    if (!STRENGTHS.has(strength)) fail(get(t, "strength"), `strength must be one of ${[...STRENGTHS].join(", ")}`);
    const kind = (str(t, "kind", false) || "recommendation") as RecKind;
    if (!KINDS.has(kind)) fail(get(t, "kind"), `kind must be one of ${[...KINDS].join(", ")}`);
    const sensitive = str(t, "case", false) === "sensitive";
    const patterns = items(t, "patterns").map((p) => {
      const v = (p as { toJSON(): unknown }).toJSON();
      if (typeof v !== "string") fail(p, "each pattern must be a string");
      return regex(p, v as string, sensitive);
    });
    const docTypes = items(t, "docTypes", false).map((n) => String((n as { toJSON(): unknown }).toJSON()));
    return { id: str(t, "id"), modality: str(t, "modality"), strength, kind, patterns, docTypes };
  });

  const imp = get(root, "imperative");
  const wordList = (key: string) => items(imp, key).map((n) => String((n as { toJSON(): unknown }).toJSON()).toLowerCase());
  const imperative = {
    skip: regex(get(imp, "skip"), str(imp, "skip"), false),
    toVerbs: wordList("toVerbs"),
    notVerbs: wordList("notVerbs"),
    verbs: wordList("verbs"),
    descriptive: regex(get(imp, "descriptive"), str(imp, "descriptive"), false),
  };

  const ad = get(root, "addressee");
  const addressee = {
    speakers: regex(get(ad, "speakers"), str(ad, "speakers"), false),
    notActors: regex(get(ad, "notActors"), str(ad, "notActors"), false),
    labelList: regex(get(ad, "labelList"), str(ad, "labelList"), false),
    // optional: nouns that name people or bodies who can act ("providers", "boards")
    agents: get(ad, "agents", false) ? regex(get(ad, "agents"), str(ad, "agents"), false) : NEVER,
    // optional: head nouns of subjects that are things, not actors ("The Strategy shall identify")
    things: get(ad, "things", false) ? regex(get(ad, "things"), str(ad, "things"), false) : NEVER,
    groups: items(ad, "groups").map((g) => ({ pattern: patternOf(g), type: str(g, "type") })),
    headings: items(ad, "headings").map((h) => {
      const pattern = patternOf(h);
      const who = str(h, "who", false);
      if (!who && !pattern.source.includes("(?<who>")) fail(h, `heading entry needs "who" or a (?<who>...) group`);
      return { pattern, who };
    }),
  };

  const an = get(root, "announcements", false);
  const announcements = an
    ? {
        document: regex(get(an, "document"), str(an, "document"), false),
        pledge: regex(get(an, "pledge"), str(an, "pledge"), false),
        responseSection: get(an, "responseSection", false) ? regex(get(an, "responseSection"), str(an, "responseSection"), false) : NEVER,
        responsePledge: get(an, "responsePledge", false) ? regex(get(an, "responsePledge"), str(an, "responsePledge"), false) : regex(get(an, "pledge"), str(an, "pledge"), false),
      }
    : { document: NEVER, pledge: NEVER, responseSection: NEVER, responsePledge: NEVER };

  const exclusions = {
    masks: items(ex, "masks").map(named),
    blocks: items(ex, "blocks").map(named),
    sections: items(ex, "sections").map(named),
    backMatter: items(ex, "backMatter").map(named),
    units: items(ex, "units").map(named),
    nearMisses: items(ex, "nearMisses").map(named),
  };
  return { cues, triggers, imperative, addressee, announcements, exclusions };
}

/** Compile checked rules: every pattern to its regex, the triggers and masks to their scanners. */
function buildRules(def: RulesDef, source: string): RecRules {
  const named = (n: NamedDef): NamedPattern => ({ id: n.id, re: regexOf(n.pattern), reason: n.reason });
  const triggers = def.triggers.map((f): TriggerFamily => ({ ...f, patterns: f.patterns.map(regexOf) }));
  const { imperative: imp, addressee: ad, announcements: an, exclusions: ex } = def;
  const masks = ex.masks.map(named);
  return {
    source,
    maskScanner: joinMasks(masks),
    scanners: buildScanners(triggers.filter((t) => !t.docTypes.length)),
    byDocType: new Map(),
    cues: {
      recommendation: def.cues.recommendation.map(named),
      offer: def.cues.offer.map(named),
      commitment: def.cues.commitment.map(named),
      stop: def.cues.stop.map(named),
    },
    blockExclusions: ex.blocks.map(named),
    sectionExclusions: ex.sections.map(named),
    backMatter: ex.backMatter.map(named),
    unitExclusions: ex.units.map(named),
    masks,
    nearMisses: ex.nearMisses.map(named),
    triggers,
    imperative: {
      skip: regexOf(imp.skip),
      toVerbs: new Set(imp.toVerbs),
      notVerbs: new Set(imp.notVerbs),
      verbs: new Set(imp.verbs),
      descriptive: regexOf(imp.descriptive),
    },
    announcements: {
      document: regexOf(an.document),
      pledge: regexOf(an.pledge),
      responseSection: regexOf(an.responseSection),
      responsePledge: regexOf(an.responsePledge),
    },
    addressee: {
      speakers: regexOf(ad.speakers),
      notActors: regexOf(ad.notActors),
      labelList: regexOf(ad.labelList),
      agents: regexOf(ad.agents),
      things: regexOf(ad.things),
      groups: ad.groups.map((g) => ({ re: regexOf(g.pattern), type: g.type })),
      headings: ad.headings.map((h) => ({ re: regexOf(h.pattern), who: h.who })),
    },
  };
}

function regexOf(p: PatternDef): RegExp {
  return new RegExp(p.source, p.flags);
}

function buildScanners(triggers: TriggerFamily[]): TriggerScanner[] {
  const scanners: TriggerScanner[] = [];
  for (const sensitive of [false, true]) {
    const flags = "g" + flagsFor(parts0(triggers, sensitive), sensitive);
    const parts: string[] = [];
    const groupOf: number[] = [];
    const families: TriggerFamily[] = [];
    let group = 1;
    for (const family of triggers) {
      for (const re of family.patterns) {
        if (re.flags.includes("i") === sensitive) continue;
        parts.push(`(${re.source})`);
        groupOf.push(group);
        families.push(family);
        group += 1 + groupCount(re.source);
      }
    }
    if (!parts.length) continue;
    // When every pattern opens with \b, test the boundary once, before the alternation: V8 then
    // skips positions inside words instead of trying forty alternatives at each (2x faster).
    const allBounded = parts.every((p) => p.startsWith("(\\b"));
    const source = allBounded ? `\\b${wordStart(parts.map((p) => p.slice(3, -1)))}(?:${parts.map((p) => "(" + p.slice(3)).join("|")})` : parts.join("|");
    scanners.push({ re: new RegExp(source, flags), groupOf, families });
  }
  return scanners;
}

/**
 * Case-insensitive matching with the u flag is ~20 times slower in V8 (Unicode case folding),
 * so the u flag is only set for patterns that need it (\p{...} classes, \u{...} escapes).
 */
export function flagsFor(source: string, caseSensitive: boolean): string {
  return (caseSensitive ? "" : "i") + (/\\[pP]\{|\\u\{/.test(source) ? "u" : "");
}

/** All sources of one case mode, to decide the flags of the joined scanner. */
function parts0(triggers: TriggerFamily[], sensitive: boolean): string {
  return triggers.flatMap((f) => f.patterns.filter((re) => re.flags.includes("i") !== sensitive).map((re) => re.source)).join("|");
}

/** The rules for a document of this type: the general families plus those restricted to it. */
export function rulesForDocType(rules: RecRules, docType: string): RecRules {
  if (!rules.triggers.some((t) => t.docTypes.includes(docType))) return rules;
  let view = rules.byDocType.get(docType);
  if (!view) {
    const triggers = rules.triggers.filter((t) => !t.docTypes.length || t.docTypes.includes(docType));
    view = { ...rules, triggers, scanners: buildScanners(triggers) };
    rules.byDocType.set(docType, view);
  }
  return view;
}

function joinMasks(masks: NamedPattern[]): RecRules["maskScanner"] {
  // One regex needs one set of flags: masks are matched case-insensitively unless all of
  // them say `case: sensitive` (rules.yaml documents this).
  const sensitive = masks.length > 0 && masks.every((m) => !m.re.flags.includes("i"));
  const source = factorBoundaries(masks.map((m) => m.re.source)) || "(?!)";
  const flags = "g" + flagsFor(source, sensitive);
  const groupOf: number[] = [];
  let group = 1;
  for (const m of masks) {
    groupOf.push(group);
    group += 1 + groupCount(m.re.source);
  }
  return { re: new RegExp(source, flags), masks, groupOf };
}

/**
 * Join patterns into one alternation of capture groups, testing a leading \b once for each run
 * of neighbours that open with it: "\b(?:(a)|(b))|(c)" instead of "(\ba)|(\bb)|(c)". Same
 * matches, same groups, same order of trial; V8 just skips positions inside words sooner.
 */
function factorBoundaries(sources: string[]): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(`\\b${wordStart(run)}(?:${run.map((s) => `(${s})`).join("|")})`);
    run = [];
  };
  for (const src of sources) {
    if (src.startsWith("\\b") && !topLevelBar(src)) run.push(src.slice(2));
    else {
      flush();
      out.push(`(${src})`);
    }
  }
  flush();
  return out.join("|");
}

/**
 * "(?=\w)" when every pattern (its leading \b cut off) opens with a word character, else "".
 * After a \b such patterns can only match where a word starts, not where one ends: the
 * lookahead skips the word ends with one test instead of trying every alternative there
 * (a third less time for the trigger scan, which reads every sentence of every document).
 */
function wordStart(unbounded: string[]): string {
  return unbounded.every(opensWithWordChar) ? "(?=\\w)" : "";
}

/** Does the pattern have a "|" outside every group (so "\b" only belongs to its first branch)? */
function topLevelBar(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}
