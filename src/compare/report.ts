// Comparison results as reports: titled sections of tables that the renderers
// (render.ts) turn into a terminal table, Markdown or CSV. JSON output skips
// this layer and prints the results themselves.
import type { GroupDiff, CountContrast } from "./groups.js";
import type { RecChange, VersionDiff } from "./versions.js";
import type { Cluster } from "./recurrences.js";
import { wordChanges } from "./worddiff.js";

/**
 * How a column's values are shown: text (shortened to fit the terminal),
 * count, share (a fraction shown as a percentage), change (a signed fraction
 * shown in percentage points, coloured), number, p (a p-value).
 */
export type ColumnFormat = "text" | "count" | "share" | "change" | "number" | "p";

export interface ReportColumn {
  name: string;
  format: ColumnFormat;
}

export interface Section {
  title: string;
  columns: ReportColumn[];
  rows: Array<Array<string | number>>;
  /** Shown instead of an empty table. */
  empty: string;
}

export interface Report {
  title: string;
  /** Lines printed under the title. */
  summary: string[];
  sections: Section[];
}

const c = (name: string, format: ColumnFormat = "text"): ReportColumn => ({ name, format });

export function groupReport(d: GroupDiff): Report {
  const side = (s: GroupDiff["a"]) => `${s.label}: ${plural(s.documents, "document")}, ${plural(s.segments, "segment")} read for themes, ${plural(s.recommendations, "recommendation")}`;
  const actorColumns = [c("actor"), c("type"), c("documents", "count"), c("mentions", "count")];
  const countSection = (title: string, rows: CountContrast[]): Section => ({
    title,
    columns: [c("value"), c("A", "count"), c("A share", "share"), c("B", "count"), c("B share", "share"), c("difference", "change")],
    rows: rows.map((r) => [r.value, r.a_count, r.a_share, r.b_count, r.b_share, r.a_share - r.b_share]),
    empty: "no recommendations in either group",
  });
  return {
    title: `Comparing documents by ${d.by}`,
    summary: [`A = ${side(d.a)}`, `B = ${side(d.b)}`],
    sections: [
      {
        title: "Themes (share of segments coded; largest difference first)",
        columns: [c("theme"), c("label"), c("A", "count"), c("A share", "share"), c("B", "count"), c("B share", "share"), c("difference", "change"), c("log2 ratio", "number"), c("G2", "number"), c("p", "p")],
        rows: d.themes.map((t) => [t.theme, t.label, t.a_segments, t.a_share, t.b_segments, t.b_share, t.difference, t.log_ratio, t.g2, t.p]),
        empty: "no theme codings",
      },
      { title: "Actors named only in B (gained)", columns: actorColumns, rows: d.actorsGained.map((a) => [a.name, a.type, a.documents, a.mentions]), empty: "none" },
      { title: "Actors named only in A (lost)", columns: actorColumns, rows: d.actorsLost.map((a) => [a.name, a.type, a.documents, a.mentions]), empty: "none" },
      countSection("Recommendations by addressee type", d.addresseeTypes),
      countSection("Recommendations by strength", d.strengths),
    ],
  };
}

export function versionReport(d: VersionDiff): Report {
  const docColumns = [c("source"), c("doc_id")];
  const recColumns = [c("source"), c("page", "count"), c("text")];
  const r = d.recommendations;
  return {
    title: `Changes from ${d.old} to ${d.new}`,
    summary: [
      `documents: ${d.documents.added.length} added, ${d.documents.removed.length} removed, ${d.documents.changed.length} changed`,
      `recommendations: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed`,
      `actors: ${d.actors.added.length} added, ${d.actors.removed.length} removed; theme shares moved: ${d.themes.length}`,
      d.tables.length ? `tables with any difference: ${d.tables.map((t) => `${t.table} (${t.old_rows} -> ${t.new_rows} rows)`).join(", ")}` : "no differences: every table is identical",
    ],
    // Only what changed: the summary lines above already say "0 added".
    sections: ([
      { title: "Documents added", columns: docColumns, rows: d.documents.added.map((x) => [x.source, x.doc_id]), empty: "none" },
      { title: "Documents removed", columns: docColumns, rows: d.documents.removed.map((x) => [x.source, x.doc_id]), empty: "none" },
      { title: "Documents changed (sha256 differs)", columns: docColumns, rows: d.documents.changed.map((x) => [x.source, x.doc_id]), empty: "none" },
      { title: "Recommendations added", columns: recColumns, rows: r.added.map((x) => [x.source, x.page, x.text]), empty: "none" },
      { title: "Recommendations removed", columns: recColumns, rows: r.removed.map((x) => [x.source, x.page, x.text]), empty: "none" },
      {
        title: "Recommendations changed",
        columns: [c("source"), c("page", "count"), c("similarity", "number"), c("change"), c("new text")],
        rows: r.changed.map((x) => [x.new.source, x.new.page, x.similarity, describeChange(x), x.new.text]),
        empty: "none",
      },
      { title: "Actors added", columns: [c("actor"), c("type"), c("actor_id")], rows: d.actors.added.map((a) => [a.name, a.type, a.actor_id]), empty: "none" },
      { title: "Actors removed", columns: [c("actor"), c("type"), c("actor_id")], rows: d.actors.removed.map((a) => [a.name, a.type, a.actor_id]), empty: "none" },
      {
        title: "Theme shares that moved",
        columns: [c("source"), c("theme"), c("label"), c("old share", "share"), c("new share", "share"), c("change", "change")],
        rows: d.themes.map((t) => [t.source, t.theme, t.label, t.old_share, t.new_share, t.change]),
        empty: "none",
      },
    ] satisfies Section[]).filter((section) => section.rows.length > 0),
  };
}

export function recurrenceReport(clusters: Cluster[], shown: number, threshold: number): Report {
  const members = clusters.reduce((n, c) => n + c.members.length, 0);
  return {
    title: "Recurring recommendations",
    summary: [`${plural(clusters.length, "group")} of similar recommendations across documents (${plural(members, "recommendation")}; cosine >= ${threshold})`],
    sections: [
      {
        title: clusters.length > shown ? `Largest ${shown} groups` : "Groups",
        columns: [c("cluster_id"), c("documents", "count"), c("recs", "count"), c("years"), c("to"), c("representative")],
        rows: clusters.slice(0, shown).map((cl) => [
          cl.cluster_id,
          cl.documents,
          cl.members.length,
          cl.firstYear === cl.lastYear ? cl.firstYear : `${cl.firstYear}–${cl.lastYear}`,
          cl.addressees.slice(0, 2).join("; "),
          cl.representative.text,
        ]),
        empty: "no recommendation recurs across documents at this threshold (try a lower --threshold)",
      },
    ],
  };
}

/** "text: [-signing-] {+ratifying+}; strength: advisory -> strong" */
function describeChange(x: RecChange): string {
  const parts = x.old.text === x.new.text ? [] : [`text: ${wordChanges(x.old.text, x.new.text)}`];
  for (const v of x.values) parts.push(`${v.field}: ${v.old || "(none)"} -> ${v.new || "(none)"}`);
  return parts.join("; ");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
