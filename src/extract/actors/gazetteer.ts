// The gazetteer: known actors (shipped gazetteer.yaml plus user files given with
// --actors), compiled once into a word trie for names and a map for acronyms,
// so matching costs one walk per word of text, never one scan per name.
import { readFileSync } from "node:fs";
import type { Node } from "yaml";
import { dataFile } from "../../paths.js";
import { cachedIfValid, moduleBeside, yamlLibrary } from "../../yaml-cache.js";
import { loadLexicon, type Lexicon } from "./lexicon.js";
import { lowerFilter, type LowerFilter } from "./tokens.js";
import { looksLikeAcronym, nameKey, nameWords, skeletonKey } from "./normalize.js";

export const ACTOR_TYPES = ["state", "local", "igo", "regional", "ngo", "network", "migrant-led", "donor", "research", "private", "media", "process"] as const;

export interface GazetteerEntry {
  /** Stable id: the canonical name's key. */
  id: string;
  name: string;
  acronym: string;
  aliases: string[];
  type: string;
  /** The acronym means other things too: link a bare acronym only when the name is also in the document. */
  ambiguous: boolean;
  /** file:line where the entry is defined (for inspect and error messages). */
  origin: string;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  /** Entry ending here, and whether the match must keep the written case exactly (one-word names). */
  entry?: GazetteerEntry;
  exactCase?: string;
}

export interface Gazetteer {
  entries: GazetteerEntry[];
  trie: TrieNode;
  /** Acronyms and acronym-shaped aliases, case-sensitive. */
  acronyms: Map<string, GazetteerEntry[]>;
  byKey: Map<string, GazetteerEntry>;
  bySkeleton: Map<string, GazetteerEntry>;
  /** Lower-case words the tokenizer keeps: connectors and every word of a gazetteer name. */
  keepLower: LowerFilter;
  lexicon: Lexicon;
}

export class GazetteerError extends Error {}

const FIELDS = new Set(["name", "acronym", "aliases", "type", "ambiguous"]);

interface RawEntry { name?: unknown; acronym?: unknown; aliases?: unknown; type?: unknown; ambiguous?: unknown }

/** Reads one gazetteer file: a YAML list of entries, bare or under `actors:`. Errors name file and line. */
export function readGazetteerFile(path: string): GazetteerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new GazetteerError(`${path}: cannot read actor gazetteer (${(e as Error).message})`);
  }
  // Every worker thread reads the gazetteer: the checked entries of a file read before (the same
  // text, checked by the same code) come from the parsed-YAML cache. A file with an error is
  // checked again here, for the error, which names the file.
  const checked = cachedIfValid(text, path, checkGazetteerText, GAZETTEER_MODULES);
  return checked.map(({ id, name, acronym, aliases, type, ambiguous, line }) => ({ id, name, acronym, aliases, type, ambiguous, origin: `${path}:${line}` }));
}

/** An entry as checked, with the line it starts on (its origin is the file's path and this line). */
type CheckedEntry = Omit<GazetteerEntry, "origin"> & { line: number };

/** The modules whose code checks a gazetteer: this one, the name keys' and their word memo's. */
const GAZETTEER_MODULES = [import.meta.url, moduleBeside(import.meta.url, "normalize"), moduleBeside(import.meta.url, "../../text/own-copy")];

/** The entries of a gazetteer file's text, checked; throws a GazetteerError naming `path` and the line. */
function checkGazetteerText(text: string, path: string): CheckedEntry[] {
  const yaml = gazetteerYaml(text);
  if (yaml.error) throw new GazetteerError(`${path}:${yaml.error.line}: invalid YAML: ${yaml.error.message}`);
  if (!yaml.items) throw new GazetteerError(`${path}:1: expected a list of actors (or a key "actors:" holding one)`);
  const types = new Set<string>(ACTOR_TYPES);
  return yaml.items.map(({ line, value }) => {
    const where = `${path}:${line}`;
    const raw = value as RawEntry;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new GazetteerError(`${where}: an actor must be a mapping with name and type`);
    // An unquoted comma inside a flow mapping silently makes a new key: catch it.
    const unknown = Object.keys(raw).filter((k) => !FIELDS.has(k));
    if (unknown.length) throw new GazetteerError(`${where}: unknown field "${unknown[0]}" (fields: ${[...FIELDS].join(", ")}; quote names that contain a comma)`);
    const name = typeof raw.name === "string" ? raw.name.trim() : "";
    const acronym = raw.acronym == null ? "" : String(raw.acronym).trim();
    if (!name && !acronym) throw new GazetteerError(`${where}: actor without name or acronym`);
    const type = String(raw.type ?? "");
    if (!types.has(type)) throw new GazetteerError(`${where}: unknown type "${type}" (one of ${ACTOR_TYPES.join(", ")})`);
    if (raw.aliases != null && !Array.isArray(raw.aliases)) throw new GazetteerError(`${where}: aliases must be a list`);
    const aliases = ((raw.aliases as unknown[]) ?? []).map((a) => String(a).trim()).filter(Boolean);
    return { id: nameKey(name || acronym), name: name || acronym, acronym, aliases, type, ambiguous: raw.ambiguous === true, line };
  });
}

/** A gazetteer file's YAML as plain data: its list of actors, each with its line, or its first error. */
interface GazetteerYaml {
  items?: Array<{ line: number; value: unknown }>;
  error?: { line: number | "?"; message: string };
}

/** The list of actors in a gazetteer file's text, unchecked, or its first YAML error. */
function gazetteerYaml(text: string): GazetteerYaml {
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    const err = doc.errors[0];
    return { error: { line: err.linePos?.[0]?.line ?? "?", message: err.message.split("\n")[0] } };
  }
  let list: Node | null | undefined = doc.contents as Node | null;
  if (isMap(list)) list = list.get("actors", true) as Node | undefined;
  if (!isSeq(list)) return {};
  return { items: list.items.map((item) => ({ line: lines.linePos((item as Node).range?.[0] ?? 0).line, value: (item as Node & { toJSON(): unknown }).toJSON() })) };
}

/** The shipped gazetteer plus user files (later files override entries with the same name). */
export function loadGazetteer(extraFiles: string[] = []): Gazetteer {
  const byId = new Map<string, GazetteerEntry>();
  for (const file of [dataFile("extract/actors/gazetteer.yaml"), ...extraFiles]) {
    for (const e of readGazetteerFile(file)) byId.set(e.id, e);
  }
  return compileGazetteer([...byId.values()]);
}

export function compileGazetteer(entries: GazetteerEntry[]): Gazetteer {
  const trie: TrieNode = { next: new Map() };
  const acronyms = new Map<string, GazetteerEntry[]>();
  const byKey = new Map<string, GazetteerEntry>();
  const bySkeleton = new Map<string, GazetteerEntry>();
  const addAcronym = (a: string, e: GazetteerEntry) => {
    const list = acronyms.get(a) ?? [];
    if (!list.includes(e)) list.push(e);
    acronyms.set(a, list);
  };
  for (const e of entries) {
    if (e.acronym) addAcronym(e.acronym, e);
    for (const form of [e.name, ...e.aliases]) {
      const single = !/\s/.test(form.trim());
      if (single && looksLikeAcronym(form)) { addAcronym(form, e); continue; }
      const words = nameWords(form);
      if (!words.length) continue;
      let node = trie;
      for (const w of words) {
        let child = node.next.get(w);
        if (!child) node.next.set(w, (child = { next: new Map() }));
        node = child;
      }
      node.entry ??= e;
      if (single) node.exactCase = form.normalize("NFD").replace(/\p{M}+/gu, "");
      byKey.set(nameKey(form), e);
      if (words.length >= 2) bySkeleton.set(skeletonKey(form), e);
    }
  }
  const vocabulary = new Set<string>();
  const collect = (node: TrieNode) => { for (const [w, child] of node.next) { vocabulary.add(w); collect(child); } };
  collect(trie);
  const lexicon = loadLexicon();
  return { entries, trie, acronyms, byKey, bySkeleton, keepLower: lowerFilter([...vocabulary, ...lexicon.connectors]), lexicon };
}
