// PDF -> pages of sectormap markdown. pdf.js (the copy pdf-parse 2.x ships,
// pdfjs-dist pinned by it) reads the file; we take each page's positioned text
// runs and hand them to the layout code in pdf-layout.ts.
//
// Safety: the PDF is untrusted, so pdf.js runs with isEvalSupported: false (no
// code generated from font programs) and prints nothing (verbosity: errors,
// which it reports by throwing, not logging).
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import type { IngestedFile } from "../types.js";
import { IngestError } from "./errors.js";
import { documentStyle, pagesToMarkdown, type PageRuns, type TextRun } from "./pdf-layout.js";
import { InThreadPort } from "./pdf-port.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

// pdf.js's legacy build bundles core-js, which replaces Array.prototype.push and
// JSON.parse for the whole process with slower polyfills (they fix edge cases
// Node does not have). We keep the native ones and put them back after loading:
// this alone makes PDF reading ~30% faster, and the rest of the program too.
// If core-js is already loaded (pdf.js imported before this module), the
// builtins may be replaced and no longer tell (core-js makes its functions print
// as "[native code]"). Then push comes from a fresh realm - slower than the real
// native, faster than the polyfill - and JSON.parse is left alone (a foreign
// JSON.parse would build objects with another realm's prototypes).
const coreJsLoaded = "__core-js_shared__" in globalThis;
const nativePush: typeof Array.prototype.push = coreJsLoaded ? runInNewContext("Array.prototype.push") : Array.prototype.push;
const nativeJsonParse = coreJsLoaded ? undefined : JSON.parse;
function restoreNativeBuiltins(): void {
  if (Array.prototype.push !== nativePush) Array.prototype.push = nativePush;
  if (nativeJsonParse && JSON.parse !== nativeJsonParse) JSON.parse = nativeJsonParse;
}

/** The part of pdf.js's worker module we use: it serves an API end on the other side of a port. */
interface PdfJsWorkerModule {
  WorkerMessageHandler: { initializeFromPort(port: InThreadPort): void };
}

interface PdfEngine {
  pdfjs: PdfJs;
  /** pdf.js's worker code, running in this thread, connected by an InThreadPort; it serves every document. */
  worker: InstanceType<PdfJs["PDFWorker"]>;
}

let engineLoading: Promise<PdfEngine> | undefined;

/** pdf.js, loaded once, with its worker code running in this thread. */
function loadPdfJs(): Promise<PdfEngine> {
  engineLoading ??= (async () => {
    // Not the minified builds: they load ~0.1 s faster, but a whole run over the evaluation PDFs
    // took more CPU with them (3.37 against 3.28 s, medians of 4 alternated runs).
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    // Named through a variable: pdfjs-dist ships no typings for its worker module.
    const workerModule = "pdfjs-dist/legacy/build/pdf.worker.mjs";
    const { WorkerMessageHandler } = (await import(workerModule)) as PdfJsWorkerModule;
    restoreNativeBuiltins();
    const port = new InThreadPort();
    WorkerMessageHandler.initializeFromPort(port);
    // The worker takes its verbosity when created, not from getDocument.
    // (pdf.js's typings allow no port here, though its code takes one.)
    const worker = new pdfjs.PDFWorker({ port: port as never, verbosity: pdfjs.VerbosityLevel.ERRORS });
    return { pdfjs, worker };
  })();
  return engineLoading;
}

/**
 * Where pdf.js keeps its character maps (for fonts using predefined CMaps,
 * mostly CJK): read from the installed pdfjs-dist, never fetched.
 */
function cMapDirectory(): string {
  const pdfModule = fileURLToPath(import.meta.resolve("pdfjs-dist/legacy/build/pdf.mjs"));
  return join(dirname(pdfModule), "..", "..", "cmaps") + sep;
}

/** Our error for whatever pdf.js threw while opening or reading the file. */
function toIngestError(err: unknown): IngestError {
  if (err instanceof IngestError) return err;
  const name = (err as { name?: string })?.name ?? "";
  const message = String((err as { message?: string })?.message ?? err).split("\n")[0];
  if (name === "PasswordException") return new IngestError("encrypted", "encrypted PDF: cannot read without password", { cause: err });
  const reason = message.replace(/\.$/, "").toLowerCase() || "unreadable";
  return new IngestError("corrupt", `corrupt PDF: ${reason}`, { cause: err });
}

/** The text runs of one page, in page coordinates with y growing downwards. */
async function pageRuns(page: Awaited<ReturnType<Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>["getPage"]>>): Promise<PageRuns> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  const v = viewport.transform;
  // Where the PDF drew a space (pdf.js hands it over as an item of its own: a space glyph, often
  // narrower than the gap that reads as a word break in justified text), at page x and y.
  let space: { x: number; y: number } | undefined;
  for (const item of content.items) {
    if (!("str" in item)) continue;
    if (!item.str.trim()) {
      space = item.str.includes(" ") ? pagePoint(v, item.transform as number[]) : undefined;
      continue;
    }
    // pdfjs.Util.transform(viewport.transform, item.transform), written out (the same arithmetic,
    // so the same numbers) without the two arrays it allocates per text item.
    const t = item.transform as number[];
    const a = v[0] * t[0] + v[2] * t[1];
    const b = v[1] * t[0] + v[3] * t[1];
    const c = v[0] * t[2] + v[2] * t[3];
    const d = v[1] * t[2] + v[3] * t[3];
    const x = v[0] * t[4] + v[2] * t[5] + v[4];
    const y = v[1] * t[4] + v[3] * t[5] + v[5];
    // Rotated or vertical text (margin notes, axis labels) would tangle the lines: left out.
    if (Math.abs(b) > 0.1 * Math.abs(a) || Math.abs(c) > 0.1 * Math.abs(d)) continue;
    const size = Math.abs(d) || Math.abs(a);
    if (size < 1) continue;
    const run: TextRun = { text: item.str, x, y, width: item.width, size, font: item.fontName };
    if (space && spaceRightBefore(space, run)) run.spaceBefore = true;
    space = undefined;
    runs.push(run);
  }
  return { width: viewport.width, height: viewport.height, runs };
}

/** The page point (y growing downwards) where a text item starts. */
function pagePoint(v: number[], t: number[]): { x: number; y: number } {
  return { x: v[0] * t[4] + v[2] * t[5] + v[4], y: v[1] * t[4] + v[3] * t[5] + v[5] };
}

/** Does the run start on the space's line, within an em after it? (The item after a space in
 * the content stream may sit anywhere on the page: a new line, another column.) */
function spaceRightBefore(space: { x: number; y: number }, run: TextRun): boolean {
  const dx = run.x - space.x;
  return Math.abs(run.y - space.y) <= 0.3 * run.size && dx >= -0.1 * run.size && dx <= run.size;
}

/** Read a PDF into pages of sectormap markdown. Throws IngestError when the file cannot be read. */
export async function ingestPdf(bytes: Uint8Array): Promise<IngestedFile> {
  const { pdfjs, worker } = await loadPdfJs();
  // pdf.js may transfer (detach) the buffer it is given: it gets a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    worker,
    isEvalSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    cMapUrl: cMapDirectory(),
    cMapPacked: true,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw toIngestError(err);
  }
  try {
    const pages: PageRuns[] = [];
    const warnings: string[] = [];
    let unreadable = 0;
    let firstError: unknown;
    for (let n = 1; n <= doc.numPages; n++) {
      // One damaged page costs that page (a warning), not the document.
      try {
        const page = await doc.getPage(n);
        const runs = await pageRuns(page);
        page.cleanup();
        pages.push(runs);
        if (!runs.runs.length) warnings.push(`page ${n}: no text layer`);
      } catch (err) {
        firstError ??= err;
        unreadable++;
        pages.push({ width: 0, height: 0, runs: [] });
        warnings.push(`page ${n}: unreadable (${toIngestError(err).message.replace(/^corrupt PDF: /, "")})`);
      }
    }
    if (!pages.length) throw new IngestError("empty", "empty PDF: no pages");
    if (unreadable === pages.length) throw toIngestError(firstError);
    if (warnings.length === pages.length) throw new IngestError("no-text", "scanned: no text layer, OCR needed");

    const style = documentStyle(pages);
    const markdown = pagesToMarkdown(pages, style);
    const file: IngestedFile = { format: "pdf", pages: markdown, warnings };
    const title = await metadataTitle(doc);
    if (title) file.metaTitle = title;
    return file;
  } catch (err) {
    throw toIngestError(err);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

async function metadataTitle(doc: { getMetadata(): Promise<{ info: object }> }): Promise<string | undefined> {
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return typeof title === "string" ? cleanMetaTitle(title) : undefined;
  } catch {
    return undefined; // a broken info dictionary costs the title, not the document
  }
}

/**
 * A PDF info title worth keeping, or undefined. Authoring tools often store a
 * file name ("Microsoft Word - final_v3.docx") or a placeholder ("Untitled",
 * "PowerPoint Presentation") there: those say nothing about the document.
 */
export function cleanMetaTitle(raw: string): string | undefined {
  const title = raw
    .replace(/\s+/g, " ")
    .replace(/^Microsoft (?:Word|PowerPoint|Excel) - /i, "")
    .trim();
  if (!/\p{L}{2}/u.test(title)) return undefined;
  if (/\.(?:docx?|pdf|pptx?|xlsx?|indd|odt|rtf|txt|qxp)$/i.test(title)) return undefined;
  if (/^(?:untitled|sans titre|title|document\d*|presentation|powerpoint presentation|slide \d+)$/i.test(title)) return undefined;
  return title;
}
