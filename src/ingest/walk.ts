// The folder walker: the paths named on the command line -> the list of files
// to read, in a stable order. Folders are walked recursively; hidden files and
// folders and the output folder are skipped; symbolic links are followed, but
// a folder already visited (a link loop) is never entered twice. Files of an
// unsupported kind are skipped with a notice, not an error: a folder of
// reports usually holds a spreadsheet or two.

import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";

export { UsageError };

export interface InputFile {
  absPath: string;
  /** Path relative to the folder named on the command line, with "/" separators; for a file argument, its base name. */
  source: string;
  /** Lower-case extension with its dot (".pdf"). */
  ext: string;
}

export interface WalkOptions {
  /** Globs matched against `source`; when given, only matching files are read. */
  include?: string[];
  /** Globs matched against `source`; matching files are left out. */
  exclude?: string[];
  /** The output folder, never read as input (it may sit inside the input folder). */
  outDir?: string;
}

export interface WalkResult {
  inputs: InputFile[];
  /** One line per skipped file or folder worth telling the user about. */
  notices: string[];
}

/** Extensions sectormap reads (lower case, with the dot, as path.extname gives them). */
export const SUPPORTED_EXTENSIONS: readonly string[] = [".pdf", ".txt", ".md", ".markdown", ".docx", ".html", ".htm"];
const SUPPORTED = new Set(SUPPORTED_EXTENSIONS);

export async function walkInputs(paths: string[], opts: WalkOptions = {}): Promise<WalkResult> {
  const included = opts.include?.length ? await globMatcher(opts.include) : () => true;
  const excluded = opts.exclude?.length ? await globMatcher(opts.exclude) : () => false;
  const selected = (source: string) => included(source) && !excluded(source);

  const walker = new Walker(selected, opts.outDir ? await realpathOrResolve(opts.outDir) : undefined);
  for (const path of paths) await walker.argument(path);

  const inputs = uniqueSources(walker.found);
  inputs.sort((a, b) => compare(a.source, b.source) || compare(a.absPath, b.absPath));
  return { inputs, notices: walker.notices };
}

/** A file found, with the folder its source is relative to (a file argument's own folder). */
interface Found extends InputFile {
  root: string;
}

/**
 * Two command-line paths can hold the same relative path (a/report.pdf and
 * b/report.pdf), and ids are built from `source`. Such files are told apart by
 * the name of the folder they were found in ("a/report.pdf"), and when those
 * names are the same too, by as many of its parent folders as it takes.
 */
function uniqueSources(found: Found[]): InputFile[] {
  const clashing = new Set(sharingSource(found, found.map((f) => f.source)));
  for (let depth = 1; ; depth++) {
    const sources = found.map((f) => (clashing.has(f) ? `${lastFolders(f.root, depth)}/${f.source}` : f.source));
    const shared = sharingSource(found, sources);
    if (!shared.length) return found.map((f, i) => ({ absPath: f.absPath, source: sources[i], ext: f.ext }));
    // (A prefixed name can meet another file's plain one: that file is prefixed too.)
    shared.forEach((f) => clashing.add(f));
  }
}

function sharingSource(found: Found[], sources: string[]): Found[] {
  const count = new Map<string, number>();
  for (const s of sources) count.set(s, (count.get(s) ?? 0) + 1);
  return found.filter((_, i) => count.get(sources[i])! > 1);
}

/** The last `depth` folder names of an absolute path, "/"-separated ("b", "x/b"); all of them when it has fewer. */
function lastFolders(path: string, depth: number): string {
  const names = path.split(/[\\/]/).filter(Boolean);
  return names.slice(Math.max(0, names.length - depth)).join("/");
}

class Walker {
  found: Found[] = [];
  notices: string[] = [];
  /** Real paths of folders entered and files taken, so loops and duplicate links are visited once. */
  private seenDirs = new Set<string>();
  private seenFiles = new Set<string>();

  constructor(
    private selected: (source: string) => boolean,
    private outDir: string | undefined,
  ) {}

  /** One path from the command line. */
  async argument(path: string): Promise<void> {
    const absPath = resolve(path);
    let info;
    try {
      info = await stat(absPath);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (info.isDirectory()) await this.folder(absPath, "", absPath);
    else if (info.isFile()) this.file(absPath, basename(absPath), await realpathOrResolve(absPath), dirname(absPath));
    else throw new UsageError(`not a file or folder: ${path}`);
  }

  /** A folder, `prefix` being its path relative to the command-line folder `root` ("" or "a/b/"). */
  private async folder(absPath: string, prefix: string, root: string): Promise<void> {
    const real = await realpathOrResolve(absPath);
    if (prefix && real === this.outDir) return; // (output inside the input folder)
    if (this.seenDirs.has(real)) {
      if (prefix) this.notices.push(`skipped ${prefix.slice(0, -1)}: folder already read (symbolic link loop?)`);
      return;
    }
    this.seenDirs.add(real);

    let entries: Dirent[];
    try {
      entries = await readdir(absPath, { withFileTypes: true });
    } catch (err) {
      this.notices.push(`skipped ${prefix || absPath}: cannot read folder (${(err as NodeJS.ErrnoException).code ?? "error"})`);
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      if (isHidden(entry.name)) continue;
      const childPath = join(absPath, entry.name);
      const source = prefix + entry.name;
      // Plain entries need no system call; a link is resolved to what it points at.
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let childReal = join(real, entry.name);
      // (Some file systems report no type at all: ask them too.)
      if (entry.isSymbolicLink() || (!isDir && !isFile)) {
        try {
          const target = await stat(childPath);
          isDir = target.isDirectory();
          isFile = target.isFile();
          childReal = await realpath(childPath);
        } catch {
          this.notices.push(`skipped ${source}: broken link or unreadable`);
          continue;
        }
      }
      if (isDir) await this.folder(childPath, source + "/", root);
      else if (isFile) this.file(childPath, source, childReal, root);
    }
  }

  /** `real` is the file's path with every link resolved, to take each file once. */
  private file(absPath: string, source: string, real: string, root: string): void {
    if (!this.selected(source)) return; // left out by --include/--exclude: no notice
    const ext = extname(source).toLowerCase();
    if (!SUPPORTED.has(ext)) {
      this.notices.push(`skipped ${source}: unsupported format (${ext || "no extension"})`);
      return;
    }
    if (this.seenFiles.has(real)) return; // the same file named twice or reached through a link
    this.seenFiles.add(real);
    this.found.push({ absPath, source, ext, root });
  }
}

/**
 * A glob without a slash matches the base name at any depth ("*.pdf",
 * "draft*"); one with a slash matches the whole source ("2023/**").
 */
async function globMatcher(globs: string[]): Promise<(source: string) => boolean> {
  // Loaded for globs only: every worker thread imports this module (through ingest/index.ts)
  // and never matches a glob.
  const { default: picomatch } = await import("picomatch");
  const baseGlobs = globs.filter((g) => !g.includes("/"));
  const pathGlobs = globs.filter((g) => g.includes("/"));
  const byBase = baseGlobs.length ? picomatch(baseGlobs, { dot: true, basename: true }) : () => false;
  const byPath = pathGlobs.length ? picomatch(pathGlobs, { dot: true }) : () => false;
  return (source) => byBase(source) || byPath(source);
}

/** Dot files and folders (.git, .DS_Store) and Office lock files (~$report.docx). */
function isHidden(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$");
}

/** Plain code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function realpathOrResolve(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}
