// The report page: sections of HTML built with the escaping `html` tag, the
// charts' SVG, and the inline stylesheet and script read from files beside
// this module. A Content-Security-Policy allows only that one script (by hash)
// and no fetch of any kind, so even a text that slipped past escaping could
// neither run nor phone home.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dataFile } from "../paths.js";
import { escapeRegExp } from "../regexp.js";
import { html, jsonForScript, shorten, trusted, type SafeHtml } from "./escape.js";
import { cellAnchor, themeName, typeName, TYPE_COLOURS } from "./charts.js";
import type { CodedSegment, DocSummary, RecSummary, ReportModel, ThemeSummary } from "./model.js";
import { relationsSection } from "./relations.js";

export interface PageCharts {
  heatmap: string;
  actorTypes: string;
  topActors: string;
  network: string;
  recsByType: string;
  recsByTheme: string;
}

export interface PageInfo {
  title: string;
  /** Caption facts for the network: how many actors and links are drawn. */
  networkNodes: number;
  networkEdges: number;
  topActors: number;
}

const STRENGTHS = ["obligation", "strong", "advisory", "offer"];

export function renderPage(model: ReportModel, charts: PageCharts, info: PageInfo): string {
  const css = readFileSync(dataFile("report/assets/report.css"), "utf8");
  const script = readFileSync(dataFile("report/assets/report.js"), "utf8");
  const scriptHash = createHash("sha256").update(script).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const docData = model.documents.concat(model.failed).map((d) => ({ key: d.key, doc_id: d.docId, source: d.source, title: d.title, status: d.status }));

  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${model.tool}">
<title>${info.title}</title>
<style>${trusted(css)}</style>
</head>
<body>
<header>
<h1>${info.title}</h1>
<p class="lede">${summaryLine(model)}</p>
<nav><a href="#corpus">Corpus</a> <a href="#themes">Themes</a> <a href="#actors">Actors</a> <a href="#relations">Relations</a> <a href="#recommendations">Recommendations</a></nav>
</header>
<main>
${corpusSection(model)}
${themesSection(model, charts)}
${actorsSection(model, charts, info)}
${relationsSection(model.relations ?? [], new Map(model.documents.map((d) => [d.docId, d.key])))}
${recommendationsSection(model, charts)}
</main>
<footer>Made by ${model.tool} from a dataset written by <code>sectormap extract</code>. Every figure traces back to the dataset's tables (documents, codings, actors, edges, recommendations).</footer>
<script type="application/json" id="report-documents">${trusted(jsonForScript(docData))}</script>
<script>${trusted(script)}</script>
</body>
</html>
`;
  return page.html;
}

function summaryLine(m: ReportModel): SafeHtml {
  const n = (v: number, what: string) => html`<strong>${v.toLocaleString("en")}</strong> ${what}`;
  const parts = [
    n(m.documents.length, m.documents.length === 1 ? "document" : "documents"),
    m.failed.length ? html` (${m.failed.length} could not be read)` : "",
    html` · `, n(m.recommendations.length, "recommendations"),
    m.recommendations.some((r) => r.responses.length) ? html` (${m.recommendations.filter((r) => r.responses.length).length} with a response)` : "",
    html` · `, n(m.actors.length, "actors"),
    html` · `, n(m.codedSegments.length, "theme codings"),
  ];
  return html`${parts}`;
}

function corpusSection(m: ReportModel): SafeHtml {
  const rows = m.documents.map(
    (d) => html`<tr id="doc-${d.key.toLowerCase()}">
<td class="key">${d.key}</td>
<td><div class="doc-title">${shorten(d.title, 140)}</div><div class="source">${d.source}</div>${d.status === "warning" ? html`<div class="warning">⚠ ${d.message}</div>` : ""}</td>
<td>${d.docType}</td><td class="date">${d.date}</td><td>${d.place}</td>
<td class="num">${d.pages}</td><td class="num">${d.recommendations}</td><td class="num">${d.actors}</td></tr>`,
  );
  const failed = m.failed.length
    ? html`<h3>Documents that could not be read</h3>
<table class="failed"><thead><tr><th>Source</th><th>Reason</th></tr></thead><tbody>
${m.failed.map((d) => html`<tr><td class="source">${d.source}</td><td>${d.message}</td></tr>`)}
</tbody></table>`
    : html`<p class="note">Every document was read.</p>`;
  return html`<section id="corpus">
<h2>Corpus</h2>
<table class="documents"><thead><tr><th></th><th>Document</th><th>Type</th><th>Date</th><th>Place</th><th class="num">Pages</th><th class="num">Recs</th><th class="num">Actors</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${failed}
</section>`;
}

function themesSection(m: ReportModel, charts: PageCharts): SafeHtml {
  if (!m.themes.length) return html`<section id="themes"><h2>Themes</h2><p class="note">No segment was coded with a theme.</p></section>`;
  return html`<section id="themes">
<h2>Themes by document</h2>
<p class="note">Share of each document's segments coded with the theme (numbers are percent); themes ordered by how many segments carry them in the whole corpus. Click a cell to read its coded segments, listed below the chart (at most 12 a cell: those with the most evidence).</p>
<figure class="chart" id="chart-heatmap">${trusted(charts.heatmap)}</figure>
<h3>Coded segments</h3>
<div class="coded">
${m.themes.map((t) => themeDetails(t, m))}
</div>
</section>`;
}

function themeDetails(theme: ThemeSummary, m: ReportModel): SafeHtml {
  const mine = m.codedSegments.filter((c) => c.theme === theme.code);
  const docs = m.documents.filter((d) => mine.some((c) => c.docId === d.docId));
  return html`<details id="theme-${theme.code.toLowerCase()}">
<summary><span class="code">${theme.code}</span> ${theme.label} <span class="count">${plural(mine.length, "segment")} in ${plural(docs.length, "document")}</span></summary>
${docs.map((d) => {
    const all = mine.filter((c) => c.docId === d.docId);
    const shown = strongest(all, MAX_SEGMENTS_PER_CELL);
    const more = all.length - shown.length;
    return html`<div class="cell-segments" id="${cellAnchor(theme.code, d.docId)}">
<h4>${d.key} · ${shorten(d.title, 90)} <span class="count">${all.length}</span></h4>
<ol>${shown.map((s) => html`<li><span class="page">p. ${s.page}</span> <q>${quote(s)}</q></li>`)}</ol>
${more > 0 ? html`<p class="note">${plural(more, "more segment")} with the most evidence not shown: all are in <code>codings.csv</code> (theme ${theme.code}, doc_id ${d.docId}).</p>` : ""}
</div>`;
  })}
</details>`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Segments listed under one heatmap cell. The page stays a few MB for a corpus of
 * hundreds of documents; the codings table holds every segment.
 */
const MAX_SEGMENTS_PER_CELL = 12;

/** The `max` segments with the most evidence terms (earlier pages first on a tie), in page order. */
function strongest(segs: CodedSegment[], max: number): CodedSegment[] {
  const chosen = segs.length <= max ? segs : [...segs].sort((a, b) => b.evidence.length - a.evidence.length || a.page - b.page).slice(0, max);
  return [...chosen].sort((a, b) => a.page - b.page);
}

/** The segment text around its evidence (at most 280 characters), evidence terms marked. */
export function quote(seg: Pick<CodedSegment, "text" | "evidence">, max = 280): SafeHtml {
  const text = seg.text.replace(/\s+/g, " ").trim();
  const terms = seg.evidence.filter((t) => t.length > 1).sort((a, b) => b.length - a.length);
  const pattern = terms.length ? new RegExp(`(${terms.map(escapeRegExp).join("|")})`, "gi") : null;
  let window = text;
  let before = "";
  let after = "";
  if (text.length > max) {
    const first = pattern ? text.search(pattern) : -1;
    let from = Math.max(0, Math.min(first - Math.floor(max / 3), text.length - max));
    let to = from + max;
    // Start and end on word boundaries when one is near, so no quote begins "…obal levels".
    const nextSpace = text.indexOf(" ", from);
    if (from > 0 && nextSpace >= 0 && nextSpace - from < 20 && nextSpace < first) from = nextSpace + 1;
    const lastSpace = text.lastIndexOf(" ", to);
    if (to < text.length && lastSpace > to - 20 && lastSpace > first) to = lastSpace;
    window = text.slice(from, to);
    before = from > 0 ? "…" : "";
    after = to < text.length ? "…" : "";
  }
  const pieces = pattern ? window.split(pattern) : [window];
  // split() with one capture group alternates plain text and matches.
  return html`${before}${pieces.map((p, i) => (i % 2 ? html`<mark>${p}</mark>` : p))}${after}`;
}

function actorsSection(m: ReportModel, charts: PageCharts, info: PageInfo): SafeHtml {
  if (!m.actors.length) return html`<section id="actors"><h2>Actors</h2><p class="note">No actor was named.</p></section>`;
  return html`<section id="actors">
<h2>Actors</h2>
<div class="pair">
<figure class="chart" id="chart-actor-types"><figcaption>Actors by type</figcaption>${trusted(charts.actorTypes)}</figure>
<figure class="chart" id="chart-top-actors"><figcaption>The ${info.topActors} most-mentioned actors</figcaption>${trusted(charts.topActors)}</figure>
</div>
${info.networkNodes
    ? html`<figure class="chart" id="chart-network"><figcaption>Who is named with whom: the ${info.networkNodes} most-mentioned actors that share a segment with another actor, and the ${info.networkEdges} strongest co-mentions between them (line width = segments naming both; circle size = mentions; hover for names)</figcaption>${trusted(charts.network)}</figure>`
    : html`<p class="note">No two actors are named in the same segment, so there is no co-mention network to draw.</p>`}
</section>`;
}

function recommendationsSection(m: ReportModel, charts: PageCharts): SafeHtml {
  if (!m.recommendations.length) return html`<section id="recommendations"><h2>Recommendations</h2><p class="note">No recommendation was found.</p></section>`;
  const docByID = new Map(m.documents.map((d) => [d.docId, d]));
  const themeLabel = new Map(m.themes.map((t) => [t.code, t.label]));
  const types = [...new Set(m.recommendations.map((r) => typeName(r.addresseeType)))].sort();
  const themes = m.themes.filter((t) => m.recommendations.some((r) => r.themes.includes(t.code)));
  const docs = m.documents.filter((d) => d.recommendations > 0);
  const strengths = STRENGTHS.filter((s) => m.recommendations.some((r) => r.strength === s));
  return html`<section id="recommendations">
<h2>Recommendations</h2>
<p class="note">Click a bar to list its recommendations in the table below.</p>
<div class="pair">
<figure class="chart" id="chart-recs-type"><figcaption>By addressee type</figcaption>${trusted(charts.recsByType)}</figure>
<figure class="chart" id="chart-recs-theme"><figcaption>By theme</figcaption>${trusted(charts.recsByTheme)}</figure>
</div>
<h3>Every recommendation</h3>
<form class="filters" id="rec-filters" role="search">
<label>Search <input type="search" id="rec-search" placeholder="words in text or addressee"></label>
<label>Addressee type <select id="rec-type"><option value="">all</option>${types.map((t) => html`<option value="${t}">${t}</option>`)}</select></label>
<label>Strength <select id="rec-strength"><option value="">all</option>${strengths.map((s) => html`<option value="${s}">${s}</option>`)}</select></label>
<label>Theme <select id="rec-theme"><option value="">all</option>${themes.map((t) => html`<option value="${t.code}">${themeName(t)}</option>`)}</select></label>
<label>Document <select id="rec-doc"><option value="">all</option>${docs.map((d) => html`<option value="${d.key}">${d.key} ${shorten(d.title, 40)}</option>`)}</select></label>
<output id="rec-count" aria-live="polite">${m.recommendations.length} of ${m.recommendations.length} recommendations</output>
</form>
<table class="recs" id="rec-table"><colgroup><col class="c-text"><col class="c-addressee"><col class="c-strength"><col class="c-themes"><col class="c-src"></colgroup><thead><tr><th>Recommendation</th><th>Addressee</th><th>Strength</th><th>Themes</th><th>Source</th></tr></thead>
<tbody>
${m.recommendations.map((r) => recRow(r, docByID.get(r.docId), themeLabel))}
</tbody></table>
</section>`;
}

/**
 * The responses and key actions that answer a recommendation (management response matrices,
 * action plans, government responses), under its text: status, text, who and by when.
 */
function responsesOf(r: RecSummary): SafeHtml | string {
  if (!r.responses.length) return "";
  const status = r.responses.find((p) => p.status)?.status ?? "";
  const item = (p: RecSummary["responses"][number]) => {
    const facts = [p.responsible ? html`<span class="who">${p.responsible}</span>` : "", p.deadline ? html` <span class="due" title="${p.deadlineIso}">by ${p.deadline}</span>` : ""];
    return html`<li class="response-${p.kind}"><span class="page">p. ${p.page}</span> ${p.kind === "action" ? html`<span class="kind">action</span> ` : ""}${shorten(p.text, 400)}${p.responsible || p.deadline ? html`<div class="action-facts">${facts}</div>` : ""}</li>`;
  };
  return html`<details class="responses"><summary>Response${status ? html`: <span class="status status-${status.replace(/\s+/g, "-")}">${status}</span>` : ""} <span class="count">${plural(r.responses.filter((p) => p.kind === "action").length, "action")}</span></summary>
<ul>${r.responses.map(item)}</ul></details>`;
}

function recRow(r: RecSummary, doc: DocSummary | undefined, themeLabel: Map<string, string>): SafeHtml {
  const type = typeName(r.addresseeType);
  const colour = TYPE_COLOURS[type] ?? "#999999";
  return html`<tr data-type="${type}" data-strength="${r.strength}" data-themes="${r.themes.join(" ")}" data-doc="${doc?.key ?? ""}">
<td class="text">${r.text}${r.kind !== "recommendation" ? html` <span class="kind">${r.kind}</span>` : ""}${responsesOf(r)}</td>
<td>${r.addressee || html`<span class="muted">—</span>`}<div class="type"><span class="swatch" style="background:${colour}"></span>${type}</div></td>
<td>${r.strength}</td>
<td>${r.themes.map((t) => html`<abbr title="${themeLabel.get(t) ?? t}">${t}</abbr> `)}</td>
<td class="src"><span title="${r.source}">${doc?.key ?? r.source}</span> p.&nbsp;${r.page}</td>
</tr>`;
}
