// Reading a dataset folder back (for diff, export, report, check): JSONL when
// present (typed values), else CSV (numbers restored from the table declarations).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { TABLES, type Row, type TableName } from "./tables.js";
import { UsageError } from "../ingest/errors.js";

export function hasTable(dir: string, table: TableName): boolean {
  return existsSync(join(dir, `${table}.jsonl`)) || existsSync(join(dir, `${table}.csv`));
}

/** All rows of one table; [] when the dataset lacks it. */
export function readTable(dir: string, table: TableName): Row[] {
  const jsonl = join(dir, `${table}.jsonl`);
  if (existsSync(jsonl)) {
    return readFileSync(jsonl, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
  }
  const csv = join(dir, `${table}.csv`);
  if (!existsSync(csv)) return [];
  const numeric = new Set(TABLES[table].columns.filter((c) => c.type !== "string").map((c) => c.name));
  const records = parse(readFileSync(csv, "utf8"), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => {
    const row: Row = {};
    for (const [k, v] of Object.entries(r)) row[k] = numeric.has(k) ? Number(v) : unneutralise(v);
    return row;
  });
}

/** Undo the spreadsheet formula guard added by the CSV writer ("'=SUM" -> "=SUM"). */
function unneutralise(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export interface Manifest {
  tool: string;
  version: string;
  options: Record<string, unknown>;
  inputs: Array<{ source: string; sha256: string; status: string }>;
  rows: Partial<Record<TableName, number>>;
}

/** The dataset's manifest; a folder without one is not a sectormap dataset. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) throw new UsageError(`${dir} is not a sectormap dataset (no manifest.json); write one with \`sectormap extract PATHS --out ${dir}\``);
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}
