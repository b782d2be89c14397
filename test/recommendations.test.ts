// Recommendation rules engine: one test per trigger family, exclusion and addressee rule, on
// sentences written for these tests (not copied from the seeds), then the seed figures.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingestText } from "../src/ingest/text.js";
import { buildDoc } from "../src/text/document.js";
import type { Doc, Recommendation } from "../src/types.js";
import {
  explainRecommendations,
  extractRecommendations,
  loadRecommendationRules,
} from "../src/extract/recommendations/index.js";
import { compileRules, DEFAULT_RULES_PATH } from "../src/extract/recommendations/rules.js";

const rules = loadRecommendationRules();

/** A real Doc (ingest + text stage) from a markdown string. */
function docOf(markdown: string, source = "test.md"): Doc {
  const bytes = Buffer.from(markdown, "utf8");
  return buildDoc({ source, format: "md", sha256: "", bytes: bytes.length }, ingestText(bytes, "md"));
}

function recsOf(markdown: string): Recommendation[] {
  return extractRecommendations(docOf(markdown), rules);
}

/** The one recommendation a single sentence yields (fails when there is not exactly one). */
function one(sentence: string): Recommendation {
  const recs = recsOf(`Some context comes first here.\n\n${sentence}\n`);
  expect(recs.map((r) => r.text)).toEqual([sentence]);
  return recs[0];
}

function none(sentence: string): void {
  expect(recsOf(`${sentence}\n`)).toEqual([]);
}

describe("trigger families", () => {
  it("should: strong, names the subject as addressee, action is the verb", () => {
    const r = one("Governments should expand access to legal aid for detained migrants.");
    expect(r).toMatchObject({ kind: "recommendation", modality: "should", strength: "strong", addressee: "Governments", addresseeType: "state", action: "expand" });
  });

  it("'should consider' is advisory", () => {
    expect(one("States should consider joining the regional labour mobility scheme.")).toMatchObject({ modality: "should", strength: "advisory", action: "consider" });
  });

  it("must / shall: obligation", () => {
    expect(one("Host municipalities must publish their reception budgets every year.")).toMatchObject({ modality: "must", strength: "obligation", addresseeType: "local" });
    expect(one("Screening shall take place within three days of arrival.").modality).toBe("must");
  });

  it("need family: 'there is a need to', 'X need to', 'is essential'", () => {
    expect(one("There is a need to harmonise asylum procedures across the region.")).toMatchObject({ modality: "need", strength: "advisory", addressee: "" });
    expect(one("Donors need to commit multi-year funding to local shelters.")).toMatchObject({ addressee: "Donors", addresseeType: "donor" });
    expect(one("Reliable interpretation is essential for fair asylum interviews.").modality).toBe("need");
  });

  it("the subject after a fronted phrase and before an aside: 'Within 180 days, the Secretary of State, in consultation with ..., shall'", () => {
    expect(one("Within 180 days of the date of this order, the Secretary of State, in consultation with the Secretary of Defense and the Secretary of Homeland Security, shall submit a report.").addressee).toBe("the Secretary of State");
    expect(one("Building on this, the Ministry of Health, in collaboration with the regional offices, should develop a plan.").addressee).toBe("the Ministry of Health");
    // A fronted phrase with no actor after it: nobody is named.
    expect(one("Within 180 days of the date of this order, the rules should be revised.").addressee).toBe("");
  });

  it("a list of actors behind a fronted phrase is not cut to its last member; a long run of commas stays linear", () => {
    expect(one("Within 90 days of the date of this order, the Secretary of State, the Secretary of Defense, and the Attorney General, in consultation with the Director, shall submit a joint report.").addressee).not.toBe("the Attorney General");
    expect(one("In line with this recommendation, governments, donors, and UN agencies, as appropriate, should fund shelters.").addressee).not.toBe("UN agencies");
    // 3,000 comma chunks before the modal (each an actor): once quadratic, seconds; a hang guard, not a timing.
    const started = performance.now();
    recsOf("Context first.\n\nWithin 90 days of this order" + ", the Ministry of Health, the report".repeat(3000) + ", in consultation with the Director, shall submit a joint report.\n");
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("passive or nominal units name the agent: 'reviewed by X', 'funding by X is needed'", () => {
    expect(one("The action plan should be reviewed by all relevant ministries before June.").addressee).toBe("all relevant ministries");
    expect(one("Greater funding by donor governments is needed for the shelters.")).toMatchObject({ addressee: "donor governments", addresseeType: "donor" });
  });

  it("negation: 'should not be detained' is a recommendation, passive with no addressee", () => {
    expect(one("Children should not be detained under any circumstances.")).toMatchObject({ modality: "should", addressee: "", action: "detain" });
  });

  it("encouraged: addressee is who is encouraged", () => {
    expect(one("Donor agencies are encouraged to fund migrant-led groups directly.")).toMatchObject({ modality: "encouraged", strength: "advisory", addressee: "Donor agencies", addresseeType: "donor", action: "fund" });
  });

  it("urged and called on: the object is the addressee, the speakers are not", () => {
    expect(one("Delegates urged national authorities to end pushbacks at sea.")).toMatchObject({ modality: "urged", addressee: "national authorities", addresseeType: "state" });
    expect(one("Participants called on regional bodies to adopt a common visa policy.")).toMatchObject({ modality: "called", addressee: "regional bodies", addresseeType: "regional" });
  });

  it("recommended and proposed", () => {
    expect(one("The panel recommended that labour inspections cover domestic workers.").modality).toBe("recommended");
    expect(one("The evaluators recommend that UNHCR expand cash assistance in the camps.")).toMatchObject({ modality: "recommended", addressee: "UNHCR", addresseeType: "igo" });
    expect(one("It was proposed that a joint task force be created for the border towns.").modality).toBe("proposed");
  });

  it("commitments: 'we will' and an organisation that binds itself", () => {
    expect(one("We will publish an annual progress report on these pledges.")).toMatchObject({ kind: "commitment", modality: "will" });
    expect(one("UNICEF will open two child-friendly spaces in the camp.")).toMatchObject({ kind: "commitment", addressee: "UNICEF", addresseeType: "igo" });
  });

  it("declarations: 'we resolve / decide / agree to' bind the signatories; preambles do not count", () => {
    const recs = recsOf("# Kampala Declaration on Labour Migration\n\nWe, the Ministers of Labour, meeting in Kampala:\n\n- Recognizing the contribution of migrant workers to our economies;\n- Noting with concern the abuse of domestic workers;\n\nWe resolve to harmonise recruitment rules across the region. We call upon employers to end the confiscation of passports.\n");
    expect(recs.map((r) => [r.kind, r.modality])).toEqual([["commitment", "will"], ["recommendation", "called"]]);
    expect(recs[1].addressee).toBe("employers");
  });

  it("declarations: items after 'hereby commit to:' are commitments, after 'we call upon ...:' recommendations", () => {
    const recs = recsOf("# Rabat Declaration\n\nWe, the Heads of State, meeting in Rabat, hereby commit to:\n\n1. A regional fund for the reintegration of returnees;\n2. Regular consultations between our labour ministries.\n\nWe further call upon our partners to:\n\n- Share data on missing migrants;\n- Support search and rescue at sea.\n");
    expect(recs.map((r) => r.kind)).toEqual(["commitment", "commitment", "recommendation", "recommendation"]);
  });

  it("management responses: the organisation's future tense is a commitment there, and only there", () => {
    const sentence = "The project will develop a returnee dashboard by June.";
    const response = recsOf(`# Management response to the final evaluation\n\nRecommendation accepted. ${sentence}\n`);
    expect(response.map((r) => [r.kind, r.rule])).toEqual([["commitment", "trigger:response-will"]]);
    expect(recsOf(`# Annual report of the reintegration project\n\nThe year went well. ${sentence}\n`)).toEqual([]);
  });

  it("French modals in management responses", () => {
    expect(one("Les ministères devraient publier les données de retour chaque trimestre.").modality).toBe("should");
    expect(one("Il est recommandé de renforcer la coordination entre agences.").kind).toBe("recommendation");
  });
});

describe("exclusions and near misses", () => {
  it("questions, retrospection, capability, negated need, discourse markers are not taken", () => {
    none("Should States ratify the convention before the summit?");
    none("The ministry should have consulted local groups much earlier.");
    none("NGOs can support municipalities with interpreters and legal clinics.");
    none("It is not necessary to create a new coordination body.");
    none("It should be noted that arrivals fell sharply in the second year.");
    none("Many families remain in need of international protection.");
    none("Il faut noter que le montant moyen du chiffre d’affaires a doublé en deux ans.");
    none("Par ailleurs, il convient de souligner que trois phases de sélection ont eu lieu.");
    expect(one("Il faut renforcer le suivi des entreprises après la formation.").modality).toBe("should");
    // The same verbs with an object, no "que": a recommendation.
    expect(one("Il faut préciser les rôles des différents acteurs du projet.").modality).toBe("should");
    expect(one("Il convient de signaler les cas de traite aux autorités compétentes.").modality).toBe("should");
  });

  it("descriptions of what happened or what someone aims at are not taken", () => {
    none("The network aims at producing shared indicators by next year.");
    none("In 2019 the programme trained forty border officials.");
  });

  it("explains near misses with their reason", () => {
    const doc = docOf("# Meeting notes\n\nThe conference met in May and heard twelve speakers from five countries over two days. Should States ratify the convention?\n\nThe ministry should have consulted local groups earlier.\n\nNGOs can support municipalities with interpreters.\n\nCities should open reception desks.\n");
    const text = explainRecommendations(doc, rules);
    expect(text).toMatch(/REJECTED .*question/);
    expect(text).toMatch(/REJECTED .*retrospection/);
    expect(text).toMatch(/REJECTED .*capability/);
    expect(text).toMatch(/TAKEN .*recommendation\/should\/strong by trigger:should \| addressee: Cities \(local\)/);
  });

  it("case-study boxes, contents lines, headings and back matter are not units", () => {
    expect(recsOf("EXAMPLE OF GOOD PRACTICE: The city should be praised for its one-stop shop.\n")).toEqual([]);
    expect(recsOf("Recommendations should follow ........ 12\n")).toEqual([]);
    expect(recsOf("## What should cities do next\n\nThe report describes three cities.\n")).toEqual([]);
    // Back matter is the text stage's zone: an annex after the body, down to its sub-sections.
    const body = "## Findings\n\nThe programme reached most of the households it planned to reach in the three districts, and partners reported that the referral system worked well over the two years.\n\n";
    expect(recsOf(`${body}## Annex 2: Terms of reference\n\nThe consultant should deliver an inception report.\n\n### Timeline\n\nThe team must submit the final report in May.\n`)).toEqual([]);
    // ... but a recommendations section inside an annex (a case study's own) is not excluded.
    expect(recsOf(`${body}## Annex 3: Case studies\n\n### Recommendations\n\n- Train the hotline operators every year.\n`).map((r) => r.text)).toEqual(["Train the hotline operators every year."]);
  });
});

describe("lists and headings", () => {
  it("every item under a recommendations heading counts, imperative or bare noun phrase", () => {
    const recs = recsOf("## Recommendations\n\n- Expand legal pathways for seasonal workers.\n- A regional observatory on mixed movements.\n");
    expect(recs.map((r) => [r.modality, r.label, r.action])).toEqual([["imperative", "-", "expand"], ["list", "-", ""]]);
    expect(recs[0].rule).toBe("cue:rec-heading");
  });

  it("a lead-in line announcing recommendations covers the list after it", () => {
    const recs = recsOf("The evaluation makes the following recommendations:\n\n1. Regular counselling for field staff.\n2. Translated leaflets at every transit point.\n\nThe team visited four sites.\n");
    expect(recs.map((r) => r.label)).toEqual(["1", "2"]);
  });

  it("'Recommendations for X' names the addressee of passive and bare items", () => {
    const recs = recsOf("## Recommendations for municipalities\n\n- Open reception desks in every district.\n- Street outreach should be funded from the city budget.\n");
    expect(recs.map((r) => [r.addressee, r.addresseeType])).toEqual([["municipalities", "local"], ["municipalities", "local"]]);
  });

  it("'At the national level' inside a recommendations list points to States", () => {
    const recs = recsOf("Recommendations:\n\nAt the national level\n\n- Inter-ministerial cooperation should be strengthened.\n");
    expect(recs[0]).toMatchObject({ addressee: "States", addresseeType: "state" });
  });

  it("services lists are offers of the actor the heading names", () => {
    const recs = recsOf("### Services NGOs can provide\n\n- Legal counselling for asylum seekers;\n- Translate official notices into community languages;\n");
    expect(recs.map((r) => [r.kind, r.modality, r.strength, r.addressee])).toEqual([
      ["offer", "can", "offer", "NGOs"],
      ["offer", "can", "offer", "NGOs"],
    ]);
  });

  it("key actions of a management response are commitments", () => {
    const recs = recsOf("Key actions:\n\n1. Train border staff on referral procedures by June.\n2. Update the referral directory every quarter.\n");
    expect(recs.map((r) => r.kind)).toEqual(["commitment", "commitment"]);
  });

  it("imperative items outside a recommendations list count, unless the list describes tasks", () => {
    expect(recsOf("Our lessons for the next strategy:\n\n- Invest in the capacity of small networks.\n").map((r) => r.modality)).toEqual(["imperative"]);
    expect(recsOf("The objectives of the evaluation are to:\n\n- Assess the relevance of the project.\n- Identify lessons learned.\n")).toEqual([]);
    expect(recsOf("The two-day meeting in Accra will include:\n\n1. A panel on return. Together we will consider the role of cities.\n")).toEqual([]);
  });

  it("'Recommendation to:' lists name the addressees of their section's recommendation", () => {
    const recs = recsOf("## EVALUATION RECOMMENDATION A - REFERRALS\n\n1. Referral forms should be translated into Hausa.\n\nRecommendation to:\n\n- Project management; 1\n- Protection unit\n");
    expect(recs.map((r) => [r.text, r.addressee])).toEqual([["Referral forms should be translated into Hausa.", "Project management; Protection unit"]]);
  });

  it("a 'Key action' column of a response matrix holds commitments; 'Responsible' names who acts", () => {
    const recs = recsOf("## Response to recommendation 4\n\n| Key action | Time frame | Responsible unit |\n| --- | --- | --- |\n| Train border staff on referral procedures | June 2025 | Protection Unit |\n| Translate the leaflets into | Continuous | Communication |\n| three local languages | | |\n\nThe office thanks the evaluators.\n");
    expect(recs.map((r) => [r.kind, r.text, r.addressee, r.rule])).toEqual([
      ["commitment", "Train border staff on referral procedures", "Protection Unit", "table:key-actions"],
      ["commitment", "Translate the leaflets into three local languages", "Communication", "table:key-actions"],
    ]);
  });

  it("a numbered recommendation heading takes its paragraph, not the findings after it", () => {
    const recs = recsOf("### Recommendation 2\n\nStrengthen the referral system between shelters and clinics.\n\n- The referral system worked well in two states.\n");
    expect(recs.map((r) => r.text)).toEqual(["Strengthen the referral system between shelters and clinics."]);
  });

  it("a paragraph its label opens ('Recommendation 5.', 'Recommandation 2 :', 'Recommendation #1:') is a recommendation; a response to one is not", () => {
    const recs = recsOf(
      "## Executive summary\n\nThe project was relevant and well run, with delays in the purchase of equipment.\n\n" +
        "Recommendation 5. Conduct a more rigorous estimation of the regularization rate of foreign immigrants.\n\n" +
        "Recommendation #1: When designing future interventions, ensure that the results are well articulated.\n\n" +
        "Recommandation 2 : Mieux suivre les impacts des activités de sensibilisation.\n\n" +
        "Recommendation 3 accepted: the unit will review its procedures by June.\n\n" +
        "The evaluation also found that the coordination with partners was good.\n",
    );
    expect(recs.filter((r) => r.kind === "recommendation").map((r) => [r.text, r.rule])).toEqual([
      ["Recommendation 5. Conduct a more rigorous estimation of the regularization rate of foreign immigrants.", "cue:numbered-recommendation"],
      ["Recommendation #1: When designing future interventions, ensure that the results are well articulated.", "cue:numbered-recommendation"],
      ["Recommandation 2 : Mieux suivre les impacts des activités de sensibilisation.", "cue:numbered-recommendation"],
    ]);
  });

  it("a response opened by the recommendation's label stays a response; a numbered heading's region still ends", () => {
    expect(recsOf("## Management response\n\nRecommendation 1: Agreed. The department will review its procedures by June 2025.\n").map((r) => r.kind)).toEqual(["commitment"]);
    const recs = recsOf("## Recommendation 2\n\nRecommendation 2: The department should strengthen monitoring of grants.\n\nManagement response: the department notes that partners were consulted in 2021 about grants.\n");
    expect(recs.map((r) => r.text)).toEqual(["Recommendation 2: The department should strengthen monitoring of grants."]);
  });

  it("a recommendations heading joined by a hyphen ('KEY-RECOMMENDATIONS', as evaluation briefs set it) heads its list", () => {
    const recs = recsOf("## KEY-RECOMMENDATIONS\n\n1. Consider and assess targeting other border zones.\n2. Continue positioning gender mainstreaming as a central component.\n");
    expect(recs.map((r) => [r.kind, r.rule])).toEqual([
      ["recommendation", "cue:rec-heading"],
      ["recommendation", "cue:rec-heading"],
    ]);
  });

  it("a list item is one unit with all its sentences; offsets point into doc.text", () => {
    const doc = docOf("## Recommendations\n\n- ii. Detention of children should end. States should fund alternatives.\n");
    const [r] = extractRecommendations(doc, rules);
    expect(r.label).toBe("ii");
    expect(r.addressee).toBe("States");
    expect(doc.text.slice(r.start, r.end)).toContain("States should fund alternatives.");
    expect(r.page).toBe(1);
    expect(r.themes).toEqual([]);
  });
});

describe("rules file", () => {
  it("the shipped file loads and every trigger family compiles", () => {
    expect(rules.triggers.length).toBeGreaterThan(5);
    expect(existsSync(DEFAULT_RULES_PATH)).toBe(true);
  });

  it("a bad pattern is reported with its line and column", () => {
    const text = readFileSync(DEFAULT_RULES_PATH, "utf8").replace("'\\bshould\\b'", "'\\bshould(\\b'");
    expect(() => compileRules(text, "bad.yaml")).toThrow(/^bad\.yaml:\d+:\d+: bad pattern/);
  });

  it("a YAML syntax error is reported with its line and column", () => {
    expect(() => compileRules("triggers:\n  - id: [oops\n", "broken.yaml")).toThrow(/^broken\.yaml:\d+:\d+: YAML error/);
  });

  it("an analyst's file replaces the default", () => {
    const dir = mkdtempSync(join(tmpdir(), "recrules-"));
    const path = join(dir, "rules.yaml");
    const text = readFileSync(DEFAULT_RULES_PATH, "utf8").replace("'\\bshould\\b'", "'\\bshould\\b|\\bhad better\\b'");
    writeFileSync(path, text);
    const mine = loadRecommendationRules(path);
    const recs = extractRecommendations(docOf("Cities had better open more shelters.\n"), mine);
    expect(recs.map((r) => r.rule)).toEqual(["trigger:should"]);
  });
});

// ---------- seed figures (scored by the shared scorer, as the bars are stated) ----------
const SCORER = join(import.meta.dirname, "..", "..", "shared", "eval", "score.mjs");
const GOLD = join(import.meta.dirname, "..", "..", "shared", "eval", "gold");
const SEEDS = join(import.meta.dirname, "..", "corpora", "seeds");

describe.skipIf(!existsSync(SCORER))("seed regression", () => {
  it("meets the issue's bars on the annotated seeds", () => {
    const out = mkdtempSync(join(tmpdir(), "recs-seeds-"));
    const rows: string[] = [];
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort()) {
      const bytes = readFileSync(join(SEEDS, f));
      const doc = buildDoc({ source: f, format: "txt", sha256: "", bytes: bytes.length }, ingestText(bytes, "txt"));
      for (const r of extractRecommendations(doc, rules)) {
        rows.push(JSON.stringify({ source: f, text: r.text, kind: r.kind, addressee: r.addressee, addressee_type: r.addresseeType, themes: [] }));
      }
    }
    writeFileSync(join(out, "recommendations.jsonl"), rows.join("\n") + "\n");
    const score = JSON.parse(execFileSync("node", [SCORER, "--gold", GOLD, "--data", out, "--json"], { encoding: "utf8" }));
    expect(score.recommendations.precision).toBeGreaterThanOrEqual(0.85);
    expect(score.recommendations.recall).toBeGreaterThanOrEqual(0.85);
    expect(score.recommendations.f1).toBeGreaterThanOrEqual(0.9);
    // Seed 001's recommendations joined the gold (103 units, mostly addressed by their
    // section headings): the seeds' addressee accuracy, 0.95 without them, is now lower.
    expect(score.addressee.accuracy).toBeGreaterThanOrEqual(0.75);
    // The gold of the scored seeds holds no offer: none may be predicted there.
    expect(score.offers.fp).toBe(0);
  });
});
