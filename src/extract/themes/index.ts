// Theme coding: the public face of src/extract/themes.
//   loadCodebook      read + validate + compile a codebook (once per path)
//   documentScope     is the Doc of the codebook's domain? (else only general themes are coded)
//   codeDocument      code every eligible segment (block) of a Doc
//   codeRecommendation   the codes of one recommendation of a Doc (at most 4), from its block's words
//   codeRecommendationText   the same for a text alone
//   themeRows / themesMatrix / explainThemes   tables and the `inspect` view
import { resolve } from "node:path";
import { dataFile } from "../../paths.js";
import type { Block, Coding, Doc } from "../../types.js";
import { parseCodebook, readCodebookDef, type CodebookDef, type DomainDef, type ThemeDef } from "./codebook.js";
import { compileTerms } from "./terms.js";
import { findsWithin, Matcher, textAlone, type TextAt, type ThemeHit } from "./matcher.js";
import { docTokens } from "./doc-tokens.js";
import { hasLetter } from "../../text/words.js";
import { readFileSync } from "node:fs";

export { CodebookError } from "./codebook.js";
export type { CodebookDef, ThemeDef, NearRule, DomainDef } from "./codebook.js";
export type { ThemeHit } from "./matcher.js";

export interface Codebook extends CodebookDef {
  /** The file it was read from. */
  path: string;
  matcher: Matcher;
  /** Counts the domain's words in a document (absent when the codebook has no domain). */
  domainMatcher?: Matcher;
  /** Codes of the themes coded outside the domain too. */
  generalCodes: Set<string>;
}

/** The codebook shipped with sectormap (codes T01-T30). */
export const DEFAULT_CODEBOOK_PATH = dataFile("extract/themes/default-codebook.yaml");

const loaded = new Map<string, Codebook>();

/** Reads, validates and compiles a codebook; the default one when no path is given. Throws CodebookError. */
export function loadCodebook(path?: string): Codebook {
  const file = resolve(path || DEFAULT_CODEBOOK_PATH);
  let cb = loaded.get(file);
  if (!cb) {
    const def = readCodebookDef(file);
    const domain = def.domain ? domainAsTheme(def.domain) : undefined;
    const compiled = compileTerms(termsOf(domain ? [...def.themes, domain] : def.themes));
    cb = {
      ...def,
      path: file,
      matcher: new Matcher(def.themes, compiled),
      domainMatcher: domain ? new Matcher([domain], compiled) : undefined,
      generalCodes: new Set(def.themes.filter((t) => t.general).map((t) => t.code)),
    };
    loaded.set(file, cb);
  }
  return cb;
}

/** Checks a codebook file without throwing: every error as "file:line:column: message". */
export function validateCodebookFile(path: string): { ok: boolean; errors: string[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return { ok: false, errors: [`${path}:1:1: cannot read the codebook (${(e as NodeJS.ErrnoException).code ?? e})`] };
  }
  const { errors } = parseCodebook(text, path);
  return { ok: errors.length === 0, errors };
}

/** Every term the themes' rules write (terms, exclusions, proximity words). */
function termsOf(themes: Array<Pick<ThemeDef, "terms" | "exclude" | "near">>): string[] {
  return themes.flatMap((t) => [...t.terms, ...t.exclude, ...t.near.flatMap((rule) => rule.words)]);
}

/** The domain's words, matched by the theme engine as one pseudo-theme. */
function domainAsTheme(d: DomainDef) {
  return { code: "domain", label: "domain", description: "", terms: d.terms, exclude: d.exclude, regex: [], near: [], minHits: 1, general: true };
}

/** Whether a document is of the codebook's domain, and the evidence for the answer. */
export interface ThemeScope {
  inDomain: boolean;
  /** Domain words found in the document, and per 10,000 of its words. */
  hits: number;
  per10kWords: number;
  /** The distinct domain words found, as first written (at most ten, for `inspect`). */
  evidence: string[];
}

/** Every theme may be coded: the scope of a codebook without a domain, or of a text alone. */
export const ANY_DOCUMENT: ThemeScope = { inDomain: true, hits: 0, per10kWords: 0, evidence: [] };

/**
 * Is the document of the codebook's domain? It is when its text holds at least `min_hits`
 * domain words and at least `min_per_10k_words` of them per 10,000 words. A document that
 * mentions its domain only in passing (an employment evaluation that names immigrants once
 * among its target groups) is not: its data or health recommendations are not migration themes.
 * The blocks are read in order until the count is reached (a migration report reaches it within
 * its first pages), so `hits` and `evidence` are complete only when `exhaustive` is set (inspect).
 */
export function documentScope(doc: Doc, cb: Codebook, exhaustive = false): ThemeScope {
  if (!cb.domain || !cb.domainMatcher) return ANY_DOCUMENT;
  const words = doc.meta.words || 1;
  const needed = Math.max(cb.domain.minHits, (cb.domain.minPer10kWords * words) / 10000);
  let hits = 0;
  const evidence: string[] = [];
  for (const block of doc.blocks) {
    const [hit] = cb.domainMatcher.matchAt(docTokens.block(doc, block));
    if (!hit) continue;
    hits += hit.hits;
    for (const e of hit.evidence) if (evidence.length < 10 && !evidence.some((x) => x.toLowerCase() === e.toLowerCase())) evidence.push(e);
    if (hits >= needed && !exhaustive) break;
  }
  const inDomain = hits >= cb.domain.minHits && (hits / words) * 10000 >= cb.domain.minPer10kWords;
  return { inDomain, hits, per10kWords: round((hits / words) * 10000, 2), evidence };
}

/** Drops the themes the scope does not allow: outside the domain, all but the general ones,
 * unless the text itself names the domain (one domain word, or two weak ones). */
function inScope(hits: ThemeHit[], at: TextAt, scope: ThemeScope, cb: Codebook): ThemeHit[] {
  if (scope.inDomain || !hits.length || !cb.domainMatcher) return hits;
  if (hits.every((h) => cb.generalCodes.has(h.code)) || cb.domainMatcher.matchAt(at).length) return hits;
  return hits.filter((h) => cb.generalCodes.has(h.code));
}

/** Is this block one the codebook codes? (Headings and footnotes are not, by default: a heading
 * is a label for the blocks under it, and footnotes are mostly citations whose titles would
 * code themes the text itself does not discuss.) */
export function isCodable(block: Block, cb: Codebook): boolean {
  return cb.codeBlocks.includes(block.kind) && hasLetter(block.text);
}

/** Codes every eligible block with the themes whose rules fire (and that the document's scope
 * allows); offsets are the block's. */
export function codeDocument(doc: Doc, cb: Codebook, scope: ThemeScope = documentScope(doc, cb)): Coding[] {
  const out: Coding[] = [];
  for (const block of doc.blocks) {
    if (!isCodable(block, cb)) continue;
    const hits = docTokens.lastHitsOf(cb.matcher, doc, block); // found already when a recommendation is the whole block
    for (const hit of inScope(hits, docTokens.block(doc, block), scope, cb)) {
      out.push({ block: block.index, theme: hit.code, evidence: hit.evidence, page: block.page, start: block.start, end: block.end });
    }
  }
  docTokens.release(doc); // the last of the document's coding (extractDocument)
  return out;
}

/** At most this many codes per recommendation, as the annotation guidelines ask. */
const MAX_CODES = 4;

/** The themes of one recommendation: strongest evidence first, at most four. `scope` is its
 * document's (documentScope); without it the text is coded as if of the domain. */
export function codeRecommendationText(text: string, cb: Codebook, scope: ThemeScope = ANY_DOCUMENT): string[] {
  const at = textAlone(text);
  return rankHits(inScope(cb.matcher.matchAt(at), at, scope, cb)).slice(0, MAX_CODES).map((h) => h.code);
}

/**
 * codeRecommendationText for a recommendation of `doc` (its text, block and offset): the same
 * codes, from the words and phrases of its block, found once for the document. A recommendation
 * that is its whole block has the block's hits; one that is a stretch of it, the block's phrases
 * inside the stretch (and its own regex matches). Text that is not such a stretch (cleaned of
 * footnote marks, or cut inside a word) is coded alone.
 */
export function codeRecommendation(rec: { text: string; block: number; start: number }, doc: Doc, cb: Codebook, scope: ThemeScope = documentScope(doc, cb)): string[] {
  const block = doc.blocks[rec.block];
  const at = block && block.index === rec.block ? docTokens.stretch(doc, block, rec.text, rec.start) : undefined;
  if (!at) return codeRecommendationText(rec.text, cb, scope);
  const hits = rec.text.length === block.text.length
    ? docTokens.hitsOf(cb.matcher, doc, block)
    : cb.matcher.matchAt(at, docTokens.regexesOf(cb.matcher, doc), findsWithin(docTokens.findsOf(cb.matcher, doc, block), at.from, at.to));
  return rankHits(inScope(hits, at, scope, cb)).slice(0, MAX_CODES).map((h) => h.code);
}

/** Orders hits by weighted evidence; ties keep codebook order (Array.sort is stable). */
export function rankHits(hits: ThemeHit[]): ThemeHit[] {
  return [...hits].sort((a, b) => b.score - a.score);
}

export interface ThemeRow {
  theme: string;
  label: string;
  segments: number;
  share: number;
  per_10k_words: number;
}

/** One row per codebook theme for one document, in codebook order. */
export function themeRows(doc: Doc, codings: Coding[], cb: Codebook): ThemeRow[] {
  const eligible = doc.blocks.filter((b) => isCodable(b, cb)).length;
  const blocksOf = new Map<string, Set<number>>();
  for (const c of codings) {
    let set = blocksOf.get(c.theme);
    if (!set) blocksOf.set(c.theme, (set = new Set()));
    set.add(c.block);
  }
  return cb.themes.map((t) => {
    const segments = blocksOf.get(t.code)?.size ?? 0;
    return {
      theme: t.code,
      label: t.label,
      segments,
      share: eligible ? round(segments / eligible, 4) : 0,
      per_10k_words: doc.meta.words ? round((segments / doc.meta.words) * 10000, 2) : 0,
    };
  });
}

/** The document x theme matrix, wide: doc_id, source, then one column of segment counts per code. */
export function themesMatrix(
  rows: Array<{ doc_id: string; source: string; theme: string; segments: number }>,
  cb: Codebook,
): { columns: string[]; rows: Record<string, string | number>[] } {
  const codes = cb.themes.map((t) => t.code);
  const byDoc = new Map<string, Record<string, string | number>>();
  for (const r of rows) {
    let wide = byDoc.get(r.doc_id);
    if (!wide) {
      wide = { doc_id: r.doc_id, source: r.source };
      for (const c of codes) wide[c] = 0;
      byDoc.set(r.doc_id, wide);
    }
    if (r.theme in wide && r.theme !== "doc_id" && r.theme !== "source") wide[r.theme] = (wide[r.theme] as number) + r.segments;
  }
  return { columns: ["doc_id", "source", ...codes], rows: [...byDoc.values()] };
}

/** For `sectormap inspect FILE --themes`: each coded segment, its codes and the evidence that fired. */
export function explainThemes(doc: Doc, cb: Codebook): string {
  const out: string[] = [`${doc.source}: codebook ${cb.id} ${cb.version}`];
  const scope = documentScope(doc, cb, true);
  if (cb.domain) {
    const found = `${scope.hits} domain word${scope.hits === 1 ? "" : "s"}, ${scope.per10kWords} per 10k words` +
      (scope.evidence.length ? `: ${scope.evidence.join("; ")}` : "");
    const needs = `needs ${cb.domain.minHits} and ${cb.domain.minPer10kWords} per 10k`;
    out.push(scope.inDomain
      ? `of the codebook's domain (${found}; ${needs})`
      : `outside the codebook's domain (${found}; ${needs}): only its general themes are coded (${[...cb.generalCodes].join(", ") || "none"}), and all themes in segments that name the domain`);
  }
  let eligible = 0, coded = 0;
  for (const block of doc.blocks) {
    if (!isCodable(block, cb)) continue;
    eligible++;
    const at = textAlone(block.text);
    const hits = rankHits(inScope(cb.matcher.matchAt(at), at, scope, cb));
    if (!hits.length) continue;
    coded++;
    const preview = block.text.replace(/\s+/g, " ");
    out.push("");
    out.push(`[block ${block.index}, p.${block.page}, ${block.start}-${block.end}] ${preview.length > 100 ? preview.slice(0, 97) + "..." : preview}`);
    for (const h of hits) out.push(`  ${h.code} (${h.hits} hit${h.hits === 1 ? "" : "s"}): ${h.evidence.join("; ")}`);
  }
  out.push("", `${coded} of ${eligible} segments coded`);
  return out.join("\n");
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
