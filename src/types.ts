// The data model shared by every stage. Data flows one way:
//   ingest (file -> IngestedFile: pages of lightly marked-up text)
//   text   (IngestedFile -> Doc: normalised text, blocks, sentences, offsets, metadata)
//   extract (Doc -> Extraction: recommendations, actor mentions, theme codings; pure per document)
//   dataset (Extraction[] -> tables on disk: corpus-level merge, stable ids, writers)
//   cli    (thin commands over the above)

export type Format = "pdf" | "txt" | "md" | "docx" | "html";

/**
 * What ingest hands to the text stage. Every format is turned into the same
 * "sectormap markdown": one string per page, lines separated by "\n", where
 *   `# Title` / `## Sub`          headings (level = number of #)
 *   `**Whole line bold**`         a heading-like line (level decided by the structurer)
 *   `- item`, `1. item`, `iv. item`, `a) item`, `- iv. item`, `• item`   list items (indent = nesting)
 *   `| a | b |`                   a table row
 *   `¹ text` / `[^1]: text`       footnote text (kept apart from the body)
 *   blank line                    paragraph break
 * Other lines are body text; wrapped lines are re-flowed by the structurer.
 * A PDF page arrives already in reading order (columns one after the other).
 */
export interface IngestedFile {
  format: Format;
  pages: string[];
  /** Non-fatal problems worth a `warning` status (e.g. "page 3: no text"). */
  warnings: string[];
  /** Title from the file's own metadata (PDF info, HTML <title>), if any. */
  metaTitle?: string;
}

export type BlockKind = "heading" | "paragraph" | "list_item" | "table_row" | "footnote";

export interface Sentence {
  /** Offsets into Doc.text, end exclusive (UTF-16 code units, JavaScript's own). */
  start: number;
  end: number;
  page: number;
}

/**
 * Where a block sits in the document: `front` matter (title page, contents,
 * acronyms, foreword before the first body heading), the `body`, or `back`
 * matter (annexes, appendices, terms of reference, references). Decided by the
 * text stage (src/text/zones.ts) from the heading tree.
 */
export type Zone = "front" | "body" | "back";

/** One cell of a table row: its text and where it sits in Doc.text (end exclusive). */
export interface TableCell {
  text: string;
  start: number;
  end: number;
}

/** What a table row block knows about its table (src/text/tables.ts). */
export interface TableInfo {
  /** The table's number in the document, 0-based, in reading order. */
  id: number;
  /** The row's number in its table, 0-based (header rows count). */
  row: number;
  /** True for a header row (its cells name the columns). */
  header: boolean;
  /** Column names, one per column ("" for a column without one); the same array for every row of a table. */
  headers: string[];
  /** The row's cells, one per column as written (empty cells kept). */
  cells: TableCell[];
}

export interface Block {
  /** Position of the block in the document, 0-based. */
  index: number;
  kind: BlockKind;
  /** Heading level 1..6; 0 for other kinds. */
  level: number;
  /** List label as written without punctuation ("iv", "3", "a", "-"), a parenthesised one with its parentheses ("(b)"); footnote number; "" otherwise. */
  label: string;
  /** List nesting depth (0 = top level); 0 for other kinds. */
  depth: number;
  /** Headings above this block, outermost first (a heading's own path excludes itself). */
  section: string[];
  /** 1-based page where the block starts. */
  page: number;
  /** Offsets into Doc.text, end exclusive; Doc.text.slice(start, end) === text. */
  start: number;
  end: number;
  text: string;
  sentences: Sentence[];
  /** Front matter, body or back matter (see Zone). */
  zone: Zone;
  /** For a table row: its table, row number, cells and column headers; undefined for other kinds. */
  table?: TableInfo;
}

export type DocType =
  | "conference report"
  | "consultation synthesis"
  | "portfolio review"
  | "evaluation"
  | "management response"
  | "invitation"
  | "declaration"
  | "other";

export interface DocMeta {
  title: string;
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) when the text states one, else "". */
  date: string;
  place: string;
  words: number;
  /** ISO 639-1 code ("en", "fr", ...) or "" when unsure. */
  language: string;
  docType: DocType;
}

/** One document after the text stage. */
export interface Doc {
  docId: string;
  /** Path relative to the folder given on the command line, with "/" separators. */
  source: string;
  format: Format;
  sha256: string;
  bytes: number;
  /** The normalised text every offset counts in: block texts joined by "\n\n". */
  text: string;
  pages: number;
  /** pageStarts[i] = offset in text where page i+1 begins (first block starting on that page). */
  pageStarts: number[];
  blocks: Block[];
  meta: DocMeta;
  warnings: string[];
}

// ---------- extraction results (per document, serialisable across worker threads) ----------

export type RecKind = "recommendation" | "offer" | "commitment";

export interface Recommendation {
  /** Index of the block (segment) the unit comes from. */
  block: number;
  kind: RecKind;
  text: string;
  addressee: string;
  addresseeType: string;
  modality: string;
  strength: "obligation" | "strong" | "advisory" | "offer";
  action: string;
  section: string;
  label: string;
  themes: string[];
  page: number;
  start: number;
  end: number;
  /** Which rule fired (for `inspect --recommendations`). */
  rule: string;
}

/** An actor as one document names it, before corpus-level resolution gives it an actor_id. */
export interface ActorCandidate {
  /** Key local to the document (e.g. the normalised name). */
  key: string;
  name: string;
  acronym: string;
  type: string;
  aliases: string[];
  /** Where the evidence for the type came from ("gazetteer", "head word", "context"). */
  typeEvidence: string;
  /** True when the name or acronym came from the shipped or user gazetteer. */
  fromGazetteer: boolean;
}

export interface Mention {
  /** ActorCandidate.key of this document. */
  actor: string;
  block: number;
  surface: string;
  page: number;
  start: number;
  end: number;
}

export interface Coding {
  block: number;
  theme: string;
  evidence: string[];
  page: number;
  start: number;
  end: number;
}

/** A management response, or one of its key actions, answering one recommendation of the document. */
export interface ResponseUnit {
  /** Index into Extraction.recommendations of the recommendation answered; -1 when the one named was not found. */
  rec: number;
  /** The reference the text names ("3", "B"), "" when linked by position. */
  recRef: string;
  /** How the link was made: "named" (the response names the recommendation) or "position" (it follows it). */
  link: "named" | "position";
  /** "response" (the response as a whole: its status and comment) or "action" (one key action). */
  kind: "response" | "action";
  /** accepted, partially accepted, rejected, noted, or "" when the text states none. */
  status: string;
  /** The response's or action's text. */
  action: string;
  /** Unit or body that carries the action out, as written. */
  responsible: string;
  /** Deadline as written, and its ISO reading (YYYY-MM-DD, YYYY-MM or YYYY) or "". */
  deadline: string;
  deadlineIso: string;
  /** Block (segment) the unit starts in. */
  block: number;
  page: number;
  start: number;
  end: number;
  /** Which rule made the row (for inspect and tests). */
  rule: string;
}

/** A relation a sentence states between two named parties (src/extract/relations). */
export interface Relation {
  /** Index of the block (segment) of the sentence. */
  block: number;
  relation: "funds" | "implements" | "partners";
  /** The parties as the document names them (fullest form). */
  from: string;
  to: string;
  /** Index into Extraction.actors of each party, or -1 for a project, programme or fund. */
  fromActor: number;
  toActor: number;
  /** Whole units as digits, "" when the sentence gives none. */
  amount: string;
  /** ISO 4217 code, or "". */
  currency: string;
  /** The evidence sentence: its page, offsets and text. */
  page: number;
  start: number;
  end: number;
  text: string;
  /** Which rule found it (for `inspect --relations`). */
  rule: string;
}

export interface Extraction {
  recommendations: Recommendation[];
  /** Responses and key actions linked to the recommendations above. */
  responses: ResponseUnit[];
  actors: ActorCandidate[];
  mentions: Mention[];
  codings: Coding[];
  /** Relations between named parties (absent in extractions made without the relations stage). */
  relations?: Relation[];
}

/** Options that reach every worker (must be plain data). */
export interface ExtractConfig {
  /** Path of a codebook YAML replacing the default, or "" for the default. */
  codebook: string;
  /** Extra actor gazetteer files added to the shipped one. */
  actorFiles: string[];
  /** Path of a recommendation rules file replacing the default, or "". */
  recRules: string;
}
