// The actor network, for Gephi (GEXF 1.2) and igraph/networkx/yEd (GraphML).
// Nodes are actors (label, type, mentions, documents); edges are the dataset's
// `edges` table: co-mention in a segment and `partners` (symmetric), and
// recommendations `addressed`, `funds` and `implements` from one actor to
// another (directed), with the amounts of the relations table on `funds`.
// With `bipartite`, the graph is actors x themes instead: an edge when a
// segment names the actor and is coded with the theme, weighted by such segments.
//
// A graph that has any directed relation is written as a directed graph whose
// symmetric edges say `directed` = false (source: the first actor in id order):
// networkx refuses a file that mixes directed and undirected edges, and igraph
// has no mixed graphs at all.
import type { Row } from "../dataset/tables.js";
import { readCodebookDef } from "../extract/themes/codebook.js";
import { DEFAULT_CODEBOOK_PATH } from "../extract/themes/index.js";
import type { ExportDataset } from "./dataset.js";
import { attrs, xmlText } from "./xml.js";

export interface GraphOptions {
  bipartite?: boolean;
  /** Codebook for theme labels in the bipartite graph; default codebook when "". */
  codebook?: string;
}

export type NodeAttribute = "part" | "type" | "acronym" | "mentions" | "documents";
export type EdgeAttribute = "relation" | "documents" | "directed" | "amount";

export interface GraphNode {
  id: string;
  label: string;
  part: "actor" | "theme";
  type: string;
  acronym: string;
  mentions: number;
  documents: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  relation: string;
  directed: boolean;
  weight: number;
  documents: number;
  /** funds: the amounts of the relations behind the edge, summed per currency ("2200000 USD; 300000 EUR"), else "". */
  amount: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when some edges are directed and some not (the files are then directed graphs). */
  mixed: boolean;
}

/** Edge relations that have a direction (source acts on target). */
const DIRECTED_RELATIONS = new Set(["addressed", "funds", "implements"]);

export function buildGraph(data: ExportDataset, options: GraphOptions = {}): Graph {
  const actorNodes: GraphNode[] = data.actors.map((a) => ({
    id: String(a.actor_id), label: String(a.name), part: "actor", type: String(a.type), acronym: String(a.acronym ?? ""),
    mentions: Number(a.mentions) || 0, documents: Number(a.documents) || 0,
  }));
  return options.bipartite ? bipartiteGraph(data, actorNodes, options) : actorGraph(data, actorNodes);
}

/** Per funds edge (source and target actor ids): its amounts summed per currency, as "2200000 USD; 300000 EUR". */
function fundedAmounts(relations: Row[]): Map<string, string> {
  const sums = new Map<string, Map<string, bigint>>();
  for (const r of relations) {
    if (r.relation !== "funds" || !r.from_actor_id || !r.to_actor_id || !/^\d+$/.test(String(r.amount ?? ""))) continue;
    const key = `${r.from_actor_id}\u0000${r.to_actor_id}`;
    const perCurrency = sums.get(key) ?? sums.set(key, new Map()).get(key)!;
    const currency = String(r.currency ?? "");
    perCurrency.set(currency, (perCurrency.get(currency) ?? 0n) + BigInt(String(r.amount)));
  }
  return new Map([...sums].map(([k, m]) => [k, [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([c, v]) => (c ? `${v} ${c}` : `${v}`)).join("; ")]));
}

function actorGraph(data: ExportDataset, nodes: GraphNode[]): Graph {
  const known = new Set(nodes.map((n) => n.id));
  const amounts = fundedAmounts(data.relations ?? []);
  const edges = data.edges
    .filter((e) => known.has(String(e.source_id)) && known.has(String(e.target_id)))
    .map((e) => {
      const relation = String(e.relation);
      return {
        id: `${relation}:${e.source_id}:${e.target_id}`, source: String(e.source_id), target: String(e.target_id), relation,
        directed: DIRECTED_RELATIONS.has(relation), weight: Number(e.weight) || 0, documents: Number(e.documents) || 0,
        amount: relation === "funds" ? amounts.get(`${e.source_id}\u0000${e.target_id}`) ?? "" : "",
      };
    });
  const directed = edges.filter((e) => e.directed).length;
  return { nodes, edges, mixed: directed > 0 && directed < edges.length };
}

function bipartiteGraph(data: ExportDataset, actorNodes: GraphNode[], options: GraphOptions): Graph {
  const labels = new Map(readCodebookDef(options.codebook || DEFAULT_CODEBOOK_PATH).themes.map((t) => [t.code, t.label]));
  const themesOfSegment = new Map<string, Set<string>>();
  for (const c of data.codings) {
    const seg = String(c.segment_id);
    (themesOfSegment.get(seg) ?? themesOfSegment.set(seg, new Set()).get(seg)!).add(String(c.theme));
  }
  // actor -> theme -> segments and documents where both occur
  const pairs = new Map<string, { actor: string; theme: string; segments: Set<string>; documents: Set<string> }>();
  for (const m of data.mentions) {
    for (const theme of themesOfSegment.get(String(m.segment_id)) ?? []) {
      const key = `${m.actor_id}\u0000${theme}`;
      const pair = pairs.get(key) ?? pairs.set(key, { actor: String(m.actor_id), theme, segments: new Set(), documents: new Set() }).get(key)!;
      pair.segments.add(String(m.segment_id));
      pair.documents.add(String(m.doc_id));
    }
  }
  const themeStats = themeTotals(data.codings);
  const themeNodes: GraphNode[] = [...themeStats.keys()].sort().map((code) => ({
    id: `theme:${code}`, label: labels.has(code) ? `${code} ${labels.get(code)}` : code, part: "theme", type: "theme", acronym: code,
    mentions: themeStats.get(code)!.segments, documents: themeStats.get(code)!.documents.size,
  }));
  const known = new Set(actorNodes.map((n) => n.id));
  const edges: GraphEdge[] = [...pairs.values()]
    .filter((p) => known.has(p.actor))
    .sort((a, b) => a.actor.localeCompare(b.actor) || a.theme.localeCompare(b.theme))
    .map((p) => ({
      id: `covers:${p.actor}:${p.theme}`, source: p.actor, target: `theme:${p.theme}`, relation: "covers",
      directed: false, weight: p.segments.size, documents: p.documents.size, amount: "",
    }));
  return { nodes: [...actorNodes, ...themeNodes], edges, mixed: false };
}

/** Per theme: coded segments (stored in `mentions` for theme nodes) and documents. */
function themeTotals(codings: Row[]): Map<string, { segments: number; documents: Set<string> }> {
  const totals = new Map<string, { segments: number; documents: Set<string> }>();
  for (const c of codings) {
    const t = totals.get(String(c.theme)) ?? totals.set(String(c.theme), { segments: 0, documents: new Set() }).get(String(c.theme))!;
    t.segments++;
    t.documents.add(String(c.doc_id));
  }
  return totals;
}

const NODE_ATTRIBUTES: Array<{ id: NodeAttribute; type: "string" | "integer"; title: string }> = [
  { id: "part", type: "string", title: "part" },
  { id: "type", type: "string", title: "type" },
  { id: "acronym", type: "string", title: "acronym" },
  { id: "mentions", type: "integer", title: "mentions" },
  { id: "documents", type: "integer", title: "documents" },
];
const EDGE_ATTRIBUTES: Array<{ id: EdgeAttribute; type: "string" | "integer" | "boolean"; title: string }> = [
  { id: "relation", type: "string", title: "relation" },
  { id: "documents", type: "integer", title: "documents" },
  { id: "directed", type: "boolean", title: "directed" },
  { id: "amount", type: "string", title: "amount" },
];

/**
 * GEXF 1.2 (Gephi reads it, and so does networkx, which does not read 1.3).
 * The graph is directed when any edge is (symmetric edges then carry
 * `directed` = false); no edge says a type of its own. Edge `kind` keeps a
 * co-mention and an `addressed` edge between the same pair apart in Gephi.
 */
export function toGexf(graph: Graph, description: string): string {
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">`,
    `  <meta><creator>sectormap</creator><description>${xmlText(description)}</description></meta>`,
    `  <graph${attrs({ defaultedgetype: anyDirected(graph) ? "directed" : "undirected", mode: "static" })}>`,
    `    <attributes class="node">`,
    ...NODE_ATTRIBUTES.map((a) => `      <attribute${attrs({ id: a.id, title: a.title, type: a.type })}/>`),
    `    </attributes>`,
    `    <attributes class="edge">`,
    ...EDGE_ATTRIBUTES.map((a) => `      <attribute${attrs({ id: a.id, title: a.title, type: a.type })}/>`),
    `    </attributes>`,
    `    <nodes>`,
    ...graph.nodes.map((n) =>
      `      <node${attrs({ id: n.id, label: n.label })}><attvalues>${NODE_ATTRIBUTES.map((a) => `<attvalue${attrs({ for: a.id, value: n[a.id] })}/>`).join("")}</attvalues></node>`),
    `    </nodes>`,
    `    <edges>`,
    ...graph.edges.map((e) =>
      `      <edge${attrs({ id: e.id, source: e.source, target: e.target, kind: e.relation, weight: e.weight })}><attvalues>${EDGE_ATTRIBUTES.map((a) => `<attvalue${attrs({ for: a.id, value: e[a.id] })}/>`).join("")}</attvalues></edge>`),
    `    </edges>`,
    `  </graph>`,
    `</gexf>`,
    ``,
  ];
  return lines.join("\n");
}

/**
 * GraphML. Directed when any edge is; the `directed` and `relation` edge
 * attributes tell the symmetric edges apart (no edge overrides the graph's
 * default, which networkx would refuse).
 */
export function toGraphml(graph: Graph, description: string): string {
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`,
    `  <desc>${xmlText(description)}</desc>`,
    `  <key id="label" for="node" attr.name="label" attr.type="string"/>`,
    ...NODE_ATTRIBUTES.map((a) => `  <key${attrs({ id: a.id, for: "node", "attr.name": a.title, "attr.type": graphmlType(a.type) })}/>`),
    `  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>`,
    ...EDGE_ATTRIBUTES.map((a) => `  <key${attrs({ id: `edge_${a.id}`, for: "edge", "attr.name": a.title, "attr.type": graphmlType(a.type) })}/>`),
    `  <graph${attrs({ id: "sectormap", edgedefault: anyDirected(graph) ? "directed" : "undirected" })}>`,
    ...graph.nodes.map((n) =>
      `    <node${attrs({ id: n.id })}><data key="label">${xmlText(n.label)}</data>${NODE_ATTRIBUTES.map((a) => `<data key="${a.id}">${xmlText(n[a.id])}</data>`).join("")}</node>`),
    ...graph.edges.map((e) =>
      `    <edge${attrs({ id: e.id, source: e.source, target: e.target })}><data key="weight">${e.weight}</data>${EDGE_ATTRIBUTES.map((a) => `<data key="edge_${a.id}">${xmlText(String(e[a.id]))}</data>`).join("")}</edge>`),
    `  </graph>`,
    `</graphml>`,
    ``,
  ];
  return lines.join("\n");
}

function anyDirected(graph: Graph): boolean {
  return graph.edges.some((e) => e.directed);
}

function graphmlType(type: "string" | "integer" | "boolean"): string {
  return type === "integer" ? "int" : type;
}
