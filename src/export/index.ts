// `sectormap export`: the dataset in the formats other tools read.
//   qdpx        REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)
//   gexf        actor network for Gephi
//   graphml     actor network for igraph, networkx, yEd, Cytoscape
//   datapackage Frictionless descriptor of the tables (R, Python, frictionless validate)
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { loadDataset } from "./dataset.js";
import { qdpxBytes, type QdpxStats } from "./qdpx.js";
import { buildGraph, toGexf, toGraphml } from "./graph.js";
import { writeDatapackage } from "./datapackage.js";
import { readManifest } from "../dataset/read.js";

import { EXPORT_FORMATS, type ExportFormat } from "./formats.js";
export { EXPORT_FORMATS, type ExportFormat };

export interface ExportOptions {
  /** Network of actors and themes instead of actors only (gexf, graphml). */
  bipartite?: boolean;
  /** Codebook the dataset was coded with ("" = the default one). */
  codebook?: string;
}

export interface ExportResult {
  format: ExportFormat;
  out: string;
  /** One line for the user: what the file holds. */
  summary: string;
  /** Problems worth telling the user that did not stop the export. */
  warnings: string[];
  qdpx?: QdpxStats;
}

/** Where a format goes when --out is not given: inside the dataset folder. */
export function defaultExportPath(dataDir: string, format: ExportFormat): string {
  return format === "datapackage" ? join(dataDir, "datapackage.json") : join(dataDir, `sectormap.${format}`);
}

export async function exportDataset(dataDir: string, format: ExportFormat, out = defaultExportPath(dataDir, format), options: ExportOptions = {}): Promise<ExportResult> {
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const warnings: string[] = [];
  if (format === "datapackage") {
    readManifest(dataDir); // a clear error for a folder that is no dataset
    const descriptor = await writeDatapackage(dataDir, out);
    const resources = (descriptor.resources as unknown[]).length;
    return { format, out, summary: `${resources} tables described`, warnings };
  }
  const data = loadDataset(dataDir);
  const codebook = options.codebook || codebookOfDataset(dataDir, warnings);
  if (format === "qdpx") {
    const { bytes, stats } = qdpxBytes(data, { codebook, projectName: basename(resolve(dataDir)) });
    writeFileSync(out, bytes);
    const skipped = stats.skipped.length ? `; ${stats.skipped.length} documents without text left out` : "";
    return { format, out, qdpx: stats, warnings, summary: `${stats.sources} documents, ${stats.codes} codes, ${stats.selections} selections, ${stats.codings} codings${skipped}` };
  }
  const graph = buildGraph(data, { bipartite: options.bipartite, codebook });
  const description = options.bipartite
    ? "Actors and themes (sectormap): an edge when a segment names the actor and is coded with the theme; weight = such segments."
    : "Actors (sectormap): co_mention edges (weight = segments naming both), addressed edges (weight = recommendations), and funds, implements and partners edges (weight = relations stated; amount = funds summed per currency). Symmetric edges (co_mention, partners) have directed = false.";
  writeFileSync(out, format === "gexf" ? toGexf(graph, description) : toGraphml(graph, description));
  return { format, out, summary: `${graph.nodes.length} nodes, ${graph.edges.length} edges`, warnings };
}

/**
 * The codebook `extract --codebook` used, when the manifest names one and the
 * same file (same SHA-256) is still at that path; "" (the default codebook)
 * otherwise. Theme labels and descriptions then match the codes in the data.
 */
export function codebookOfDataset(dataDir: string, warnings: string[] = []): string {
  const ref = readManifest(dataDir).options?.codebook as { file?: string; sha256?: string } | null | undefined;
  if (!ref?.file) return "";
  const same = existsSync(ref.file) && createHash("sha256").update(readFileSync(ref.file)).digest("hex") === ref.sha256;
  if (!same) warnings.push(`the dataset was coded with codebook ${ref.file}, which is not here as it was: theme labels come from the default codebook (give --codebook FILE)`);
  return same ? ref.file : "";
}
