// Relations between named parties (src/extract/relations): each pattern on
// sentences written for the test, amounts in several notations, negatives and
// unnamed recipients; and the actor network files read by networkx and igraph.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findAmounts } from "../src/extract/relations/index.js";
import { loadDataset } from "../src/export/dataset.js";
import { buildGraph, toGexf, toGraphml } from "../src/export/graph.js";
import { relationsOf } from "./relations.helper.js";
import { SEEDS, cli, tmp, writeDataset } from "./export-helpers.js";

describe("amounts", () => {
  const one = (s: string) => findAmounts(s).map((a) => `${a.digits} ${a.currency}`);
  it("normalises notations and currencies to digits and ISO codes", () => {
    expect(one("a grant of $12.5 million")).toEqual(["12500000 "]); // bare $: settled by the document (USD by default)
    expect(one("EUR 3.5m over three years")).toEqual(["3500000 EUR"]);
    expect(one("a budget of USD 4,350,705")).toEqual(["4350705 USD"]);
    expect(one("un budget de 1,2 millions d'euros")).toEqual(["1200000 EUR"]);
    expect(one("CAD 2 billion")).toEqual(["2000000000 CAD"]);
    expect(one("£40k and €1.5bn")).toEqual(["40000 GBP", "1500000000 EUR"]);
    expect(one("US$ 300,000")).toEqual(["300000 USD"]);
    expect(one("1 250 000 euros")).toEqual(["1250000 EUR"]);
  });
  it("takes no count of people or a year for money", () => {
    expect(one("reaching 5 million people by 2024")).toEqual([]);
  });
});

describe("relation patterns", () => {
  it("funded by / implemented by: the project before, the parties after", () => {
    expect(relationsOf("The Safe Return Project, funded by the Aurora Foundation and the Brightwater Trust, is implemented by the Delta Relief Agency.")).toEqual([
      "funds Aurora Foundation -> Safe Return Project",
      "funds Brightwater Trust -> Safe Return Project",
      "implements Delta Relief Agency -> Safe Return Project",
    ]);
  });
  it("with funding from", () => {
    expect(relationsOf("The Coastal Skills Programme is run in ten towns with funding from the European Union.")).toEqual([
      "funds European Union -> Coastal Skills Programme",
    ]);
  });
  it("X-funded", () => {
    expect(relationsOf("Teachers joined the Brightwater Trust-funded Youth Mentoring Initiative last year.")).toEqual([
      "funds Brightwater Trust -> Youth Mentoring Initiative",
    ]);
  });
  it("grant of an amount to a named organisation", () => {
    expect(relationsOf("In 2020 the Aurora Foundation made a grant of $2.2 million to the Migration Research Centre.")).toEqual([
      "funds Aurora Foundation -> Migration Research Centre 2200000 USD",
    ]);
  });
  it("contribution of an amount to a fund", () => {
    expect(relationsOf("The Aurora Foundation announced a contribution of EUR 3.5m to the Harbour Resilience Fund.")).toEqual([
      "funds Aurora Foundation -> Harbour Resilience Fund 3500000 EUR",
    ]);
  });
  it("investing an amount in a fund, but not in a country", () => {
    expect(relationsOf("Norway is investing $12.5 million in the Regional Protection Fund.")).toEqual([
      "funds Norway -> Regional Protection Fund 12500000 USD",
    ]);
    expect(relationsOf("The Aurora Foundation is investing $4 million in Honduras.")).toEqual([]);
  });
  it("pledges and contributions with amounts in other currencies", () => {
    expect(relationsOf("Canada will provide CAD 2 billion to the Global Education Facility.")).toEqual([
      "funds Canada -> Global Education Facility 2000000000 CAD",
    ]);
    expect(relationsOf("The European Union contributed USD 4,350,705 to the Delta Relief Agency.")).toEqual([
      "funds European Union -> Delta Relief Agency 4350705 USD",
    ]);
  });
  it("commits to support (pledges without an amount)", () => {
    expect(relationsOf("The Brightwater Trust is committing to additional support of the Harbour Resilience Fund.")).toEqual([
      "funds Brightwater Trust -> Harbour Resilience Fund",
    ]);
  });
  it("commissioned", () => {
    expect(relationsOf("The Aurora Foundation commissioned the Migration Research Centre to map the sector.")).toEqual([
      "funds Aurora Foundation -> Migration Research Centre",
    ]);
  });
  it("implements a named programme", () => {
    expect(relationsOf("The Delta Relief Agency implements the Safe Harbours Programme in four districts.")).toEqual([
      "implements Delta Relief Agency -> Safe Harbours Programme",
    ]);
  });
  it("in partnership with: each party before with each after, once per pair", () => {
    expect(relationsOf("The Delta Relief Agency, in partnership with the Harbour Council and the Aurora Foundation, trained 300 teachers. The Harbour Council worked with the Delta Relief Agency again in 2021.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Aurora Foundation",
    ]);
  });
  it("jointly with", () => {
    expect(relationsOf("The Harbour Council ran the survey jointly with the Migration Research Centre.")).toEqual([
      "partners Harbour Council -> Migration Research Centre",
    ]);
  });
  it("no relation when the sentence denies it", () => {
    expect(relationsOf("The Aurora Foundation did not fund the Migration Research Centre.")).toEqual([]);
    expect(relationsOf("The Safe Return Project was never funded by the Aurora Foundation.")).toEqual([]);
  });
  it("no relation for grants to unnamed recipients", () => {
    expect(relationsOf("The Aurora Foundation made 40 grants to 22 organizations in the region.")).toEqual([]);
  });
  it("'the project' and 'our' stand for the document's most-named actor, as partner or as the funder that says 'our grant'", () => {
    const text = "The Delta Relief Agency ran the evaluation. The Delta Relief Agency staff agreed. The project worked with the Harbour Council in 2020. Our grant to the Migration Research Centre ended. The project was funded by the Aurora Foundation.";
    expect(relationsOf(text)).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "funds Delta Relief Agency -> Migration Research Centre",
    ]);
  });
  it("an organisation the actors stage missed counts beside a listed one, when its name says it is an organisation", () => {
    // "Grupo Solaris", "Northfield Department", "BlueRiver" and "Tide42" are no listed actors.
    expect(relationsOf("The Delta Relief Agency has partnered with Grupo Solaris to train farmers.")).toEqual([
      "partners Delta Relief Agency -> Grupo Solaris",
    ]);
    expect(relationsOf("The Water Alliance is a partnership among the Harbour Council, BlueRiver (Honduras’ largest bottler) and the Northfield Department.")).toEqual([
      "partners Harbour Council -> BlueRiver",
      "partners Harbour Council -> Northfield Department",
      "partners BlueRiver -> Northfield Department",
    ]);
    expect(relationsOf("Since March 2021, the Harbour Council has worked with Tide42 to map the sector.")).toEqual([
      "partners Harbour Council -> Tide42",
    ]);
  });
  it("an unlisted name stops where a listed party begins", () => {
    expect(relationsOf("The forum was co-hosted by the Northfield Department and the Harbour Council in May.")).toEqual([
      "partners Northfield Department -> Harbour Council",
    ]);
  });
  it("no unlisted party from places, people's titles, months or bare capitalised words", () => {
    expect(relationsOf("The Harbour Council worked with Secretary of Labour Jones in Tegucigalpa.")).toEqual([]);
    expect(relationsOf("The Harbour Council worked with Central America and the Caribbean.")).toEqual([]);
    expect(relationsOf("The Harbour Council worked in partnership with Limited Benefits Today.")).toEqual([]);
    // Two unlisted names alone state nothing.
    expect(relationsOf("Grupo Solaris has partnered with the Northfield Department.")).toEqual([]);
  });
  it("an unlisted spelling of a listed actor is that actor, not its partner", () => {
    expect(relationsOf("In partnership with the Delta Relief Agency, the DRA International Organisation ran the camp.").filter((r) => r.includes("DRA"))).toEqual([]);
  });
  it("a relation needs two named parties", () => {
    expect(relationsOf("The project was funded by donors and implemented by local partners.")).toEqual([]);
  });
});

describe("the relations table of the seeds, through the CLI", () => {
  it("quotes its sentences at their offsets, resolves actor parties to the actors table, and adds typed edges", () => {
    const out = join(tmp(), "data");
    expect(cli(["extract", SEEDS, "--out", out, "--jobs", "2", "--quiet"]).code).toBe(0);
    const jsonl = (t: string) => readFileSync(join(out, `${t}.jsonl`), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const relations = jsonl("relations"), segments = jsonl("segments");
    const actorIds = new Set(jsonl("actors").map((a) => a.actor_id));
    expect(relations.length).toBeGreaterThan(10);
    for (const r of relations) {
      const seg = segments.find((s) => s.segment_id === r.segment_id);
      expect(seg.text.slice(r.start - seg.start, r.end - seg.start)).toBe(r.text);
      expect(["funds", "implements", "partners"]).toContain(r.relation);
      for (const id of [r.from_actor_id, r.to_actor_id]) if (id) expect(actorIds.has(id)).toBe(true);
      expect(r.amount).toMatch(/^\d*$/);
    }
    expect(new Set(relations.map((r) => r.relation_id)).size).toBe(relations.length);
    const typed = jsonl("edges").filter((e) => ["funds", "implements", "partners"].includes(e.relation));
    expect(typed.length).toBeGreaterThan(5);
    for (const e of typed.filter((x) => x.relation === "partners")) expect(e.source_id < e.target_id).toBe(true);
  });
});

// ---------- the network files in Python's graph libraries ----------

/** A python3 with networkx and igraph (Debian: python3-networkx, python3-igraph), or why there is none. */
function pythonWithGraphs(): { python?: string; reason: string } {
  for (const python of [process.env.SECTORMAP_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean) as string[]) {
    const r = spawnSync(python, ["-c", "import networkx, igraph"], { encoding: "utf8" });
    if (r.status === 0) return { python, reason: "" };
  }
  return { reason: "no python3 with networkx and igraph (apt-get install python3-networkx python3-igraph)" };
}
const PY = pythonWithGraphs();

describe("actor network in networkx and igraph", () => {
  it.skipIf(!PY.python)(`GEXF and GraphML open as they are, with relation types and amounts${PY.reason ? ` (skipped: ${PY.reason})` : ""}`, () => {
    const actor = (actor_id: string, name: string) => ({ actor_id, name, acronym: "", type: "ngo", aliases: "", documents: 1, mentions: 2 });
    const dir = writeDataset({
      documents: [{ doc_id: "d1", source: "d1.txt" }],
      segments: [{ segment_id: "d1-s0", doc_id: "d1", source: "d1.txt", kind: "paragraph", start: 0, end: 5, text: "Hello" }],
      actors: [actor("a1", "Aurora & <Co>"), actor("a2", "Delta"), actor("a3", "Harbour")],
      mentions: [],
      edges: [
        { source_id: "a1", target_id: "a2", relation: "co_mention", weight: 3, documents: 1 },
        { source_id: "a1", target_id: "a2", relation: "funds", weight: 2, documents: 1 },
        { source_id: "a2", target_id: "a3", relation: "partners", weight: 1, documents: 1 },
        { source_id: "a3", target_id: "a1", relation: "addressed", weight: 4, documents: 1 },
      ],
      relations: [
        { relation_id: "r1", doc_id: "d1", relation: "funds", from_actor_id: "a1", to_actor_id: "a2", amount: "2200000", currency: "USD" },
        { relation_id: "r2", doc_id: "d1", relation: "funds", from_actor_id: "a1", to_actor_id: "a2", amount: "800000", currency: "USD" },
      ],
      codings: [], recommendations: [], themes: [],
    });
    const graph = buildGraph(loadDataset(dir));
    const out = tmp();
    writeFileSync(join(out, "g.gexf"), toGexf(graph, "test"));
    writeFileSync(join(out, "g.graphml"), toGraphml(graph, "test"));
    const script = `
import json, sys, networkx as nx, igraph as ig
out = {}
for name, g in (("gexf", nx.read_gexf(sys.argv[1] + "/g.gexf")), ("graphml", nx.read_graphml(sys.argv[1] + "/g.graphml"))):
    out[name] = sorted([u, v, d["relation"], bool(d["directed"]), d.get("amount", "")] for u, v, d in g.edges(data=True))
    out[name + "_label"] = g.nodes["a1"]["label"]
i = ig.Graph.Read_GraphML(sys.argv[1] + "/g.graphml")
out["igraph"] = [i.vcount(), i.ecount(), i.is_directed(), sorted(i.es["relation"])]
j = ig.Graph.from_networkx(nx.read_gexf(sys.argv[1] + "/g.gexf"))
out["igraph_gexf"] = [j.vcount(), j.ecount()]
print(json.dumps(out))
`;
    const r = spawnSync(PY.python!, ["-c", script, out], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const got = JSON.parse(r.stdout);
    const edges = [
      ["a1", "a2", "co_mention", false, ""],
      ["a1", "a2", "funds", true, "3000000 USD"],
      ["a2", "a3", "partners", false, ""],
      ["a3", "a1", "addressed", true, ""],
    ];
    expect(got.gexf).toEqual(edges);
    expect(got.graphml).toEqual(edges);
    expect(got.gexf_label).toBe("Aurora & <Co>");
    expect(got.graphml_label).toBe("Aurora & <Co>");
    expect(got.igraph).toEqual([3, 4, true, ["addressed", "co_mention", "funds", "partners"]]);
    expect(got.igraph_gexf).toEqual([3, 4]);
  });
});
