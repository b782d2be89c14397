// cachedYaml must never serve a value the reading code would not give now: these are the ways
// an entry could be found under a key that does not hold everything the value depends on, or a
// cache folder that is not ours alone could be used.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { cachedYaml } from "../src/yaml-cache.js";

const unique = () => `# test ${process.pid} ${Date.now()} ${Math.random()}\n`;
const folders: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "sectormap-yaml-safety-"));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A module file as a build made it before this process started (an hour ago). */
function builtModule(dir: string, name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
  return path;
}

describe("the cache key", () => {
  it("holds the version of Node: its regular expressions and Unicode tables shape what is cached", () => {
    const text = unique() + "a: 1\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    cachedYaml(text, read);
    cachedYaml(text, read);
    expect(parses).toBe(1);
    const real = Object.getOwnPropertyDescriptor(process.versions, "node")!;
    Object.defineProperty(process.versions, "node", { ...real, value: "99.0.0" });
    try {
      expect(cachedYaml(text, read)).toEqual({ a: 1 });
      expect(parses).toBe(2);
    } finally {
      Object.defineProperty(process.versions, "node", real);
    }
  });

  it("keeps the modules' sources and the text apart (no text can pass for a module's source)", () => {
    const dir = scratch();
    const module = builtModule(dir, "check.js", "export const x = 1;\n");
    const read = (t: string) => t.length;
    expect(cachedYaml("abc", read, [pathToFileURL(module).href])).toBe(3);
    const lookalike = `${readFileSync(module, "utf8")}\0abc`;
    expect(cachedYaml(lookalike, read, [])).toBe(lookalike.length);
  });
});

describe("a module rebuilt while a process runs", () => {
  it("leaves no entry: the code in memory is not the source on disk any more", () => {
    const dir = scratch();
    const path = join(dir, "check.js");
    writeFileSync(path, "export const rule = 'new';\n"); // rewritten after this process loaded the old code
    const text = unique() + "a: 1\n";
    let loaded = "old"; // what the code this process runs gives
    const read = () => loaded;
    expect(cachedYaml(text, read, [pathToFileURL(path).href])).toBe("old");
    // A later process runs the new code (another URL: its source is read afresh).
    loaded = "new";
    expect(cachedYaml(text, read, [pathToFileURL(path).href + "?later"])).toBe("new");
  });
});

describe("the cache folder", () => {
  const savedTmp = process.env.TMPDIR;
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    vi.resetModules();
  });

  it.skipIf(process.getuid === undefined)("is not used when it is a symbolic link (someone else's, swappable at will)", async () => {
    const root = scratch();
    const target = join(root, "target");
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, join(root, `sectormap-yaml-${process.getuid!()}`));
    process.env.TMPDIR = root;
    vi.resetModules();
    const fresh = await import("../src/yaml-cache.js");
    const text = unique() + "a: 1\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    fresh.cachedYaml(text, read);
    fresh.cachedYaml(text, read);
    expect(parses).toBe(2);
    expect(readdirSync(target)).toEqual([]);
  });
});
