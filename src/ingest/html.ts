// HTML -> "sectormap markdown" (see src/types.ts): headings become `#` lines,
// list items `- ` / `1. ` lines indented two spaces per nesting level, table
// rows `| a | b |`, paragraphs are separated by blank lines. Scripts, styles,
// navigation and the <head> are dropped; nothing is ever executed (the parser
// only builds a tree). Also used for .docx, which mammoth turns into HTML.

import { parse, HTMLElement, NodeType, TextNode, type Node } from "node-html-parser";
import iconv from "iconv-lite";
import type { IngestedFile } from "../types.js";
import { decodeText } from "./decode.js";
import { IngestError } from "./errors.js";
import { isSpaceCode } from "../text/char-class.js";

/** Elements whose content is never document text. */
const SKIPPED = new Set([
  "head", "script", "style", "noscript", "template", "nav", "svg", "math", "canvas",
  "iframe", "object", "embed", "video", "audio", "map", "button", "select", "textarea", "input",
]);

/** Elements that start and end a paragraph; anything else is inline (spans, links, unknown tags). */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
  "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
  "legend", "li", "main", "p", "section", "summary", "caption",
]);

const HEADING_RE = /^h([1-6])$/;

// Site chrome inside a page's content area, by class or id: page details (report a
// problem, date modified), breadcrumbs, share and language bars, search, download boxes.
const CHROME_RE =
  /(?:^|[\s_-])(?:pagedetails|page-details|breadcrumbs?|wb-sec|wb-share|wb-lng|wb-srch|wb-dtmd|gc-dwnld|gc-pg-hlpfl|report-?a?-?problem|skip-?links?|site-header|site-footer|global-header|global-footer|gc-main-footer|gc-sub-footer|cookie-?banner|share-?(?:links|tools)|social-?share|sidebar)(?:$|[\s_-])/i;
// "Report a problem on this page" / "Date modified:" lines that a page puts in its content area.
const CHROME_TEXT_RE = /^(?:report\s+a\s+problem(?:\s+or\s+mistake)?\s+on\s+this\s+page|date\s+modified:?(?:\s*\d{4}-\d{2}-\d{2})?)$/i;
/** Characters other than spaces in the longest text CHROME_TEXT_RE matches ("report a problem or mistake on this page"). */
const CHROME_TEXT_MAX_CHARS = 33;
// How pages name a note and number it: "Footnote 3", "Endnote 10", "Note ii", "Footnote a", "Footnote *",
// and a table's own notes: "Table 6 footnote 1".
const TABLE_PREFIX = String.raw`(?:table\s+\d+\s*[-–]?\s*)?`;
const NOTE_WORD = String.raw`${TABLE_PREFIX}(?:foot|end)?note`;
const NOTE_LABEL = String.raw`(?:\d{1,3}|[ivxlc]{1,7}|[a-z]|[*†‡§]{1,3})`;
/** The word and the label; a letter or numeral only after a space ("Notes" is no reference). The two
 * branches never match the same text: a label that could be read both ways made the repeated list in
 * SPELLED_REF_RE backtrack exponentially ("Note 1, Note 1, ..."). */
const NOTE_REF = String.raw`${NOTE_WORD}(?:\s*(?:\d{1,3}|[*†‡§]{1,3})|\s+(?:[ivxlc]{1,7}|[a-z]))`;
// A footnote's title in a definition list ("Footnote 3"), and its back-link ("Return to footnote 3 referrer").
const FOOTNOTE_TITLE_RE = new RegExp(String.raw`^\s*${NOTE_WORD}\s+${NOTE_LABEL}\s*$`, "i");
const RETURN_LINK_RE = new RegExp(String.raw`^\s*${TABLE_PREFIX}return\s+to\s+${NOTE_WORD}`, "i");
// A reference written out for screen readers, or several in one superscript: "Footnote 3",
// "Endnote 9,Endnote 10", "Footnote xvi" (the word is hidden on screen, where "³" shows).
const SPELLED_REF_RE = new RegExp(String.raw`^\s*${NOTE_REF}(?:\s*[,;–-]\s*(?:${NOTE_REF}|${NOTE_LABEL}))*\s*[,;]?\s*$`, "i");

// Footnote bodies: mammoth writes <li id="footnote-3">, pandoc <li id="fn3">.
const FOOTNOTE_ID_RE = /^(?:(?:foot|end)note-?|fn-?)(\d+)$/i;
// A superscript that is only a footnote reference: "3", "[3]", "3,4", "*", "†" (and the comma
// some pages put inside it, before the next reference: "<sup>3,</sup><sup>4</sup>").
const FOOTNOTE_REF_RE = /^\s*(?:\[?\d+(?:\s*[,–-]\s*\d+)*\]?|[*†‡§]+)\s*[,;]?\s*$/;
// Back-links at the end of a footnote ("↑" from mammoth, "↩︎" from pandoc).
const BACKLINK_RE = /^\s*[↑↩^]\uFE0E?\s*$/;

// The parser keeps these as text, but they are not content: a doctype, an XML
// declaration, and the markers of Word's downlevel-revealed conditional
// comments ("<![if !supportLists]>1.<![endif]>": the list number between them is kept).
const DECLARATION_RE = /<![A-Za-z][^>]*>|<\?xml[^>]*\?>|<!\[(?:if\b[^\]]*|endif)\]>/gi;

const PARSE_OPTIONS = {
  comment: false,
  // Keep the raw content of these elements as one text node, so markup inside
  // a script ("<p>" in a string) never becomes document elements.
  blockTextElements: { script: true, noscript: true, style: true, pre: true, textarea: true },
};

/** An .html/.htm file: decode the bytes (honouring a declared charset) and convert. */
export function ingestHtml(bytes: Uint8Array): IngestedFile {
  const html = decodeHtmlBytes(bytes);
  const { markdown, title } = htmlToMarkdown(html);
  if (markdown.trim() === "") throw new IngestError("empty", "no text in the HTML file");
  return { format: "html", pages: [markdown], warnings: [], metaTitle: title };
}

/** HTML source -> sectormap markdown (one page) and the <title>, if any. */
export function htmlToMarkdown(html: string): { markdown: string; title?: string } {
  try {
    const root = parse(html.replace(DECLARATION_RE, ""), PARSE_OPTIONS);
    const titleText = collapse(root.querySelector("title")?.text ?? "").trim();
    const out = new Emitter();
    walk(contentRoot(root), out);
    return { markdown: out.finish(), title: titleText || undefined };
  } catch (err) {
    // Thousands of nested elements (generated pages) exhaust the call stack: refuse the file, not the run.
    if (err instanceof RangeError) throw new IngestError("corrupt", "HTML nested too deeply to read", { cause: err });
    throw err;
  }
}

/** Decode HTML entities in a piece of text ("&amp;" -> "&", "&#8364;" -> "€"). */
export function decodeEntities(s: string): string {
  return s.includes("&") ? new TextNode(s).text : s;
}

// ---------- bytes ----------

/**
 * A page that declares a legacy charset (<meta charset="windows-1252">) is
 * decoded with it; otherwise the usual guess (UTF-8, else Windows-1252).
 */
function decodeHtmlBytes(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1].toLowerCase();
  const hasBom = bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe;
  if (declared && !hasBom && !/^utf-?8$/.test(declared) && !/^utf-?16/.test(declared)) {
    // Browsers read "iso-8859-1" and "us-ascii" as windows-1252; so do we.
    const charset = /^(iso-?8859-1|latin-?1|us-ascii|ascii)$/.test(declared) ? "windows-1252" : declared;
    if (iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes), charset);
  }
  return decodeText(bytes, ".html file").text;
}

// ---------- the content area ----------

/**
 * The part of the page that holds the document: <main>, else an element with
 * role="main", else the only <article>, else the densest block of text (the
 * deepest layout element that still holds nearly all the page's text outside links).
 * Menus, headers and footers around it are not read.
 */
function contentRoot(root: HTMLElement): HTMLElement {
  const main = root.querySelector("main") ?? root.querySelector('[role="main"]');
  if (main) return main;
  const articles = root.querySelectorAll("article");
  if (articles.length === 1) return articles[0];
  const body = root.querySelector("body") ?? root;
  return densestBlock(body);
}

/**
 * Share of an element's text (outside links) that a child container must hold for the
 * search to go down into it: what is left beside it is a footer or a sidebar, not content.
 */
const DENSE_SHARE = 0.8;
/** Elements that lay out a page; the search goes down into these only, never into a paragraph or a list. */
const CONTAINERS = new Set(["div", "section", "table", "tbody", "tr", "td", "center", "form", "span", "font"]);

function densestBlock(start: HTMLElement): HTMLElement {
  let node = start;
  for (let depth = 0; depth < 50; depth++) {
    const total = plainTextLength(node);
    if (total === 0) return node;
    let next: HTMLElement | undefined;
    for (const child of node.childNodes) {
      if (child instanceof HTMLElement && CONTAINERS.has(child.rawTagName?.toLowerCase() ?? "") && plainTextLength(child) >= DENSE_SHARE * total) next = child;
    }
    if (!next) return node;
    node = next;
  }
  return node;
}

/** Characters of text under an element, leaving out links, skipped elements and chrome. */
function plainTextLength(node: Node): number {
  if (node.nodeType === NodeType.TEXT_NODE) return (node as TextNode).text.trim().length;
  if (!(node instanceof HTMLElement)) return 0;
  const tag = node.rawTagName?.toLowerCase() ?? "";
  if (tag === "a" || isHidden(node, tag)) return 0;
  let n = 0;
  for (const child of node.childNodes) n += plainTextLength(child);
  return n;
}

// ---------- tree walk ----------

/** Collects paragraphs (blocks) as they are found; inline text accumulates until a block boundary. */
class Emitter {
  private blocks: string[] = [];
  private inline = "";

  text(s: string): void {
    this.inline += s;
  }

  /** A finished block (heading line, list, table) that must stand alone. */
  block(s: string): void {
    this.flush();
    if (s.trim() !== "") this.blocks.push(s);
  }

  /** Close the paragraph being collected, if any. */
  flush(): void {
    const lines = this.inline
      .split("\n")
      .map((l) => l.replace(/ {2,}/g, " ").trim())
      .filter((l) => l !== "");
    if (lines.length > 0) this.blocks.push(lines.join("\n"));
    this.inline = "";
  }

  finish(): string {
    this.flush();
    return this.blocks.join("\n\n");
  }

  /** Everything collected, as a single line (for headings, list items and cells). */
  oneLine(): string {
    this.flush();
    return this.blocks.join(" ").replace(/\s+/g, " ").trim();
  }
}

function walk(node: Node, out: Emitter): void {
  for (const child of node.childNodes) visit(child, out);
}

function visit(node: Node, out: Emitter): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.text(collapse((node as TextNode).text));
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = node.rawTagName?.toLowerCase() ?? "";
  if (isHidden(node, tag)) return;

  const heading = HEADING_RE.exec(tag);
  if (heading) {
    const text = inlineText(node);
    if (text) out.block(`${"#".repeat(Number(heading[1]))} ${text}`);
    return;
  }
  switch (tag) {
    case "br":
      out.text("\n");
      return;
    case "sup":
      if (isFootnoteRef(node)) return;
      walk(node, out);
      return;
    case "a":
      if (BACKLINK_RE.test(node.text) || RETURN_LINK_RE.test(node.text)) return;
      // A link to a note on the same page, spelled out and raised by the page's style sheet, not by <sup>.
      if (linksToNote(node) && SPELLED_REF_RE.test(node.text)) return;
      walk(node, out);
      return;
    case "dt":
      if (FOOTNOTE_TITLE_RE.test(node.text)) return; // "Footnote 3": the <dd> after it says which
      break;
    case "dd": {
      const footnote = FOOTNOTE_ID_RE.exec(node.getAttribute("id") ?? "");
      if (footnote) {
        const text = inlineText(node);
        if (text) out.block(`[^${footnote[1]}]: ${text}`);
        return;
      }
      break;
    }
    case "img":
      return;
    case "ul":
    case "ol":
      out.block(renderList(node, 0).join("\n"));
      return;
    case "table":
      renderTable(node, out);
      return;
    case "pre":
      out.block(node.text.replace(/\r\n?/g, "\n").replace(/^\n+|\s+$/g, ""));
      return;
    case "p":
      out.flush();
      if (isAllBold(node)) out.block(`**${inlineText(node)}**`);
      else walk(node, out);
      out.flush();
      return;
  }
  if (BLOCKS.has(tag)) {
    out.flush();
    walk(node, out);
    out.flush();
    return;
  }
  walk(node, out); // inline or unknown element: its text joins the paragraph
}

function isHidden(el: HTMLElement, tag: string): boolean {
  if (SKIPPED.has(tag)) return true;
  const role = el.getAttribute("role");
  if (role === "navigation" || role === "banner" || role === "contentinfo" || role === "search") return true;
  if (CHROME_RE.test(el.getAttribute("class") ?? "") || CHROME_RE.test(el.getAttribute("id") ?? "")) return true;
  if ((tag === "p" || tag === "dt" || tag === "dd" || tag === "div") && isChromeText(el)) return true;
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  return /display\s*:\s*none/i.test(el.getAttribute("style") ?? "");
}

/**
 * Is the element's whole text a line of site chrome (CHROME_TEXT_RE)? Only a short text can be:
 * a longer one is recognised from its first characters, without HTMLElement.text, which builds
 * and decodes the text of the whole subtree (asked of every nested <div>, that was a page's
 * text read once per level of nesting).
 */
function isChromeText(el: HTMLElement): boolean {
  return !textIsLongerThan(el, CHROME_TEXT_MAX_CHARS) && CHROME_TEXT_RE.test(el.text.trim());
}

/**
 * Does the element's text hold more than `limit` characters other than spaces? Reads its raw
 * text (what HTMLElement.text decodes) in order, and answers true only while no "&" came first:
 * up to an entity the decoded text is the raw text, after it an entity may decode to anything
 * (a space), so "not known" is answered false.
 */
function textIsLongerThan(el: HTMLElement, limit: number): boolean {
  let count = 0;
  /** Reads a node's raw text; true to stop (more than `limit`, or an "&"). */
  const read = (node: Node): boolean => {
    if (node instanceof HTMLElement) {
      if (node.rawTagName?.toLowerCase() === "br") return false; // its raw text is a line break
      for (const child of node.childNodes) if (read(child)) return true;
      return false;
    }
    const raw = node.rawText;
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 38) return true; // "&"
      if (!isSpaceCode(c) && ++count > limit) return true;
    }
    return false;
  };
  read(el);
  return count > limit;
}

/** A same-page link to a note: its text names a foot- or endnote, or its target is a note's id ("Note 4" may be a cross-reference). */
function linksToNote(node: HTMLElement): boolean {
  const href = node.getAttribute("href") ?? "";
  return href.startsWith("#") && (/(?:foot|end)note/i.test(node.text) || /^#(?:_?ftn|fn|footnote|endnote)/i.test(href));
}

function isFootnoteRef(sup: HTMLElement): boolean {
  // "<sup><a href="#fn3"><span class="wb-inv">Footnote </span>3</a></sup>": spelled out for screen readers.
  return FOOTNOTE_REF_RE.test(sup.text) || SPELLED_REF_RE.test(sup.text);
}

/**
 * A short paragraph whose every word is bold reads as a heading: emit it as
 * `**...**`. A bold sentence (long, or ending like one) stays body text, since
 * the structurer makes every `**...**` line a heading.
 */
function isAllBold(p: HTMLElement): boolean {
  if (!allTextBold(p, false)) return false;
  const text = collapse(p.text).trim();
  return text !== "" && text.length <= 120 && !/[.;!?]$/.test(text);
}

/** Is every visible word under `node` inside <b> or <strong>? Stops at the first plain word. */
function allTextBold(node: Node, inBold: boolean): boolean {
  for (const child of node.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) {
      if (!inBold && (child as TextNode).text.trim() !== "") return false;
    } else if (child instanceof HTMLElement) {
      const tag = child.rawTagName?.toLowerCase() ?? "";
      if (isHidden(child, tag) || (tag === "sup" && isFootnoteRef(child))) continue;
      if (!allTextBold(child, inBold || tag === "b" || tag === "strong")) return false;
    }
  }
  return true;
}

/** The text of an element on one line, block structure inside it flattened. */
function inlineText(el: HTMLElement, skipLists = false): string {
  const sub = new Emitter();
  for (const child of el.childNodes) {
    if (skipLists && child instanceof HTMLElement && isList(child)) continue;
    visit(child, sub);
  }
  return sub.oneLine();
}

function collapse(s: string): string {
  return s.replace(/\s+/g, " ");
}

// ---------- lists ----------

function isList(el: HTMLElement): boolean {
  const tag = el.rawTagName?.toLowerCase();
  return tag === "ul" || tag === "ol";
}

/** Lines of a list and its nested lists: "- item", "  1. sub-item". */
function renderList(list: HTMLElement, depth: number): string[] {
  const ordered = list.rawTagName.toLowerCase() === "ol";
  const type = list.getAttribute("type") ?? "1";
  let n = Number.parseInt(list.getAttribute("start") ?? "1", 10);
  if (!Number.isFinite(n)) n = 1;
  const indent = "  ".repeat(depth);
  const lines: string[] = [];

  for (const item of list.childNodes) {
    if (!(item instanceof HTMLElement)) continue;
    if (isList(item)) {
      lines.push(...renderList(item, depth + 1)); // <ul><ul>..</ul></ul>, invalid but common
      continue;
    }
    if (item.rawTagName.toLowerCase() !== "li" || isHidden(item, "li")) continue;

    const text = inlineText(item, true);
    const footnote = FOOTNOTE_ID_RE.exec(item.getAttribute("id") ?? "");
    if (footnote) {
      if (text) lines.push(`[^${footnote[1]}]: ${text}`);
      continue;
    }
    const value = Number.parseInt(item.getAttribute("value") ?? "", 10);
    if (Number.isFinite(value)) n = value;
    if (text) lines.push(`${indent}${ordered ? orderedLabel(n, type) : "-"} ${text}`);
    if (ordered) n++;
    for (const nested of item.childNodes) {
      if (nested instanceof HTMLElement && isList(nested)) lines.push(...renderList(nested, depth + 1));
    }
  }
  return lines;
}

/** The written label of an ordered item: "3.", "c)", "iv." as <ol type> asks. */
function orderedLabel(n: number, type: string): string {
  switch (type) {
    case "a":
      return `${letters(n)})`;
    case "A":
      return `${letters(n).toUpperCase()})`;
    case "i":
      return `${roman(n)}.`;
    case "I":
      return `${roman(n).toUpperCase()}.`;
    default:
      return `${n}.`;
  }
}

function letters(n: number): string {
  let s = "";
  for (let k = Math.max(1, n); k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

function roman(n: number): string {
  const parts: [number, string][] = [
    [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
    [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
  ];
  let s = "";
  let k = Math.max(1, n);
  for (const [v, r] of parts) for (; k >= v; k -= v) s += r;
  return s;
}

// ---------- tables ----------

/**
 * Rows as `| a | b |`. A one-column table is usually page layout (a whole
 * article in one cell), so its cells are walked as ordinary content instead.
 */
function renderTable(table: HTMLElement, out: Emitter): void {
  const rows = ownRows(table);
  const cellsOf = (row: HTMLElement) =>
    row.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && /^t[dh]$/i.test(c.rawTagName));

  const caption = table.childNodes.find(
    (c): c is HTMLElement => c instanceof HTMLElement && c.rawTagName.toLowerCase() === "caption",
  );
  if (caption) out.block(inlineText(caption));

  if (rows.every((r) => cellsOf(r).length <= 1)) {
    // Each cell a block of its own: one cell's text never runs into the next ("Weekly planning
    // committee" / "Executive committee chair", the rows of a chart's text version).
    for (const row of rows) {
      for (const cell of cellsOf(row)) {
        walk(cell, out);
        out.flush();
      }
    }
    return;
  }

  const lines: string[] = [];
  for (const cells of gridRows(rows.map(cellsOf))) {
    const texts = cells.map((c) => (c ? inlineText(c).replace(/\|/g, "\\|") : ""));
    if (texts.some((c) => c !== "")) lines.push(`| ${texts.join(" | ")} |`);
  }
  out.block(lines.join("\n"));
}

/** Most columns and rows a cell may span, and the column after which spans add no more places:
 * a page's "rowspan=10000" or a row of a thousand "colspan=50" cells must not build a huge grid. */
const MAX_SPAN = 50;
const MAX_SPANNED_COLUMNS = 200;

/**
 * The cells of each row where they stand on screen: a cell that spans rows ("rowspan") leaves
 * an empty place in the rows below it, and one that spans columns ("colspan") takes the places
 * after it, so each cell stays under its column's header. Without this, the rows under a
 * management response's "Recommendation 1" cell lost their first column and every cell moved
 * one column left (a deliverable read as the recommendation).
 */
function gridRows(rows: HTMLElement[][]): Array<Array<HTMLElement | null>> {
  const span = (c: HTMLElement, name: string) => Math.min(MAX_SPAN, Math.max(1, Number.parseInt(c.getAttribute(name) ?? "1", 10) || 1));
  // Per column: how many more rows a cell above still covers.
  const coveredFor: number[] = [];
  return rows.map((cells) => {
    const out: Array<HTMLElement | null> = [];
    let col = 0;
    const skipCovered = () => {
      while ((coveredFor[col] ?? 0) > 0) {
        out.push(null);
        coveredFor[col]--;
        col++;
      }
    };
    for (const cell of cells) {
      skipCovered();
      const wide = col < MAX_SPANNED_COLUMNS ? span(cell, "colspan") : 1;
      const tall = col < MAX_SPANNED_COLUMNS ? span(cell, "rowspan") : 1;
      for (let k = 0; k < wide; k++) {
        out.push(k === 0 ? cell : null);
        coveredFor[col] = tall - 1;
        col++;
      }
    }
    skipCovered();
    return out;
  });
}

/** The table's own rows (direct, or in thead/tbody/tfoot), not those of nested tables. */
function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of table.childNodes) {
    if (!(child instanceof HTMLElement)) continue;
    const tag = child.rawTagName.toLowerCase();
    if (tag === "tr") rows.push(child);
    else if (tag === "thead" || tag === "tbody" || tag === "tfoot") {
      for (const row of child.childNodes) {
        if (row instanceof HTMLElement && row.rawTagName.toLowerCase() === "tr") rows.push(row);
      }
    }
  }
  return rows;
}
