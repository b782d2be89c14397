// The text stage's structure on layouts nobody tuned for: one-line-per-block
// text, tables that span lines and pages, contents pages and zones, saved web
// pages with their site chrome. Fixtures are written here, small and made up.
import { describe, expect, it } from "vitest";
import type { Block, Doc, Format, IngestedFile } from "../src/types.js";
import { buildDoc } from "../src/text/document.js";
import { ingestText } from "../src/ingest/text.js";
import { ingestHtml } from "../src/ingest/html.js";
import { linesAreBlocks } from "../src/text/reflow.js";
import { splitCells } from "../src/text/tables.js";
import { titleKey } from "../src/text/zones.js";
import { documentStyle, pagesToMarkdown, pageToMarkdown, type PageRuns, type TextRun } from "../src/ingest/pdf-layout.js";

const docOf = (file: IngestedFile, format: Format = file.format): Doc =>
  buildDoc({ source: `fixture.${format}`, format, sha256: "0", bytes: 0 }, file);
const textDoc = (text: string, format: "txt" | "md" = "txt") => docOf(ingestText(new TextEncoder().encode(text), format));
const texts = (blocks: Block[]) => blocks.map((b) => b.text);

describe("plain text with one line per block", () => {
  const scraped = [
    "Evaluation of the Coastal Resilience Program",
    "Executive Summary",
    "This report presents the findings of the evaluation of the Coastal Resilience Program, which the department ran from 2018 to 2023 with provinces and municipalities.",
    "The evaluation found that the program met most of its targets, although delays in two regions slowed the delivery of adaptation plans to small communities.",
    "Recommendations",
    "The department should simplify the application process for small municipalities so that they can apply without hiring consultants.",
    "The department should publish the results of funded projects in one place, within a year of their completion, for other decision-makers to learn from.",
    "Context",
    "The program was announced in 2018",
    "Footnote",
    "1",
    ", and renewed in 2021 with a larger budget for northern communities and Indigenous partners.",
    "Coastal flooding affects more than two hundred communities and the costs of recovery have grown every year since the program began in the Atlantic provinces.",
    "Footnote 1",
    "Budget 2021, chapter 4.",
    "Return to footnote",
    "1",
    "referrer",
    "Report a problem on this page",
    "Please select all that apply:",
    "Something is broken",
    "Date modified:",
    "2023-05-02",
  ].join("\n");

  it("keeps each line a block of its own, rejoins a sentence cut by a footnote reference and drops the page footer", () => {
    const doc = textDoc(scraped);
    const body = doc.blocks.filter((b) => b.kind !== "footnote");
    expect(texts(body)).toContain("The department should simplify the application process for small municipalities so that they can apply without hiring consultants.");
    expect(texts(body)).toContain("The program was announced in 2018, and renewed in 2021 with a larger budget for northern communities and Indigenous partners.");
    expect(doc.blocks.find((b) => b.text === "Recommendations")?.kind).toBe("heading");
    expect(doc.blocks.filter((b) => b.kind === "footnote").map((b) => [b.label, b.text])).toEqual([["1", "Budget 2021, chapter 4."]]);
    expect(doc.text).not.toMatch(/Report a problem|Date modified|Return to footnote|referrer|Something is broken/);
    // No block runs two paragraphs together.
    expect(Math.max(...doc.blocks.map((b) => b.text.split(" ").length))).toBeLessThan(40);
  });

  it("still re-flows text wrapped at a fixed width into paragraphs", () => {
    const wrapped = [
      "The evaluation covered the five years of the program and all of its",
      "activities in the three regions where it was delivered, with interviews",
      "of staff, partners and participants, a survey of funded organisations,",
      "and a review of the files and documents the program kept over the years.",
      "",
      "The program reached most of the people it meant to reach, and partners",
      "said that its support came at the right time and in the right form for",
      "their own work with the communities concerned by coastal flooding, but",
      "some of them found the reporting asked of them heavy for small teams.",
    ].join("\n");
    expect(linesAreBlocks([wrapped])).toBe(false);
    const doc = textDoc(wrapped);
    expect(doc.blocks).toHaveLength(2);
    expect(doc.blocks[0].text).toMatch(/^The evaluation covered .* over the years\.$/);
  });

  it("tells the two apart from the spread of line lengths", () => {
    expect(linesAreBlocks([scraped])).toBe(true);
  });
});

describe("contents page, zones", () => {
  const report = [
    "# Evaluation of the Shelter Programme",
    "",
    "## Table of Contents",
    "",
    "1. Introduction ........ 3",
    "2. Findings ........ 5",
    "3. Recommendations ........ 9",
    "Annex 1: Terms of reference ........ 12",
    "",
    "## Acronyms",
    "",
    "IOM",
    "International Organization for Migration",
    "NGO",
    "Non-governmental organisation",
    "",
    "## 1. Introduction",
    "",
    "This evaluation looks at the shelter programme over three years. The terms of reference in the annexes set out its questions, and the annexes also list the people met during the field missions in both regions.",
    "",
    "## 2. Findings",
    "",
    "The programme sheltered more people than planned, in better conditions than before, and with the support of the local authorities of both regions.",
    "",
    "## 3. Recommendations",
    "",
    "- The mission should extend the programme to the northern region.",
    "",
    "## Annex 1: Terms of reference",
    "",
    "The evaluation shall assess relevance, effectiveness and efficiency.",
  ].join("\n");

  it("reads the contents as front-matter paragraphs, not headings, and opens back matter only at the real annex", () => {
    const doc = textDoc(report, "md");
    const zoneOf = (text: string) => doc.blocks.find((b) => b.text.startsWith(text))?.zone;
    const entries = doc.blocks.filter((b) => /\.{3,}/.test(b.text));
    // Numbered entries stay list items ("1." is their label), the others become paragraphs: none is a heading.
    expect(entries.map((b) => [b.kind, b.zone])).toEqual([...Array(3).fill(["list_item", "front"]), ["paragraph", "front"]]);
    expect(zoneOf("IOM")).toBe("front");
    expect(zoneOf("This evaluation looks at")).toBe("body");
    expect(zoneOf("The mission should extend")).toBe("body");
    expect(zoneOf("The evaluation shall assess")).toBe("back");
    // The heading tree has each title once: the contents entries are not headings.
    expect(doc.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual([
      "Evaluation of the Shelter Programme", "Table of Contents", "Acronyms", "1. Introduction", "2. Findings", "3. Recommendations", "Annex 1: Terms of reference",
    ]);
    expect(doc.blocks.find((b) => b.text.startsWith("The mission"))?.section).toEqual(["Evaluation of the Shelter Programme", "3. Recommendations"]);
  });

  it("a table of contents set above the chapters' level covers its entries only, not the chapters after it", () => {
    // A web page: "Table of Contents" as h2, its entries as links, the chapters as h3.
    const doc = textDoc(
      [
        "# Evaluation of the Employee Assistance Program",
        "",
        "## Table of Contents",
        "",
        "- Executive Summary",
        "- Findings",
        "- Recommendations",
        "",
        "### Executive Summary",
        "",
        "The program is delivered in a manner supportive of its objectives, with room for improvement in monitoring.",
        "",
        "### Findings",
        "",
        "Employees who used the program were satisfied with the counselling they received from the providers.",
        "",
        "### Recommendations",
        "",
        "The Human Resources Branch should reassess the relevance of the Referral Agent role.",
      ].join("\n"),
      "md",
    );
    expect(doc.blocks.find((b) => b.text.startsWith("The Human Resources"))?.section).toEqual(["Evaluation of the Employee Assistance Program", "Recommendations"]);
    expect(doc.blocks.find((b) => b.text === "Findings")?.section).toEqual(["Evaluation of the Employee Assistance Program", "Table of Contents"]);
  });

  it("a heading that only starts like a contents title ('Content analysis') keeps its sub-sections", () => {
    const doc = textDoc("# Evaluation\n\n## Methodology\n\n### Content analysis\n\n#### Coding of documents\n\nThe team coded 120 documents with a shared codebook.\n", "md");
    expect(doc.blocks.at(-1)!.section).toEqual(["Evaluation", "Methodology", "Content analysis", "Coding of documents"]);
  });

  it("ends a zone at the next heading of its level: an early annex heading does not swallow the body", () => {
    const doc = textDoc(
      [
        "# Review",
        "",
        "This review of the reception system was carried out in 2023 by an independent team of three people, who read the files and met staff and partners over four months in the field.",
        "",
        "## Annex A: Methodology note",
        "",
        "We used interviews and a survey.",
        "",
        "## Main findings",
        "",
        "The reception centres are full and the waiting times have doubled since the last review.",
      ].join("\n"),
      "md",
    );
    expect(doc.blocks.find((b) => b.text.startsWith("We used"))?.zone).toBe("back");
    expect(doc.blocks.find((b) => b.text.startsWith("The reception centres"))?.zone).toBe("body");
  });
});

describe("title keys of contents entries and headings", () => {
  // What titleKey computed with regexes over the whole title, before it read only the first words.
  const byRegexes = (text: string) =>
    text
      .replace(/(?:\.{3,}|…+|(?:\.\s){3,}|_{3,}|-{4,})\s*[\divxlc]{0,6}\s*$/i, "")
      .replace(/\s+\d{1,3}$/, "")
      .toLowerCase()
      .replace(/^(?:(?:chapter|section|part|annex|appendix)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[ivxlc]{1,6}|[a-z])[.):]?\s+/i, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .split(" ")
      .slice(0, 5)
      .join(" ");
  it("keeps the first five words, without numbering, leaders, page number, case or punctuation", () => {
    const titles = [
      "3.2 Role of Government ........ 14",
      "Annex 2: Terms of reference ____ iv",
      "IV. Findings on relevance, coherence and effectiveness of the programme 21",
      "Chapter 1 Introduction - - - - 3",
      "Executive summary ---- ",
      "Lessons learned … 7",
      "Glossary  ",
      "Évaluation finale du projet d’appui (2019–2021) . . . 12",
      "Data on 𝐀𝐒𝐓𝐑𝐀𝐋 letters and 42 numbers ½ ²",
      "a) Short",
      "   ",
      "Summary of recommendations xi",
    ];
    for (const title of titles) expect(titleKey(title), title).toBe(byRegexes(title));
  });
});

describe("tables on the Doc", () => {
  it("splits cells with their offsets, keeping empty cells and escaped bars", () => {
    expect(splitCells("| a | | b \\| c |").map((c) => c.text)).toEqual(["a", "", "b \\| c"]);
  });

  // A run of text at (x, y), 10 pt, 5 points per character (as in test/pdf.test.ts).
  const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: text.length * size * 0.5, size, font: "body" });
  const page = (runs: TextRun[]): PageRuns => ({ width: 595, height: 842, runs });
  const prose = (k: number, y: number) => run(`Body text of the management response, line ${k}, as set in the report.`, 72, y);

  it("a management-response row whose cells wrap over lines and over a page break is one block that knows its columns", () => {
    const pages = [
      page([
        prose(1, 100), prose(2, 112), prose(3, 124),
        run("Key action", 72, 160), run("Deadline", 300, 160), run("Responsible unit", 420, 160),
        run("Train border staff on", 72, 180), run("June 2024", 300, 180), run("Protection Unit,", 420, 180),
        run("referral procedures", 72, 192),
        run("Open two new shelters in", 72, 220), run("Continuous", 300, 220), run("MRRM Programme,", 420, 220),
      ]),
      page([
        run("the northern region", 72, 100), run("Shelter Unit", 420, 100),
        run("Review the referral", 72, 120), run("March 2025", 300, 120), run("M&E Unit", 420, 120),
        prose(4, 160), prose(5, 172), prose(6, 184),
      ]),
    ];
    const style = documentStyle(pages);
    const doc = docOf({ format: "pdf", pages: pages.map((p) => pageToMarkdown(p, style)), warnings: [] });
    const rows = doc.blocks.filter((b) => b.kind === "table_row");
    expect(rows.map((b) => b.text)).toEqual([
      "| Key action | Deadline | Responsible unit |",
      "| Train border staff on referral procedures | June 2024 | Protection Unit, |",
      "| Open two new shelters in the northern region | Continuous | MRRM Programme, Shelter Unit |",
      "| Review the referral | March 2025 | M&E Unit |",
    ]);
    const crossing = rows[2];
    expect(crossing.page).toBe(1);
    expect(crossing.table).toMatchObject({ id: 0, row: 2, header: false, headers: ["Key action", "Deadline", "Responsible unit"] });
    expect(crossing.table!.cells.map((c) => doc.text.slice(c.start, c.end))).toEqual(["Open two new shelters in the northern region", "Continuous", "MRRM Programme, Shelter Unit"]);
    expect(rows[0].table!.header).toBe(true);
    // The prose after the table is not pulled into a cell.
    expect(doc.blocks.some((b) => b.kind === "paragraph" && b.text.startsWith("Body text of the management response, line 4"))).toBe(true);
  });
});

describe("a table continued on the next page", () => {
  const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: text.length * size * 0.5, size, font: "body" });
  const page = (runs: TextRun[]): PageRuns => ({ width: 595, height: 842, runs });
  const header = (n: number) => [run(`Final evaluation of the border programme - management response`, 72, 40, 7), run(`${n}`, 500, 40, 7)];
  const prose = (k: number, y: number) => run(`Body text of the management response, line ${k}, as set in the report.`, 72, y);

  it("keeps the columns of the page before, so that a column empty on this page keeps its place; the running header stays out", () => {
    const pages = [
      page([
        ...header(1),
        prose(1, 100), prose(2, 112), prose(3, 124),
        run("Key action", 72, 160), run("Deadline", 300, 160), run("Responsible unit", 420, 160),
        run("Train border staff", 72, 180), run("June 2024", 300, 180), run("Protection Unit", 420, 180),
        run("Open two shelters", 72, 200), run("Continuous", 300, 200), run("Shelter Unit", 420, 200),
      ]),
      page([
        ...header(2),
        run("Review the referral", 72, 100), run("M&E Unit", 420, 100),
        run("Publish the results", 72, 120), run("Programme Unit", 420, 120),
        prose(4, 160), prose(5, 172), prose(6, 184),
      ]),
      page([...header(3), prose(7, 100), prose(8, 112), prose(9, 124)]),
    ];
    const doc = docOf({ format: "pdf", pages: pagesToMarkdown(pages, documentStyle(pages)), warnings: [] });
    const rows = doc.blocks.filter((b) => b.kind === "table_row");
    expect(rows.map((b) => b.text)).toEqual([
      "| Key action | Deadline | Responsible unit |",
      "| Train border staff | June 2024 | Protection Unit |",
      "| Open two shelters | Continuous | Shelter Unit |",
      "| Review the referral |  | M&E Unit |",
      "| Publish the results |  | Programme Unit |",
    ]);
    // One table, whose rows on the second page know their header.
    expect(rows[4].table).toMatchObject({ id: 0, row: 4, headers: ["Key action", "Deadline", "Responsible unit"] });
    expect(rows[4].table!.cells.map((c) => c.text)).toEqual(["Publish the results", "", "Programme Unit"]);
  });
});

describe("saved web page", () => {
  const html = `<!DOCTYPE html><html><head><title>Evaluation of the Literacy Fund - Example.gc</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/programs">Programs</a></li></ul></nav>
<header class="global-header"><p>Government portal</p><form role="search"><input name="q"></form></header>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/evaluations">Evaluations</a></li></ol>
<main>
<h1>Evaluation of the Literacy Fund</h1>
<p>The fund reached 40,000 adult learners<sup id="fn1-rf"><a class="fn-lnk" href="#fn1"><span class="wb-inv">Footnote </span>1</a></sup> in its first five years.</p>
<h2>Recommendations</h2>
<ol><li>The department should renew the fund for five years.</li></ol>
<aside class="wb-fnote" role="note"><h2>Footnotes</h2><dl>
<dt>Footnote 1</dt><dd id="fn1"><p>Administrative data, 2022.</p>
<p class="fn-rtn"><a href="#fn1-rf"><span class="wb-inv">Return to footnote </span>1<span class="wb-inv"> referrer</span></a></p></dd>
</dl></aside>
<section class="pagedetails"><h2>Page details</h2><p><a href="/problem">Report a problem on this page</a></p>
<dl id="wb-dtmd"><dt>Date modified:</dt><dd><time>2023-04-01</time></dd></dl></section>
</main>
<footer class="global-footer"><p>About this site</p><p>Terms and conditions</p></footer>
</body></html>`;

  it("keeps the main content and its footnotes, without menus, breadcrumbs, page details or footer", () => {
    const doc = docOf(ingestHtml(new TextEncoder().encode(html)));
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["heading", "Evaluation of the Literacy Fund"],
      ["paragraph", "The fund reached 40,000 adult learners in its first five years."],
      ["heading", "Recommendations"],
      ["list_item", "The department should renew the fund for five years."],
      ["heading", "Footnotes"],
      ["footnote", "Administrative data, 2022."],
    ]);
    expect(doc.blocks.find((b) => b.kind === "footnote")?.label).toBe("1");
  });

  it("drops note references however a page writes them: endnotes, numerals, letters, lists, commas, links raised by a style sheet", () => {
    const page = `<html><body><main><h1>Evaluation</h1>
<p>Since the renewal of the Strategy<sup id="fn1-rf"><a class="fn-lnk" href="#fn1"><span class="wb-inv">Endnote </span>1</a>,</sup><sup><a class="fn-lnk" href="#fn2"><span class="wb-inv">Endnote </span>2</a></sup> in 2012, evaluators used a purposive sampling<sup><a class="fn-lnk" href="#fnxvi"><span class="wb-inv">Footnote </span>xvi</a></sup> approach.</p>
<p>The program spent $8 million<sup><a href="#fna"><span class="wb-invisible">Footnote </span>a</a></sup> on business registration<a class="footnote" href="#_ftn6">Footnote 6</a> and outreach.</p>
<table><tr><th>Source</th><th>Amount</th></tr><tr><td>Other sources<sup><a href="#tbl2fna"><span class="wb-inv">Table 2 Footnote </span>a</a></sup></td><td>20.0</td></tr></table>
<p>The 3<sup>e</sup> forum met in May; the 1<sup>st</sup> report followed.</p>
<aside class="wb-fnote" role="note"><h2>Endnotes</h2><dl>
<dt>Endnote 1</dt><dd id="fn1"><p>Budget 2012.</p><p class="fn-rtn"><a href="#fn1-rf"><span class="wb-inv">Return to endnote </span>1<span class="wb-inv"> referrer</span></a></p></dd>
</dl></aside></main></body></html>`;
    const doc = docOf(ingestHtml(new TextEncoder().encode(page)));
    expect(doc.blocks.map((b) => b.text)).toEqual([
      "Evaluation",
      "Since the renewal of the Strategy in 2012, evaluators used a purposive sampling approach.",
      "The program spent $8 million on business registration and outreach.",
      "| Source | Amount |",
      "| Other sources | 20.0 |",
      "The 3e forum met in May; the 1st report followed.",
      "Endnotes",
      "Budget 2012.",
    ]);
  });

  it("keeps a cross-reference link that is no note reference; a long run of spelled references is read at once", () => {
    const cross = `<html><body><main><h1>T</h1><p>The conditions are in <a href="#note-4">Note 4</a> of the statements.</p></main></body></html>`;
    expect(docOf(ingestHtml(new TextEncoder().encode(cross))).blocks[1].text).toBe("The conditions are in Note 4 of the statements.");
    // 40 references in one superscript: once exponential backtracking (hours); a hang guard, not a timing.
    const many = `<html><body><main><h1>T</h1><p>Text<sup>${"Note 1" + ", Note 1".repeat(39)} and more</sup> here.</p></main></body></html>`;
    const started = performance.now();
    ingestHtml(new TextEncoder().encode(many));
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("keeps each cell under its column's header when cells span rows or columns", () => {
    const page = `<html><body><main><h1>Management response</h1><table>
<tr><th>Recommendation</th><th>Response</th><th>Deliverable</th></tr>
<tr><td rowspan="2">Review the delivery model.</td><td>Agree</td><td>1. Workshop</td></tr>
<tr><td>Agree</td><td>2. Website</td></tr>
<tr><td colspan="2">Note: both done in 2017.</td><td>3. Report</td></tr>
<tr><td rowspan="99999">Huge span</td><td>a</td><td>b</td></tr>
</table></main></body></html>`;
    const doc = docOf(ingestHtml(new TextEncoder().encode(page)));
    expect(doc.blocks.filter((b) => b.kind === "table_row").map((b) => b.text)).toEqual([
      "| Recommendation | Response | Deliverable |",
      "| Review the delivery model. | Agree | 1. Workshop |",
      "|  | Agree | 2. Website |",
      "| Note: both done in 2017. |  | 3. Report |",
      "| Huge span | a | b |",
    ]);
  });

  it("reads the cells of a one-column table as blocks of their own, never run together", () => {
    const page = `<html><body><main><h1>Governance</h1><figure><figcaption><details><summary>Text version</summary>
<table role="presentation"><tbody><tr><td>Deputy minister</td></tr><tr><td>Weekly planning committee</td></tr>
<tr><td>Executive committee chair: DM</td></tr></tbody></table></details></figcaption></figure></main></body></html>`;
    const doc = docOf(ingestHtml(new TextEncoder().encode(page)));
    expect(doc.blocks.map((b) => b.text)).toEqual(["Governance", "Text version", "Deputy minister", "Weekly planning committee", "Executive committee chair: DM"]);
  });

  it("drops the lines of site chrome given as text (report a problem, date modified), however marked up, and only those", () => {
    const page = `<html><body><main><h1>Evaluation</h1><div><p>The fund reached adult learners in its first five years.</p>
<p>Report a <b>problem</b> or mistake on this page</p><div>Date&nbsp;modified:<br><time>2023-04-01</time></div>
<p>Report a problem on this page and the evaluation team will answer within a week.</p></div></main></body></html>`;
    const doc = docOf(ingestHtml(new TextEncoder().encode(page)));
    expect(doc.blocks.map((b) => b.text)).toEqual([
      "Evaluation",
      "The fund reached adult learners in its first five years.",
      "Report a problem on this page and the evaluation team will answer within a week.",
    ]);
  });

  it("without <main>, reads the block that holds the page's text, not the menus and footer around it", () => {
    const page = html.replace("<main>", '<div class="content">').replace("</main>", "</div>");
    const doc = docOf(ingestHtml(new TextEncoder().encode(page)));
    expect(doc.text).not.toMatch(/Government portal|Terms and conditions|About this site|Programs/);
    expect(doc.text).toContain("The department should renew the fund for five years.");
  });
});

describe("headings and running lines", () => {
  it("reads heading levels from numbering", async () => {
    const { numberedLevel } = await import("../src/text/structure.js");
    expect([numberedLevel("3. Findings"), numberedLevel("3.0 Findings"), numberedLevel("3.2 Relevance"), numberedLevel("3.2.1 Need")]).toEqual([2, 2, 3, 4]);
    expect(numberedLevel("2021 Annual report")).toBeUndefined();
    expect(numberedLevel("12 months later")).toBeUndefined();
  });

  it("drops a browser's print header, however long, when it tops every page", async () => {
    const { removeRunningHeadersFooters } = await import("../src/text/pages.js");
    const header = (n: number) => `11/24/25, 8:19 PM Government response to the rapid review into data on mental health inpatient settings in England and Wales - GOV.UK ${n}`;
    const bodies = ["Boards should review their data.", "Providers collect too much.", "Patients are rarely asked.", "The review ends here."];
    const pages = bodies.map((body, n) => `${header(n + 1)}\n\n${body}`);
    expect(removeRunningHeadersFooters(pages).pages).toEqual(bodies);
  });
});

describe("markdown front matter", () => {
  it("takes the document title from the front matter, not from the first sentence", () => {
    const md = [
      "---",
      "date: '2022-04-01'",
      'title: "Fact Sheet: New Partnerships to Expand Clean Water Access\\',
      '  \\ in Coastal Towns"',
      "---",
      "",
      "In addition, three water utilities announced further action in the region to connect schools and clinics.",
      "",
      "The partnerships will bring clean water to forty towns by 2025.",
    ].join("\n");
    const doc = textDoc(md, "md");
    expect(doc.meta.title).toBe("Fact Sheet: New Partnerships to Expand Clean Water Access in Coastal Towns");
    expect(doc.text).not.toContain("title:");
  });

  it("still reads the title from the text of a markdown file without front matter", () => {
    expect(textDoc("# Review of the Clean Water Partnerships\n\nThe review found delays.", "md").meta.title).toBe("Review of the Clean Water Partnerships");
  });
});

describe("statute-style sections and lettered items", () => {
  // An executive order as a web page saves it: run-in section headings (bold or not),
  // "(a)" / "(i)" / "(A)" items, escaped parentheses, no-break spaces after "Sec.".
  const order = [
    "By the authority vested in me, it is hereby ordered as follows:",
    "",
    "**Section\u00a01.\u00a0 Purpose.**\u00a0 Clean water is a foundation of public health.",
    "",
    "**Sec.\u00a02.\u00a0 Review of Water Programs in Rural and",
    "Coastal Communities.**\u00a0 (a)\u00a0 The Secretary of the Interior shall",
    "prepare:",
    "",
    "\\(i\\) a plan for rural systems; and",
    "",
    "\\(ii\\)  a plan for coastal systems, including by:",
    "",
    "\\(A\\)  repairing intake works; and",
    "",
    "\\(B\\)  monitoring salt intrusion.",
    "",
    "\\(b\\)  The Administrator shall report within 180 days.  ",
    "Sec. 3.  General Provisions.  (a)  Nothing in this order shall be",
    "construed to impair the authority of any agency.",
  ].join("\n");

  it("makes each section heading a heading of its own and each labelled item a list item", () => {
    const doc = textDoc(order, "md");
    const outline = doc.blocks.map((b) => [b.kind, b.kind === "list_item" ? `${b.label}:${b.depth}` : "", b.text]);
    expect(outline).toEqual([
      ["paragraph", "", "By the authority vested in me, it is hereby ordered as follows:"],
      ["heading", "", "Section 1. Purpose."],
      ["paragraph", "", "Clean water is a foundation of public health."],
      ["heading", "", "Sec. 2. Review of Water Programs in Rural and Coastal Communities."],
      ["list_item", "(a):0", "The Secretary of the Interior shall prepare:"],
      ["list_item", "(i):1", "a plan for rural systems; and"],
      ["list_item", "(ii):1", "a plan for coastal systems, including by:"],
      ["list_item", "(A):2", "repairing intake works; and"],
      ["list_item", "(B):2", "monitoring salt intrusion."],
      ["list_item", "(b):0", "The Administrator shall report within 180 days."],
      ["heading", "", "Sec. 3. General Provisions."],
      ["list_item", "(a):0", "Nothing in this order shall be construed to impair the authority of any agency."],
    ]);
  });

  it("nests parenthesised items by their label, not by the stray indents of a saved page", () => {
    const items = ["The following are suspended:", "", "    (a)  first persons;", "", "     (b)  second persons.", "", "  (i)  a clause."].join("\n");
    expect(textDoc(items, "md").blocks.slice(1).map((b) => `${b.label}:${b.depth}`)).toEqual(["(a):0", "(b):0", "(i):1"]);
  });

  it("reads a letter that follows its predecessor as a letter, not a roman numeral", () => {
    const items = ["(g) first item;", "", "(h) second item;", "", "(i) third item."].join("\n");
    expect(textDoc(items, "md").blocks.map((b) => `${b.label}:${b.depth}`)).toEqual(["(g):0", "(h):0", "(i):0"]);
  });

  it("leaves a sentence that starts with \"Section 4.\" as it is when no short title follows", () => {
    const text = "Section 4. The act was amended twice, and the amendments that followed are described below in detail for the readers of this report.";
    expect(textDoc(text, "md").blocks.map((b) => b.kind)).toEqual(["paragraph"]);
  });
});

describe("label lines in flattened response tables", () => {
  it("keeps recurring labels (\"Management response:\", \"Timing:\") as lead-in paragraphs, with their content, not headings", () => {
    const scraped = [
      "Recommendations and Management Response",
      "The department should publish the results of funded projects within a year of their completion.",
      "Management response:",
      "Management agrees.",
      "The program will post project summaries on its website from next spring onwards.",
      "Position responsible:",
      "Director General, Programs",
      "Timing:",
      "March 31, 2025",
      "The department should simplify its application forms for small municipalities.",
      "Management response:",
      "Management agrees.",
      "Position responsible:",
      "Director, Operations",
      "Timing:",
      "June 30, 2025",
    ].join("\n");
    const doc = textDoc(scraped);
    const kindOf = (t: string) => doc.blocks.find((b) => b.text === t)?.kind;
    expect(kindOf("Management response:")).toBe("paragraph");
    expect(kindOf("Position responsible:")).toBe("paragraph");
    expect(kindOf("Director General, Programs")).toBe("paragraph");
    expect(kindOf("Timing:")).toBe("paragraph");
    expect(kindOf("Recommendations and Management Response")).toBe("heading");
  });

  it("reads a cut lead-in sentence over list items as a paragraph, not a heading", () => {
    const text = ["Funding", "", "This programme should:", "", "- publish its data", "- review its targets", "", "Targets:", "", "- one a year"].join("\n");
    const doc = textDoc(text, "md");
    expect(doc.blocks.find((b) => b.text === "This programme should:")?.kind).toBe("paragraph");
    // A label without a verb still heads its list.
    expect(doc.blocks.find((b) => b.text === "Targets:")?.kind).toBe("heading");
  });
});

describe("lists whose bullets are drawn (a web page printed to PDF)", () => {
  // Body text at x 51, 14 pt on a 16 pt pitch; the list's items at x 66, 24 points apart; no bullet characters.
  const run = (text: string, x: number, y: number, size = 14): TextRun => ({ text, x, y, width: text.length * size * 0.45, size, font: "body" });
  const page = (runs: TextRun[]): PageRuns => ({ width: 595, height: 842, runs });
  const pdfDoc = (pages: PageRuns[]) => {
    const style = documentStyle(pages);
    return docOf({ format: "pdf", pages: pages.map((p) => pageToMarkdown(p, style)), warnings: [] });
  };

  it("makes each indented item after a line ending with a colon a list item of its own", () => {
    const doc = pdfDoc([
      page([
        run("The department agrees with this recommendation and will take the", 51, 100),
        run("following steps with its partners over the next two years:", 51, 116),
        run("publish the data it collects on waiting times every quarter, in a", 66, 147),
        run("format that patients and carers can read", 66, 163),
        run("review the targets set for each region with the regional boards", 66, 187),
        run("(https://www.example.org/targets-review)", 66, 203, 12.6),
        run("train staff in the new reporting system", 66, 227),
        run("The department will report on progress in its annual report, which is", 51, 258),
        run("laid before parliament every spring.", 51, 274),
      ]),
    ]);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ["paragraph", "The department agrees with this recommendation and will take the following steps with its partners over the next two years:"],
      ["list_item", "publish the data it collects on waiting times every quarter, in a format that patients and carers can read"],
      ["list_item", "review the targets set for each region with the regional boards (https://www.example.org/targets-review)"],
      ["list_item", "train staff in the new reporting system"],
      ["paragraph", "The department will report on progress in its annual report, which is laid before parliament every spring."],
    ]);
  });

  it("leaves an indented quotation and a first-line indent as paragraphs", () => {
    const doc = pdfDoc([
      page([
        run("One of the returnees we met put it this way:", 51, 100),
        run("“I did not receive any support with housing; I used the money I", 66, 131),
        run("came back with to rent a room for my family.”", 66, 147),
        run("Most returnees said the same, and the survey confirms it for the", 51, 178),
        run("three regions visited:", 51, 194),
        run("Four in five returnees had no housing support in their first year", 80, 225),
        run("after coming back, and most of them rented a room with the cash", 51, 241),
        run("grant they had been given.", 51, 257),
      ]),
    ]);
    expect(doc.blocks.filter((b) => b.kind === "list_item")).toEqual([]);
    expect(doc.blocks.some((b) => b.text.startsWith("Four in five returnees had no housing support") && b.text.endsWith("had been given."))).toBe(true);
  });

  it("reads items that go on at the top of the next page, below a running header", () => {
    const header = (n: number) => run(`11/24/25, 8:19 PM Government response to the review - GOV.UK page ${n}`, 24, 22, 8);
    const doc = pdfDoc([
      page([
        header(1),
        run("The review visited forty wards in twelve trusts over the winter and", 51, 36),
        run("spoke to patients, carers, staff and the members of their boards.", 51, 52),
        run("The review found that boards rarely look at the data they receive", 51, 68),
        run("about their wards, and that few of their members are trained to read it.", 51, 84),
        run("Boards should act on the findings of the review. We recommend that:", 51, 100),
        run("every provider board should review its membership and its skills", 66, 131),
        run("every provider board should ensure that its members can read and", 66, 155),
      ]),
      page([
        header(2),
        run("interpret data about the quality of care on its wards", 66, 41),
        run("regulators should assess whether boards have these skills", 66, 65),
        run("The government supports this recommendation and will consult on", 51, 96),
        run("the guidance for boards this year, with providers, regulators and", 51, 112),
        run("the people who use the services.", 51, 128),
      ]),
      page([header(3), run("The government will publish the guidance for boards by the end of the year.", 51, 41)]),
    ]);
    expect(doc.blocks.filter((b) => b.kind === "list_item").map((b) => b.text)).toEqual([
      "every provider board should review its membership and its skills",
      "every provider board should ensure that its members can read and interpret data about the quality of care on its wards",
      "regulators should assess whether boards have these skills",
    ]);
  });
});

describe("back matter after the body", () => {
  it("keeps a list of references and a glossary met after the appendices in the back matter", () => {
    const body = "The evaluation found that the program met most of its targets, although delays in two regions slowed the delivery of adaptation plans to the small coastal communities of the north.";
    const doc = textDoc(["# Evaluation", "", "## Findings", "", body, "", "## Appendix A: Evaluation matrix", "", "Questions and indicators.", "", "## List of references for the data tables", "", "Agency (2011). Annual report.", "", "## Glossary", "", "Drug: a product."].join("\n"), "md");
    const zoneOf = (start: string) => doc.blocks.find((b) => b.text.startsWith(start))?.zone;
    expect([zoneOf("The evaluation found"), zoneOf("Questions and"), zoneOf("Agency (2011)"), zoneOf("Drug:")]).toEqual(["body", "back", "back", "back"]);
  });
});

describe("zones of a report read from PDF", () => {
  const para = (topic: string) =>
    `The evaluation looked at ${topic} in the three provinces and found that the programme met most of its targets, with delays in the north that the team explains below.`;
  const pages = [
    [
      "# Final Evaluation of the Health Diaspora Project",
      "",
      "## TABLE OF CONTENTS",
      "",
      "EXECUTIVE SUMMARY_______________________________6",
      "1. INTRODUCTION __________________________________9",
      "Evaluation Context_______________________________9",
      "ANNEX A. CASE STUDIES ___________________________42",
      "",
      "## LIST OF FIGURES",
      "",
      "Figure 1. Number of migrants assisted to return voluntarily 9",
      "Figure 2. Distribution of the baseline social and psychosocial scores for the two samples of",
      "beneficiaries 15",
      "Figure 3. Situation of the micro-businesses created 16",
    ].join("\n"),
    // The acronyms were a picture: the heading is all that is left of that page.
    "## LIST OF ACRONYMS",
    ["## EXECUTIVE SUMMARY", "", para("the health diaspora project")].join("\n"),
    ["## 1. INTRODUCTION", "", para("the context"), "", "### Evaluation Context", "", para("the evaluation context")].join("\n"),
    ["## ANNEX A. CASE STUDIES", "", para("two districts"), "", "## Membres de la diaspora", "", "| Name | Role |", "| A. Diallo | Vice-president |"].join("\n"),
    ["## Reference List", "", "Ministry of Health (2020). National health development plan 2015-2024."].join("\n"),
  ];
  const doc = docOf({ format: "pdf", pages, warnings: [] });
  const block = (start: string) => doc.blocks.find((b) => b.text.startsWith(start));

  it("reads contents with underscore leaders and a list of figures as one entry per line, in the front matter", () => {
    expect(block("EXECUTIVE SUMMARY___")?.text).toBe("EXECUTIVE SUMMARY_______________________________6");
    expect(block("Figure 2.")?.text).toBe("Figure 2. Distribution of the baseline social and psychosocial scores for the two samples of beneficiaries 15");
    expect(block("Figure 3.")?.zone).toBe("front");
    expect(block("ANNEX A. CASE STUDIES ___")?.zone).toBe("front");
  });

  it("ends the front matter at the executive summary on the next page, and keeps an annex's own headings in the back matter", () => {
    expect(doc.blocks.filter((b) => b.kind === "heading" && b.text === "EXECUTIVE SUMMARY").map((b) => b.zone)).toEqual(["body"]);
    expect(block("The evaluation looked at the evaluation context")?.zone).toBe("body");
    expect(block("The evaluation looked at two districts")?.zone).toBe("back");
    // A heading as large as the chapters inside the annex does not bring the body back.
    expect(block("| A. Diallo")?.zone).toBe("back");
    expect(block("Ministry of Health (2020)")?.zone).toBe("back");
  });
});

describe("headings in capitals in a PDF", () => {
  const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: text.length * size * 0.5, size, font: "body" });
  const lines = (texts: string[], y0: number) => texts.map((t, k) => run(t, 72, y0 + 12 * k));

  it("takes a line in capitals between two paragraphs, without a gap, as a heading, and leaves acronyms and contents lines alone", () => {
    const pages: PageRuns[] = [
      {
        width: 595,
        height: 842,
        runs: lines(
          [
            "The evaluation covers the three years of the project in both regions, from",
            "its start in 2021 to its end in 2023.",
            "EVALUATION OBJECTIVE AND SCOPE",
            "The evaluation serves two purposes: accountability to the donor and the",
            "government, and learning for the next phase of the project in the region.",
            "Its users are the project team and the regional office, with IOM and",
            "UNHCR partners and the ministries that took part in the steering committee.",
            "IOM",
            "International Organization for Migration",
          ],
          100,
        ),
      },
    ];
    const style = documentStyle(pages);
    const doc = docOf({ format: "pdf", pages: pages.map((p) => pageToMarkdown(p, style)), warnings: [] });
    expect(doc.blocks.map((b) => [b.kind, b.text.slice(0, 40)])).toEqual([
      ["paragraph", "The evaluation covers the three years of"],
      ["heading", "EVALUATION OBJECTIVE AND SCOPE"],
      ["paragraph", "The evaluation serves two purposes: acco"],
    ]);
    expect(doc.blocks[2].text.endsWith("International Organization for Migration")).toBe(true);
  });
});

describe("a footer printed on one page only", () => {
  it("does not stop a sentence that a page break cut from joining its end on the next page", () => {
    const pages = [
      "Evaluation recommendation 2:\nThe two offices should document the lessons of similar projects and build on the\n\nTemplate Version: 08/2022",
      "initiatives of their partners, to avoid duplication.\nResponsible unit(s): Programme teams",
    ];
    const doc = docOf({ format: "pdf", pages, warnings: [] });
    expect(texts(doc.blocks)).toEqual([
      "Evaluation recommendation 2: The two offices should document the lessons of similar projects and build on the initiatives of their partners, to avoid duplication. Responsible unit(s): Programme teams",
      "Template Version: 08/2022",
    ]);
  });
});
