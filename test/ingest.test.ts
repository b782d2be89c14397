import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { decodeText } from "../src/ingest/decode.js";
import { ingestText, markdownToSectormap } from "../src/ingest/text.js";
import { htmlToMarkdown, ingestHtml } from "../src/ingest/html.js";
import { ingestDocx } from "../src/ingest/docx.js";
import { ingestFile, SUPPORTED_EXTENSIONS } from "../src/ingest/index.js";
import { walkInputs } from "../src/ingest/walk.js";
import { IngestError, UsageError } from "../src/ingest/errors.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const fixture = (name: string) => readFile(join(FIXTURES, name)).then((b) => new Uint8Array(b));
const lines = (page: string) => page.split("\n");

/** Run `fn`, expecting an IngestError with this code; returns its message. */
async function ingestErrorOf(fn: () => unknown, code: string): Promise<string> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    expect((err as IngestError).code).toBe(code);
    return (err as Error).message;
  }
  throw new Error(`expected an IngestError "${code}", got no error`);
}

describe("decodeText", () => {
  it("reads Windows-1252 bytes without mojibake", async () => {
    const { text, encoding } = decodeText(await fixture("latin1.txt"));
    expect(encoding).toBe("windows-1252");
    expect(text).toContain("Le café des réfugiés");
    expect(text).toContain("naïve “entre guillemets” coûte 5 € par personne");
    expect(text).toContain("ministry’s plan");
    expect(text).not.toMatch(/Ã|â€|\uFFFD/);
  });

  it("reads UTF-16 little and big endian with a BOM", async () => {
    for (const [name, encoding] of [["utf16le-bom.txt", "utf-16le"], ["utf16be-bom.txt", "utf-16be"]]) {
      const decoded = decodeText(await fixture(name));
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.text.startsWith("Migration et asile — Überblick")).toBe(true);
      expect(decoded.text).toContain("Café, naïve, Ελληνικά, 移民.");
    }
  });

  it("recognises UTF-16 without a BOM by its NUL bytes", () => {
    const text = "Recommendations to States and donors.\nSecond line.";
    const le = decodeText(new Uint8Array(Buffer.from(text, "utf16le")));
    expect(le).toEqual({ text, encoding: "utf-16le" });
    const be = decodeText(new Uint8Array(Buffer.from(text, "utf16le").swap16()));
    expect(be).toEqual({ text, encoding: "utf-16be" });
  });

  it("drops a UTF-8 BOM and keeps UTF-8 text as is", async () => {
    const { text, encoding } = decodeText(await fixture("utf8-bom.md"));
    expect(encoding).toBe("utf-8");
    expect(text.startsWith("# Réunion régionale")).toBe(true);
  });

  it("keeps UTF-8 with one damaged byte as UTF-8 rather than garbling every accent", () => {
    const bytes = Buffer.concat([Buffer.from("Réfugiés et migrants à Genève, ", "utf8"), Buffer.from([0xff]), Buffer.from(" fin", "utf8")]);
    const { text, encoding } = decodeText(new Uint8Array(bytes));
    expect(encoding).toMatch(/^utf-8/);
    expect(text).toContain("Réfugiés et migrants à Genève");
  });

  it("refuses empty, whitespace-only and binary content", async () => {
    expect(await ingestErrorOf(() => decodeText(new Uint8Array(0)), "empty")).toBe("empty file");
    await ingestErrorOf(() => decodeText(new Uint8Array(Buffer.from(" \n\t\r\n "))), "empty");
    const binary = await ingestErrorOf(async () => decodeText(await fixture("binary.txt"), ".txt file"), "binary");
    expect(binary).toBe("binary content in a .txt file");
    // Control characters without NULs are binary too.
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41));
    await ingestErrorOf(() => decodeText(controls), "binary");
  });
});

describe("ingestText (.txt, .md)", () => {
  it("turns the HTML left in markdown into plain marks", async () => {
    const file = ingestText(await fixture("utf8-bom.md"), "md");
    expect(file.format).toBe("md");
    expect(file.pages).toHaveLength(1);
    const page = lines(file.pages[0]);
    expect(page[0]).toBe("# Réunion régionale");
    expect(page).toContain("Le 3e forum a réuni 40 organisations.");
    expect(page).toContain("Deuxième ligne.");
    expect(page).toContain("- premier point");
    expect(page).toContain("[^1]: Liste des organisations en annexe.");
    expect(file.pages[0]).not.toMatch(/<\/?(sup|br)/);
  });

  it("splits pages at form feeds and unifies line ends", () => {
    const file = ingestText(new Uint8Array(Buffer.from("Page one.\r\nStill one.\fPage two.\rNext line.\f")), "txt");
    expect(file.pages).toEqual(["Page one.\nStill one.", "Page two.\nNext line."]);
    expect(file.warnings).toEqual([]);
  });

  it("warns when damaged UTF-8 bytes were replaced", () => {
    const bytes = Buffer.concat([Buffer.from("Réfugiés à Genève. ", "utf8"), Buffer.from([0xff]), Buffer.from("Fin.", "utf8")]);
    const file = ingestText(new Uint8Array(bytes), "txt");
    expect(file.pages[0]).toBe("Réfugiés à Genève. \uFFFDFin.");
    expect(file.warnings).toEqual(["some bytes are not valid UTF-8 and were replaced"]);
  });

  it("warns about a page with no text", () => {
    const file = ingestText(new Uint8Array(Buffer.from("One\f \fThree")), "txt");
    expect(file.pages).toHaveLength(3);
    expect(file.warnings).toEqual(["page 2: no text"]);
  });

  it("reads YAML front matter as the title", () => {
    const file = ingestText(new Uint8Array(Buffer.from("---\ntitle: Annual Review 2022\nauthor: X\n---\n# Summary\n")), "md");
    expect(file.metaTitle).toBe("Annual Review 2022");
    expect(file.pages[0].trim()).toBe("# Summary");
  });

  it("converts setext headings, rules, links, split escapes, entities and <br> in table rows", () => {
    const md = [
      "Introduction",
      "============",
      "",
      "Background",
      "----------",
      "",
      "Text with a <a href=\"http://x.org\">link</a> and &amp; an entity.<sup>12</sup>",
      "",
      "***",
      "<sup>&</sup>lt;sup>5</sup> While there is a reference to vulnerable migrants.",
      "| a<br>b | c |",
      "See <https://example.org/report.pdf> for details.<!-- hidden -->",
    ].join("\n");
    const out = lines(markdownToSectormap(md));
    expect(out[0]).toBe("# Introduction");
    expect(out[3]).toBe("## Background");
    expect(out).toContain("Text with a link and & an entity.");
    expect(out).not.toContain("***");
    expect(out).toContain("[^5]: While there is a reference to vulnerable migrants.");
    expect(out).toContain("| a b | c |");
    expect(out).toContain("See https://example.org/report.pdf for details.");
  });

  it("leaves no HTML tags in a seed converted from PDF", async () => {
    const file = ingestText(await readFile(join(import.meta.dirname, "..", "corpora", "seeds", "001_3a72d4e91ea61057.txt")), "txt");
    const text = file.pages.join("\n");
    expect(text).not.toMatch(/<\/?(sup|a)\b/);
    expect(text).toMatch(/^\[\^1\]: The \*\*Joint Migration and Development Initiative/m);
    expect(text).toContain("3RD GLOBAL MAYORAL FORUM");
  });
});

describe("HTML", () => {
  let page: string[];
  let title: string | undefined;
  beforeAll(async () => {
    const file = ingestHtml(await fixture("sample.html"));
    expect(file.format).toBe("html");
    expect(file.pages).toHaveLength(1);
    page = lines(file.pages[0]);
    title = file.metaTitle;
  });

  it("takes <title> as the title, decoding entities", () => {
    expect(title).toBe("Consultation on Migrant Protection & Reception");
  });

  it("writes headings, nested lists, bold lines and table rows", () => {
    expect(page[0]).toBe("# Consultation on Migrant Protection");
    expect(page).toContain("## Key recommendations");
    expect(page).toContain("1. Governments should end child detention.");
    expect(page).toContain("  - Alternatives to detention in the community");
    expect(page).toContain("  - Independent monitoring");
    expect(page).toContain("2. Donors should fund legal aid — for five years.");
    expect(page).toContain("**Follow-up**");
    expect(page).toContain("| Actor | Commitment |");
    expect(page).toContain("| UNHCR | Train 50 caseworkers |");
    expect(page).toContain("[^1]: List of participants in the annex.");
  });

  it("joins wrapped source lines, keeps <br> breaks and separates blocks with blank lines", () => {
    expect(page).toContain("Civil society organisations met in Nairobi on 12 May 2023. This line wraps in the source but is one paragraph.");
    const i = page.indexOf("The secretariat will report back.");
    expect(page[i + 1]).toBe("Second line of the same block.");
    expect(page[i - 1]).toBe("");
    expect(page[i + 2]).toBe("");
  });

  it("drops scripts, styles, navigation, hidden elements and footnote links", () => {
    const text = page.join("\n");
    for (const absent of ["INJECTED", "Not a heading", "font-family", "Home", "About us", "Hidden text", "↩", "<"]) {
      expect(text).not.toContain(absent);
    }
  });

  it("numbers ordered lists as <ol type/start> and <li value> ask", () => {
    const { markdown } = htmlToMarkdown(
      '<ol type="i" start="3"><li>third</li><li>fourth</li></ol><ol type="a"><li>first</li><li value="5">fifth</li></ol>',
    );
    expect(lines(markdown)).toEqual(["iii. third", "iv. fourth", "", "a) first", "e) fifth"]);
  });

  it("marks a short all-bold paragraph as a bold line, not a bold sentence", () => {
    const { markdown } = htmlToMarkdown(
      "<p><b>Key findings</b></p><p><strong>States should end the detention of children.</strong></p><p><b>Mixed</b> text</p>",
    );
    expect(lines(markdown)).toEqual(["**Key findings**", "", "States should end the detention of children.", "", "Mixed text"]);
  });

  it("reads a one-column layout table as ordinary content", () => {
    const { markdown } = htmlToMarkdown("<table><tr><td><h2>Findings</h2><p>One.</p><ul><li>Two</li></ul></td></tr></table>");
    expect(lines(markdown)).toEqual(["## Findings", "", "One.", "", "- Two"]);
  });

  it("honours a declared legacy charset", () => {
    const bytes = iconv.encode('<html><head><meta charset="iso-8859-1"></head><body><p>Café “citation”</p></body></html>', "windows-1252");
    expect(ingestHtml(new Uint8Array(bytes)).pages[0]).toBe("Café “citation”");
  });

  it("reads HTML saved by Word: conditional list numbers, <o:p>, charset in http-equiv", () => {
    const html =
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>' +
      '<meta http-equiv=Content-Type content="text/html; charset=windows-1252">' +
      "<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]--></head>" +
      "<body lang=EN-GB><div class=WordSection1><h1>Findings<o:p></o:p></h1>" +
      "<p class=MsoListParagraph><![if !supportLists]><span>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>" +
      "<![endif]>Governments should protect réfugiés.<o:p></o:p></p></div></body></html>";
    const file = ingestHtml(new Uint8Array(iconv.encode(html, "windows-1252")));
    expect(lines(file.pages[0])).toEqual(["# Findings", "", "1. Governments should protect réfugiés."]);
  });

  it("refuses absurdly deep nesting with an IngestError instead of crashing", async () => {
    const deep = "<div>".repeat(50_000) + "deep" + "</div>".repeat(50_000);
    expect(await ingestErrorOf(() => htmlToMarkdown(deep), "corrupt")).toBe("HTML nested too deeply to read");
  });

  it("refuses an HTML file without text", async () => {
    const message = await ingestErrorOf(
      () => ingestHtml(new Uint8Array(Buffer.from("<html><head><title>x</title></head><body><script>1</script></body></html>"))),
      "empty",
    );
    expect(message).toBe("no text in the HTML file");
  });
});

describe("DOCX", () => {
  it("converts headings, numbered lists, bold lines, tables and footnotes", async () => {
    const file = await ingestDocx(await fixture("sample.docx"));
    expect(file.format).toBe("docx");
    const page = lines(file.pages[0]);
    expect(page[0]).toBe("# Regional Consultation on Asylum");
    expect(page).toContain("1. States should end the detention of children.");
    expect(page).toContain("2. Donors should fund legal aid for asylum seekers.");
    expect(page).toContain("3. UNHCR should support local reception committees.");
    expect(page).toContain("**Next steps**");
    expect(page).toContain("The secretariat will circulate the report by June.");
    expect(page).toContain("| Actor | Role |");
    expect(page).toContain("| IOM | Co-chair |");
    expect(page).toContain("[^1]: Draft circulated to all participants.");
    expect(file.pages[0]).not.toMatch(/\[1\]|↑/);
  });

  it("reports corrupt, non-zip, old-format and encrypted files", async () => {
    expect(await ingestErrorOf(async () => ingestDocx(await fixture("corrupt.docx")), "corrupt")).toMatch(/^corrupt DOCX: /);
    expect(await ingestErrorOf(() => ingestDocx(new Uint8Array(Buffer.from("plain text"))), "corrupt")).toBe(
      "corrupt DOCX: not a zip archive",
    );
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await ingestErrorOf(() => ingestDocx(new Uint8Array(ole)), "unsupported");
    const encrypted = Buffer.concat([ole, Buffer.from("EncryptedPackage", "utf16le")]);
    expect(await ingestErrorOf(() => ingestDocx(new Uint8Array(encrypted)), "encrypted")).toBe(
      "encrypted DOCX: cannot read without password",
    );
  });
});

describe("ingestFile", () => {
  it("dispatches by extension and returns the bytes read", async () => {
    const { file, bytes } = await ingestFile(join(FIXTURES, "latin1.txt"), ".txt");
    expect(file.format).toBe("txt");
    expect(file.pages[0]).toContain("Le café des réfugiés\n\nUne approche");
    expect(bytes.length).toBe(163);
    expect((await ingestFile(join(FIXTURES, "sample.docx"), ".DOCX")).file.format).toBe("docx");
    expect((await ingestFile(join(FIXTURES, "sample.html"), ".html")).file.format).toBe("html");
    expect((await ingestFile(join(FIXTURES, "utf8-bom.md"), ".md")).file.format).toBe("md");
  });

  it("hands .pdf files to the PDF reader", async () => {
    const { PDFDocument, StandardFonts } = await import("pdf-lib");
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([400, 300]).drawText("States should fund legal aid.", { x: 40, y: 200, size: 12, font });
    const dir = await mkdtemp(join(tmpdir(), "sectormap-pdf-"));
    try {
      await writeFile(join(dir, "one.pdf"), await pdf.save());
      const { file } = await ingestFile(join(dir, "one.pdf"), ".pdf");
      expect(file.format).toBe("pdf");
      expect(file.pages.join("\n")).toContain("States should fund legal aid.");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says so when the content is another format than the extension", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sectormap-sniff-"));
    try {
      await writeFile(join(dir, "report.txt"), "%PDF-1.7\n%\xE2\xE3\n1 0 obj\n");
      await writeFile(join(dir, "notes.md"), "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello}");
      expect(await ingestErrorOf(() => ingestFile(join(dir, "report.txt"), ".txt"), "unsupported")).toBe(
        "PDF content in a .txt file: rename it to .pdf",
      );
      expect(await ingestErrorOf(() => ingestFile(join(dir, "notes.md"), ".md"), "unsupported")).toBe(
        "RTF content in a .md file: save it as .docx or plain text",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("lists the supported extensions", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".txt"]);
  });

  it("gives each failure its code and a one-line message", async () => {
    expect(await ingestErrorOf(() => ingestFile(join(FIXTURES, "unsupported.xlsx"), ".xlsx"), "unsupported")).toBe(
      "unsupported format (.xlsx)",
    );
    expect(await ingestErrorOf(() => ingestFile(join(FIXTURES, "no-such-file.txt"), ".txt"), "unreadable")).toBe(
      "cannot read file: file not found",
    );
    await ingestErrorOf(() => ingestFile(FIXTURES + "/walk", ".txt"), "unreadable");
    expect(await ingestErrorOf(() => ingestFile(join(FIXTURES, "latin1.txt"), ".txt", { maxBytes: 100 }), "too-large")).toMatch(
      /^file too large \(0\.0 MB; limit 0\.0 MB\)$/,
    );
    expect(await ingestErrorOf(() => ingestFile(join(FIXTURES, "empty.txt"), ".txt"), "empty")).toBe("empty file");
    expect(await ingestErrorOf(() => ingestFile(join(FIXTURES, "binary.txt"), ".txt"), "binary")).toBe(
      "binary content in a .txt file",
    );
  });
});

describe("walkInputs", () => {
  const WALK = join(FIXTURES, "walk");

  it("walks recursively in code-unit order, skipping hidden and unsupported files with a notice", async () => {
    const { inputs, notices } = await walkInputs([WALK], {});
    expect(inputs.map((f) => f.source)).toEqual([
      "_intro.md",
      "reports/2023/C.html", // "C" < "b" in code units; a locale sort would swap them
      "reports/2023/b.md",
      "reports/a.txt",
      "top.txt",
    ]);
    expect(inputs[1]).toEqual({ absPath: join(WALK, "reports", "2023", "C.html"), source: "reports/2023/C.html", ext: ".html" });
    expect(notices).toEqual(["skipped budget.xlsx: unsupported format (.xlsx)"]);
  });

  it("matches --include and --exclude globs against the source path", async () => {
    const md = await walkInputs([WALK], { include: ["*.md"] });
    expect(md.inputs.map((f) => f.source)).toEqual(["_intro.md", "reports/2023/b.md"]);
    expect(md.notices).toEqual([]); // files left out by a glob are not reported
    const noReports = await walkInputs([WALK], { exclude: ["reports/2023/**", "_*"] });
    expect(noReports.inputs.map((f) => f.source)).toEqual(["reports/a.txt", "top.txt"]);
  });

  it("names a file argument by its base name and rejects a missing path", async () => {
    const { inputs } = await walkInputs([join(WALK, "reports", "a.txt")], {});
    expect(inputs.map((f) => f.source)).toEqual(["a.txt"]);
    await expect(walkInputs([join(WALK, "missing")], {})).rejects.toThrow(UsageError);
    await expect(walkInputs([join(WALK, "missing")], {})).rejects.toThrow(/^no such file or folder: /);
  });

  it("reads a folder named twice, or inside another named folder, once", async () => {
    const { inputs, notices } = await walkInputs([join(WALK, "reports"), join(WALK, "reports", "2023")], {});
    expect(inputs.map((f) => f.source)).toEqual(["2023/C.html", "2023/b.md", "a.txt"]); // 2023/ read once
    const again = await walkInputs([join(WALK, "reports", "a.txt"), join(FIXTURES, "walk", "reports", "..", "reports", "a.txt")], {});
    expect(again.inputs).toHaveLength(1); // the same file named twice is read once
    expect(notices).toEqual([]);
  });

  describe("with symbolic links", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "sectormap-walk-"));
      await mkdir(join(dir, "docs", "sub"), { recursive: true });
      await writeFile(join(dir, "docs", "report.txt"), "A report.");
      await writeFile(join(dir, "docs", "sub", "annex.md"), "# Annex");
      await symlink(join(dir, "docs"), join(dir, "docs", "sub", "loop")); // docs/sub/loop -> docs
      await symlink(join(dir, "docs", "report.txt"), join(dir, "docs", "zz-link.txt"));
      await symlink(join(dir, "nowhere.txt"), join(dir, "docs", "broken.txt"));
      await mkdir(join(dir, "docs", "out"));
      await writeFile(join(dir, "docs", "out", "recommendations.md"), "old output");
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("prefixes the folder name when two command-line paths give the same source name", async () => {
      await mkdir(join(dir, "clash"), { recursive: true });
      await writeFile(join(dir, "clash", "report.txt"), "Another report.");
      const { inputs, notices } = await walkInputs([join(dir, "docs", "report.txt"), join(dir, "clash")], {});
      expect(inputs.map((f) => [f.source, f.absPath])).toEqual([
        ["clash/report.txt", join(dir, "clash", "report.txt")],
        ["docs/report.txt", join(dir, "docs", "report.txt")],
      ]);
      expect(notices).toEqual([]);
    });

    it("follows links, never loops, reads each file once and skips the output folder", async () => {
      const { inputs, notices } = await walkInputs([join(dir, "docs")], { outDir: join(dir, "docs", "out") });
      expect(inputs.map((f) => f.source)).toEqual(["report.txt", "sub/annex.md"]);
      expect(notices).toContain("skipped sub/loop: folder already read (symbolic link loop?)");
      expect(notices).toContain("skipped broken.txt: broken link or unreadable");
    });
  });
});
