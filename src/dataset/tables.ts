// Every table of a dataset, declared once: its columns, their types and what
// they mean. Writers, the datapackage descriptor and `--help` all read this.

export type ColumnType = "string" | "integer" | "number";

export interface Column {
  name: string;
  type: ColumnType;
  description: string;
}

export interface TableSpec {
  name: string;
  description: string;
  /** Column names that identify a row. */
  primaryKey: string[];
  columns: Column[];
}

const col = (name: string, type: ColumnType, description: string): Column => ({ name, type, description });

const provenance = [
  col("page", "integer", "1-based page where the span starts"),
  col("start", "integer", "offset of the span's first character in the document's normalised text (UTF-16 code units)"),
  col("end", "integer", "offset just past the span's last character (end exclusive)"),
];

export const TABLES = {
  documents: {
    name: "documents",
    description: "One row per input file, read or not.",
    primaryKey: ["doc_id"],
    columns: [
      col("doc_id", "string", "stable id derived from the source path"),
      col("source", "string", "path relative to the folder given on the command line"),
      col("format", "string", "pdf, txt, md, docx or html"),
      col("sha256", "string", "SHA-256 of the file's bytes"),
      col("bytes", "integer", "file size in bytes"),
      col("pages", "integer", "pages (1 for formats without pages)"),
      col("words", "integer", "words in the normalised text"),
      col("language", "string", "ISO 639-1 code detected from the text"),
      col("title", "string", "title from the file's metadata or first heading"),
      col("doc_type", "string", "conference report, consultation synthesis, portfolio review, evaluation, management response, invitation, declaration or other"),
      col("date", "string", "date the text states (YYYY-MM-DD, YYYY-MM or YYYY)"),
      col("place", "string", "place the text states next to its date"),
      col("status", "string", "ok, warning or error"),
      col("message", "string", "why the status is not ok"),
    ],
  },
  segments: {
    name: "segments",
    description: "Blocks of each document: headings, paragraphs, list items, table rows, footnotes.",
    primaryKey: ["segment_id"],
    columns: [
      col("segment_id", "string", "stable id derived from the document and the block's content"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("kind", "string", "heading, paragraph, list_item, table_row or footnote"),
      col("label", "string", "list label as written (iv, 3, a, -) or footnote number"),
      col("depth", "integer", "list nesting depth, or heading level for headings"),
      col("section", "string", "headings above the block, outermost first, joined by ' > '"),
      ...provenance,
      col("text", "string", "the block's normalised text"),
      col("zone", "string", "front (title page, contents, acronyms, foreword), body, or back (annexes, appendices, references)"),
      col("table", "integer", "for a table row: the table's number in the document, from 1; 0 for other blocks"),
      col("table_row", "integer", "for a table row: its row in the table, from 1 (header rows count); 0 for other blocks"),
      col("columns", "string", "for a table row: the table's column headers, joined by ' | ' (empty when the table has none)"),
    ],
  },
  recommendations: {
    name: "recommendations",
    description: "Prescriptive statements, offers and commitments: who should do what.",
    primaryKey: ["rec_id"],
    columns: [
      col("rec_id", "string", "stable id derived from the segment and the unit's text"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("segment_id", "string", "segment the unit comes from"),
      col("kind", "string", "recommendation, offer or commitment"),
      col("text", "string", "the whole unit as in the document, footnote marks removed"),
      col("addressee", "string", "who is told to act, as the text names them"),
      col("addressee_type", "string", "actor type of the addressee, or group"),
      col("addressee_actor_id", "string", "actor id when the addressee is a named actor"),
      col("modality", "string", "trigger family: should, must, need, encouraged, urged, recommended, called, proposed, imperative, list, will, can"),
      col("strength", "string", "obligation, strong, advisory or offer"),
      col("action", "string", "lemma of the main verb"),
      col("section", "string", "nearest heading above the unit"),
      col("label", "string", "list label of the unit, if any"),
      col("themes", "string", "theme codes, ';'-joined"),
      ...provenance,
    ],
  },
  responses: {
    name: "responses",
    description: "Management responses, action plans and government responses: one row per response or key action, linked to the recommendation it answers.",
    primaryKey: ["response_id"],
    columns: [
      col("response_id", "string", "stable id derived from the segment and the row's text"),
      col("rec_id", "string", "recommendation answered (empty when the one the text names was not found among the recommendations)"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("segment_id", "string", "segment the row starts in"),
      col("kind", "string", "response (the response as a whole: status and comment) or action (one key action)"),
      col("status", "string", "accepted, partially accepted, rejected, noted, or empty when the text states none; an action carries its response's status"),
      col("action", "string", "the response's or action's text"),
      col("responsible", "string", "unit or body that carries the action out, as written"),
      col("deadline", "string", "deadline as written"),
      col("deadline_iso", "string", "the deadline as an ISO date (YYYY-MM-DD, YYYY-MM or YYYY; a period gives its last month: Q2 2022 -> 2022-06, Spring 2020 -> 2020-06, 2022 to 2023 -> 2023), empty when it names no date"),
      col("link", "string", "how rec_id was found: named (the response names the recommendation) or position (it follows it)"),
      col("rec_ref", "string", "the recommendation's reference as the text names it (3, B), if any"),
      ...provenance,
    ],
  },
  actors: {
    name: "actors",
    description: "Named organisations, resolved across the corpus.",
    primaryKey: ["actor_id"],
    columns: [
      col("actor_id", "string", "stable id of the entity"),
      col("name", "string", "fullest name found"),
      col("acronym", "string", "acronym, if any"),
      col("type", "string", "state, local, igo, regional, ngo, network, migrant-led, donor, research, private, media or process"),
      col("aliases", "string", "other names used, ';'-joined"),
      col("documents", "integer", "documents that mention the actor"),
      col("mentions", "integer", "mentions in the corpus"),
    ],
  },
  mentions: {
    name: "mentions",
    description: "Every place an actor is named.",
    primaryKey: ["mention_id"],
    columns: [
      col("mention_id", "string", "stable id of the mention"),
      col("actor_id", "string", "actor"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("segment_id", "string", "segment of the mention"),
      col("surface", "string", "the words as written"),
      ...provenance,
    ],
  },
  edges: {
    name: "edges",
    description: "Relations between actors: co-mention in a segment, recommendations addressed to an actor, and the funds, implements and partners relations of the relations table (between two actors).",
    primaryKey: ["source_id", "target_id", "relation"],
    columns: [
      col("source_id", "string", "actor id (co_mention and partners: the first of the pair in id order; addressed: the actor that issues the recommendations; funds and implements: the funder or implementer)"),
      col("target_id", "string", "actor id"),
      col("relation", "string", "co_mention, addressed, funds, implements or partners"),
      col("weight", "integer", "segments (co_mention), recommendations (addressed) or relations rows (funds, implements, partners)"),
      col("documents", "integer", "documents where the relation occurs"),
    ],
  },
  relations: {
    name: "relations",
    description: "Who funds, implements or partners with whom, as one sentence states it, with the amount where it gives one.",
    primaryKey: ["relation_id"],
    columns: [
      col("relation_id", "string", "stable id (document, sentence, relation and parties)"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("segment_id", "string", "segment of the evidence sentence"),
      col("relation", "string", "funds, implements or partners (partners is symmetric: one row per pair)"),
      col("from_actor_id", "string", "actor id of the funder, implementer or first partner, when it is an actor"),
      col("from_name", "string", "that party as the document names it (fullest form)"),
      col("to_actor_id", "string", "actor id of the recipient, the thing implemented or the second partner; empty when it is a project, programme or fund"),
      col("to_name", "string", "that party as the document names it (fullest form)"),
      col("amount", "string", "amount of money the sentence gives for the relation, in whole units as digits; empty when none"),
      col("currency", "string", "ISO 4217 code of the amount (USD, EUR, CAD, GBP, ...); empty when none or unclear"),
      ...provenance,
      col("text", "string", "the evidence sentence"),
    ],
  },
  codings: {
    name: "codings",
    description: "Theme codes applied to segments, with the evidence that fired.",
    primaryKey: ["coding_id"],
    columns: [
      col("coding_id", "string", "stable id (segment and theme)"),
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("segment_id", "string", "segment coded"),
      col("theme", "string", "theme code"),
      col("evidence", "string", "matched terms, ';'-joined"),
      ...provenance,
    ],
  },
  themes: {
    name: "themes",
    description: "Document x theme matrix in long form.",
    primaryKey: ["doc_id", "theme"],
    columns: [
      col("doc_id", "string", "document"),
      col("source", "string", "document's source path"),
      col("theme", "string", "theme code"),
      col("label", "string", "theme label"),
      col("segments", "integer", "segments coded with the theme"),
      col("share", "number", "share of the document's segments coded with the theme"),
      col("per_10k_words", "number", "coded segments per 10,000 words"),
    ],
  },
  recurrences: {
    name: "recurrences",
    description: "Recommendations that recur across documents, grouped by text similarity (written by `sectormap recurrences`).",
    primaryKey: ["cluster_id", "rec_id"],
    columns: [
      col("cluster_id", "string", "group of near-identical or paraphrased recommendations (named after its representative)"),
      col("rec_id", "string", "recommendation in the group"),
      col("doc_id", "string", "document of the recommendation"),
      col("similarity", "number", "TF-IDF cosine between the recommendation and the group's representative (1 for the representative)"),
    ],
  },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export type Row = Record<string, string | number>;
