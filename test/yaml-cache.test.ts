// cachedYaml: the same data whether parsed or read back from the cache, a damaged entry
// parsed again, and data that JSON would change never cached.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cachedIfValid, cachedYaml } from "../src/yaml-cache.js";
import { GazetteerError, loadGazetteer } from "../src/extract/actors/index.js";
import { readGazetteerFile } from "../src/extract/actors/gazetteer.js";
import { pathToFileURL } from "node:url";
import { CodebookError, DEFAULT_CODEBOOK_PATH, loadCodebook } from "../src/extract/themes/index.js";
import { compileRules, DEFAULT_RULES_PATH, loadRecommendationRules } from "../src/extract/recommendations/rules.js";
import { compileTerm, compileTerms } from "../src/extract/themes/terms.js";
import { Matcher } from "../src/extract/themes/matcher.js";
import { parseCodebook, readCodebookDef } from "../src/extract/themes/codebook.js";

const cacheDir = join(tmpdir(), `sectormap-yaml-${process.getuid?.() ?? "user"}`);
const unique = () => `# test ${process.pid} ${Date.now()} ${Math.random()}\n`;

/** Runs `test` with a fresh folder of its own, removed afterwards. */
function inTempDir(test: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "sectormap-yaml-test-"));
  try {
    test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("cachedYaml", () => {
  it("gives the parsed data, then the same data from the cache without parsing", () => {
    const text = unique() + "rules:\n  - id: a\n    words: [x, 'y, z']\n  - id: b\n    n: 3\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    expect(cachedYaml(text, read)).toEqual(parse(text));
    expect(cachedYaml(text, read)).toEqual(parse(text));
    expect(parses).toBe(1);
  });

  it("cachedIfValid keeps what a valid text gives, and checks an invalid one every time for its error, naming the file", () => {
    let checks = 0;
    const check = (t: string, source: string) => {
      checks++;
      const data = parse(t) as { n?: unknown };
      if (typeof data.n !== "number") throw new Error(`${source}: n must be a number`);
      return data;
    };
    const good = unique() + "n: 3\n";
    expect(cachedIfValid(good, "good.yaml", check)).toEqual({ n: 3 });
    expect(cachedIfValid(good, "good.yaml", check)).toEqual({ n: 3 });
    expect(checks).toBe(1);
    const bad = unique() + "n: three\n";
    expect(() => cachedIfValid(bad, "first.yaml", check)).toThrow("first.yaml: n must be a number");
    expect(() => cachedIfValid(bad, "second.yaml", check)).toThrow("second.yaml: n must be a number");
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

  it("reads the text again when a module it depends on changes", () => {
    inTempDir((dir) => {
    const module = join(dir, "check.js");
    const url = pathToFileURL(module).href;
    const text = unique() + "a: 1\n";
    let parses = 0;
    const read = (t: string) => (parses++, parse(t));
    // Files as a build made them before this process started (a file written during the run is
    // not trusted to be the code that runs: yaml-cache-safety.test.ts).
    const built = (source: string) => {
      writeFileSync(module, source);
      const anHourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(module, anHourAgo, anHourAgo);
    };
    built("export const version = 1;\n");
    cachedYaml(text, read, [url]);
    cachedYaml(text, read, [url]);
    expect(parses).toBe(1);
    built("export const version = 2;\n");
    // A module's source is read once per thread: a fresh URL for the changed file, as a new build would be.
    expect(cachedYaml(text, read, [url + "?v2"])).toEqual({ a: 1 });
    expect(parses).toBe(2);
    // A module that cannot be read: no cache at all, the text is read every time.
    cachedYaml(text, read, [pathToFileURL(join(dir, "missing.js")).href]);
    cachedYaml(text, read, [pathToFileURL(join(dir, "missing.js")).href]);
    expect(parses).toBe(4);
    });
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
    inTempDir((dir) => {
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
    });
  });
});

describe("gazetteer entries read through the cache", () => {
  it("are the same checked or cached, with their file and line", () => {
    inTempDir((dir) => {
    const path = join(dir, "mine.yaml");
    writeFileSync(path, unique() + "- {name: A Network, type: network, aliases: [The Network]}\n- name: Bee Org\n  acronym: BO\n  type: ngo\n  ambiguous: true\n");
    const expected = [
      { id: expect.any(String), name: "A Network", acronym: "", aliases: ["The Network"], type: "network", ambiguous: false, origin: `${path}:2` },
      { id: expect.any(String), name: "Bee Org", acronym: "BO", aliases: [], type: "ngo", ambiguous: true, origin: `${path}:3` },
    ];
    const first = readGazetteerFile(path);
    expect(first).toEqual(expected);
    expect(readGazetteerFile(path)).toEqual(first);
    // The same text in another file: the cached entries, with that file's name.
    const other = join(dir, "other.yaml");
    writeFileSync(other, readFileSync(path, "utf8"));
    expect(readGazetteerFile(other).map((e) => e.origin)).toEqual([`${other}:2`, `${other}:3`]);
    // A changed file is read again.
    writeFileSync(path, readFileSync(path, "utf8").replace("Bee Org", "Bee Organisation"));
    expect(readGazetteerFile(path)[1].name).toBe("Bee Organisation");
    });
  });

  it("report an entry's error with its file and line, the first time and the next", () => {
    inTempDir((dir) => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, unique() + "- {name: A Network, type: network}\n- {name: Bee Org, type: charity}\n");
    for (let time = 0; time < 2; time++) expect(() => readGazetteerFile(bad)).toThrow(`${bad}:3: unknown type "charity"`);
    });
  });
});

describe("a codebook read through the cache", () => {
  it("is the same definition parsed or cached", () => {
    const expected = parseCodebook(readFileSync(DEFAULT_CODEBOOK_PATH, "utf8"), DEFAULT_CODEBOOK_PATH).def;
    expect(readCodebookDef(DEFAULT_CODEBOOK_PATH)).toEqual(expected);
    expect(readCodebookDef(DEFAULT_CODEBOOK_PATH)).toEqual(expected);
  });

  it("reports every error with its file, the first time and the next", () => {
    inTempDir((dir) => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, unique() + "id: x\nversion: '1'\nthemes:\n  - code: A B\n    label: A\n    terms: [migrant]\n");
    for (let time = 0; time < 2; time++) {
      let error: unknown;
      try {
        readCodebookDef(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CodebookError);
      expect((error as CodebookError).errors).toEqual([expect.stringMatching(new RegExp(`^${bad.replace(/[.\\]/g, "\\$&")}:\\d+:\\d+: theme A B: a code may not contain`))]);
    }
    });
  });
});

describe("recommendation rules read through the cache", () => {
  it("compile to the same rules parsed or cached", () => {
    const expected = compileRules(readFileSync(DEFAULT_RULES_PATH, "utf8"), DEFAULT_RULES_PATH);
    for (let time = 0; time < 2; time++) {
      const rules = loadRecommendationRules(DEFAULT_RULES_PATH);
      expect(rules.triggers).toEqual(expected.triggers);
      expect(rules.scanners).toEqual(expected.scanners);
      expect(rules.maskScanner).toEqual(expected.maskScanner);
      expect(rules).toEqual(expected);
    }
  });

  it("are read again when their file changes", () => {
    inTempDir((dir) => {
    const path = join(dir, "rules.yaml");
    const text = unique() + readFileSync(DEFAULT_RULES_PATH, "utf8");
    writeFileSync(path, text);
    expect(loadRecommendationRules(path).imperative.verbs.has("hasten")).toBe(false);
    writeFileSync(path, text.replace(/\n {2}verbs: \[/, "\n  verbs: [hasten, "));
    expect(loadRecommendationRules(path).imperative.verbs.has("hasten")).toBe(true);
    });
  });

  it("report an error with their file, line and column, the first time and the next", () => {
    inTempDir((dir) => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, unique() + readFileSync(DEFAULT_RULES_PATH, "utf8").replace("'\\bshould\\b'", "'\\bshould(\\b'"));
    const message = new RegExp(`^${bad.replace(/[.\\]/g, "\\$&")}:\\d+:\\d+: bad pattern`);
    expect(() => loadRecommendationRules(bad)).toThrow(message);
    expect(() => loadRecommendationRules(bad)).toThrow(message);
    });
  });
});

describe("codebook terms compiled through the cache", () => {
  it("are the terms compiled one by one, compiled or cached", () => {
    const terms = [`migra${Date.now() % 1000}*`, "detention", "alternatives to detention", "=aid", "IOM | SDG*", "~refugees", "organisations", "d'asile"];
    for (let time = 0; time < 2; time++) {
      const compiled = compileTerms(terms);
      expect([...compiled.keys()]).toEqual(terms);
      for (const term of terms) expect(compiled.get(term)).toEqual(compileTerm(term));
    }
  });

  it("give the codebook the same matcher as compiling each term", () => {
    const def = readCodebookDef(DEFAULT_CODEBOOK_PATH);
    expect(loadCodebook(DEFAULT_CODEBOOK_PATH).matcher).toEqual(new Matcher(def.themes));
  });
});
