// The Frictionless data package descriptor (datapackage.json) written beside
// the tables: every column's name, type and description, primary keys and the
// foreign keys between tables, so that `frictionless validate`, R's
// `frictionless` package and Python loaders read the dataset with the right
// types and joins. Built from the table declarations in src/dataset/tables.ts.
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { TABLES, type TableName } from "../dataset/tables.js";

export interface DatapackageInput {
  /** Tables present in the dataset. */
  tables: TableName[];
  /** Table formats written ("csv", "jsonl"; others are ignored). CSV is described when present. */
  formats: string[];
  /** CSV written with a byte order mark (--excel): the encoding is then left to detection. */
  excel?: boolean;
  /** Header of themes_matrix.csv when it was written (doc_id, source, one column per theme code). */
  matrixColumns?: string[];
  /** Prefix of every resource path (the dataset folder as seen from the descriptor); "" beside the tables. */
  pathPrefix?: string;
}

interface Field { name: string; type: string; description: string }
interface ForeignKey { fields: string; reference: { resource: string; fields: string } }
interface Resource {
  profile: "tabular-data-resource";
  name: string;
  path: string;
  description: string;
  format: string;
  mediatype: string;
  encoding?: string;
  schema: { fields: Field[]; primaryKey: string[]; foreignKeys?: ForeignKey[]; missingValues: string[] };
}

/**
 * Which column points at which table. Empty cells (an addressee that is no
 * named actor) are missing values, which foreign keys allow.
 */
const REFERENCES: Array<{ column: string; table: TableName; key: string }> = [
  { column: "doc_id", table: "documents", key: "doc_id" },
  { column: "segment_id", table: "segments", key: "segment_id" },
  { column: "rec_id", table: "recommendations", key: "rec_id" },
  { column: "actor_id", table: "actors", key: "actor_id" },
  { column: "addressee_actor_id", table: "actors", key: "actor_id" },
  { column: "source_id", table: "actors", key: "actor_id" },
  { column: "target_id", table: "actors", key: "actor_id" },
];

export function datapackageDescriptor(input: DatapackageInput): Record<string, unknown> {
  const csv = input.formats.includes("csv");
  const format = csv ? "csv" : "jsonl";
  const prefix = input.pathPrefix ? input.pathPrefix.replace(/\/?$/, "/") : "";
  const present = new Set(input.tables);
  const resource = (name: string, description: string, fields: Field[], primaryKey: string[], path: string, fileFormat: string): Resource => {
    const foreignKeys = REFERENCES.filter((r) => fields.some((f) => f.name === r.column) && present.has(r.table) && r.table !== name)
      .map((r) => ({ fields: r.column, reference: { resource: r.table, fields: r.key } }));
    return {
      profile: "tabular-data-resource",
      name,
      path: prefix + path,
      description,
      format: fileFormat,
      mediatype: fileFormat === "csv" ? "text/csv" : "application/x-ndjson",
      // With a byte order mark, readers must detect the encoding ("utf-8" would keep the mark in the first header).
      ...(fileFormat === "csv" && input.excel ? {} : { encoding: "utf-8" }),
      schema: { fields, primaryKey, ...(foreignKeys.length ? { foreignKeys } : {}), missingValues: [""] },
    };
  };

  const resources: Resource[] = (Object.keys(TABLES) as TableName[]).filter((t) => present.has(t)).map((t) => {
    const spec = TABLES[t];
    return resource(t, spec.description, spec.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })), [...spec.primaryKey], `${t}.${format}`, format);
  });
  if (csv && input.matrixColumns?.length) {
    const fields = input.matrixColumns.map((name) =>
      name === "doc_id" ? { name, type: "string", description: "document" }
      : name === "source" ? { name, type: "string", description: "document's source path" }
      : { name, type: "integer", description: `segments coded with theme ${name}` });
    resources.push(resource("themes_matrix", "Document x theme matrix, wide: one column of coded segments per theme code.", fields, ["doc_id"], "themes_matrix.csv", "csv"));
  }

  return {
    profile: "tabular-data-package",
    name: "sectormap-dataset",
    title: "sectormap coded dataset",
    description:
      "Documents, their segments, recommendations, responses and key actions linked to them, actors, actor mentions and relations, and theme codings, written by `sectormap extract`. " +
      "Offsets (start, end) count UTF-16 code units in each document's normalised text, which is its segments joined by a blank line. " +
      "CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) carry a leading apostrophe.",
    resources,
  };
}

/**
 * Describes an existing dataset folder and writes the descriptor to `out`
 * (default: datapackage.json inside the folder); resource paths are written
 * relative to the descriptor.
 */
export async function writeDatapackage(dir: string, out = join(dir, "datapackage.json")): Promise<Record<string, unknown>> {
  const tables = (Object.keys(TABLES) as TableName[]).filter((t) => existsSync(join(dir, `${t}.csv`)) || existsSync(join(dir, `${t}.jsonl`)));
  const csv = tables.length > 0 && tables.every((t) => existsSync(join(dir, `${t}.csv`)));
  const firstCsv = csv ? readFileSync(join(dir, `${tables[0]}.csv`), "utf8") : "";
  const matrixFile = join(dir, "themes_matrix.csv");
  const matrixColumns = csv && existsSync(matrixFile) ? headerOf(readFileSync(matrixFile, "utf8")) : undefined;
  const pathPrefix = relative(dirname(resolve(out)), resolve(dir)).split(sep).join("/");
  const descriptor = datapackageDescriptor({ tables, formats: [csv ? "csv" : "jsonl"], excel: firstCsv.startsWith("\uFEFF"), matrixColumns, pathPrefix });
  await writeFile(out, JSON.stringify(descriptor, null, 2) + "\n");
  return descriptor;
}

/** Column names of a CSV header line (ours never quote them: codes and plain names). */
function headerOf(csvText: string): string[] {
  const first = csvText.replace(/^\uFEFF/, "").split("\n", 1)[0];
  return first.split(",").map((c) => c.replace(/^"|"$/g, "").trim()).filter(Boolean);
}
