// The report builder without a browser: escaping, the model derived from the
// tables, the force layout, and the page's structure on hostile input.
import { createHash } from "node:crypto";
import { parse, type HTMLElement } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript } from "../src/report/escape.js";
import { buildModel, type Tables } from "../src/report/model.js";
import { layoutNetwork } from "../src/report/network.js";
import { quote } from "../src/report/page.js";
import { reportFromModel } from "../src/report/index.js";
import type { Row } from "../src/dataset/tables.js";

const HOSTILE = `</script><script>window.__pwned=1</script><img src=x onerror="alert(1)"> & javascript:alert(2) </textarea>`;

describe("escaping", () => {
  it("escapes markup characters and quotes in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    expect(html`<p title="${'"onmouseover=alert(1)'}">${"<b>"}</p>`.html).toBe('<p title="&quot;onmouseover=alert(1)">&lt;b&gt;</p>');
  });

  it("writes JSON that cannot close its <script> and parses back unchanged", () => {
    const value = { text: HOSTILE + " \u2028 \u2029 <!-- -->", n: [1, 2] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it("quotes a segment with its evidence marked, escaped, cut around the evidence", () => {
    const q = quote({ text: "Data <b>matter</b>: collect migration data.", evidence: ["migration data"] }).html;
    expect(q).toBe("Data &lt;b&gt;matter&lt;/b&gt;: collect <mark>migration data</mark>.");
    const long = "filler ".repeat(200) + "the border management term " + "tail ".repeat(200);
    const cut = quote({ text: long, evidence: ["border management"] }, 120).html;
    expect(cut).toContain("<mark>border management</mark>");
    expect(cut).toMatch(/^…filler filler /); // whole words at both ends
    expect(cut).toMatch(/ tail tail…$/);
    expect(cut.replace(/<\/?mark>/g, "").length).toBeLessThanOrEqual(122);
  });
});

/** A small dataset: three documents (one failed), four actors, hostile text everywhere. */
function tables(): Tables {
  const doc = (id: string, status: string, title: string, message = ""): Row => ({
    doc_id: id, source: `${id}.pdf`, format: "pdf", sha256: "", bytes: 1, pages: 3, words: 100, language: "en",
    title, doc_type: "evaluation", date: "2023", place: "Dakar", status, message,
  });
  const seg = (id: string, docId: string, text: string): Row => ({ segment_id: id, doc_id: docId, source: `${docId}.pdf`, kind: "paragraph", label: "", depth: 0, section: "", page: 2, start: 0, end: text.length, text });
  const coding = (segId: string, docId: string, theme: string, evidence: string): Row => ({ coding_id: `${segId}-${theme}`, doc_id: docId, source: `${docId}.pdf`, segment_id: segId, theme, evidence, page: 2, start: 0, end: 1 });
  const theme = (docId: string, code: string, label: string, segments: number, share: number): Row => ({ doc_id: docId, source: `${docId}.pdf`, theme: code, label, segments, share, per_10k_words: 0 });
  const actor = (id: string, name: string, type: string, mentions: number): Row => ({ actor_id: id, name, acronym: "", type, aliases: "", documents: 1, mentions });
  const rec = (docId: string, text: string, type: string, themes: string): Row => ({
    rec_id: text.slice(0, 8), doc_id: docId, source: `${docId}.pdf`, segment_id: "s1", kind: "recommendation", text, addressee: `States ${HOSTILE}`,
    addressee_type: type, addressee_actor_id: "", modality: "should", strength: "strong", action: "adopt", section: "", label: "", themes, page: 2, start: 0, end: 1,
  });
  return {
    documents: [doc("d1", "ok", `Report ${HOSTILE}`), doc("d2", "warning", "Second report", "page 3: no text"), doc("d3", "error", "", `corrupt PDF ${HOSTILE}`)],
    segments: [seg("s1", "d1", `Migration data ${HOSTILE} matter.`), seg("s2", "d2", "Border management and migration data.")],
    codings: [coding("s1", "d1", "T01", "migration data"), coding("s2", "d2", "T01", "migration data"), coding("s2", "d2", "T11", "border management")],
    themes: [theme("d1", "T01", `Data ${HOSTILE}`, 1, 0.5), theme("d2", "T01", `Data ${HOSTILE}`, 1, 0.25), theme("d2", "T11", "Border management", 1, 0.25)],
    actors: [actor("a1", `Network ${HOSTILE}`, "network", 9), actor("a2", "IOM", "igo", 5), actor("a3", "UNHCR", "igo", 7), actor("a4", "Lonely NGO", "ngo", 1)],
    mentions: [
      { mention_id: "m1", actor_id: "a1", doc_id: "d1", source: "d1.pdf", segment_id: "s1", surface: "", page: 2, start: 0, end: 1 },
      { mention_id: "m2", actor_id: "a2", doc_id: "d1", source: "d1.pdf", segment_id: "s1", surface: "", page: 2, start: 0, end: 1 },
      { mention_id: "m3", actor_id: "a2", doc_id: "d2", source: "d2.pdf", segment_id: "s2", surface: "", page: 2, start: 0, end: 1 },
    ],
    edges: [
      { source_id: "a1", target_id: "a2", relation: "co_mention", weight: 3, documents: 1 },
      { source_id: "a2", target_id: "a3", relation: "co_mention", weight: 1, documents: 1 },
      { source_id: "a1", target_id: "a3", relation: "addressed", weight: 2, documents: 1 },
    ],
    recommendations: [rec("d1", `Adopt ${HOSTILE} now.`, "state", "T01;T11"), rec("d1", "Fund data.", "", "T01"), rec("d2", "Share data.", "igo", "")],
  };
}

describe("the report model", () => {
  const model = buildModel(tables());

  it("separates failed documents and counts recommendations and actors per document", () => {
    expect(model.documents.map((d) => [d.key, d.recommendations, d.actors])).toEqual([["D1", 2, 2], ["D2", 1, 1]]);
    expect(model.failed.map((d) => [d.key, d.source, d.message])).toEqual([["D3", "d3.pdf", `corrupt PDF ${HOSTILE}`]]);
  });

  it("orders themes by coded segments and gives every read document a heatmap cell per theme", () => {
    expect(model.themes.map((t) => [t.code, t.segments, t.documents])).toEqual([["T01", 2, 2], ["T11", 1, 1]]);
    expect(model.cells).toHaveLength(4);
    expect(model.cells.find((c) => c.docId === "d1" && c.theme === "T11")).toEqual({ docId: "d1", theme: "T11", share: 0, segments: 0 });
  });

  it("keeps only co-mentions for the network and sorts actors most mentioned first", () => {
    expect(model.actors.map((a) => a.actorId)).toEqual(["a1", "a3", "a2", "a4"]);
    expect(model.coMentions).toEqual([{ source: "a1", target: "a2", weight: 3 }, { source: "a2", target: "a3", weight: 1 }]);
  });
});

describe("the network layout", () => {
  const model = buildModel(tables());

  it("draws only actors with a co-mention, within the limits, the same way every time", () => {
    const net = layoutNetwork(model.actors, model.coMentions);
    expect(net.nodes.map((n) => n.id)).toEqual(["a1", "a3", "a2"]);
    expect(net.edges).toHaveLength(2);
    expect(layoutNetwork(model.actors, model.coMentions)).toEqual(net);
    const small = layoutNetwork(model.actors, model.coMentions, { maxNodes: 2, maxEdges: 5, maxLabels: 1 });
    expect(small.nodes.map((n) => [n.id, n.label !== ""])).toEqual([["a1", true], ["a3", false]]);
    expect(small.edges).toHaveLength(0); // a1 and a3 are never named together
  });

  it("spreads the nodes out and puts each edge's ends on its nodes", () => {
    const net = layoutNetwork(model.actors, model.coMentions);
    const distinct = new Set(net.nodes.map((n) => `${n.x},${n.y}`));
    expect(distinct.size).toBe(3);
    const a2 = net.nodes.find((n) => n.id === "a2")!;
    const e = net.edges.find((x) => x.source === "a1")!;
    expect([e.x2, e.y2]).toEqual([a2.x, a2.y]);
  });
});

describe("the page on hostile text", () => {
  let root: HTMLElement;
  let page: string;

  it("builds", async () => {
    page = await reportFromModel(buildModel(tables()), { title: `Map ${HOSTILE}` });
    root = parse(page);
  });

  it("has no script but the data island and its own, and no event handler or outside link", () => {
    const scripts = root.querySelectorAll("script");
    expect(scripts.map((s) => s.getAttribute("type") ?? "")).toEqual(["application/json", ""]);
    for (const el of root.querySelectorAll("*")) {
      for (const [name, value] of Object.entries(el.attributes)) {
        expect(name.toLowerCase().startsWith("on"), `${el.tagName} ${name}`).toBe(false);
        if (/^(href|xlink:href|src)$/i.test(name)) expect(value.startsWith("#"), `${name}=${value}`).toBe(true);
      }
    }
    expect(root.querySelectorAll("img, iframe, object, embed, textarea, link")).toHaveLength(0);
  });

  it("shows the hostile strings as text: title, failed document, quotes, addressees, actor names in the charts", () => {
    expect(root.querySelector("h1")!.text).toBe(`Map ${HOSTILE}`);
    expect(root.querySelector("table.failed")!.text).toContain(`corrupt PDF ${HOSTILE}`);
    expect(root.querySelector(".coded")!.text).toContain(HOSTILE);
    expect(root.querySelector("#rec-table")!.text).toContain(`Adopt ${HOSTILE} now.`);
    const network = root.querySelector("#chart-network svg")!;
    const labels = network.querySelectorAll("[aria-label]").map((e) => e.getAttribute("aria-label"));
    expect(labels.some((l) => l?.includes(`Network ${HOSTILE}`))).toBe(true);
  });

  it("lets the browser run its own script only (CSP by hash) and fetch nothing", () => {
    const csp = root.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
    const script = root.querySelectorAll("script")[1]!.innerHTML;
    const hash = createHash("sha256").update(script).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    const island = JSON.parse(root.querySelector("#report-documents")!.innerHTML);
    expect(island[0].title).toBe(`Report ${HOSTILE}`);
  });

  it("draws one mark per heatmap cell, bar and network node", () => {
    const marks = (id: string, type: string) => root.querySelectorAll(`#${id} svg g.mark-${type}.role-mark path, #${id} svg g.mark-${type}.role-mark line`).length;
    expect(marks("chart-heatmap", "rect")).toBe(4);
    expect(marks("chart-actor-types", "rect")).toBe(3); // network, igo, ngo
    expect(marks("chart-top-actors", "rect")).toBe(4);
    expect(marks("chart-network", "symbol")).toBe(3);
    expect(marks("chart-network", "rule")).toBe(2);
    expect(marks("chart-recs-type", "rect")).toBe(3); // state, igo, unspecified
    expect(marks("chart-recs-theme", "rect")).toBe(2);
  });
});

describe("a heatmap cell with many coded segments", () => {
  it("lists the twelve with the most evidence, in page order, and points to codings.csv for the rest", async () => {
    const t = tables();
    // Twenty segments of d1 coded T01; the even ones carry two evidence terms, the odd ones one.
    for (let i = 0; i < 20; i++) {
      t.segments.push({ ...t.segments[0], segment_id: `x${i}`, page: 20 - i, text: `Segment ${i} on migration data.` });
      t.codings.push({ coding_id: `x${i}-T01`, doc_id: "d1", source: "d1.pdf", segment_id: `x${i}`, theme: "T01", evidence: i % 2 ? "migration data" : "migration data;data", page: 20 - i, start: 0, end: 1 });
    }
    const root = parse(await reportFromModel(buildModel(t), { title: "Many" }));
    const cell = root.querySelectorAll(".cell-segments").find((c) => c.querySelector("h4")!.text.startsWith("D1"))!;
    const items = cell.querySelectorAll("li");
    expect(items).toHaveLength(12);
    const pages = items.map((li) => Number(li.querySelector(".page")!.text.replace("p. ", "")));
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    // The ten two-term segments all made it (pages 2, 4, ... 20).
    for (let page = 2; page <= 20; page += 2) expect(pages).toContain(page);
    expect(cell.querySelector("h4 .count")!.text).toBe("21");
    expect(cell.querySelector(".note")!.text).toMatch(/9 more segments .* codings\.csv \(theme T01, doc_id d1\)/);
  });
});
