// The report's relations section: who funds whom (amounts summed per currency,
// with the evidence sentences) and the network of funds, implements and
// partners relations, drawn as inline SVG with the co-mention layout. Every
// document text goes through the escaping `html` tag.
import type { Row } from "../dataset/tables.js";
import { html, shorten, type SafeHtml } from "./escape.js";
import { layoutNetwork } from "./network.js";

export interface RelationSummary {
  docId: string;
  relation: string;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  amount: string;
  currency: string;
  page: number;
  text: string;
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

export function relationSummaries(rows: Row[]): RelationSummary[] {
  return rows.map((r) => ({
    docId: str(r.doc_id), relation: str(r.relation),
    fromId: str(r.from_actor_id), fromName: str(r.from_name), toId: str(r.to_actor_id), toName: str(r.to_name),
    amount: /^\d+$/.test(str(r.amount)) ? str(r.amount) : "", currency: str(r.currency), page: Number(r.page) || 0, text: str(r.text),
  }));
}

/** A party across documents: its actor id, else its name in lower case (projects). */
const partyKey = (id: string, name: string) => id || "p:" + name.toLowerCase();

interface FundingLine {
  from: string;
  to: string;
  relations: number;
  /** currency ("" when none is given) -> summed amount */
  sums: Map<string, bigint>;
  evidence: RelationSummary[];
}

/** Funder -> recipient lines, the largest number of relations first. */
export function fundingLines(relations: RelationSummary[]): FundingLine[] {
  const lines = new Map<string, FundingLine>();
  for (const r of relations) {
    if (r.relation !== "funds") continue;
    const key = `${partyKey(r.fromId, r.fromName)}\u0000${partyKey(r.toId, r.toName)}`;
    const line = lines.get(key) ?? lines.set(key, { from: r.fromName, to: r.toName, relations: 0, sums: new Map(), evidence: [] }).get(key)!;
    line.relations++;
    if (r.amount) line.sums.set(r.currency, (line.sums.get(r.currency) ?? 0n) + BigInt(r.amount));
    line.evidence.push(r);
  }
  return [...lines.values()].sort((a, b) => b.relations - a.relations || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

const formatSum = (currency: string, sum: bigint) => `${sum.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${currency ? " " + currency : " (currency not stated)"}`;

const RELATION_COLOURS: Record<string, string> = { funds: "#2a7f3f", implements: "#2f5fa7", partners: "#999999" };
const MAX_FUNDING_LINES = 60;
const MAX_EVIDENCE = 3;

export function relationsSection(relations: RelationSummary[], docKey: Map<string, string>): SafeHtml {
  if (!relations.length) return html`<section id="relations"><h2>Relations</h2><p class="note">No funds, implements or partners relation was found.</p></section>`;
  const counts = (type: string) => relations.filter((r) => r.relation === type).length;
  const lines = fundingLines(relations);
  const rows = lines.slice(0, MAX_FUNDING_LINES).map((l) => html`<tr>
<td>${l.from}</td><td>${l.to}</td><td class="num">${l.relations}</td>
<td>${[...l.sums].sort((a, b) => a[0].localeCompare(b[0])).map(([c, s]) => html`<div>${formatSum(c, s)}</div>`)}</td>
<td><details><summary>${shorten(l.evidence[0].text, 90)}</summary>${l.evidence.slice(0, MAX_EVIDENCE).map((r) => html`<blockquote>${shorten(r.text, 400)} <span class="src">${docKey.get(r.docId) ?? r.docId}, p. ${r.page}</span></blockquote>`)}</details></td>
</tr>`);
  return html`<section id="relations">
<h2>Relations</h2>
<p>${counts("funds")} funds, ${counts("implements")} implements and ${counts("partners")} partners relations stated in the documents (the <code>relations</code> table has them all, each with its sentence).</p>
<h3>Who funds whom</h3>
${lines.length
    ? html`<table class="funding"><thead><tr><th>Funder</th><th>Recipient</th><th>Statements</th><th>Amounts (summed per currency)</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table>${lines.length > MAX_FUNDING_LINES ? html`<p class="note">The ${MAX_FUNDING_LINES} lines with the most statements of ${lines.length}.</p>` : ""}`
    : html`<p class="note">No funding relation was found.</p>`}
<h3>Network by relation type</h3>
${relationNetwork(relations)}
</section>`;
}

/** The parties linked by relations, laid out like the co-mention network; lines coloured by relation type. */
function relationNetwork(relations: RelationSummary[]): SafeHtml {
  const names = new Map<string, string>();
  const degree = new Map<string, number>();
  const weights = new Map<string, { source: string; target: string; relation: string; weight: number }>();
  for (const r of relations) {
    const a = partyKey(r.fromId, r.fromName), b = partyKey(r.toId, r.toName);
    if (!names.has(a)) names.set(a, r.fromName);
    if (!names.has(b)) names.set(b, r.toName);
    for (const k of [a, b]) degree.set(k, (degree.get(k) ?? 0) + 1);
    const key = `${r.relation}\u0000${a}\u0000${b}`;
    const w = weights.get(key) ?? weights.set(key, { source: a, target: b, relation: r.relation, weight: 0 }).get(key)!;
    w.weight++;
  }
  const parties = [...names].map(([id, name]) => ({ actorId: id, name, acronym: "", type: id.startsWith("p:") ? "project" : "actor", mentions: degree.get(id) ?? 0, documents: 0 }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  const network = layoutNetwork(parties, [...weights.values()], { maxNodes: 40, maxEdges: 120, maxLabels: 16 });
  if (!network.nodes.length) return html`<p class="note">No relation to draw.</p>`;
  const xs = network.nodes.map((n) => n.x), ys = network.nodes.map((n) => n.y);
  const pad = 60;
  const [x0, y0] = [Math.min(...xs) - pad, Math.min(...ys) - pad];
  const [w, h] = [Math.max(...xs) - x0 + pad, Math.max(...ys) - y0 + pad];
  const relationOf = new Map([...weights.values()].map((e) => [`${e.source}\u0000${e.target}`, e.relation]));
  const lines = network.edges.map((e) => {
    const relation = relationOf.get(`${e.source}\u0000${e.target}`) ?? "partners";
    return html`<line x1="${e.x}" y1="${e.y}" x2="${e.x2}" y2="${e.y2}" stroke="${RELATION_COLOURS[relation] ?? "#999"}" stroke-width="${Math.min(6, 1 + e.weight)}"${relation === "partners" ? "" : html` marker-end="url(#arrow-${relation})"`}><title>${e.sourceName} ${relation} ${e.targetName}</title></line>`;
  });
  const nodes = network.nodes.map((n) => html`<g><circle cx="${n.x}" cy="${n.y}" r="${4 + Math.min(10, n.mentions)}" fill="${n.type === "project" ? "#f2c14e" : "#6c8ebf"}"><title>${n.name}</title></circle>${n.label ? html`<text x="${n.x + 8}" y="${n.y + 4}" font-size="11">${n.label}</text>` : ""}</g>`);
  const markers = Object.entries(RELATION_COLOURS).map(([relation, colour]) => html`<marker id="arrow-${relation}" viewBox="0 0 10 10" refX="16" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`);
  return html`<figure class="chart" id="chart-relations"><figcaption>Funds (green), implements (blue, arrows from the actor) and partners (grey) between the ${network.nodes.length} parties with the most relations; blue circles are actors, yellow ones projects, programmes and funds (hover for names)</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}" width="100%" role="img" aria-label="relations network"><defs>${markers}</defs>${lines}${nodes}</svg></figure>`;
}
