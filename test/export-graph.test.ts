// Actor networks: GEXF for Gephi, GraphML for igraph/networkx. Both must be
// well-formed XML and read back by a graph library with the same nodes and
// edges, attributes included.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DOMParser } from "@xmldom/xmldom";
import { MultiGraph as Graph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { loadDataset } from "../src/export/dataset.js";
import { buildGraph, toGexf, toGraphml } from "../src/export/graph.js";
import { FIXTURES, SEEDS, cli, segmentsOf, tmp, writeDataset } from "./export-helpers.js";

/** Parses with a standard XML parser; returns the errors it reports. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const fail = (m: string) => void errors.push(m);
  new DOMParser({ errorHandler: { error: fail, fatalError: fail } }).parseFromString(xml, "text/xml");
  return errors;
}

const doc = segmentsOf("d1", ["IOM & UNHCR <together> with Zoë’s group 😀.", "UNHCR should help the IOM."]);
const dataset = () =>
  writeDataset({
    documents: [{ doc_id: "d1", source: "d1.txt" }],
    segments: doc.segments,
    actors: [
      { actor_id: "a1", name: "UNHCR", acronym: "UNHCR", type: "igo", aliases: "", documents: 1, mentions: 2 },
      { actor_id: "a2", name: "International Organization for Migration", acronym: "IOM", type: "igo", aliases: "", documents: 1, mentions: 2 },
      { actor_id: "a3", name: "Zoë’s group <& friends>", acronym: "", type: "ngo", aliases: "", documents: 1, mentions: 1 },
    ],
    mentions: [
      { mention_id: "m1", actor_id: "a2", doc_id: "d1", segment_id: "d1-s0", start: 0, end: 3 },
      { mention_id: "m2", actor_id: "a1", doc_id: "d1", segment_id: "d1-s0", start: 6, end: 11 },
      { mention_id: "m3", actor_id: "a3", doc_id: "d1", segment_id: "d1-s0", start: 28, end: 40 },
      { mention_id: "m4", actor_id: "a1", doc_id: "d1", segment_id: "d1-s1", start: 46, end: 51 },
    ],
    edges: [
      { source_id: "a1", target_id: "a2", relation: "co_mention", weight: 1, documents: 1 },
      { source_id: "a1", target_id: "a3", relation: "co_mention", weight: 1, documents: 1 },
      { source_id: "a2", target_id: "a3", relation: "co_mention", weight: 1, documents: 1 },
      { source_id: "a1", target_id: "a2", relation: "addressed", weight: 2, documents: 1 },
    ],
    codings: [
      { coding_id: "d1-s0-T01", doc_id: "d1", segment_id: "d1-s0", theme: "T01", start: 0, end: 10 },
      { coding_id: "d1-s0-T07", doc_id: "d1", segment_id: "d1-s0", theme: "T07", start: 0, end: 10 },
      { coding_id: "d1-s1-T07", doc_id: "d1", segment_id: "d1-s1", theme: "T07", start: 0, end: 10 },
    ],
    recommendations: [],
    themes: [],
  });

describe("actor network on a hand-made dataset", () => {
  const data = loadDataset(dataset());
  const graph = buildGraph(data);

  it("has one node per actor and one edge per relation, addressed edges directed", () => {
    expect(graph.nodes.map((n) => n.id)).toEqual(["a1", "a2", "a3"]);
    expect(graph.edges).toHaveLength(4);
    expect(graph.edges.filter((e) => e.directed).map((e) => e.relation)).toEqual(["addressed"]);
    expect(graph.mixed).toBe(true);
  });

  for (const [name, write, parse] of [["GEXF", toGexf, parseGexf], ["GraphML", toGraphml, parseGraphml]] as const) {
    it(`${name}: well-formed, and graphology reads back the same nodes, edges and attributes`, () => {
      const xml = write(graph, "test <&> graph");
      expect(xmlErrors(xml)).toEqual([]);
      const g = parse(Graph, xml);
      expect(g.order).toBe(3);
      expect(g.size).toBe(4);
      // One directed graph (networkx refuses mixed files): symmetric edges say directed = false.
      expect(g.directedSize).toBe(4);
      expect(g.filterEdges((_, a) => a.directed === false).map((e) => g.getEdgeAttribute(e, "relation"))).toEqual(["co_mention", "co_mention", "co_mention"]);
      expect(g.getNodeAttribute("a3", "label")).toBe("Zoë’s group <& friends>");
      expect(g.getNodeAttribute("a1", "type")).toBe("igo");
      expect(g.getNodeAttribute("a1", "mentions")).toBe(2);
      const addressed = g.directedEdges("a1", "a2").filter((e) => g.getEdgeAttribute(e, "relation") === "addressed"); // beside the co-mention edge of the same pair
      expect(addressed).toHaveLength(1);
      expect(g.getEdgeAttribute(addressed[0], "weight")).toBe(2);
      expect(g.getEdgeAttribute(addressed[0], "relation")).toBe("addressed");
    });
  }

  it("bipartite: actors and themes as two node sets, linked by segments where both occur", () => {
    const bi = buildGraph(data, { bipartite: true });
    expect(bi.nodes.filter((n) => n.part === "theme").map((n) => n.id)).toEqual(["theme:T01", "theme:T07"]);
    expect(bi.nodes.find((n) => n.id === "theme:T07")!.label).toMatch(/^T07 \S/);
    const weight = (a: string, t: string) => bi.edges.find((e) => e.source === a && e.target === `theme:${t}`)?.weight;
    expect(weight("a1", "T07")).toBe(2); // UNHCR is named in both segments, both coded T07
    expect(weight("a1", "T01")).toBe(1);
    expect(weight("a3", "T07")).toBe(1);
    expect(bi.edges.every((e) => e.source.startsWith("a") && e.target.startsWith("theme:"))).toBe(true);
    const g = parseGexf(Graph, toGexf(bi, "bipartite"));
    expect([g.order, g.size]).toEqual([bi.nodes.length, bi.edges.length]);
    expect(g.getNodeAttribute("theme:T07", "part")).toBe("theme");
  });
});

describe("actor network of the seeds, through the CLI", () => {
  let data: string;
  let out: string;
  beforeAll(() => {
    out = tmp();
    data = join(out, "data");
    const r = cli(["extract", SEEDS, FIXTURES, "--out", data, "--jobs", "2", "--quiet"]);
    expect(r.code).toBe(0);
  });

  it("writes GEXF and GraphML that graphology reads with the actors and edges of the dataset", () => {
    const actors = loadDataset(data).actors.length;
    const edges = loadDataset(data).edges.length;
    expect(actors).toBeGreaterThan(20);
    expect(edges).toBeGreaterThan(20);
    for (const [to, parse] of [["gexf", parseGexf], ["graphml", parseGraphml]] as const) {
      const file = join(out, `actors.${to}`);
      const r = cli(["export", data, "--to", to, "--out", file]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`${actors} nodes, ${edges} edges`);
      const xml = readFileSync(file, "utf8");
      expect(xmlErrors(xml)).toEqual([]);
      const g = parse(Graph, xml);
      expect([g.order, g.size]).toEqual([actors, edges]);
    }
  });

  it("writes the bipartite actor x theme network with --bipartite", () => {
    const file = join(out, "bi.graphml");
    expect(cli(["export", data, "--to", "graphml", "--bipartite", "--out", file]).code).toBe(0);
    const g = parseGraphml(Graph, readFileSync(file, "utf8"));
    const themes = new Set(loadDataset(data).codings.map((c) => c.theme)).size;
    expect(g.filterNodes((_, a) => a.part === "theme")).toHaveLength(themes);
    g.forEachEdge((_, __, s, t) => expect([g.getNodeAttribute(s, "part"), g.getNodeAttribute(t, "part")]).toEqual(["actor", "theme"]));
  });

  it("refuses --bipartite for qdpx and unknown formats (export --to, extract --format), with exit 2", () => {
    expect(cli(["export", data, "--to", "qdpx", "--bipartite"]).code).toBe(2);
    const r = cli(["export", data, "--to", "xlsx"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("qdpx, gexf, graphml, datapackage");
    expect(cli(["export", out, "--to", "gexf"]).code).toBe(2); // not a dataset
    expect(cli(["export", data, "--to", "gexf", "--bipartite", "--codebook", join(out, "missing.yaml")]).code).toBe(2);
    const bad = cli(["extract", FIXTURES, "--out", join(out, "never"), "--format", "csv,xlsx"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("csv, jsonl, qdpx, gexf, graphml, datapackage");
  });
});
