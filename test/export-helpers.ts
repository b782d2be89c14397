// Shared by the export tests: the built CLI, temporary folders, xmllint, and
// small hand-made datasets (JSONL tables with the declared columns).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
export const BIN = join(ROOT, "bin", "sectormap");
export const SEEDS = join(ROOT, "corpora", "seeds");
export const FIXTURES = join(ROOT, "fixtures", "export");
export const QDE_SCHEMA = join(ROOT, "..", "shared", "refi-qda", "Project.xsd");

export function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const tmp = () => mkdtempSync(join(tmpdir(), "sectormap-export-"));

/**
 * Schema validation needs xmllint, a system tool (apt: libxml2-utils; .ci/run installs it),
 * and the REFI-QDA schema in ../shared; without either those tests are skipped, saying why.
 */
const xmllintFound = spawnSync("xmllint", ["--version"]).status === 0;
export const HAS_XMLLINT = xmllintFound && existsSync(QDE_SCHEMA);
if (!xmllintFound) console.warn("xmllint not found: schema validation tests are skipped (apt-get install libxml2-utils)");
else if (!HAS_XMLLINT) console.warn(`${QDE_SCHEMA} is missing: schema validation tests are skipped`);

/** Validates an XML file against an XSD; returns xmllint's complaints ("" when valid). */
export function xmllint(file: string, schema?: string): { ok: boolean; messages: string } {
  const args = ["--noout", ...(schema ? ["--schema", schema] : []), file];
  const r = spawnSync("xmllint", args, { encoding: "utf8" });
  return { ok: r.status === 0, messages: r.stderr };
}

type Row = Record<string, string | number>;

/** A minimal dataset folder: manifest.json and one JSONL file per table given. */
export function writeDataset(tables: Record<string, Row[]>): string {
  const dir = join(tmp(), "data");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "sectormap", version: "test", options: {}, inputs: [], rows: {} }));
  for (const [name, rows] of Object.entries(tables)) {
    writeFileSync(join(dir, `${name}.jsonl`), rows.map((r) => JSON.stringify(r) + "\n").join(""));
  }
  return dir;
}

/**
 * Segments of one document laid out as the text stage lays them out (block
 * texts joined by a blank line), so their offsets are right by construction.
 */
export function segmentsOf(docId: string, texts: string[]): { text: string; segments: Row[] } {
  let text = "";
  const segments = texts.map((t, i) => {
    if (text) text += "\n\n";
    const start = text.length;
    text += t;
    return { segment_id: `${docId}-s${i}`, doc_id: docId, source: `${docId}.txt`, kind: "paragraph", label: "", depth: 0, section: "", page: 1, start, end: text.length, text: t };
  });
  return { text, segments };
}

/** Row offsets of the first occurrence of `needle` in a text (UTF-16, like the dataset's). */
export function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" not in the text`);
  return { start, end: start + needle.length };
}
