// The report's charts as Vega-Lite specs, rendered to static SVG in Node (no
// browser, no canvas, no network). Each builder is a pure function of the
// report model so a test can check the spec; `renderSvg` draws it.
import { compile, type TopLevelSpec } from "vega-lite";
import { parse, View } from "vega";
import type { ActorSummary, DocSummary, HeatCell, RecSummary, ThemeSummary } from "./model.js";
import type { Network } from "./network.js";
import { anchorId, shorten } from "./escape.js";
import { useArialMetrics } from "./text-width.js";

/** One colour per actor type, the same in every chart (Tableau 10 plus four). */
export const TYPE_COLOURS: Record<string, string> = {
  state: "#4e79a7",
  local: "#a0cbe8",
  igo: "#f28e2b",
  regional: "#ffbe7d",
  ngo: "#59a14f",
  network: "#8cd17d",
  "migrant-led": "#b6992d",
  donor: "#e15759",
  research: "#499894",
  private: "#79706e",
  media: "#d37295",
  process: "#b07aa1",
  group: "#bab0ac",
  unspecified: "#dddddd",
};

// Arial's metrics are what text-width.ts measures with; Liberation Sans is Linux's metric twin.
const FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";

const CONFIG = {
  font: FONT,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" as const, labelColor: "#333", titleColor: "#555", domainColor: "#bbb", tickColor: "#bbb", gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" as const, orient: "bottom" as const, columns: 4, symbolType: "circle" },
};

const typeScale = (types: string[]) => {
  const domain = types.filter((t, i) => types.indexOf(t) === i);
  return { domain, range: domain.map((t) => TYPE_COLOURS[t] ?? "#999999") };
};

/** Type names as shown: "" becomes "unspecified". */
export const typeName = (type: string): string => type || "unspecified";

export const themeName = (t: Pick<ThemeSummary, "code" | "label">): string => `${t.code} ${shorten(t.label, 44)}`;

export const cellAnchor = (theme: string, docId: string): string => anchorId("seg", theme, docId);

export function heatmapSpec(docs: DocSummary[], themes: ThemeSummary[], cells: HeatCell[]): TopLevelSpec {
  const docByID = new Map(docs.map((d) => [d.docId, d]));
  const themeByCode = new Map(themes.map((t) => [t.code, t]));
  const showNumbers = docs.length <= 16;
  const values = cells.map((c) => {
    const doc = docByID.get(c.docId)!;
    const theme = themeByCode.get(c.theme)!;
    return {
      doc: doc.key,
      theme: themeName(theme),
      share: c.share,
      segments: c.segments,
      pct: c.segments ? (c.share < 0.005 ? "<1" : `${Math.round(c.share * 100)}`) : "",
      href: c.segments ? `#${cellAnchor(c.theme, c.docId)}` : null,
      description: `${theme.code} ${theme.label} in ${doc.key} ${shorten(doc.title, 60)}: ${Math.round(c.share * 100)}% of segments (${c.segments})`,
    };
  });
  const maxShare = Math.max(0.01, ...cells.map((c) => c.share));
  const rect = {
    mark: { type: "rect" as const, stroke: "white", strokeWidth: 1 },
    encoding: {
      color: {
        // Cells without a coded segment stay grey, so "none" never looks like "a little".
        condition: { test: "datum.segments === 0", value: "#f1f2f4" },
        field: "share", type: "quantitative" as const, title: "share of segments",
        scale: { scheme: { name: "blues", extent: [0.15, 1] }, domain: [0, maxShare] },
        legend: { format: ".0%", orient: "right" as const, gradientLength: 120 },
      },
      // Only coded cells link; without the condition Vega would write href="null" on the others.
      href: { condition: { test: "datum.href", field: "href", type: "nominal" as const } },
      description: { field: "description", type: "nominal" as const },
    },
  };
  const numbers = {
    mark: { type: "text" as const, fontSize: 10, aria: false },
    encoding: {
      text: { field: "pct", type: "nominal" as const },
      color: { condition: { test: `datum.share > ${maxShare * 0.55}`, value: "white" }, value: "#333" },
    },
  };
  return {
    config: CONFIG,
    data: { values },
    // Wide cells while the corpus is small; 900 px at most, however many documents.
    width: Math.min(900, Math.max(200, docs.length * (docs.length <= 8 ? 72 : 40))),
    height: { step: 21 },
    encoding: {
      x: { field: "doc", type: "nominal", sort: docs.map((d) => d.key), title: null, axis: { orient: "top", labelAngle: docs.length > 14 ? -90 : 0 } },
      y: { field: "theme", type: "nominal", sort: themes.map(themeName), title: null, axis: { labelLimit: 320 } },
    },
    layer: showNumbers ? [rect, numbers] : [rect],
  } as TopLevelSpec;
}

/** A horizontal bar chart of counts, one bar per row, in the order given. */
function barSpec(rows: Array<{ label: string; count: number; colourKey?: string; description: string; href?: string }>, opts: { title: string; colours?: boolean; legend?: boolean }): TopLevelSpec {
  const colourKeys = rows.map((r) => r.colourKey ?? "");
  return {
    config: CONFIG,
    data: { values: rows },
    width: 300,
    height: { step: 18 },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 2 },
        encoding: {
          color: opts.colours
            ? { field: "colourKey", type: "nominal", title: "actor type", scale: typeScale(colourKeys), legend: opts.legend ? {} : null }
            : { value: "#4e79a7" },
          description: { field: "description", type: "nominal" },
          href: { condition: { test: "datum.href", field: "href", type: "nominal" } },
        },
      },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 10, color: "#333", aria: false }, encoding: { text: { field: "count", type: "quantitative" } } },
    ],
    encoding: {
      y: { field: "label", type: "nominal", sort: rows.map((r) => r.label), title: null, axis: { labelLimit: 320 } },
      x: { field: "count", type: "quantitative", title: opts.title, axis: { tickMinStep: 1, format: "d" } },
    },
  } as TopLevelSpec;
}

export function actorTypesSpec(actors: ActorSummary[]): TopLevelSpec {
  const counts = tally(actors.map((a) => typeName(a.type)));
  return barSpec(
    counts.map(([type, count]) => ({ label: type, count, colourKey: type, description: `${count} actors of type ${type}` })),
    { title: "actors", colours: true },
  );
}

export const actorLabel = (a: ActorSummary, max = 40): string =>
  a.acronym && a.acronym !== a.name ? `${shorten(a.name, max - a.acronym.length - 3)} (${a.acronym})` : shorten(a.name, max);

export function topActorsSpec(actors: ActorSummary[], limit: number): TopLevelSpec {
  const top = uniqueLabels(actors.slice(0, limit), (a) => actorLabel(a));
  return barSpec(
    top.map(({ item: a, label }) => ({ label, count: a.mentions, colourKey: typeName(a.type), description: `${a.name}: ${a.mentions} mentions in ${a.documents} documents (${typeName(a.type)})` })),
    { title: "mentions", colours: true, legend: true },
  );
}

/** A bar of the recommendation charts links to the table below, filtered ("#filter-type=ngo"); the page script applies it. */
export const filterLink = (filter: "type" | "theme", value: string): string => `#filter-${filter}=${encodeURIComponent(value)}`;

export function recsByTypeSpec(recs: RecSummary[]): TopLevelSpec {
  const counts = tally(recs.map((r) => typeName(r.addresseeType)));
  return barSpec(
    counts.map(([type, count]) => ({ label: type, count, colourKey: type, description: `${count} recommendations addressed to ${type}`, href: filterLink("type", type) })),
    { title: "recommendations", colours: true },
  );
}

export function recsByThemeSpec(recs: RecSummary[], themes: ThemeSummary[]): TopLevelSpec {
  const labels = new Map(themes.map((t) => [t.code, t]));
  const counts = tally(recs.flatMap((r) => r.themes));
  return barSpec(
    counts.map(([code, count]) => {
      const theme = labels.get(code) ?? { code, label: "" };
      return { label: themeName(theme), count, description: `${count} recommendations on ${code} ${theme.label}`, href: filterLink("theme", code) };
    }),
    { title: "recommendations" },
  );
}

export function networkSpec(net: Network): TopLevelSpec {
  const xs = net.nodes.map((n) => n.x);
  const ys = net.nodes.map((n) => n.y);
  const pad = 40;
  const x = { domain: [Math.min(...xs) - pad, Math.max(...xs) + pad] };
  const y = { domain: [Math.min(...ys) - pad, Math.max(...ys) + pad] };
  const width = 680;
  const height = Math.round(Math.min(560, Math.max(320, (width * (y.domain[1]! - y.domain[0]!)) / (x.domain[1]! - x.domain[0]!))));
  const nodes = net.nodes.map((n) => ({ ...n, typeLabel: typeName(n.type), description: `${n.name}: ${n.mentions} mentions (${typeName(n.type)})` }));
  return {
    config: CONFIG,
    width,
    height,
    layer: [
      {
        data: { values: net.edges.map((e) => ({ ...e, description: `${e.sourceName} and ${e.targetName}: named together in ${e.weight} segments` })) },
        mark: { type: "rule", color: "#9aa3ad", opacity: 0.45 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: x, axis: null },
          y: { field: "y", type: "quantitative", scale: y, axis: null },
          x2: { field: "x2" },
          y2: { field: "y2" },
          strokeWidth: { field: "weight", type: "quantitative", scale: { range: [0.6, 4] }, legend: null },
          description: { field: "description", type: "nominal" },
        },
      },
      {
        data: { values: nodes },
        mark: { type: "circle", opacity: 0.95, stroke: "white", strokeWidth: 1 },
        encoding: {
          x: { field: "x", type: "quantitative", scale: x, axis: null },
          y: { field: "y", type: "quantitative", scale: y, axis: null },
          size: { field: "mentions", type: "quantitative", scale: { range: [40, 700] }, legend: null },
          color: { field: "typeLabel", type: "nominal", title: "actor type", scale: typeScale(nodes.map((n) => n.typeLabel)), legend: { orient: "right", columns: 1 } },
          description: { field: "description", type: "nominal" },
        },
      },
      {
        data: { values: nodes.filter((n) => n.label) },
        mark: { type: "text", dy: -11, fontSize: 10, color: "#222", aria: false },
        encoding: {
          x: { field: "x", type: "quantitative", scale: x, axis: null },
          y: { field: "y", type: "quantitative", scale: y, axis: null },
          text: { field: "label", type: "nominal" },
        },
      },
    ],
    resolve: { scale: { x: "shared", y: "shared" } },
  } as TopLevelSpec;
}

/** Draw a Vega-Lite spec as an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useArialMetrics();
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** [value, count] pairs, most frequent first, ties alphabetical. */
export function tally(values: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Nominal axes merge equal labels into one band: make each label unique. */
function uniqueLabels<T>(items: T[], label: (item: T) => string): Array<{ item: T; label: string }> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    let l = label(item);
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    if (n > 1) l = `${l} #${n}`;
    return { item, label: l };
  });
}
