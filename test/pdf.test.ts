import { describe, expect, it, vi } from "vitest";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanMetaTitle, ingestPdf } from "../src/ingest/pdf.js";
import { IngestError } from "../src/ingest/errors.js";
import { removeRunningHeadersFooters } from "../src/text/pages.js";
import { joinLineBreakHyphen, vocabularyOf } from "../src/text/hyphenation.js";
import { documentStyle, pageToMarkdown, type PageRuns, type TextRun } from "../src/ingest/pdf-layout.js";

// Captured before anything loads pdf.js (src/ingest/pdf.ts loads it lazily, on first use).
const pushBeforePdfJs = Array.prototype.push;
const jsonParseBeforePdfJs = JSON.parse;

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "pdf");
const EVALUATIONS = join(import.meta.dirname, "..", "..", "shared", "corpora", "evaluations");
const bytesOf = (path: string) => readFile(path).then((b) => new Uint8Array(b));
const fixture = (name: string) => bytesOf(join(FIXTURES, name));

async function ingestError(bytes: Uint8Array): Promise<IngestError> {
  try {
    await ingestPdf(bytes);
  } catch (err) {
    if (err instanceof IngestError) return err;
    throw err;
  }
  throw new Error("expected an IngestError");
}

/** Re-join words broken at line ends the way the text stage does, for assertions on whole words. */
function rejoinHyphens(page: string, vocabulary: Set<string>): string {
  return page.replace(/(\p{L}+)-\n(\p{L}+)/gu, (_, l: string, r: string) => joinLineBreakHyphen(l, r, vocabulary));
}

describe("joinLineBreakHyphen", () => {
  const vocab = vocabularyOf("migration flows and long-term plans\nwell-being of staff; decision making");
  it("joins a word the document spells whole", () => {
    expect(joinLineBreakHyphen("migra", "tion", vocab)).toBe("migration");
  });
  it("keeps a hyphen the document writes", () => {
    expect(joinLineBreakHyphen("long", "term", vocab)).toBe("long-term");
  });
  it("keeps the hyphen after a listed prefix or before a listed second part", () => {
    expect(joinLineBreakHyphen("self", "reliance", new Set())).toBe("self-reliance");
    expect(joinLineBreakHyphen("community", "based", new Set())).toBe("community-based");
  });
  it("keeps the hyphen when both halves are words of the document", () => {
    expect(joinLineBreakHyphen("decision", "making", vocab)).toBe("decision-making");
  });
  it("joins broken syllables by default and keeps case", () => {
    expect(joinLineBreakHyphen("Govern", "ment", new Set())).toBe("Government");
    expect(joinLineBreakHyphen("high", "er", new Set())).toBe("higher");
  });
  it("keeps the hyphen before a capital or a digit", () => {
    expect(joinLineBreakHyphen("COVID", "19", new Set())).toBe("COVID-19");
    expect(joinLineBreakHyphen("non", "Nigerien", new Set())).toBe("non-Nigerien");
  });
  it("vocabularyOf leaves out the halves of words broken at a line end", () => {
    const v = vocabularyOf("the reintegra-\ntion of returnees\nlong-term");
    expect(v.has("reintegra")).toBe(false);
    expect(v.has("tion")).toBe(false);
    expect(v.has("returnees")).toBe(true);
    expect(v.has("long-term")).toBe(true);
    expect(v.has("term")).toBe(true);
  });
});

describe("removeRunningHeadersFooters", () => {
  const page = (n: number, body: string) => `Annual Report 2021\n\n${body}\n\nPage ${n} of 5`;
  it("drops a repeated header and numbered footers, keeps the body", () => {
    const bodies = ["Returns rose.", "Funding fell.", "Partners met twice.", "Shelters filled up.", "The review ends."];
    const pages = bodies.map((body, i) => page(i + 1, body));
    const { pages: out, removed } = removeRunningHeadersFooters(pages);
    expect(out).toEqual(bodies);
    expect(removed).toContain("Annual Report 2021");
    expect(removed).toContain("Page 1 of 5");
  });
  it("drops bare page numbers at the top or bottom of pages", () => {
    const out = removeRunningHeadersFooters(["12\nFirst page text.", "Second page text.\n- 13 -", "Third page.\n14 | Annual report"]).pages;
    expect(out).toEqual(["First page text.", "Second page text.", "Third page."]);
  });
  it("keeps a line that recurs on only two pages and leaves a single page alone", () => {
    const pages = ["Key findings\nText one.", "Key findings\nText two.", "Other\nText three.", "More\nText four."];
    expect(removeRunningHeadersFooters(pages).pages).toEqual(pages);
    expect(removeRunningHeadersFooters(["12\nOnly page"]).pages).toEqual(["12\nOnly page"]);
  });
  it("keeps a recurring form label that moves around the page; drops a chapter header that opens a few pages", () => {
    const filler = (n: number) => Array.from({ length: 10 }, (_, k) => `Filler sentence ${"abcdefghij"[k]} on page ${"ABCDEFGHIJ"[n]}.`);
    const pages = Array.from({ length: 10 }, (_, n) => {
      const lines = filler(n);
      lines.splice(n % 3, 0, "Comments on implementation status:"); // slot t0, t1 or t2
      if (n >= 6) lines.unshift("ANNEX 1 - TERMS OF REFERENCE");
      return lines.join("\n");
    });
    const { pages: out } = removeRunningHeadersFooters(pages);
    expect(out.filter((p) => p.includes("Comments on implementation status:"))).toHaveLength(10);
    expect(out.filter((p) => p.includes("ANNEX 1"))).toEqual([]);
  });

  it("keeps long recurring lines: running headers are short", () => {
    const long = "This recurring sentence is long enough to be real content and not a running header of the document";
    const pages = ["Text one.", "Another text.", "A third text."].map((body) => `${long}\n${body}`);
    expect(removeRunningHeadersFooters(pages).pages).toEqual(pages);
  });
});

describe("pageToMarkdown on hand-made runs", () => {
  // A run of text at (x, y) in 10 pt Helvetica-like metrics: 5 points per character.
  const run = (text: string, x: number, y: number, size = 10, font = "body"): TextRun => ({ text, x, y, width: text.length * size * 0.5, size, font });
  const page = (runs: TextRun[]): PageRuns => ({ width: 595, height: 842, runs });
  const render = (runs: TextRun[]) => {
    const p = page(runs);
    return pageToMarkdown(p, documentStyle([p])).split("\n");
  };
  const body = (k: number) => run(`Ordinary body text line number ${k} of the page.`, 72, 300 + 12 * k);

  it("escapes body lines that would read as headings or bullets", () => {
    const lines = render([body(0), run("# of migrants assisted in the centres", 72, 312), run("- with the result that returns slowed", 72, 324), body(3)]);
    expect(lines).toContain("\\# of migrants assisted in the centres");
    expect(lines).toContain("\\- with the result that returns slowed");
  });

  it("aligned cells become table rows, wrapped cells join their row", () => {
    const lines = render([
      body(0),
      run("Key action", 72, 340), run("Deadline", 250, 340), run("Responsible", 400, 340),
      run("Conduct", 72, 360), run("Continuous", 250, 360), run("Protection", 400, 360),
      run("an assessment", 72, 372), run("Unit", 400, 372),
      run("Train staff", 72, 392), run("June 2022", 250, 392), run("MRRM", 400, 392),
    ]);
    expect(lines).toContain("| Key action | Deadline | Responsible |");
    expect(lines).toContain("| Conduct an assessment | Continuous | Protection Unit |");
    expect(lines).toContain("| Train staff | June 2022 | MRRM |");
  });

  it("a title set on several lines of large type, with the wide leading of its type, is one heading", () => {
    const lines = render([
      run("Rapid review into data on", 72, 100, 28),
      run("mental health inpatient settings:", 72, 140, 28),
      run("final report and recommendations", 72, 180, 28),
      ...[0, 1, 2, 3, 4].map(body),
    ]);
    expect(lines.filter((l) => l.startsWith("#"))).toEqual(["# Rapid review into data on mental health inpatient settings: final report and recommendations"]);
  });

  it("larger type is a heading, a bullet glyph a list item, a small raised number a <sup> marker", () => {
    const lines = render([
      run("Main Findings", 72, 260, 16),
      body(0), body(1),
      run("\u25AA", 80, 330), run("Shelter capacity doubled", 95, 330),
      run("Returns rose", 72, 350), run("2", 132.5, 346.5, 6), run(" in the second year.", 135, 350),
      body(6), body(7),
    ]);
    expect(lines[0]).toBe("# Main Findings");
    expect(lines).toContain("- Shelter capacity doubled");
    expect(lines).toContain("Returns rose<sup>2</sup> in the second year.");
  });

  it("a footnote at the foot of the page, below a table that grows line by line", () => {
    const rows = Array.from({ length: 6 }, (_, k) => [run(`Action ${k}`, 72, 340 + 14 * k), run(`Unit ${k}`, 250, 340 + 14 * k), run(`202${k}`, 400, 340 + 14 * k)]).flat();
    const lines = render([
      body(0),
      ...rows,
      run("1", 72, 700, 7), run("Source: programme monitoring data, 2020.", 80, 700, 8),
      run("Longer footnote text that goes on over more than five words here.", 72, 712, 8),
    ]);
    expect(lines).toContain("| Action 0 | Unit 0 | 2020 |");
    expect(lines).toContain("| Action 5 | Unit 5 | 2025 |");
    expect(lines).toContain("[^1]: Source: programme monitoring data, 2020. Longer footnote text that goes on over more than five words here.");
  });

  it("reads a left and a right column of hand-made runs one after the other", () => {
    const left = Array.from({ length: 8 }, (_, k) => run(`Left column prose line ${k} goes here`, 60, 100 + 12 * k));
    const right = Array.from({ length: 8 }, (_, k) => run(`Right column prose line ${k} goes on`, 320, 100 + 12 * k));
    const lines = render([...left, ...right]).filter((l) => l);
    expect(lines.indexOf("Left column prose line 7 goes here")).toBeLessThan(lines.indexOf("Right column prose line 0 goes on"));
    expect(lines.some((l) => l.includes("Left") && l.includes("Right"))).toBe(false);
  });

  it("a row of a hundred thousand runs, or text placed far off the page, is read without overflow or hang", () => {
    const many = Array.from({ length: 100_000 }, (_, k) => run("x", 72 + 7 * k, 300));
    const started = performance.now();
    const lines = render([...many, ...Array.from({ length: 8 }, (_, k) => run(`far away line ${k}`, 1e9 * (k % 2), 320 + 12 * k))]);
    expect(lines[0].startsWith("x x x")).toBe(true);
    // Generous: the gutter search alone would take minutes over a billion points of page.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("a line that ends a sentence well short of the margin ends its paragraph, though no gap follows", () => {
    // Lines at one 12-point pitch, no paragraph gap; full lines run to about x = 300.
    const at = (text: string, k: number) => run(text, 72, 300 + 12 * k);
    const lines = render([
      at("The report outlines the context which makes this", 0),
      at("review pertinent and details its aims and scope,", 1),
      at("and the approach to the interviews.", 2), // ends a sentence short of the margin: a paragraph ends
      at("The inception report and the terms of reference", 3),
      at("will direct the work of the team in the months", 4),
      at("of the consultancy and", 5), // short, but mid-sentence: the paragraph goes on
      at("its report. The team will review the materials", 6),
      at("Recommendation 4.", 7), // a label on its own line: its text follows
      at("Develop a manual for the partners and train the", 8),
      at("staff in its use, within the first year of it.", 9), // ends a sentence at the margin: goes on
      at("The manual is to be revised every second year.", 10),
    ]);
    expect(lines).toEqual([
      "The report outlines the context which makes this",
      "review pertinent and details its aims and scope,",
      "and the approach to the interviews.",
      "",
      "The inception report and the terms of reference",
      "will direct the work of the team in the months",
      "of the consultancy and",
      "its report. The team will review the materials",
      "Recommendation 4.",
      "Develop a manual for the partners and train the",
      "staff in its use, within the first year of it.",
      "The manual is to be revised every second year.",
    ]);
  });

  it("a space the PDF drew is a word break even where the gap is narrower than a thin space", () => {
    // "interne" ends at 72 + 35 = 107; "du" starts 0.09 em after it, too close to read as a space.
    const after = (spaceBefore: boolean) => ({ ...run("du projet", 107.9, 320), spaceBefore });
    expect(render([body(0), run("interne", 72, 320), after(true), body(2)])).toContain("interne du projet");
    expect(render([body(0), run("interne", 72, 320), after(false), body(2)])).toContain("internedu projet");
    // Not when the next run overlaps the previous one (no room for a space there).
    expect(render([body(0), run("interne", 72, 320), { ...run("du projet", 105, 320), spaceBefore: true }, body(2)])).toContain("internedu projet");
  });

  it("keeps one copy of text drawn twice to fake bold", () => {
    const lines = render([body(0), run("Key Findings", 72, 320), run("Key Findings", 72.4, 320.2), body(2)]);
    expect(lines).toContain("Key Findings");
    expect(lines.join("\n")).not.toContain("Findings Key");
  });
});

describe("ingestPdf on fixtures", () => {
  it("reads headings, bullets, a footnote and the info title; the text stage can drop header and footer", async () => {
    const file = await ingestPdf(await fixture("headers-footers.pdf"));
    expect(file.format).toBe("pdf");
    expect(file.pages).toHaveLength(4);
    expect(file.metaTitle).toBe("Regional Review 2021: Return and Reintegration");
    const first = file.pages[0].split("\n");
    expect(first).toContain("# Return and Reintegration in the Region");
    expect(first).toContain("## Section 1");
    expect(first).toContain("- Counselling before departure");
    expect(first).toContain("Most returnees were young men<sup>1</sup> travelling alone.");
    expect(first).toContain("[^1]: Source: programme monitoring data, 2020.");

    const { pages, removed } = removeRunningHeadersFooters(file.pages);
    expect(removed).toEqual(expect.arrayContaining(["Regional Review 2021", "Page 1 of 4"]));
    for (const page of pages) {
      expect(page).not.toContain("Regional Review 2021");
      expect(page).not.toMatch(/Page \d of 4/);
    }
    const second = rejoinHyphens(pages[1], vocabularyOf(pages.join("\n")));
    expect(second).toContain("supports the reintegration of returnees");
    expect(second).toContain("with a long-term view");
  });

  it("reads two columns one after the other", async () => {
    const [page] = (await ingestPdf(await fixture("two-columns.pdf"))).pages;
    const lines = page.split("\n");
    expect(lines[0]).toBe("# Findings of the Consultation");
    const lastAlpha = Math.max(...["Alpha one", "Alpha two", "Alpha three"].map((s) => page.indexOf(s)));
    const firstBeta = Math.min(...["Beta one", "Beta two", "Beta three"].map((s) => page.indexOf(s)));
    expect(lastAlpha).toBeGreaterThan(0);
    expect(firstBeta).toBeGreaterThan(lastAlpha);
    expect(lines).toContain("before the right column begins.");
    // No line mixes the two columns.
    expect(lines.filter((l) => l.includes("Alpha") && l.includes("Beta"))).toEqual([]);
  });

  it("keeps the word breaks of justified text whose spaces advance less than a thin space", async () => {
    const [page] = (await ingestPdf(await fixture("narrow-spaces.pdf"))).pages;
    expect(page.split("\n")).toEqual(["Cette évaluation finale interne du projet, conduite entre mars et mai,", "a porté sur la réintégration des migrants de retour."]);
  });

  it("reports unreadable PDFs with their reason", async () => {
    const truncated = await ingestError(await fixture("truncated.pdf"));
    expect(truncated.code).toBe("corrupt");
    expect(truncated.message).toMatch(/^corrupt PDF: \S/);
    const encrypted = await ingestError(await fixture("encrypted.pdf"));
    expect(encrypted.code).toBe("encrypted");
    expect(encrypted.message).toBe("encrypted PDF: cannot read without password");
    const scanned = await ingestError(await fixture("scanned.pdf"));
    expect(scanned.code).toBe("no-text");
    expect(scanned.message).toBe("scanned: no text layer, OCR needed");
    const garbage = await ingestError(new TextEncoder().encode("%PDF-1.7\nthis is not really a PDF\n"));
    expect(garbage.code).toBe("corrupt");
  });

  it("reads documents after unreadable ones and side by side (one pdf.js worker serves them all)", async () => {
    const alone = await ingestPdf(await fixture("two-columns.pdf"));
    await ingestError(await fixture("truncated.pdf"));
    await ingestError(await fixture("encrypted.pdf"));
    const [columns, headers] = await Promise.all([ingestPdf(await fixture("two-columns.pdf")), ingestPdf(await fixture("headers-footers.pdf"))]);
    expect(columns).toEqual(alone);
    expect(headers.pages).toHaveLength(4);
  });

  it("leaves the process's builtins as they were (pdf.js's core-js replaces push and JSON.parse)", async () => {
    await ingestPdf(await fixture("two-columns.pdf"));
    expect(Array.prototype.push).toBe(pushBeforePdfJs);
    expect(JSON.parse).toBe(jsonParseBeforePdfJs);
  });

  it("keeps real info titles and drops file names and placeholders", () => {
    expect(cleanMetaTitle("  Regional  Review 2021 ")).toBe("Regional Review 2021");
    expect(cleanMetaTitle("Microsoft Word - Final evaluation of MIRAA III")).toBe("Final evaluation of MIRAA III");
    expect(cleanMetaTitle("Microsoft Word - MIRAA_final_v3.docx")).toBeUndefined();
    expect(cleanMetaTitle("Untitled")).toBeUndefined();
    expect(cleanMetaTitle("PowerPoint Presentation")).toBeUndefined();
    expect(cleanMetaTitle("  ")).toBeUndefined();
  });

  it("leaves the caller's buffer usable", async () => {
    const bytes = await fixture("two-columns.pdf");
    await ingestPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect((await ingestPdf(bytes)).pages).toHaveLength(1);
  });
});

const haveEvaluations = existsSync(EVALUATIONS);
if (!haveEvaluations) console.warn(`pdf.test: ${EVALUATIONS} is missing, real-PDF tests skipped`);

describe.skipIf(!haveEvaluations)("ingestPdf on the evaluation PDFs", () => {
  const read = async (name: string) => ingestPdf(await bytesOf(join(EVALUATIONS, name)));

  it("prints nothing to stdout and gives one page per PDF page", async () => {
    const write = vi.spyOn(process.stdout, "write");
    const log = vi.spyOn(console, "log");
    const counts: Record<string, number> = {};
    for (const name of [
      "cs1137-cs1138-management-response-plan.pdf",
      "iom-niger-miraa-iii-final-evaluation.pdf",
      "iom-niger-miraa-iii-management-response.pdf",
      "nigeria-giz-evaluation-brief-2021.pdf",
      "nigeria-giz-internal-evaluation-2021.pdf",
    ]) {
      counts[name] = (await read(name)).pages.length;
    }
    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    write.mockRestore();
    log.mockRestore();
    expect(Object.values(counts)).toEqual([12, 48, 6, 2, 48]);
  });

  it("MIRAA-III evaluation: running header and page numbers go, headings and footnotes stay", async () => {
    const file = await read("iom-niger-miraa-iii-final-evaluation.pdf");
    expect(file.pages[0]).toContain("| PROJECT TITLE | FINAL EVALUATION MIRAA-III PROJECT IN NIGER |");
    const { pages } = removeRunningHeadersFooters(file.pages);
    const allLines = pages.flatMap((p) => p.split("\n"));
    expect(allLines.filter((l) => l.includes("MIRAA-III FINAL EVALUATION REPORT"))).toEqual([]);
    expect(allLines.filter((l) => /^\d{1,2}\/48$/.test(l))).toEqual([]);
    expect(pages[3].split("\n")).toContain("**2 - RELEVANCE**");
    expect(pages[3]).toContain("Given the migration patterns that remain unaltered for more than a decade");
    expect(pages[12]).toContain("The difference<sup>3</sup> in education level");
    expect(pages[12].split("\n")).toContain(
      "[^3]: Chi-square test for proportions calculated online at https://www.socscistatistics.com/tests/chisquare2/default2.aspx",
    );
    // Numbers opening lines in a table cell ("342 Nigeriens (81.4%)") are not footnotes.
    const footnoteNumbers = allLines.map((l) => /^\[\^(\d+)\]:/.exec(l)?.[1]).filter(Boolean).map(Number);
    expect(footnoteNumbers.length).toBeGreaterThan(5);
    expect(Math.max(...footnoteNumbers)).toBeLessThan(20);
    expect(pages[17]).toContain("342 Nigeriens (81.4%)");
  });

  it("GIZ internal evaluation: title from metadata, image-only page warned, header and 'Page N of 43' gone", async () => {
    const file = await read("nigeria-giz-internal-evaluation-2021.pdf");
    expect(file.metaTitle).toMatch(/^Initiative conjointe UE-OIM/);
    expect(file.warnings).toContain("page 2: no text layer");
    const { pages } = removeRunningHeadersFooters(file.pages);
    const allLines = pages.flatMap((p) => p.split("\n"));
    expect(allLines.filter((l) => /Page \d+ of 43/.test(l))).toEqual([]);
    expect(allLines.filter((l) => l.includes("GIZ Reintegration Project – Final Evaluation"))).toEqual([]);
    expect(pages[5]).toContain("- Examine the effectiveness, efficiency and sustainability of the project.");
  });

  it("MIRAA-III management response: the key-action matrix comes out as table rows", async () => {
    const file = await read("iom-niger-miraa-iii-management-response.pdf");
    const rows = file.pages.flatMap((p) => p.split("\n")).filter((l) => l.startsWith("| "));
    expect(rows).toContain(
      "| Key action | Time frame or deadline | Responsible individual or unit(s) | Implementation monitoring Comments or Status action taken |",
    );
    expect(rows.some((r) => r.startsWith("| Conduct assessment to identify barriers and adaptation of communication tools | Continuous |"))).toBe(true);
    expect(file.pages[0]).toContain("**EVALUATION RECOMMENDATION A - COMMUNICATION**");
  });

  it("GIZ internal evaluation: the results table keeps targets and results in their columns", async () => {
    const file = await read("nigeria-giz-internal-evaluation-2021.pdf");
    const rows = file.pages[21].split("\n").filter((l) => l.startsWith("| "));
    expect(rows[0]).toBe("| Objective | Indicator | Target | Result |");
    const outcome1 = rows.find((r) => r.startsWith("| Outcome 1: Returning migrants"))?.split(" | ") ?? [];
    expect(outcome1).toHaveLength(4);
    expect(outcome1[1]).toMatch(/^% of assisted beneficiaries who report/);
    expect(outcome1[2]).toMatch(/^75%/);
    expect(outcome1[3]).toMatch(/^79\.5%/);
  });

  it("GIZ evaluation brief: two columns in reading order, key-value box as a table", async () => {
    const file = await read("nigeria-giz-evaluation-brief-2021.pdf");
    expect(file.pages[0].split("\n")).toContain("| Evaluation type: | Final Internal Evaluation |");
    const page2 = file.pages[1];
    // Left column (findings) ends before the right column (sustainability, recommendations) starts.
    expect(page2.indexOf("tion of returned migrants by their communities.")).toBeLessThan(page2.indexOf("### Sustainability"));
    expect(page2.indexOf("## KEY RECOMMENDATIONS")).toBeLessThan(page2.indexOf("1. Generalize the accommodation assistance and better"));
    expect(page2.split("\n")).toContain("1. Generalize the accommodation assistance and better");
  });
});
