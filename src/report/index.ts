// `sectormap report DATA --out report.html`: a dataset folder in, one
// self-contained HTML page out (charts as inline SVG, no network requests).
import { writeFileSync } from "node:fs";
import { loadModel, type ReportModel } from "./model.js";
import { actorTypesSpec, heatmapSpec, networkSpec, recsByThemeSpec, recsByTypeSpec, renderSvg, topActorsSpec } from "./charts.js";
import { layoutNetwork, NETWORK_LIMITS } from "./network.js";
import { renderPage } from "./page.js";

export interface ReportOptions {
  /** Page title; default "Sector map". */
  title?: string;
  /** Bars in the most-mentioned actors chart; default 25. */
  topActors?: number;
}

export const TOP_ACTORS = 25;

/** The report page for a dataset folder written by `sectormap extract`. */
export async function buildReport(dataDir: string, options: ReportOptions = {}): Promise<string> {
  return reportFromModel(loadModel(dataDir), options);
}

export async function reportFromModel(model: ReportModel, options: ReportOptions = {}): Promise<string> {
  const topActors = Math.min(options.topActors ?? TOP_ACTORS, model.actors.length);
  const network = layoutNetwork(model.actors, model.coMentions, NETWORK_LIMITS);
  const draw = async (wanted: boolean, spec: () => Parameters<typeof renderSvg>[0]) => (wanted ? renderSvg(spec()) : "");
  const [heatmap, actorTypes, topActorsSvg, networkSvg, recsByType, recsByTheme] = await Promise.all([
    draw(model.themes.length > 0 && model.documents.length > 0, () => heatmapSpec(model.documents, model.themes, model.cells)),
    draw(model.actors.length > 0, () => actorTypesSpec(model.actors)),
    draw(model.actors.length > 0, () => topActorsSpec(model.actors, topActors)),
    draw(network.nodes.length > 0, () => networkSpec(network)),
    draw(model.recommendations.length > 0, () => recsByTypeSpec(model.recommendations)),
    draw(model.recommendations.some((r) => r.themes.length > 0), () => recsByThemeSpec(model.recommendations, model.themes)),
  ]);
  return renderPage(
    model,
    { heatmap, actorTypes, topActors: topActorsSvg, network: networkSvg, recsByType, recsByTheme },
    { title: options.title ?? "Sector map", networkNodes: network.nodes.length, networkEdges: network.edges.length, topActors },
  );
}

export async function writeReport(dataDir: string, outFile: string, options: ReportOptions = {}): Promise<{ bytes: number }> {
  const page = await buildReport(dataDir, options);
  writeFileSync(outFile, page);
  return { bytes: Buffer.byteLength(page) };
}
