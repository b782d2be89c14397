// YAML rule files read as plain data, from a cache on disk when the same text
// was read before. Every worker thread loads the rules again, and the YAML
// library, cold in a fresh thread, took about a quarter of a second to parse
// the gazetteer and the actor and relation rules, each time; JSON.parse of the
// same data takes a millisecond. What is cached is plain data: the parsed YAML,
// or what a loader's checks make of it (a valid codebook, the recommendation
// rules' patterns with their flags, the gazetteer's checked entries, the
// codebook's stemmed terms); building objects from it (regular expressions,
// tries, maps) is the loaders' work on every load. A file with an error is
// never served: its reading gives null, and the loader reads it again for the
// error, which names the file.
//
// An entry is found again only for the very same text, read by the very same
// function (its source code is part of the key) and by the modules its caller
// lists (their source too), with the same version of the YAML library and of
// Node, so it can never be stale; nothing is kept when a listed module was
// rewritten during the run (the code running may not be the source read). Entries
// live in a folder of the user's own (not a symbolic link) under the system's
// temporary folder; any problem with it (not writable, not ours, a damaged entry)
// means the text is simply parsed. An entry is trusted as what it says: only its
// owner can write the folder, as they can write the program itself.
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

type YamlLibrary = typeof import("yaml");
let yamlOfThisThread: YamlLibrary | undefined;
/**
 * The YAML library, loaded on first use: a worker thread whose rules all come from the cache
 * never loads it (about 30 ms of module loading, cold, in each thread). Loaders import nothing
 * but types from "yaml" and call this inside their reading functions.
 */
export function yamlLibrary(): YamlLibrary {
  return (yamlOfThisThread ??= createRequire(import.meta.url)("yaml") as YamlLibrary);
}

/** YAML text as plain data: the reading function of `cachedYaml` for a file that needs no line numbers. */
export function parseYaml(text: string): unknown {
  return yamlLibrary().parse(text);
}

/** Bump when the entries' format changes. */
const FORMAT = 1;

/**
 * `read(text)`, from the cache when this text was read by this function before. `read` must be
 * a pure function of the text that uses nothing but the YAML library (its code is the key, not
 * the code it calls) and the modules listed in `modules` (file URLs: their source is part of the
 * key, so a change to a check they hold reads the text again), and return data that JSON keeps
 * as it is; other data is simply not cached.
 */
export function cachedYaml<T>(text: string, read: (text: string) => T, modules: string[] = []): T {
  return cachedRead(text, read, read.toString(), modules);
}

/**
 * `check(text, source)` for a rules file's text, the valid ones from the cache: `check` reads and
 * checks the text, and throws an error naming `source` (the file) when it is invalid. What it
 * gives for a valid text is kept (it is made with source "", so it must not depend on it); an
 * invalid text is checked again every time, with its file, for that error. Its code is part of
 * the key, as `read`'s is for cachedYaml, with the same rules.
 */
export function cachedIfValid<T>(text: string, source: string, check: (text: string, source: string) => T, modules: string[] = []): T {
  const valid = (t: string): T | null => {
    try {
      return check(t, "");
    } catch {
      return null;
    }
  };
  return cachedRead(text, valid, check.toString(), modules) ?? check(text, source);
}

/** cachedYaml's work, with the code of the reading function (`readCode`) given apart from it. */
function cachedRead<T>(text: string, read: (text: string) => T, readCode: string, modules: string[]): T {
  const dir = cacheDir();
  if (!dir) return read(text);
  const key = cacheKey(text, readCode, modules);
  if (!key) return read(text);
  const path = join(dir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    // not cached yet, or a damaged entry: read the text, and keep the result
  }
  const value = read(text);
  try {
    if (changedSinceStart(import.meta.url) || modules.some(changedSinceStart)) return value;
    const json = JSON.stringify(value);
    if (json !== undefined && isDeepStrictEqual(JSON.parse(json), value)) {
      const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
      writeFileSync(temporary, json, { mode: 0o600 });
      renameSync(temporary, path); // never half an entry, even with several threads writing it
    }
  } catch {
    // the cache only saves time
  }
  return value;
}

/**
 * The URL of module `name` in the folder of the module at `url` (pass import.meta.url): compiled
 * (.js), or, when running from the sources (tests), not (.ts); for `cachedYaml`'s `modules`.
 */
export function moduleBeside(url: string, name: string): string {
  return new URL(`./${name}${url.endsWith(".ts") ? ".ts" : ".js"}`, url).href;
}

/**
 * Whether a module's file was written after this process started: a build during a run. The
 * code this thread runs may then be the old one while the key holds the new source, so what it
 * reads is not kept (under the new source's key it would be served to the new code). A second of
 * margin for file systems that keep coarse times.
 */
function changedSinceStart(url: string): boolean {
  return statSync(fileURLToPath(url)).mtimeMs >= performance.timeOrigin - 1000;
}

let dirOfThisThread: string | null | undefined;
/** The cache folder, made if need be; null when it cannot be used safely. */
function cacheDir(): string | null {
  if (dirOfThisThread !== undefined) return dirOfThisThread;
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `sectormap-yaml-${uid ?? "user"}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Another user's folder (made first, under the shared temporary folder) could hold entries
    // they wrote: a folder that is not ours alone is not used. Nor is a symbolic link (lstat): its
    // owner, anyone, can point it at a folder of theirs once it has been checked.
    const stat = lstatSync(dir);
    dirOfThisThread = uid === undefined || (stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0) ? dir : null;
  } catch {
    dirOfThisThread = null;
  }
  return dirOfThisThread;
}

/**
 * The entry's name: a hash of everything the value depends on; null when a module cannot be read.
 * Node's version is part of it (which patterns compile, the Unicode tables of \p{...}, case
 * mapping and normalisation), and every part goes in with its length, so that no text can pass
 * for a module's source.
 */
function cacheKey(text: string, readCode: string, modules: string[]): string | null {
  const { node, v8, unicode } = process.versions;
  const parts = [String(FORMAT), yamlVersion(), `${node} ${v8} ${unicode ?? ""}`, readCode];
  try {
    // this module's own source too: the YAML library is loaded here (yamlLibrary)
    for (const url of [import.meta.url, ...modules]) parts.push(sourceOf(url));
  } catch {
    return null;
  }
  parts.push(text);
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** A module's source text, read once per thread. */
const sources = new Map<string, string>();
function sourceOf(url: string): string {
  let source = sources.get(url);
  if (source === undefined) sources.set(url, (source = readFileSync(fileURLToPath(url), "utf8")));
  return source;
}

let version: string | undefined;
function yamlVersion(): string {
  return (version ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve("yaml/package.json"), "utf8")).version as string);
}
