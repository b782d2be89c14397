// `diff DATA --by COLUMN`: two groups of documents of one dataset compared —
// theme shares with a log-likelihood test, actors present in one group only,
// and how the groups' recommendations split by addressee type and strength.
import picomatch from "picomatch";
import { UsageError } from "../ingest/errors.js";
import { Dataset, str, themeLabels } from "./dataset.js";
import { gSquared, logRatio, pValueChiSquare1 } from "./stats.js";

export interface GroupSpec {
  /** A column of the documents table (doc_type, date, source, language, ...). */
  by: string;
  /** Which documents form group A; see `matcherFor`. */
  a?: string;
  /** Which form group B; all the others when absent. */
  b?: string;
}

export interface ThemeContrast {
  theme: string;
  label: string;
  a_segments: number;
  a_share: number;
  b_segments: number;
  b_share: number;
  /** a_share - b_share. */
  difference: number;
  log_ratio: number;
  g2: number;
  p: number;
}

export interface ActorPresence {
  actor_id: string;
  name: string;
  type: string;
  documents: number;
  mentions: number;
}

export interface CountContrast {
  value: string;
  a_count: number;
  a_share: number;
  b_count: number;
  b_share: number;
}

export interface GroupSide {
  label: string;
  documents: number;
  segments: number;
  recommendations: number;
}

export interface GroupDiff {
  by: string;
  a: GroupSide;
  b: GroupSide;
  /** Sorted by the size of the difference in share, largest first. */
  themes: ThemeContrast[];
  /** Actors named in group B's documents and none of A's ("gained" going from A to B), and the reverse. */
  actorsGained: ActorPresence[];
  actorsLost: ActorPresence[];
  addresseeTypes: CountContrast[];
  strengths: CountContrast[];
}

/**
 * How a --a / --b value selects documents by the column's value:
 *   "<2015", "<=2015", ">2015", ">=2015"   compared as text (ISO dates order correctly; "" never matches)
 *   a glob with * or ?                       ("reports/2014/**")
 *   otherwise the exact value, or its start for dates ("2010" matches "2010-09-06")
 */
export function matcherFor(column: string, spec: string): (value: string) => boolean {
  const cmp = /^(<=|>=|<|>)\s*(.+)$/.exec(spec);
  if (cmp) {
    const [, op, bound] = cmp;
    return (v) => v !== "" && (op === "<" ? v < bound : op === "<=" ? v <= bound || v.startsWith(bound) : op === ">" ? v > bound && !v.startsWith(bound) : v >= bound);
  }
  if (/[*?]/.test(spec)) {
    const glob = picomatch(spec, { dot: true, nocase: true });
    return (v) => glob(v);
  }
  if (column === "date") return (v) => v === spec || v.startsWith(spec + "-");
  return (v) => v === spec;
}

export function diffGroups(data: Dataset, spec: GroupSpec): GroupDiff {
  const documents = data.rows("documents");
  if (documents.length && !(spec.by in documents[0])) {
    throw new UsageError(`--by ${spec.by}: the documents table has no such column (it has ${Object.keys(documents[0]).join(", ")})`);
  }
  const { a, b } = resolveGroups(documents.map((d) => [str(d.doc_id), str(d[spec.by])]), spec);
  const inA = new Set(a.docs);
  const inB = new Set(b.docs);
  const groupOf = (docId: unknown): "a" | "b" | undefined => (inA.has(str(docId)) ? "a" : inB.has(str(docId)) ? "b" : undefined);

  // Theme shares: coded segments over eligible segments, pooled over the group's documents.
  const eligible = data.eligibleSegments();
  const totalA = a.docs.reduce((n, d) => n + (eligible.get(d) ?? 0), 0);
  const totalB = b.docs.reduce((n, d) => n + (eligible.get(d) ?? 0), 0);
  const coded = new Map<string, { a: number; b: number }>();
  for (const row of data.columns("themes", ["doc_id", "theme", "segments"])) {
    const side = groupOf(row.doc_id);
    const counts = coded.get(str(row.theme)) ?? { a: 0, b: 0 };
    coded.set(str(row.theme), counts);
    if (side) counts[side] += Number(row.segments) || 0;
  }
  const labels = themeLabels(data);
  const themes = [...coded].map(([theme, c]): ThemeContrast => {
    const table = { a: c.a, totalA, b: c.b, totalB };
    const g2 = gSquared(table);
    const aShare = totalA ? c.a / totalA : 0;
    const bShare = totalB ? c.b / totalB : 0;
    return { theme, label: labels.get(theme) ?? "", a_segments: c.a, a_share: aShare, b_segments: c.b, b_share: bShare, difference: aShare - bShare, log_ratio: logRatio(table), g2, p: pValueChiSquare1(g2) };
  });
  themes.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || y.g2 - x.g2 || x.theme.localeCompare(y.theme));

  // Actors: who is named in one group's documents and not in the other's.
  const presence = { a: new Map<string, { docs: Set<string>; mentions: number }>(), b: new Map<string, { docs: Set<string>; mentions: number }>() };
  for (const m of data.columns("mentions", ["actor_id", "doc_id"])) {
    const side = groupOf(m.doc_id);
    if (!side) continue;
    const seen = presence[side].get(str(m.actor_id)) ?? { docs: new Set<string>(), mentions: 0 };
    presence[side].set(str(m.actor_id), seen);
    seen.docs.add(str(m.doc_id));
    seen.mentions++;
  }
  const actors = new Map(data.rows("actors").map((r) => [str(r.actor_id), r]));
  const onlyIn = (mine: typeof presence.a, other: typeof presence.a): ActorPresence[] =>
    [...mine]
      .filter(([id]) => !other.has(id))
      .map(([id, p]) => ({ actor_id: id, name: str(actors.get(id)?.name) || id, type: str(actors.get(id)?.type), documents: p.docs.size, mentions: p.mentions }))
      .sort((x, y) => y.documents - x.documents || y.mentions - x.mentions || x.name.localeCompare(y.name));

  // Recommendations: how each group's split by addressee type and by strength.
  const recs = { a: [] as Array<Record<string, unknown>>, b: [] as Array<Record<string, unknown>> };
  for (const r of data.columns("recommendations", ["doc_id", "addressee_type", "strength"])) {
    const side = groupOf(r.doc_id);
    if (side) recs[side].push(r);
  }

  return {
    by: spec.by,
    a: { label: a.label, documents: a.docs.length, segments: totalA, recommendations: recs.a.length },
    b: { label: b.label, documents: b.docs.length, segments: totalB, recommendations: recs.b.length },
    themes,
    actorsGained: onlyIn(presence.b, presence.a),
    actorsLost: onlyIn(presence.a, presence.b),
    addresseeTypes: countContrast(recs.a, recs.b, "addressee_type"),
    strengths: countContrast(recs.a, recs.b, "strength"),
  };
}

/** Splits documents into the two groups the options ask for. */
function resolveGroups(values: Array<[string, string]>, spec: GroupSpec): { a: { label: string; docs: string[] }; b: { label: string; docs: string[] } } {
  let aSpec = spec.a;
  let bSpec = spec.b;
  if (aSpec === undefined) {
    if (bSpec !== undefined) throw new UsageError("--b needs --a (group B defaults to every document not in A)");
    const distinct = [...new Set(values.map(([, v]) => v))].sort();
    if (distinct.length !== 2) {
      const counts = distinct.slice(0, 20).map((v) => `"${v}" (${values.filter(([, x]) => x === v).length})`);
      throw new UsageError(`--by ${spec.by} has ${distinct.length} values; pick the groups with --a VALUE [--b VALUE]: ${counts.join(", ")}${distinct.length > 20 ? ", ..." : ""}`);
    }
    [aSpec, bSpec] = distinct;
  }
  const matchA = matcherFor(spec.by, aSpec);
  const matchB = bSpec === undefined ? (v: string) => !matchA(v) : matcherFor(spec.by, bSpec);
  const a = values.filter(([, v]) => matchA(v)).map(([d]) => d);
  const aSet = new Set(a);
  const b = values.filter(([d, v]) => !aSet.has(d) && matchB(v)).map(([d]) => d);
  if (!a.length) throw new UsageError(`--a "${aSpec}" matches no document's ${spec.by}`);
  if (!b.length) throw new UsageError(bSpec === undefined ? `every document matches --a "${aSpec}": nothing left for group B` : `--b "${bSpec}" matches no document's ${spec.by} outside group A`);
  return { a: { label: `${spec.by} ${aSpec}`, docs: a }, b: { label: bSpec === undefined ? `not ${aSpec}` : `${spec.by} ${bSpec}`, docs: b } };
}

function countContrast(a: Array<Record<string, unknown>>, b: Array<Record<string, unknown>>, column: string): CountContrast[] {
  const counts = new Map<string, { a: number; b: number }>();
  for (const [side, rows] of [["a", a], ["b", b]] as const) {
    for (const r of rows) {
      const value = str(r[column]) || "(none)";
      const c = counts.get(value) ?? { a: 0, b: 0 };
      counts.set(value, c);
      c[side]++;
    }
  }
  return [...counts]
    .map(([value, c]) => ({ value, a_count: c.a, a_share: a.length ? c.a / a.length : 0, b_count: c.b, b_share: b.length ? c.b / b.length : 0 }))
    .sort((x, y) => y.a_count + y.b_count - (x.a_count + x.b_count) || x.value.localeCompare(y.value));
}
