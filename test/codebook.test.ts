// Codebook files: parsing, validation errors with line and column, the shipped
// default, and the `codebook` commands.
import { afterAll, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { parse } from "yaml";
import { CodebookError, DEFAULT_CODEBOOK_PATH, loadCodebook, validateCodebookFile } from "../src/extract/themes/index.js";
import { parseCodebook } from "../src/extract/themes/codebook.js";
import { registerCodebookCommands } from "../src/cli/codebook.js";

const dir = mkdtempSync(join(tmpdir(), "sectormap-codebook-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const p = join(dir, `cb${++n}.yaml`);
  writeFileSync(p, text);
  return p;
}

const GOOD = `id: test
version: "1"
themes:
  - code: A
    label: Alpha
    terms: [alpha]
`;

describe("parseCodebook", () => {
  it("reads a minimal codebook with defaults", () => {
    const { def, errors } = parseCodebook(GOOD, "x.yaml");
    expect(errors).toEqual([]);
    expect(def.id).toBe("test");
    expect(def.themes).toHaveLength(1);
    expect(def.themes[0]).toMatchObject({ code: "A", label: "Alpha", terms: ["alpha"], minHits: 1, near: [], exclude: [] });
    expect(def.codeBlocks).toEqual(["paragraph", "list_item", "table_row"]);
  });

  it("reports an unknown key at its line and column", () => {
    const text = GOOD + "    synonyms: [beta]\n";
    const { errors } = parseCodebook(text, "x.yaml");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^x\.yaml:7:5: theme A: unknown key "synonyms"/);
  });

  it("reports an unknown top-level key", () => {
    const { errors } = parseCodebook("name: x\n" + GOOD, "x.yaml");
    expect(errors[0]).toMatch(/^x\.yaml:1:1: codebook: unknown key "name"/);
  });

  it("reports a bad regular expression where it is written", () => {
    const text = GOOD + "    regex:\n      - 'detention (centre'\n";
    const { errors } = parseCodebook(text, "x.yaml");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^x\.yaml:8:9: theme A: regex "detention \(centre": bad regular expression/);
  });

  it("reports a duplicate code at the second use", () => {
    const text = GOOD + "  - code: A\n    label: Again\n    terms: [again]\n";
    const { errors } = parseCodebook(text, "x.yaml");
    expect(errors).toEqual(['x.yaml:7:11: theme A: duplicate code (first used by theme 1)']);
  });

  it("rejects codes that would break the tables", () => {
    const { errors } = parseCodebook(GOOD.replace("code: A", "code: A;B"), "x.yaml");
    expect(errors).toEqual(['x.yaml:4:11: theme A;B: a code may not contain spaces, ";", "," or "|"']);
  });

  it("reports missing fields and a theme without rules", () => {
    const text = 'id: t\nthemes:\n  - code: B\n    description: no label, no rules\n';
    const { errors } = parseCodebook(text, "x.yaml");
    expect(errors).toContain('x.yaml:1:1: codebook: missing "version"');
    expect(errors.some((e) => /^x\.yaml:3:5: theme B: missing "label"/.test(e))).toBe(true);
    expect(errors.some((e) => /^x\.yaml:3:5: theme B: no rules/.test(e))).toBe(true);
  });

  it("rejects badly written terms, near rules and min_hits", () => {
    const text = GOOD + "    exclude: ['mi*', 'a*b']\n    near:\n      - words: [alpha]\n    min_hits: 0\n";
    const { errors } = parseCodebook(text, "x.yaml");
    expect(errors.some((e) => /:7:15: .*"mi\*" needs at least 3 letters/.test(e))).toBe(true);
    expect(errors.some((e) => /:7:22: .*"\*" goes only at the end of a word/.test(e))).toBe(true);
    expect(errors.some((e) => /:9:9: .*needs at least two words/.test(e))).toBe(true);
    expect(errors.some((e) => /:9:9: .*needs "within"/.test(e))).toBe(true);
    expect(errors.some((e) => /:10:15: .*"min_hits" must be a whole number/.test(e))).toBe(true);
  });

  it("reports YAML syntax errors with their position", () => {
    const { errors } = parseCodebook("id: x\nthemes: [\n  - code: A\n", "x.yaml");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^x\.yaml:\d+:\d+: /);
  });

  it("rejects an unknown block kind in code_blocks", () => {
    const { errors } = parseCodebook("code_blocks: [paragraph, sidebar]\n" + GOOD, "x.yaml");
    expect(errors[0]).toMatch(/^x\.yaml:1:26: codebook: code_blocks "sidebar": not a block kind/);
  });
});

describe("parseCodebook: domain and general themes", () => {
  const DOMAIN = `id: test
version: "1"
domain:
  terms: [migra* | refugee*, ~newcomers]
  exclude: [migratory birds]
  min_hits: 2
  min_per_10k_words: 7.5
themes:
  - code: A
    label: Alpha
    terms: [alpha]
  - code: B
    label: Beta
    general: true
    terms: [beta]
`;
  it("reads the domain and which themes are general", () => {
    const { def, errors } = parseCodebook(DOMAIN, "x.yaml");
    expect(errors).toEqual([]);
    expect(def.domain).toEqual({ terms: ["migra* | refugee*", "~newcomers"], exclude: ["migratory birds"], minHits: 2, minPer10kWords: 7.5 });
    expect(def.themes.map((t) => t.general)).toEqual([false, true]);
    expect(parseCodebook(GOOD, "x.yaml").def.domain).toBeUndefined();
  });

  it("reports a bad domain or general key where it is written", () => {
    expect(parseCodebook(DOMAIN.replace("min_per_10k_words: 7.5", "min_per_10k_words: many"), "x.yaml").errors)
      .toEqual([expect.stringMatching(/^x\.yaml:7:22: domain: "min_per_10k_words" must be a number of at least 0/)]);
    expect(parseCodebook(DOMAIN.replace("  min_hits: 2", "  minimum: 2"), "x.yaml").errors)
      .toEqual([expect.stringMatching(/^x\.yaml:6:3: domain: unknown key "minimum"/)]);
    expect(parseCodebook(DOMAIN.replace("general: true", "general: yes please"), "x.yaml").errors)
      .toEqual([expect.stringMatching(/^x\.yaml:\d+:\d+: theme B: "general" must be true or false/)]);
    expect(parseCodebook(DOMAIN.replace(/domain:[\s\S]*?themes:/, "domain: migration\nthemes:"), "x.yaml").errors)
      .toEqual([expect.stringMatching(/^x\.yaml:3:9: codebook: "domain" must be a mapping/)]);
  });
});

describe("loadCodebook / validateCodebookFile", () => {
  it("throws CodebookError listing every problem with file:line:column", () => {
    const p = file(GOOD + "    colour: red\n  - code: A\n    label: x\n    terms: [y]\n");
    let caught: unknown;
    try {
      loadCodebook(p);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CodebookError);
    const err = caught as CodebookError;
    expect(err.errors).toHaveLength(2);
    expect(err.message).toContain(`${p}:7:5: theme A: unknown key "colour"`);
    expect(err.message).toContain(`${p}:8:11: theme A: duplicate code`);
  });

  it("validates without throwing", () => {
    expect(validateCodebookFile(file(GOOD))).toEqual({ ok: true, errors: [] });
    const bad = validateCodebookFile(file("id: x\nversion: 1\nthemes: []\n"));
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatch(/:3:9: codebook: "themes" must be a list of at least one theme/);
    expect(validateCodebookFile(join(dir, "missing.yaml")).ok).toBe(false);
  });

  it("compiles a file once and returns the same codebook", () => {
    const p = file(GOOD);
    expect(loadCodebook(p)).toBe(loadCodebook(p));
  });
});

describe("the default codebook", () => {
  const cb = loadCodebook();

  it("is valid and uses exactly the codes T01-T30 in order", () => {
    expect(validateCodebookFile(DEFAULT_CODEBOOK_PATH)).toEqual({ ok: true, errors: [] });
    expect(cb.themes.map((t) => t.code)).toEqual(Array.from({ length: 30 }, (_, i) => `T${String(i + 1).padStart(2, "0")}`));
    for (const t of cb.themes) {
      expect(t.description.length, t.code).toBeGreaterThan(20);
      expect(t.terms.length, t.code).toBeGreaterThan(1);
    }
  });

  const shared = join(import.meta.dirname, "../../shared/eval/themes.yaml");
  it.runIf(existsSync(shared))("keeps the labels of the shared theme list", () => {
    const list = parse(readFileSync(shared, "utf8")).themes as Array<{ code: string; label: string }>;
    expect(cb.themes.map((t) => [t.code, t.label])).toEqual(list.map((t) => [t.code, t.label]));
  });
});

describe("codebook commands", () => {
  async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number | undefined }> {
    const program = new Command().exitOverride();
    registerCodebookCommands(program);
    let out = "", err = "";
    const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      await program.parseAsync(["node", "sectormap", ...args]);
      return { out, err, exitCode: process.exitCode };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.exitCode = before;
    }
  }

  it("validate prints each error with line and column and fails", async () => {
    const p = file(GOOD + "    regex: ['(']\n");
    const r = await run("codebook", "validate", p);
    expect(r.exitCode).toBe(1);
    expect(r.err).toContain(`${p}:7:13: theme A: regex "(": bad regular expression`);
  });

  it("validate accepts a good file", async () => {
    const r = await run("codebook", "validate", file(GOOD));
    expect(r.exitCode).toBeUndefined();
    expect(r.err).toMatch(/ok \(test 1, 1 themes\)/);
  });

  it("show lists the themes, as text or JSON", async () => {
    const text = await run("codebook", "show");
    expect(text.out).toMatch(/T13 {2}Immigration detention/);
    const json = JSON.parse((await run("codebook", "show", "--json", "--codebook", file(GOOD))).out);
    expect(json.themes[0]).toMatchObject({ code: "A", label: "Alpha", terms: ["alpha"] });
    expect(json.matcher).toBeUndefined();
    // The default's domain: its summary in text, its definition (not its compiled matcher) in JSON.
    expect(text.out).toMatch(/domain: \d+ terms, at least 1 and 12 per 10,000 words; outside it only the general themes \(T30\)/);
    const def = JSON.parse((await run("codebook", "show", "--json")).out);
    expect(def.domain).toMatchObject({ minHits: 1, minPer10kWords: 12 });
    expect(def.domainMatcher).toBeUndefined();
    expect(def.themes.find((t: { code: string }) => t.code === "T30").general).toBe(true);
  });

  it("init writes a copy of the default and refuses to overwrite", async () => {
    const target = join(dir, "mine.yaml");
    await run("codebook", "init", target);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(DEFAULT_CODEBOOK_PATH, "utf8"));
    writeFileSync(target, "edited");
    await expect(run("codebook", "init", target)).rejects.toThrow(/exists; use --force/);
    await run("codebook", "init", target, "--force");
    expect(readFileSync(target, "utf8")).not.toBe("edited");
  });
});
