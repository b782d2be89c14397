// Responses linked to recommendations: management-response matrices, prose management
// responses and government responses, on fixtures written for these tests
// (test/fixtures/responses). The extractor is tested with recommendations given by hand, so
// that it is judged on its own; the dataset test runs the whole pipeline.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { ingestText } from "../src/ingest/text.js";
import { buildDoc } from "../src/text/document.js";
import type { Doc, Recommendation, ResponseUnit } from "../src/types.js";
import { deadlineInText, deadlineIso, extractResponses, loadResponseVocab } from "../src/extract/responses/index.js";
import { cli, ROOT, tmp } from "./export-helpers.js";
import { readQdpx } from "../src/export/qdpx-read.js";
import { buildModel, type Tables } from "../src/report/model.js";
import { reportFromModel } from "../src/report/index.js";

const FIXTURES = join(ROOT, "test", "fixtures", "responses");
const vocab = loadResponseVocab();

function docOf(markdown: string): Doc {
  const bytes = Buffer.from(markdown, "utf8");
  return buildDoc({ source: "test.md", format: "md", sha256: "", bytes: bytes.length }, ingestText(bytes, "md"));
}

/** One recommendation per phrase, at the phrase's first place in the document (as the recommendation stage would give it). */
function recsAt(doc: Doc, phrases: string[]): Recommendation[] {
  return phrases.map((phrase) => {
    const start = doc.text.indexOf(phrase);
    if (start < 0) throw new Error(`fixture lacks "${phrase}"`);
    const block = doc.blocks.find((b) => b.start <= start && start < b.end)!;
    return {
      block: block.index, kind: "recommendation", text: phrase, addressee: "", addresseeType: "", modality: "should", strength: "strong",
      action: "", section: block.section.at(-1) ?? "", label: "", themes: [], page: block.page, start, end: start + phrase.length, rule: "test",
    };
  });
}

/** The responses of a markdown text, with the phrase of the recommendation each answers. */
function responsesOf(markdown: string, recPhrases: string[]): Array<ResponseUnit & { answers: string }> {
  const doc = docOf(markdown);
  const recs = recsAt(doc, recPhrases);
  return extractResponses(doc, recs, vocab).map((r) => {
    // Offsets point at the row's words in the document's text.
    expect(doc.text.slice(r.start, r.end).replace(/\s+/g, " ")).toContain(r.action.slice(0, 20));
    return { ...r, answers: r.rec >= 0 ? recs[r.rec].text : "" };
  });
}

const matrixFixture = readFileSync(join(FIXTURES, "management-response.md"), "utf8");
const governmentFixture = readFileSync(join(FIXTURES, "government-response.md"), "utf8");
const MATRIX_RECS = [
  "The programme should publish its monitoring data every quarter.",
  "The programme should train border officials on referral procedures.",
  "The programme should close its regional office.",
  "Partner organisations should be involved in the design of the next phase.",
  "The programme should translate its leaflets into local languages.",
];

describe("management-response matrix (one recommendation a row)", () => {
  const rows = responsesOf(matrixFixture, MATRIX_RECS);

  it("links each row's response and key action to the recommendation in the same row, with its status", () => {
    const table = rows.filter((r) => r.rule === "matrix");
    expect(table.map((r) => [r.kind, r.answers.slice(0, 40), r.status])).toEqual([
      ["response", MATRIX_RECS[0].slice(0, 40), "accepted"],
      ["action", MATRIX_RECS[0].slice(0, 40), "accepted"],
      ["response", MATRIX_RECS[1].slice(0, 40), "partially accepted"],
      ["action", MATRIX_RECS[1].slice(0, 40), "partially accepted"],
      ["response", MATRIX_RECS[2].slice(0, 40), "rejected"],
    ]);
  });

  it("reads each key action's responsible unit and deadline from their columns", () => {
    const actions = rows.filter((r) => r.rule === "matrix" && r.kind === "action");
    expect(actions.map((r) => [r.action, r.responsible, r.deadline, r.deadlineIso])).toEqual([
      ["Publish a quarterly data bulletin on the website.", "Monitoring Unit", "Q2 2022", "2022-06"],
      ["Seek funding for two training rounds.", "Protection Unit", "December 2022", "2022-12"],
    ]);
  });
});

describe("prose management response (Recommendation N, then Management response: ...)", () => {
  const rows = responsesOf(matrixFixture, MATRIX_RECS).filter((r) => r.rule !== "matrix");

  it("links the response under each recommendation to it, with the status it states", () => {
    const responses = rows.filter((r) => r.kind === "response");
    expect(responses.map((r) => [r.answers, r.status])).toEqual([
      [MATRIX_RECS[3], "accepted"],
      [MATRIX_RECS[4], "noted"],
    ]);
  });

  it("makes the sentence in which a body binds itself a key action, with who and by when", () => {
    const actions = rows.filter((r) => r.kind === "action");
    expect(actions.map((r) => [r.answers, r.responsible, r.deadline, r.deadlineIso, r.status])).toEqual([
      [MATRIX_RECS[3], "The Country Office", "by 31/12/2022", "2022-12-31", "accepted"],
    ]);
  });
});

describe("government response (review recommendation quoted, then We will ...)", () => {
  const rows = responsesOf(governmentFixture, ["The regulator should publish waiting-time data for every clinic each month.", "Clinics should appoint a data lead."]);

  it("links the response to the recommendation it names, and each commitment after it", () => {
    expect(rows.map((r) => [r.kind, r.recRef, r.link, r.answers.slice(0, 20), r.status, r.responsible, r.deadlineIso])).toEqual([
      ["response", "3", "named", "The regulator should", "accepted", "", ""],
      ["action", "3", "named", "The regulator should", "accepted", "The Department of Health", "2025-04"],
      ["action", "3", "named", "The regulator should", "accepted", "NHS Digital", "2024-12"],
      ["response", "5", "named", "Clinics should appoi", "noted", "", ""],
      ["action", "5", "named", "Clinics should appoi", "noted", "We", ""],
    ]);
  });

  it("links a response that names a recommendation missing from the list to nothing, and says which it named", () => {
    const lone = responsesOf(governmentFixture, ["Clinics should appoint a data lead."]);
    expect(lone.filter((r) => r.recRef === "3").every((r) => r.rec === -1)).toBe(true);
    expect(lone.filter((r) => r.recRef === "5").every((r) => r.answers === "Clinics should appoint a data lead.")).toBe(true);
  });
});

describe("what is not a response", () => {
  it("gives no rows for a report without response labels, even with commitments in it", () => {
    const rows = responsesOf(
      "# Evaluation\n\n## Recommendations\n\nThe ministry should fund the shelters.\n\n## Next steps\n\nThe team will present the findings in May 2024.\n",
      ["The ministry should fund the shelters."],
    );
    expect(rows).toEqual([]);
  });

  it("takes no label from a table of contents or a sentence that mentions a response", () => {
    const rows = responsesOf(
      "# Report\n\n- Management response\n- Recommendation 2\n\n## Findings\n\nThe project should keep its hotline.\n\nThe government's response to the review's recommendations is set out in a separate paper published last year.\n\nThe ministry will publish the paper in 2025.\n",
      ["The project should keep its hotline."],
    );
    expect(rows).toEqual([]);
  });
});

describe("deadlines", () => {
  it.each([
    ["December 2022", "2022-12"],
    ["31/12/2022", "2022-12-31"],
    ["12/31/2022", "2022-12-31"],
    ["2022-12-31", "2022-12-31"],
    ["Q2 2022", "2022-06"],
    ["March 31, 2019", "2019-03-31"],
    ["31 décembre 2022", "2022-12-31"],
    ["Spring 2020", "2020-06"],
    ["Winter 2023", "2023-03"],
    ["end of 2023", "2023-12"],
    ["2022 to 2023", "2023"],
    ["2019-20", "2020"],
    ["2024", "2024"],
    ["April 2022 (pilot); launched nationally in September 2023", "2023-09"],
    ["Ongoing", ""],
    ["Continuous", ""],
    ["1 à 3 mois avant toute phase de conception future", ""],
  ])("%s -> %s", (written, iso) => {
    expect(deadlineIso(written)).toBe(iso);
  });

  it("finds the deadline an action's text names, not the dates it only mentions", () => {
    expect(deadlineInText("ABSB will form a committee by December 2012 that will report.", vocab.deadlineWords)).toBe("by December 2012");
    expect(deadlineInText("NHS England will scope out options in early 2024.", vocab.deadlineWords)).toBe("in early 2024");
    expect(deadlineInText("March 31, 2020: Completion of pilot projects", vocab.deadlineWords)).toBe("March 31, 2020");
    expect(deadlineInText("Since 2015 to 2016, efforts have placed a greater emphasis on skills.", vocab.deadlineWords)).toBe("");
    expect(deadlineInText("This action is ongoing.", vocab.deadlineWords)).toBe("ongoing");
  });
});

describe("the responses table in a dataset", () => {
  it("writes rows whose rec_id is a recommendation of the same document, and describes the table in datapackage.json", () => {
    const out = join(tmp(), "data");
    const r = cli(["extract", FIXTURES, "--out", out, "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const read = (table: string) => parse(readFileSync(join(out, `${table}.csv`), "utf8"), { columns: true }) as Array<Record<string, string>>;
    const recs = new Map(read("recommendations").map((row) => [row.rec_id, row]));
    const responses = read("responses");
    expect(responses.length).toBeGreaterThan(0);
    for (const row of responses.filter((x) => x.rec_id)) expect(recs.get(row.rec_id)?.doc_id).toBe(row.doc_id);
    // The government response names its recommendations: both are linked to the quoted text.
    const government = responses.filter((x) => x.source === "government-response.md" && x.kind === "response");
    expect(government.map((x) => [x.rec_ref, x.status, recs.get(x.rec_id)?.text.slice(0, 20)])).toEqual([
      ["3", "accepted", "The regulator should"],
      ["5", "noted", "Clinics should appoi"],
    ]);
    expect(new Set(responses.map((x) => x.response_id)).size).toBe(responses.length);

    const descriptor = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8"));
    const resource = descriptor.resources.find((x: { name: string }) => x.name === "responses");
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(["response_id", "rec_id", "status", "action", "responsible", "deadline", "deadline_iso"]));
    expect(resource.schema.foreignKeys).toEqual(expect.arrayContaining([{ fields: "rec_id", reference: { resource: "recommendations", fields: "rec_id" } }]));
  });
});

describe("responses in the report and the REFI-QDA export", () => {
  const out = join(tmp(), "data");
  const extracted = cli(["extract", FIXTURES, "--out", out, "--quiet"]);

  it("shows each recommendation with its response and actions, escaping the document's text", async () => {
    expect(extracted.code, extracted.stderr).toBe(0);
    const HOSTILE = `<img src=x onerror="alert(1)">`;
    const rec = { rec_id: "r1", doc_id: "d1", source: "d1.md", segment_id: "s1", kind: "recommendation", text: "Publish data.", addressee: "", addressee_type: "", addressee_actor_id: "", modality: "should", strength: "strong", action: "publish", section: "", label: "", themes: "", page: 1, start: 0, end: 13 };
    const response = (kind: string, action: string) => ({ response_id: `p-${kind}`, rec_id: "r1", doc_id: "d1", source: "d1.md", segment_id: "s1", kind, status: "partially accepted", action, responsible: `Unit ${HOSTILE}`, deadline: "Q2 2022", deadline_iso: "2022-06", link: "position", rec_ref: "", page: 1, start: 0, end: 5 });
    const t = {
      documents: [{ doc_id: "d1", source: "d1.md", format: "md", sha256: "", bytes: 1, pages: 1, words: 10, language: "en", title: "T", doc_type: "management response", date: "", place: "", status: "ok", message: "" }],
      segments: [], codings: [], themes: [], actors: [], mentions: [], edges: [], recurrences: [],
      recommendations: [rec], responses: [response("response", `Agreed ${HOSTILE}`), response("action", "Publish a bulletin.")],
    } as unknown as Tables;
    const page = await reportFromModel(buildModel(t));
    expect(page).toContain("partially accepted");
    expect(page).toContain("Publish a bulletin.");
    expect(page).toContain("by Q2 2022");
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("codes every response span with its status, and key actions as such", () => {
    expect(cli(["export", out, "--to", "qdpx", "--out", join(out, "project.qdpx")]).code).toBe(0);
    const project = readQdpx(readFileSync(join(out, "project.qdpx")));
    const source = project.sources.find((x) => x.name === "management-response.md")!;
    const codesAt = (text: string) => source.selections.filter((sel) => sel.text.includes(text)).flatMap((sel) => sel.codes.map((c) => [...c.path, c.name].join("/")));
    expect(codesAt("Partially agreed: training depends on new funding.")).toContain("Responses/Status/partially accepted");
    expect(codesAt("Seek funding for two training rounds.")).toEqual(expect.arrayContaining(["Responses/Status/partially accepted", "Responses/Key action"]));
    expect(codesAt("Rejected. The office serves remote districts.")).toContain("Responses/Status/rejected");
  });
});

describe("test documents of the shared corpus", () => {
  const pdf = join(ROOT, "..", "shared", "corpora", "evaluations", "iom-niger-miraa-iii-management-response.pdf");
  it.skipIf(!existsSync(pdf))("links every row of a management-response matrix PDF (skipped without ../shared)", () => {
    const out = join(tmp(), "data");
    expect(cli(["extract", pdf, "--out", out, "--quiet"]).code).toBe(0);
    const responses = parse(readFileSync(join(out, "responses.csv"), "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(responses.length).toBeGreaterThanOrEqual(12);
    expect(responses.every((x) => x.rec_id)).toBe(true);
    expect(responses.filter((x) => x.kind === "action").every((x) => x.responsible)).toBe(true);
  });
});
