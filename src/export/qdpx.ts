// REFI-QDA project export (.qdpx): the coded corpus for NVivo, ATLAS.ti,
// MAXQDA and QualCoder. A zip holding `project.qde` (XML valid against the
// REFI-QDA Project.xsd) and `sources/GUID.txt`, one per document: the exact
// normalised text the dataset's offsets count in, so every selection lands on
// the words we coded.
import { readFileSync } from "node:fs";
import { zipSync, strToU8 } from "fflate";
import { parse as parseYaml } from "yaml";
import type { Row } from "../dataset/tables.js";
import { readCodebookDef, type CodebookDef } from "../extract/themes/codebook.js";
import { DEFAULT_CODEBOOK_PATH } from "../extract/themes/index.js";
import { dataFile, packageRoot } from "../paths.js";
import { codePointCounter, documentTexts, type ExportDataset } from "./dataset.js";
import { colourFor, guidFor } from "./guid.js";
import { attrs, xmlText } from "./xml.js";

export const QDE_NAMESPACE = "urn:QDA-XML:project:1.0";

export interface QdpxOptions {
  /** Codebook the dataset was coded with (labels and descriptions of the themes); default codebook when "". */
  codebook?: string;
  /** Project name shown by the QDA program. */
  projectName?: string;
}

export interface QdpxStats {
  sources: number;
  selections: number;
  codings: number;
  codes: number;
  /** Documents without text (unreadable files): not exported. */
  skipped: string[];
}

interface Code {
  guid: string;
  name: string;
  description: string;
  codable: boolean;
  children: Code[];
}

interface Layout {
  theme_families: Array<{ name: string; description?: string; codes: string[] }>;
  other_themes: { name: string; description?: string };
  recommendations: { name: string; description?: string; kinds: { name: string; description?: string }; strengths: { name: string; description?: string } };
  actors: { name: string; description?: string };
  responses?: { name: string; description?: string; statuses: { name: string; description?: string }; actions: { name: string; description?: string } };
  /** Optional: layouts written before the relations table use the default names. */
  relations?: { name: string; description?: string };
}

const LAYOUT_FILE = "export/qdpx-codebook.yaml";
const KIND_ORDER = ["recommendation", "offer", "commitment"];
const STRENGTH_ORDER = ["obligation", "strong", "advisory", "offer"];
const STATUS_ORDER = ["accepted", "partially accepted", "rejected", "noted"];
/** The status code of a response that states none. */
const NO_STATUS = "no status stated";
const RELATION_ORDER = ["funds", "implements", "partners"];
const RELATION_DESCRIPTIONS: Record<string, string> = {
  funds: "A sentence stating that one party funds another or a named project (see the relations table).",
  implements: "A sentence stating that a party carries out a named project or programme.",
  partners: "A sentence stating that two organisations work together.",
};

/** The finished .qdpx file as bytes; the same dataset always gives the same bytes. */
export function qdpxBytes(data: ExportDataset, options: QdpxOptions = {}): { bytes: Uint8Array; stats: QdpxStats } {
  const { qde, sources, stats } = buildProject(data, options);
  // A fixed timestamp (local midnight, 1 January 2000) keeps the zip byte-identical across runs.
  const mtime = new Date(2000, 0, 1);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { "project.qde": [strToU8(qde), { mtime }] };
  for (const s of sources) files[s.path] = [strToU8(s.text), { mtime }];
  return { bytes: zipSync(files, { level: 6 }), stats };
}

/** The project XML and the source texts, before zipping. */
export function buildProject(data: ExportDataset, options: QdpxOptions = {}): { qde: string; sources: Array<{ path: string; text: string }>; stats: QdpxStats } {
  const layout = parseYaml(readFileSync(dataFile(LAYOUT_FILE), "utf8")) as Layout;
  // Only labels and descriptions are needed: read the file, do not compile its rules.
  const codebook = readCodebookDef(options.codebook || DEFAULT_CODEBOOK_PATH);
  const codes = new CodeSystem(layout, codebook, data);
  const user = guidFor("user", "sectormap");
  const texts = documentTexts(data.segments);
  const variables = DOCUMENT_VARIABLES.map((v) => ({ ...v, guid: guidFor("variable", v.column) }));
  const stats: QdpxStats = { sources: 0, selections: 0, codings: 0, codes: 0, skipped: [] };
  const spans = spansByDocument(data, codes);

  const sourceXml: string[] = [];
  const sources: Array<{ path: string; text: string }> = [];
  for (const doc of data.documents) {
    const docId = String(doc.doc_id);
    const text = texts.get(docId);
    if (!text) {
      stats.skipped.push(String(doc.source));
      continue;
    }
    const guid = guidFor("source", docId);
    sources.push({ path: `sources/${guid}.txt`, text });
    stats.sources++;
    const toPosition = codePointCounter(text);
    const parts: string[] = [];
    parts.push(`    <TextSource${attrs({ guid, name: String(doc.source), plainTextPath: `internal://${guid}.txt`, creatingUser: user })}>`);
    if (doc.title) parts.push(`      <Description>${xmlText(String(doc.title))}</Description>`);
    for (const span of spans.get(docId) ?? []) {
      const selection = guidFor("selection", `${docId}:${span.start}:${span.end}`);
      const excerpt = text.slice(span.start, span.end);
      parts.push(
        `      <PlainTextSelection${attrs({ guid: selection, name: shorten(excerpt, 60), startPosition: toPosition(span.start), endPosition: toPosition(span.end), creatingUser: user })}>`,
        `        <Description>${xmlText("sectormap: " + span.ids.join(" "))}</Description>`,
      );
      for (const code of span.codes) {
        parts.push(`        <Coding${attrs({ guid: guidFor("coding", `${selection}:${code}`), creatingUser: user })}><CodeRef targetGUID="${code}"/></Coding>`);
        stats.codings++;
      }
      parts.push("      </PlainTextSelection>");
      stats.selections++;
    }
    for (const v of variables) {
      const value = String(doc[v.column] ?? "");
      if (value) parts.push(`      <VariableValue><VariableRef targetGUID="${v.guid}"/><TextValue>${xmlText(value)}</TextValue></VariableValue>`);
    }
    parts.push("    </TextSource>");
    sourceXml.push(parts.join("\n"));
  }

  stats.codes = codes.count();
  const qde = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<Project${attrs({ xmlns: QDE_NAMESPACE, name: options.projectName || "sectormap", origin: `sectormap ${toolVersion()}`, creatingUserGUID: user })}>`,
    `  <Users><User${attrs({ guid: user, name: "sectormap" })}/></Users>`,
    `  <CodeBook>`,
    `    <Codes>`,
    ...codes.roots.map((c) => codeXml(c, 3)),
    `    </Codes>`,
    `  </CodeBook>`,
    `  <Variables>`,
    ...variables.map((v) => `    <Variable${attrs({ guid: v.guid, name: v.name, typeOfVariable: "Text" })}><Description>${xmlText(v.description)}</Description></Variable>`),
    `  </Variables>`,
    ...(sourceXml.length ? [`  <Sources>`, ...sourceXml, `  </Sources>`] : []),
    `</Project>`,
    ``,
  ].join("\n");
  return { qde, sources, stats };
}

/** Document columns offered to the QDA user as variables (all text: dates may be a bare year). */
const DOCUMENT_VARIABLES = [
  { column: "doc_type", name: "document type", description: "conference report, consultation synthesis, portfolio review, evaluation, management response, invitation, declaration or other" },
  { column: "date", name: "date", description: "date the text states (YYYY-MM-DD, YYYY-MM or YYYY)" },
  { column: "place", name: "place", description: "place the text states next to its date" },
  { column: "language", name: "language", description: "ISO 639-1 code detected from the text" },
  { column: "doc_id", name: "sectormap doc_id", description: "the document's id in the sectormap dataset" },
];

function codeXml(code: Code, depth: number): string {
  const pad = "  ".repeat(depth);
  const open = `${pad}<Code${attrs({ guid: code.guid, name: code.name, isCodable: code.codable, color: colourFor(code.guid) })}`;
  if (!code.description && !code.children.length) return open + "/>";
  const inner = [
    ...(code.description ? [`${pad}  <Description>${xmlText(code.description)}</Description>`] : []),
    ...code.children.map((c) => codeXml(c, depth + 1)),
  ];
  return [open + ">", ...inner, `${pad}</Code>`].join("\n");
}

/**
 * The code system: theme families with their themes, recommendation kinds and
 * strengths, actor types with one code per actor. Lookups give the GUID a
 * dataset value is coded with.
 */
class CodeSystem {
  readonly roots: Code[] = [];
  private themes = new Map<string, string>();
  private kinds = new Map<string, string>();
  private strengths = new Map<string, string>();
  private actors = new Map<string, string>();
  private statuses = new Map<string, string>();
  private actionCode: string | undefined;
  private relations = new Map<string, string>();

  constructor(layout: Layout, codebook: CodebookDef, data: ExportDataset) {
    // Themes: the codebook's, plus any code the dataset uses that the codebook lacks.
    const themeDefs = new Map(codebook.themes.map((t) => [t.code, t]));
    const usedCodes = new Set([...data.codings.map((c) => String(c.theme)), ...data.recommendations.flatMap((r) => splitList(r.themes))]);
    const allCodes = [...themeDefs.keys(), ...[...usedCodes].filter((c) => !themeDefs.has(c)).sort()];
    const placed = new Set<string>();
    const familyCodes = layout.theme_families.map((f) => {
      const wanted = expandCodes(f.codes);
      const members = allCodes.filter((c) => wanted.has(c) && !placed.has(c));
      members.forEach((c) => placed.add(c));
      return { family: f, members };
    });
    familyCodes.push({ family: { ...layout.other_themes, codes: [] }, members: allCodes.filter((c) => !placed.has(c)) });
    for (const { family, members } of familyCodes) {
      if (!members.length) continue;
      const group = this.group(`theme-family:${family.name}`, family.name, family.description ?? "");
      for (const code of members) {
        const def = themeDefs.get(code);
        const leaf = this.leaf(`theme:${code}`, def ? `${code} ${def.label}` : code, def?.description ?? "");
        group.children.push(leaf);
        this.themes.set(code, leaf.guid);
      }
      this.roots.push(group);
    }

    // Recommendations: kind and strength, in a sensible order, then whatever else the data holds.
    const rec = layout.recommendations;
    const recGroup = this.group("group:recommendations", rec.name, rec.description ?? "");
    const kinds = this.group("group:recommendation-kinds", rec.kinds.name, rec.kinds.description ?? "");
    const strengths = this.group("group:recommendation-strengths", rec.strengths.name, rec.strengths.description ?? "");
    for (const kind of ordered(KIND_ORDER, data.recommendations.map((r) => String(r.kind)))) {
      const leaf = this.leaf(`recommendation-kind:${kind}`, kind, "");
      kinds.children.push(leaf);
      this.kinds.set(kind, leaf.guid);
    }
    for (const strength of ordered(STRENGTH_ORDER, data.recommendations.map((r) => String(r.strength)))) {
      const leaf = this.leaf(`recommendation-strength:${strength}`, strength, "");
      strengths.children.push(leaf);
      this.strengths.set(strength, leaf.guid);
    }
    recGroup.children.push(kinds, strengths);
    this.roots.push(recGroup);

    // Responses: a code per status, and one for key actions, when the dataset holds responses.
    const responses = data.responses ?? [];
    if (layout.responses && responses.length) {
      const res = layout.responses;
      const resGroup = this.group("group:responses", res.name, res.description ?? "");
      const statuses = this.group("group:response-statuses", res.statuses.name, res.statuses.description ?? "");
      for (const status of ordered(STATUS_ORDER, responses.map((r) => String(r.status || NO_STATUS)))) {
        const leaf = this.leaf(`response-status:${status}`, status, "");
        statuses.children.push(leaf);
        this.statuses.set(status, leaf.guid);
      }
      resGroup.children.push(statuses);
      if (responses.some((r) => r.kind === "action")) {
        const leaf = this.leaf("response-kind:action", res.actions.name, res.actions.description ?? "");
        this.actionCode = leaf.guid;
        resGroup.children.push(leaf);
      }
      this.roots.push(resGroup);
    }

    // Actors: a code per type (in name order), a code per actor (by name).
    const actorGroup = this.group("group:actors", layout.actors.name, layout.actors.description ?? "");
    const byType = new Map<string, Row[]>();
    for (const a of data.actors) {
      const type = String(a.type || "unknown");
      (byType.get(type) ?? byType.set(type, []).get(type)!).push(a);
    }
    for (const type of [...byType.keys()].sort()) {
      const typeCode = this.group(`actor-type:${type}`, type, "");
      const actors = byType.get(type)!.sort((a, b) => String(a.name).localeCompare(String(b.name), "en") || String(a.actor_id).localeCompare(String(b.actor_id)));
      for (const a of actors) {
        const name = a.acronym && a.acronym !== a.name ? `${a.name} (${a.acronym})` : String(a.name);
        const aliases = splitList(a.aliases);
        const leaf = this.leaf(`actor:${a.actor_id}`, name, aliases.length ? `Also named: ${aliases.join("; ")}` : "");
        typeCode.children.push(leaf);
        this.actors.set(String(a.actor_id), leaf.guid);
      }
      actorGroup.children.push(typeCode);
    }
    if (actorGroup.children.length) this.roots.push(actorGroup);

    // Relations: a code per relation type, on the evidence sentences.
    const types = ordered(RELATION_ORDER, (data.relations ?? []).map((r) => String(r.relation)));
    if (types.length) {
      const rel = layout.relations ?? { name: "Relations", description: "Who funds, implements or partners with whom (see the relations table)." };
      const relationGroup = this.group("group:relations", rel.name, rel.description ?? "");
      for (const type of types) {
        const leaf = this.leaf(`relation:${type}`, type, RELATION_DESCRIPTIONS[type] ?? "");
        relationGroup.children.push(leaf);
        this.relations.set(type, leaf.guid);
      }
      this.roots.push(relationGroup);
    }
  }

  theme(code: string) { return this.themes.get(code); }
  kind(kind: string) { return this.kinds.get(kind); }
  strength(strength: string) { return this.strengths.get(strength); }
  actor(actorId: string) { return this.actors.get(actorId); }
  responseStatus(status: string) { return this.statuses.get(status || NO_STATUS); }
  keyAction(kind: string) { return kind === "action" ? this.actionCode : undefined; }
  relation(type: string) { return this.relations.get(type); }

  count(): number {
    const walk = (c: Code): number => 1 + c.children.reduce((n, child) => n + walk(child), 0);
    return this.roots.reduce((n, c) => n + walk(c), 0);
  }

  private group(id: string, name: string, description: string): Code {
    return { guid: guidFor("code", id), name, description, codable: false, children: [] };
  }

  private leaf(id: string, name: string, description: string): Code {
    return { guid: guidFor("code", id), name, description, codable: true, children: [] };
  }
}

interface Span {
  start: number;
  end: number;
  /** Code GUIDs applied to the span, in order of first use. */
  codes: string[];
  /** Our own ids of the coded things (coding_id, rec_id, mention_id, response_id), for the audit trail. */
  ids: string[];
}

/**
 * Every coded span of every document. Things coded over the same span (the
 * themes of one paragraph, a recommendation that is the whole paragraph) share
 * one selection with several codings, as a QDA user would have coded them.
 */
function spansByDocument(data: ExportDataset, codes: CodeSystem): Map<string, Span[]> {
  const spans = new Map<string, Map<string, Span>>();
  const add = (row: Row, id: string, codeGuids: Array<string | undefined>) => {
    const docId = String(row.doc_id);
    const start = Number(row.start), end = Number(row.end);
    if (!(end > start)) return;
    const perDoc = spans.get(docId) ?? spans.set(docId, new Map()).get(docId)!;
    const key = `${start}:${end}`;
    const span = perDoc.get(key) ?? perDoc.set(key, { start, end, codes: [], ids: [] }).get(key)!;
    span.ids.push(id);
    for (const g of codeGuids) if (g && !span.codes.includes(g)) span.codes.push(g);
  };
  for (const c of data.codings) add(c, String(c.coding_id), [codes.theme(String(c.theme))]);
  for (const r of data.recommendations) {
    add(r, String(r.rec_id), [codes.kind(String(r.kind)), codes.strength(String(r.strength)), ...splitList(r.themes).map((t) => codes.theme(t))]);
  }
  for (const m of data.mentions) add(m, String(m.mention_id), [codes.actor(String(m.actor_id))]);
  for (const p of data.responses ?? []) add(p, String(p.response_id), [codes.responseStatus(String(p.status ?? "")), codes.keyAction(String(p.kind))]);
  for (const r of data.relations ?? []) add(r, String(r.relation_id), [codes.relation(String(r.relation))]);

  const sorted = new Map<string, Span[]>();
  for (const [docId, perDoc] of spans) {
    sorted.set(docId, [...perDoc.values()].filter((s) => s.codes.length).sort((a, b) => a.start - b.start || a.end - b.end));
  }
  return sorted;
}

/** "T01-T23" -> T01, T02, ... T23; single codes as they are. */
function expandCodes(specs: string[]): Set<string> {
  const out = new Set<string>();
  for (const spec of specs) {
    const range = /^([A-Za-z_]*)(\d+)\s*-\s*\1(\d+)$/.exec(spec.trim());
    if (!range) {
      out.add(spec.trim());
      continue;
    }
    const [, prefix, from, to] = range;
    for (let n = Number(from); n <= Number(to); n++) out.add(prefix + String(n).padStart(from.length, "0"));
  }
  return out;
}

function ordered(preferred: string[], seen: string[]): string[] {
  const present = new Set(seen.filter(Boolean));
  return [...preferred, ...[...present].filter((v) => !preferred.includes(v)).sort()];
}

function splitList(value: unknown): string[] {
  return String(value ?? "").split(";").map((s) => s.trim()).filter(Boolean);
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat); // never cut a surrogate pair in half
  return chars.length <= max ? flat : chars.slice(0, max - 1).join("") + "…";
}

function toolVersion(): string {
  return JSON.parse(readFileSync(`${packageRoot()}/package.json`, "utf8")).version;
}
