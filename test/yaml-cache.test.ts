// cachedYaml: the same data whether parsed or read back from the cache, a damaged entry
// parsed again, and data that JSON would change never cached.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cachedYaml } from "../src/yaml-cache.js";
import { GazetteerError, loadGazetteer } from "../src/extract/actors/index.js";

const cacheDir = join(tmpdir(), `sectormap-yaml-${process.getuid?.() ?? "user"}`);
const unique = () => `# test ${process.pid} ${Date.now()} ${Math.random()}\n`;

describe("cachedYaml", () => {
  it("gives the parsed data, then the same data from the cache without parsing", () => {
    const text = unique() + "rules:\n  - id: a\n    words: [x, 'y, z']\n  - id: b\n    n: 3\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    expect(cachedYaml(text, read)).toEqual(parse(text));
    expect(cachedYaml(text, read)).toEqual(parse(text));
    expect(parses).toBe(1);
  });

  it("parses again when an entry is damaged", () => {
    const token = `t${process.pid}-${Date.now()}-${Math.random()}`;
    const text = `a: ${token}\n`;
    cachedYaml(text, parse);
    // The entry holding this test's token (other test files may be writing entries meanwhile).
    const entries = readdirSync(cacheDir).filter((f) => f.endsWith(".json") && readFileSync(join(cacheDir, f), "utf8").includes(token));
    expect(entries.length).toBe(1);
    writeFileSync(join(cacheDir, entries[0]), "{ damaged");
    expect(cachedYaml(text, parse)).toEqual({ a: token });
  });

  it("does not cache what JSON would not give back the same (.inf, .nan)", () => {
    const text = unique() + "big: .inf\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    expect(cachedYaml(text, read)).toEqual({ big: Infinity });
    expect(cachedYaml(text, read)).toEqual({ big: Infinity });
    expect(parses).toBe(2);
  });
});

describe("a gazetteer file read through the cache", () => {
  it("reports its YAML error with the file and line, parsed or cached", () => {
    const dir = mkdtempSync(join(tmpdir(), "sectormap-yaml-test-"));
    try {
      const bad = join(dir, "bad.yaml");
      writeFileSync(bad, unique() + "- {name: A Network, type: network}\n- {name: [unclosed, type: ngo}\n");
      let first = "";
      try {
        loadGazetteer([bad]);
      } catch (e) {
        expect(e).toBeInstanceOf(GazetteerError);
        first = (e as Error).message;
      }
      expect(first).toMatch(new RegExp(`^${bad.replace(/[.\\]/g, "\\$&")}:\\d+: invalid YAML: `));
      expect(() => loadGazetteer([bad])).toThrow(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
