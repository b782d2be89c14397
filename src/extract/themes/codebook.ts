// Reading and validating a codebook YAML file. Every problem is reported as
// "file:line:column: message" so an analyst can find it in an editor.
// The shape (see the README, section "Theme codebooks"):
//   id, version, [description], [code_blocks], themes: [{code, label,
//   [description], [terms], [exclude], [regex], [near], [min_hits], [general]}],
//   [domain: {terms, [exclude], [min_hits], [min_per_10k_words]}]
import { readFileSync } from "node:fs";
import type { Node, YAMLMap } from "yaml";
import type { BlockKind } from "../../types.js";
import { checkTerm } from "./terms.js";
import { compileRegex } from "./matcher.js";
import { cachedIfValid, moduleBeside, yamlLibrary } from "../../yaml-cache.js";

export interface NearRule {
  /** Two or more terms that must all occur... */
  words: string[];
  /** ...within this many words of each other. */
  within: number;
}

export interface ThemeDef {
  code: string;
  label: string;
  description: string;
  terms: string[];
  exclude: string[];
  regex: string[];
  near: NearRule[];
  /** Hits needed in one segment before the theme is coded there. */
  minHits: number;
  /** Coded in every document, also outside the codebook's domain (a theme such as training
   * that is not about the domain). False: coded only in documents of the domain. */
  general: boolean;
}

/**
 * What makes a document one of the codebook's domain (for the default codebook: a migration
 * document). A document whose text has fewer domain words than both thresholds ask is
 * coded with the codebook's general themes only: a health review that mentions no migrant
 * is not coded "migration data" for its data recommendations.
 */
export interface DomainDef {
  /** Words that show the document is of the domain (terms, written as theme terms are). */
  terms: string[];
  exclude: string[];
  /** At least this many domain words in the document... */
  minHits: number;
  /** ...and at least this many per 10,000 of its words. */
  minPer10kWords: number;
}

export interface CodebookDef {
  id: string;
  version: string;
  description: string;
  /** Which kinds of block are coded (headings and footnotes are left out by default). */
  codeBlocks: BlockKind[];
  themes: ThemeDef[];
  /** Absent: every document is of the domain, and every theme is coded everywhere. */
  domain?: DomainDef;
}

export class CodebookError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("\n"));
    this.name = "CodebookError";
  }
}

const TOP_KEYS = ["id", "version", "description", "code_blocks", "domain", "themes"];
const THEME_KEYS = ["code", "label", "description", "terms", "exclude", "regex", "near", "min_hits", "general"];
const DOMAIN_KEYS = ["description", "terms", "exclude", "min_hits", "min_per_10k_words"];
const NEAR_KEYS = ["words", "within"];
const BLOCK_KINDS: BlockKind[] = ["heading", "paragraph", "list_item", "table_row", "footnote"];
export const DEFAULT_CODE_BLOCKS: BlockKind[] = ["paragraph", "list_item", "table_row"];

/** Parses codebook text; returns the definition and every problem found (empty when valid). */
export function parseCodebook(text: string, file: string): { def: CodebookDef; errors: string[] } {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const errors: string[] = [];
  const at = (offset: number, msg: string) => {
    const { line, col } = lines.linePos(offset);
    errors.push(`${file}:${line}:${col}: ${msg}`);
  };
  const nodeAt = (node: Node | null | undefined, fallback: number) => node?.range?.[0] ?? fallback;
  const def: CodebookDef = { id: "", version: "", description: "", codeBlocks: [...DEFAULT_CODE_BLOCKS], themes: [] };

  for (const e of doc.errors) at(e.pos[0], e.message.split("\n")[0]);
  if (doc.errors.length) return { def, errors };
  const root = doc.contents;
  if (!isMap(root)) {
    at(nodeAt(root as Node, 0), "a codebook is a mapping with id, version and themes");
    return { def, errors };
  }

  // Reads a string field; reports a non-string value.
  const str = (map: YAMLMap, key: string, required: boolean, what: string): string => {
    const v = map.get(key, true) as Node | undefined;
    if (v === undefined || v === null || (isScalar(v) && (v.value === null || v.value === ""))) {
      if (required) at(nodeAt(v ?? (map as Node), 0), `${what}: missing "${key}"`);
      return "";
    }
    if (!isScalar(v) || typeof v.value === "object") {
      at(nodeAt(v, 0), `${what}: "${key}" must be text`);
      return "";
    }
    return String(v.value).trim();
  };
  // Reads a list of strings (a single string is accepted as a one-item list).
  const strList = (map: YAMLMap, key: string, what: string, check?: (s: string) => string | null): string[] => {
    const v = map.get(key, true) as Node | undefined;
    if (v === undefined || v === null) return [];
    const items = isSeq(v) ? (v.items as Node[]) : [v];
    const out: string[] = [];
    for (const item of items) {
      if (!isScalar(item) || item.value === null || typeof item.value === "object") {
        at(nodeAt(item, nodeAt(v, 0)), `${what}: every item of "${key}" must be text`);
        continue;
      }
      const s = String(item.value).trim();
      const problem = check?.(s);
      if (problem) at(nodeAt(item, 0), `${what}: ${key} "${s}": ${problem}`);
      else out.push(s);
    }
    return out;
  };
  const posInt = (map: YAMLMap, key: string, what: string, dflt: number): number => {
    const v = map.get(key, true) as Node | undefined;
    if (v === undefined || v === null) return dflt;
    if (!isScalar(v) || !Number.isInteger(v.value) || (v.value as number) < 1) {
      at(nodeAt(v, 0), `${what}: "${key}" must be a whole number of at least 1`);
      return dflt;
    }
    return v.value as number;
  };
  const nonNegative = (map: YAMLMap, key: string, what: string, dflt: number): number => {
    const v = map.get(key, true) as Node | undefined;
    if (v === undefined || v === null) return dflt;
    if (!isScalar(v) || typeof v.value !== "number" || !(v.value >= 0)) {
      at(nodeAt(v, 0), `${what}: "${key}" must be a number of at least 0`);
      return dflt;
    }
    return v.value;
  };
  const bool = (map: YAMLMap, key: string, what: string): boolean => {
    const v = map.get(key, true) as Node | undefined;
    if (v === undefined || v === null) return false;
    if (!isScalar(v) || typeof v.value !== "boolean") {
      at(nodeAt(v, 0), `${what}: "${key}" must be true or false`);
      return false;
    }
    return v.value;
  };
  const unknownKeys = (map: YAMLMap, allowed: string[], what: string) => {
    for (const pair of map.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(k)) {
        at(nodeAt(pair.key as Node, 0), `${what}: unknown key "${k}" (allowed: ${allowed.join(", ")})`);
      }
    }
  };

  unknownKeys(root, TOP_KEYS, "codebook");
  def.id = str(root, "id", true, "codebook");
  def.version = str(root, "version", true, "codebook");
  def.description = str(root, "description", false, "codebook");
  if (root.has("code_blocks")) {
    def.codeBlocks = strList(root, "code_blocks", "codebook", (s) =>
      BLOCK_KINDS.includes(s as BlockKind) ? null : `not a block kind (${BLOCK_KINDS.join(", ")})`,
    ) as BlockKind[];
  }

  const domain = root.get("domain", true) as Node | undefined;
  if (domain !== undefined && domain !== null) {
    if (!isMap(domain)) at(nodeAt(domain, 0), 'codebook: "domain" must be a mapping with terms (and min_hits, min_per_10k_words)');
    else {
      unknownKeys(domain, DOMAIN_KEYS, "domain");
      const terms = strList(domain, "terms", "domain", checkTerm);
      if (!terms.length && !domain.has("terms")) at(nodeAt(domain, 0), 'domain: needs "terms" (the words that show a document is of the domain)');
      def.domain = {
        terms,
        exclude: strList(domain, "exclude", "domain", checkTerm),
        minHits: nonNegative(domain, "min_hits", "domain", 1),
        minPer10kWords: nonNegative(domain, "min_per_10k_words", "domain", 0),
      };
    }
  }

  const themes = root.get("themes", true) as Node | undefined;
  if (!isSeq(themes) || themes.items.length === 0) {
    at(nodeAt(themes, 0), 'codebook: "themes" must be a list of at least one theme');
    return { def, errors };
  }
  const seen = new Map<string, number>();
  (themes.items as Node[]).forEach((node, i) => {
    if (!isMap(node)) {
      at(nodeAt(node, 0), `theme ${i + 1}: must be a mapping with code, label and rules`);
      return;
    }
    const code = str(node, "code", true, `theme ${i + 1}`);
    const what = code ? `theme ${code}` : `theme ${i + 1}`;
    unknownKeys(node, THEME_KEYS, what);
    if (code && /[\s;,|]/.test(code)) {
      // Codes are joined with ";" in the tables and become column names in the matrix.
      at(nodeAt(node.get("code", true) as Node, 0), `${what}: a code may not contain spaces, ";", "," or "|"`);
    }
    if (code && seen.has(code)) {
      at(nodeAt(node.get("code", true) as Node, 0), `${what}: duplicate code (first used by theme ${seen.get(code)})`);
    } else if (code) seen.set(code, i + 1);
    const theme: ThemeDef = {
      code,
      label: str(node, "label", true, what),
      description: str(node, "description", false, what),
      terms: strList(node, "terms", what, checkTerm),
      exclude: strList(node, "exclude", what, checkTerm),
      regex: strList(node, "regex", what, checkRegex),
      near: [],
      minHits: posInt(node, "min_hits", what, 1),
      general: bool(node, "general", what),
    };
    const near = node.get("near", true) as Node | undefined;
    if (near !== undefined && near !== null) {
      if (!isSeq(near)) at(nodeAt(near, 0), `${what}: "near" must be a list of {words, within}`);
      else {
        for (const rule of near.items as Node[]) {
          if (!isMap(rule)) {
            at(nodeAt(rule, 0), `${what}: each "near" rule is a mapping with words and within`);
            continue;
          }
          unknownKeys(rule, NEAR_KEYS, `${what} near`);
          const words = strList(rule, "words", `${what} near`, checkTerm);
          if (words.length < 2) at(nodeAt(rule, 0), `${what}: a "near" rule needs at least two words`);
          if (!rule.has("within")) at(nodeAt(rule, 0), `${what}: a "near" rule needs "within" (a number of words)`);
          const within = posInt(rule, "within", `${what} near`, 5);
          if (words.length >= 2) theme.near.push({ words, within });
        }
      }
    }
    const wroteRules = ["terms", "regex", "near"].some((k) => node.has(k)); // (bad ones are reported above)
    if (!wroteRules) {
      at(nodeAt(node, 0), `${what}: no rules (give at least one of terms, regex, near)`);
    }
    def.themes.push(theme);
  });
  return { def, errors };
}

function checkRegex(src: string): string | null {
  try {
    compileRegex(src);
    return null;
  } catch (e) {
    return `bad regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, "")})`;
  }
}

/** Reads and validates a codebook file; throws CodebookError listing every problem. */
export function readCodebookDef(path: string): CodebookDef {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CodebookError([`${path}:1:1: cannot read the codebook (${(e as NodeJS.ErrnoException).code ?? e})`]);
  }
  // Every worker thread reads the codebook, and parsing and checking it cost about 0.1 s each
  // time: a valid codebook read before (the same text, checked by the same code) comes from the
  // parsed-YAML cache. An invalid one is checked again here, for its errors, which name the file.
  return cachedIfValid(text, path, checkedCodebookDef, CHECKING_MODULES);
}

/** The codebook the text defines; throws a CodebookError listing its errors (parseCodebook finds them), naming `file`. */
function checkedCodebookDef(text: string, file: string): CodebookDef {
  const { def, errors } = parseCodebook(text, file);
  if (errors.length) throw new CodebookError(errors);
  return def;
}

/** The modules whose code checks a codebook: this one, its term checks and its regex compiler. */
const CHECKING_MODULES = [import.meta.url, moduleBeside(import.meta.url, "terms"), moduleBeside(import.meta.url, "matcher")];
