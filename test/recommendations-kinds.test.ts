// Recommendations and commitments by KIND of document (issue 14): fact sheets, joint statements,
// executive orders, evaluations with management responses, government responses. Every fixture
// is written for these tests; none is copied from a corpus document.
import { describe, expect, it } from "vitest";
import { ingestText } from "../src/ingest/text.js";
import { buildDoc } from "../src/text/document.js";
import type { ActorCandidate, Doc, Recommendation } from "../src/types.js";
import { explainRecommendations, extractRecommendations, loadRecommendationRules } from "../src/extract/recommendations/index.js";
import { documentVoices } from "../src/extract/recommendations/document.js";
import { typeAddresseesFromActors } from "../src/extract/recommendations/types-from-actors.js";

const rules = loadRecommendationRules();

function docOf(markdown: string, source = "test.md"): Doc {
  const bytes = Buffer.from(markdown, "utf8");
  return buildDoc({ source, format: "md", sha256: "", bytes: bytes.length }, ingestText(bytes, "md"));
}

function recsOf(markdown: string): Recommendation[] {
  return extractRecommendations(docOf(markdown), rules);
}

/** The unit whose text contains `words` (fails when none does). */
function unit(recs: Recommendation[], words: string): Recommendation {
  const r = recs.find((x) => x.text.includes(words));
  expect(r, `no unit contains "${words}" among ${JSON.stringify(recs.map((x) => x.text))}`).toBeDefined();
  return r!;
}

function absent(recs: Recommendation[], words: string): void {
  expect(recs.filter((x) => x.text.includes(words)).map((x) => x.text)).toEqual([]);
}

const EVALUATION = `# Final evaluation of the Coastal Livelihoods Project

This evaluation was commissioned by the Harbour Relief Agency (HRA). HRA will use its findings.
The project was implemented by HRA in three districts. HRA staff supported the district teams.

## Findings

The project should have been better coordinated with the district offices.
It should be noted that the survey covered only two districts.
Did the project reach the most vulnerable households?
Under the programme rules, applicants must submit a bank statement to be eligible for a grant.

## Recommendations

1. Extend the savings groups to the northern districts.
2. The monitoring framework should be simplified.
3. District councils should not charge fees for the registration of cooperatives.
`;

describe("evaluations: the evaluated body is the default addressee", () => {
  it("units that name nobody address the body the evaluation defines and shows acting", () => {
    const recs = recsOf(EVALUATION);
    expect(unit(recs, "Extend the savings groups")).toMatchObject({ addressee: "HRA" });
    expect(unit(recs, "monitoring framework should be simplified")).toMatchObject({ addressee: "HRA" });
  });

  it("a named subject wins over the default, negations included", () => {
    const r = unit(recsOf(EVALUATION), "should not charge fees");
    expect(r).toMatchObject({ kind: "recommendation", modality: "should", addressee: "District councils" });
  });

  it("retrospection, 'It should be noted', evaluation questions and programme rules are not units", () => {
    const recs = recsOf(EVALUATION);
    absent(recs, "should have been better coordinated");
    absent(recs, "It should be noted");
    absent(recs, "Did the project reach");
    absent(recs, "applicants must submit");
  });

  it("inspect says which document-level addressee it used and where it came from", () => {
    const text = explainRecommendations(docOf(EVALUATION), rules);
    expect(text).toMatch(/DOCUMENT default addressee \(units that name nobody\): HRA .*<- most named organisation: HRA/);
  });

  it("a programme is what is evaluated, not who acts: no default from a programme's acronym", () => {
    const doc = docOf(`# Evaluation of the Green Roofs Program (GRP)

The Green Roofs Program (GRP) funds roofs. GRP grants rose in 2020. GRP reached 40 towns.

## Recommendations

- Simplify the application form.
`);
    expect(documentVoices(doc, rules).fallback.addressee).toBe("");
  });
});

describe("management responses and action plans", () => {
  const RESPONSE = `# Management response to the evaluation of the Coastal Livelihoods Project

The Harbour Relief Agency (HRA) prepared this response. HRA will report on progress.

## Recommendation 1

Strengthen the grievance mechanism in every district.

### Management response

Management agrees with the recommendation.

### Actions planned

1.1 Train the district focal points on the grievance procedure by June 2025.

### Key actions

- Publish the grievance hotline in local languages, within 3 months – District Programme Teams of HRA (field offices)
`;

  it("the response status is a commitment of the responding body", () => {
    const r = unit(recsOf(RESPONSE), "Management agrees with the recommendation");
    expect(r).toMatchObject({ kind: "commitment", addressee: "HRA" });
  });

  it("agreeing with a recommendation by its number is a response status too", () => {
    for (const status of ["Management agrees with recommendation 1.", "Management agrees with Recommendation #2."]) {
      const r = unit(recsOf(RESPONSE.replace("Management agrees with the recommendation.", status)), status.slice(0, 30));
      expect(r).toMatchObject({ kind: "commitment", addressee: "HRA" });
    }
  });

  it("welcoming recommendations in general is no response status ('recommendations' is no 'recommendation s')", () => {
    const none = recsOf("Some context comes first here.\n\nWe welcome recommendations from civil society on the design of the plan.\n");
    expect(none).toEqual([]);
  });

  it("each paragraph under 'Actions planned' is a commitment", () => {
    expect(unit(recsOf(RESPONSE), "Train the district focal points")).toMatchObject({ kind: "commitment" });
  });

  it("an action item's responsible unit after a dash is its addressee", () => {
    const r = unit(recsOf(RESPONSE), "Publish the grievance hotline");
    expect(r.kind).toBe("commitment");
    expect(r.addressee).toBe("District Programme Teams of HRA");
  });
});

describe("government responses to reviews", () => {
  const GOV = `Department for Coastal Affairs

# Government response to the independent review of harbour safety

The Department for Coastal Affairs (DCA) has considered the review's recommendations.

## Recommendation 4

Harbour boards should publish an annual safety report. They should also appoint a safety lead.

## Government response to recommendation 4

The government supports this recommendation. The Maritime Safety Office will publish guidance in 2025. We will review progress after a year.
`;

  it("the publisher line names the responding body, by the acronym the document defines", () => {
    const v = documentVoices(docOf(GOV), rules);
    expect(v.fallback).toMatchObject({ addressee: "DCA", type: "state" });
    expect(v.fallback.source).toMatch(/publisher line/);
  });

  it("agent-noun subjects are addressees, and 'They should' takes the previous addressee of the section", () => {
    const recs = recsOf(GOV);
    expect(unit(recs, "Harbour boards should publish")).toMatchObject({ addressee: "Harbour boards" });
    expect(unit(recs, "They should also appoint")).toMatchObject({ addressee: "Harbour boards" });
  });

  it("in a response section, pledges are commitments of the named body, else of the responding body", () => {
    const recs = recsOf(GOV);
    expect(unit(recs, "Maritime Safety Office will publish")).toMatchObject({ kind: "commitment", addressee: "The Maritime Safety Office" });
    expect(unit(recs, "We will review progress")).toMatchObject({ kind: "commitment", addressee: "DCA" });
    expect(unit(recs, "The government supports this recommendation")).toMatchObject({ kind: "commitment" });
  });
});

describe("joint statements", () => {
  const JOINT = `The presidents of Arland and Belmar met on 3 May to review their cooperation on ports.

Both leaders agreed to expand the joint customs training programme. They agreed to meet again in the autumn. Recognizing the value of trade, they reaffirmed their shared commitment to the Arland and Belmar Free Trade Accord. The leaders acknowledged the need to modernise border crossings. Respectively, they directed the Arland Customs Service and the Belmar Ports Authority to report within six months.
`;

  it("'both leaders / they agreed to' are commitments of the parties named together in the text", () => {
    const recs = recsOf(JOINT);
    expect(unit(recs, "Both leaders agreed to expand")).toMatchObject({ kind: "commitment", addressee: "Arland and Belmar" });
    expect(unit(recs, "They agreed to meet again")).toMatchObject({ kind: "commitment", addressee: "Arland and Belmar" });
    expect(unit(recs, "reaffirmed their shared commitment").addressee).toBe("Arland and Belmar");
    expect(unit(recs, "acknowledged the need to modernise").addressee).toBe("Arland and Belmar");
  });

  it("'they directed X to' is a recommendation to X", () => {
    const r = unit(recsOf(JOINT), "they directed the Arland Customs Service");
    expect(r.kind).toBe("recommendation");
    expect(r.addressee).toMatch(/^the Arland Customs Service and the Belmar Ports Authority$/);
  });

  it("'We, the Ministers' names the speaker of first-person commitments", () => {
    const recs = recsOf(`We, the Ministers of Fisheries of the Lagoon States, meeting in Port Vale, declare our resolve.

We will share catch data every quarter.
`);
    expect(unit(recs, "We will share catch data")).toMatchObject({ kind: "commitment", addressee: "Ministers of Fisheries of the Lagoon States" });
  });
});

describe("fact sheets that announce commitments", () => {
  const FACTS = `Five companies announce commitments to invest in coastal towns, as part of a partnership convened by the Department of Ports.

**New commitments**

**Acme Foods**

Acme Foods is a food company with plants in two countries. Acme Foods will invest $20 million in cold storage over three years. This includes training for 500 workers. Acme Foods will not close its coastal plants before 2030.

**Blue Nets Ltd**

Blue Nets Ltd has operated for 30 years. The company is investing $5 million in recycling nets.
`;

  it("each pledge in an organisation's section is its commitment, negations included", () => {
    const recs = recsOf(FACTS);
    expect(unit(recs, "Acme Foods will invest")).toMatchObject({ kind: "commitment", addressee: "Acme Foods" });
    expect(unit(recs, "This includes training")).toMatchObject({ kind: "commitment", addressee: "Acme Foods" });
    expect(unit(recs, "will not close its coastal plants")).toMatchObject({ kind: "commitment", addressee: "Acme Foods" });
    expect(unit(recs, "is investing $5 million")).toMatchObject({ kind: "commitment", addressee: "Blue Nets Ltd" });
  });

  it("descriptions of the company are not commitments", () => {
    const recs = recsOf(FACTS);
    absent(recs, "is a food company");
    absent(recs, "has operated for 30 years");
  });

  it("outside a fact sheet, 'will not' in an evaluation's findings is no commitment", () => {
    absent(recsOf("The project will not be extended after its second phase.\n"), "will not be extended");
  });
});

describe("executive orders: lettered sub-items under 'X shall:'", () => {
  const ORDER = `Sec. 2. Port Safety. (a) The Secretary of Transport shall, within 90 days:

(i) review the licensing of pilots; and

(ii) propose rules on night navigation.

(b) The Director of the Coast Guard shall report to the President each year.

Sec. 3. General Provisions. (a) Nothing in this order shall be construed to impair or otherwise affect:

(i) the authority granted by law to an executive department.
`;

  it("each sub-item is a unit addressed to the official named in the lead-in", () => {
    const recs = recsOf(ORDER);
    expect(unit(recs, "review the licensing of pilots").addressee).toBe("The Secretary of Transport");
    expect(unit(recs, "propose rules on night navigation").addressee).toBe("The Secretary of Transport");
    expect(unit(recs, "Director of the Coast Guard shall report").addressee).toMatch(/Director of the Coast Guard/);
  });

  it("the list ends at the lead-in's sibling; 'Nothing in this order shall' introduces no units", () => {
    absent(recsOf(ORDER), "the authority granted by law");
  });

  it("'my Administration will' is the government's commitment", () => {
    const r = unit(recsOf("Consistent with these principles, my Administration will expand the pilot licensing scheme.\n"), "my Administration will");
    expect(r).toMatchObject({ kind: "commitment", addressee: "Administration" });
  });
});

describe("evaluation suggestions", () => {
  it("a 'Suggestions' list and 'could be improved' are recommendations; 'could benefit from' is not", () => {
    const recs = recsOf(`# Evaluation of the Harbour Grants

## Suggestions

- Longer repayment periods

## Finding 2

The usefulness of the guidance could be improved by adding examples.
Applicants could benefit from a shorter form.
`);
    expect(unit(recs, "Longer repayment periods").kind).toBe("recommendation");
    expect(unit(recs, "could be improved by adding examples").kind).toBe("recommendation");
    absent(recs, "could benefit from");
  });
});

describe("reading guides and cross-references", () => {
  it("'have to be seen in light of' and 'See Annex C' are not recommendations", () => {
    const recs = recsOf("# Evaluation of the Harbour Grants\n\nThe findings have to be seen in light of the small sample.\n\nSee Annex C for the survey.\n\nThe department should publish the survey data.\n");
    absent(recs, "seen in light of");
    absent(recs, "See Annex C");
    expect(unit(recs, "should publish the survey data").addressee).toBe("The department");
  });
});

describe("publication boilerplate", () => {
  it("copyright and licence notices addressed to the reader are not recommendations", () => {
    absent(recsOf("Where material is owned by others, you will need to obtain permission from the copyright holders.\n"), "obtain permission");
  });
});

describe("government responses: acknowledgements and rules already in force", () => {
  const RESPONSE = `# Government response to the review of school transport

## Government response to recommendation 4

The department recognises the importance of making every school route safe for children who walk.

The Transport Act 2019 amended the Roads Act 1998 to provide that councils must consult parents before a route changes.

The statutory guidance already sets out that head teachers should publish the route plan each term.

The department welcomes the value of local partnerships in this work.

Councils should publish their route plans by September.

The department will not recognise the importance of this work unless councils must report on it.
`;
  const recs = recsOf(RESPONSE);

  it("acknowledging the importance of something asks nobody to act", () => {
    absent(recs, "recognises the importance of making");
    absent(recs, "welcomes the value");
  });

  it("a law or code that already requires something is described, not recommended", () => {
    absent(recs, "to provide that councils must");
    absent(recs, "already sets out that head teachers");
  });

  it("the review's own prescriptions beside them are still units", () => {
    expect(unit(recs, "Councils should publish").kind).toBe("recommendation");
  });

  it("the masks cut only their phrase: another trigger in the sentence still counts", () => {
    unit(recs, "unless councils must report");
  });

  it("participants recognising a need still voice a recommendation (conference reports)", () => {
    unit(recsOf("Many participants recognised the need to review the asylum rules in light of new arrivals.\n"), "recognised the need to review");
  });
});

describe("orders and laws: what a text says is not affected, or what a law already states", () => {
  it("the items of a negated lead-in ('Nothing in this order shall ... affect:') are not units", () => {
    const recs = recsOf(`# Order on river safety

Sec. 2. Duties. The Secretary of Transport shall:

(a) publish a river safety plan within 90 days; and

(b) report to the Council each year.

Sec. 3. General Provisions. Nothing in this order shall be construed to impair or otherwise affect:

(i) the authority granted by law to a department or agency; or

(ii) the functions of the budget office relating to legislative proposals.
`);
    unit(recs, "publish a river safety plan");
    absent(recs, "the authority granted by law");
    absent(recs, "the functions of the budget office");
  });

  it("a law that states that someone must act is described, not recommended", () => {
    absent(recsOf("Some context comes first here.\n\nThe fair-access legislation states that every licensing body must publish its fees.\n"), "legislation states");
    // "States that ..." as the subject is not a law stating anything
    unit(recsOf("Some context comes first here.\n\nStates that host refugees should receive more support from donors.\n"), "States that host refugees");
  });
});

describe("a subject that lists several actors", () => {
  it("addresses all of them, not the first alone", () => {
    const recs = recsOf(`# Order on harbour safety

(a) The Minister of Transport, the Harbour Board, and the Coast Guard Agency shall review the pilotage rules within 90 days.

(b) In consultation with the Harbour Board, the Coast Guard Agency shall publish a safety plan.
`);
    expect(unit(recs, "review the pilotage rules").addressee).toBe("The Minister of Transport, the Harbour Board and the Coast Guard Agency");
    // a leading phrase that is no actor is not part of the list
    expect(unit(recs, "publish a safety plan").addressee).toBe("the Coast Guard Agency");
  });
});

describe("units of the evaluated body", () => {
  it("a list of the body's own units is named with the body; another body's acronym is not", async () => {
    const { internalUnits } = await import("../src/extract/recommendations/index.js");
    expect(internalUnits("project management; senior management")).toBe(true);
    expect(internalUnits("project management; Analysis & Reporting; External assistance")).toBe(true);
    expect(internalUnits("project management; UNHCR")).toBe(false);
    expect(internalUnits("Analysis & Reporting; External assistance")).toBe(false);
    expect(internalUnits("national authorities; civil society organisations and their networks")).toBe(false);
  });
});

describe("orders: one lettered paragraph is one unit, and its sub-items keep the section's addressee", () => {
  const ORDER = `# Order on coastal resilience

Sec. 2. Coastal Plans. (a) The Secretary of the Interior, in coordination with the Administrator of the Weather Service, shall prepare a Coastal Resilience Strategy within 120 days.

(b) The Coastal Resilience Strategy shall identify the districts most at risk of flooding. It should also set priorities for dune restoration, and it shall include proposals to:

(i) relocate schools out of the flood plain; and

(ii) fund early-warning sirens.

(c) The strategy is described in the annex. Its maps use public data.

Sec. 3. General Provisions. (a) Nothing in this order shall be construed to limit the authority of any agency.
`;

  it("a lettered paragraph with a duty is one unit, however many sentences it has", () => {
    const recs = recsOf(ORDER);
    const b = unit(recs, "shall identify the districts most at risk");
    expect(b.text).toContain("set priorities for dune restoration");
    // a lettered paragraph that prescribes nothing is no unit
    absent(recs, "The strategy is described in the annex");
  });

  it("a strategy or plan is not who acts: the section's previous addressee is", () => {
    const recs = recsOf(ORDER);
    expect(unit(recs, "shall identify the districts").addressee).toBe("The Secretary of the Interior");
    expect(unit(recs, "relocate schools out of the flood plain").addressee).toBe("The Secretary of the Interior");
    expect(unit(recs, "fund early-warning sirens").addressee).toBe("The Secretary of the Interior");
  });

  it("the saving clause 'Nothing in this order shall be construed' is not a unit", () => {
    absent(recsOf(ORDER), "Nothing in this order shall be construed");
    // while a duty of the same section still is
    unit(recsOf("Sec. 4. Reports. (a) The Secretary of the Interior shall report each year to the President.\n"), "shall report each year");
  });

  it("a subject that joins two long titles is one addressee; a group with a thing in its complement is still a group", () => {
    const recs = recsOf(`Some context comes first here.

The Deputy Assistant to the Governor for Coastal Affairs and the Director of the Office for Flood Prevention and Response shall meet monthly.

States with encampment policies should review them every year.

The regional data platforms should not be closed before 2030.
`);
    expect(unit(recs, "shall meet monthly").addressee).toBe("The Deputy Assistant to the Governor for Coastal Affairs and the Director of the Office for Flood Prevention and Response");
    expect(unit(recs, "review them every year").addressee).toBe("States with encampment policies");
    // platforms are things: nobody is named, and no document-level default applies here
    expect(unit(recs, "should not be closed").addressee).toBe("");
  });
});

describe("the type of a named addressee comes from the actors of the same document", () => {
  const rec = (addressee: string, addresseeType = ""): Recommendation => ({
    block: 0, kind: "commitment", text: "x", addressee, addresseeType, modality: "will", strength: "strong",
    action: "", section: "", label: "", themes: [], page: 1, start: 0, end: 1, rule: "",
  });
  const actor = (name: string, acronym: string, type: string, aliases: string[] = []): ActorCandidate => ({
    key: name.toLowerCase(), name, acronym, type, aliases, typeEvidence: "test", fromGazetteer: false,
  });
  const actors = [
    actor("Harbour Mills", "", "private"),
    actor("Coastal Relief Fund", "CRF", "donor"),
    actor("Ministry of Ports", "MoP", "state", ["the Ports Ministry"]),
    actor("Seaside Care", "", "ngo"),
  ];

  it("by name, acronym or alias, with or without 'the'; only where no group word typed it", () => {
    const recs = [rec("Harbour Mills"), rec("CRF"), rec("The Ports Ministry"), rec("CSOs", "ngo"), rec("States", "state")];
    typeAddresseesFromActors(recs, actors);
    expect(recs.map((r) => r.addresseeType)).toEqual(["private", "donor", "state", "ngo", "state"]);
  });

  it("by the actors named inside it when they agree, and not when they disagree or none is named", () => {
    const recs = [rec("the CRF board"), rec("Harbour Mills and Seaside Care"), rec("Port users"), rec("CRFX")];
    typeAddresseesFromActors(recs, actors);
    expect(recs.map((r) => r.addresseeType)).toEqual(["donor", "", "", ""]);
  });
});

describe("government responses: units that continue a recommendation or a response", () => {
  const GOV = `Department for Coastal Affairs

# Government response to the independent review of harbour safety

The Department for Coastal Affairs (DCA) has considered the review's recommendations.

## Recommendation 5

The Pilotage Authority should set up a training programme for harbour pilots.

## The programme should:

- cover night navigation in winter storms

## Government response to recommendation 5

The government supports this recommendation and the Pilotage Authority will run the programme from 2025. This will include refresher courses every two years.

The Coastal Safety Board will work with harbour masters to highlight the importance of pilot training.

Harbour boards should be empowered to suspend unsafe pilots.

## Recommendation 6

Publish the accident statistics every quarter.
`;

  it("an item after a lead-in ('The programme should:') addresses the body the recommendation named", () => {
    expect(unit(recsOf(GOV), "cover night navigation")).toMatchObject({ addressee: "The Pilotage Authority" });
  });

  it("'This will include' continues the named body's pledge, not the responding body's", () => {
    const recs = recsOf(GOV);
    expect(unit(recs, "This will include refresher courses")).toMatchObject({ kind: "commitment", addressee: "the Pilotage Authority" });
  });

  it("a named body's pledge before 'the importance of' is its commitment", () => {
    expect(unit(recsOf(GOV), "will work with harbour masters")).toMatchObject({ kind: "commitment", addressee: "The Coastal Safety Board" });
  });

  it("'X should be empowered to' addresses X; a passive 'X should be published' does not", () => {
    expect(unit(recsOf(GOV), "empowered to suspend")).toMatchObject({ addressee: "Harbour boards" });
    expect(unit(recsOf("Some context comes first here.\n\nThe accident statistics should be published every quarter.\n"), "should be published").addressee).not.toMatch(/statistics/);
  });

  it("a separate recommendation that names nobody still takes the document-level default", () => {
    expect(unit(recsOf(GOV), "Publish the accident statistics")).toMatchObject({ addressee: "DCA" });
  });
});

describe("'requires' voices a need in meeting reports only", () => {
  it("in an evaluation, 'requires' describes; in a conference report, participants' 'require' is a need", () => {
    const evaluation = recsOf(`# Final evaluation of the Harbour Jobs Programme

## Findings

Most new jobs in the harbour were jobs requiring lower skills than the participants had.
The licensing act requires every pilot to register with the port office.
The port office should publish the register online.
`);
    absent(evaluation, "jobs requiring lower skills");
    absent(evaluation, "act requires every pilot");
    unit(evaluation, "should publish the register");
    const meeting = recsOf(`# Report of the Regional Conference on Harbour Safety

## Discussions

Participants agreed that night pilotage is a question which requires close coordination among ports.
`);
    unit(meeting, "requires close coordination");
  });
});

describe("evaluations: recommendations in the evaluator's voice", () => {
  const recs = () => recsOf(`# Final evaluation of the Harbour Jobs Programme

## Findings

It is the evaluator’s recommendation, given the demand in the north, to open a second office in the port.
It is the evaluators opinion that individual coaching could help the youngest trainees.
A better approach is to ask trainees about each service separately.
In the evaluators’ opinion, the programme was relevant to the needs of the port.
The evaluator’s recommendations were discussed with the steering committee.
`);

  it("'it is the evaluator's recommendation ... to', 'it is the evaluators opinion that', 'a better approach is to'", () => {
    const r = recs();
    unit(r, "open a second office");
    unit(r, "individual coaching could help");
    unit(r, "ask trainees about each service");
  });

  it("a judgement in the evaluator's opinion, or recommendations discussed, are not recommendations", () => {
    const r = recs();
    absent(r, "the programme was relevant");
    absent(r, "were discussed with the steering committee");
  });
});

describe("addressees: a bracketed addressee, and 'the need to' as a noun", () => {
  it("'the recommendation (to donors) ...' addresses the donors", () => {
    const r = unit(recsOf("Some context comes first here.\n\nOur recommendation (to donors) is that a second phase should be funded.\n"), "second phase should be funded");
    expect(r.addressee).toBe("donors");
  });

  it("whoever noted 'the need to' is not told to act; the evaluated body is", () => {
    const recs = recsOf(`# Final evaluation of the Harbour Jobs Programme

This evaluation was commissioned by the Harbour Relief Agency (HRA). HRA will use its findings. HRA staff ran the project.

## Recommendations

- Both project staff and trainees have underlined the need to extend the coaching.
- Explore ways to ensure support in each of the ports of the coast - which will include a survey.
`);
    expect(unit(recs, "underlined the need to extend").addressee).toBe("HRA");
    // "support in each of the ports" names no agent of the support
    expect(unit(recs, "Explore ways to ensure support").addressee).toBe("HRA");
  });

  it("the results of an evaluation describing itself are still no unit", () => {
    absent(recsOf("Some context comes first here.\n\nThe results of this evaluation should help inform the next phase.\n"), "results of this evaluation");
  });
});

describe("management-response forms", () => {
  const FORM = `# Management response and action plan

Evaluation recommendation # 1: (Time 0) The project team should map the existing services.

Key actions: (Time 1)

1. Map the existing services in both districts by month 3 – Programme teams of the Harbour Relief Agency
2. Share the map with the district councils by month 6, with an adequate budget– Monitoring and evaluation teams
3. Comments on implementation status: (Time 2)
4. Final implementation monitoring status – discarded/open/completed: (Time 3)
`;

  it("the field labels of the form are not actions", () => {
    const recs = recsOf(FORM);
    absent(recs, "Comments on implementation status");
    absent(recs, "Final implementation monitoring status");
    unit(recs, "Map the existing services in both districts");
  });

  it("the unit named after the last dash is responsible, with or without a space before the dash", () => {
    const recs = recsOf(FORM);
    expect(unit(recs, "Map the existing services in both districts").addressee).toBe("Programme teams of the Harbour Relief Agency");
    expect(unit(recs, "Share the map with the district councils").addressee).toBe("Monitoring and evaluation teams");
  });
});

describe("evaluations: lead-ins to improvements", () => {
  const recs = () => recsOf(`# Evaluation of the Harbour Jobs Programme

## Main Finding 2

The programme helped coordinate the ports. However, areas for improvement include:

- greater transparency around the selection of trainees
- more regular meetings with the port councils

Information sharing among the ports is useful and should continually be improved upon by addressing changing needs through:

- a shared calendar of vacancies

However, the role of the programme could be better explained according to many stakeholders:

- several ports confused the programme with the licensing office
- port councils indicated that the role was clear
`);

  it("'areas for improvement include:' and 'should be improved by ... through:' make their items units", () => {
    const r = recs();
    unit(r, "greater transparency around the selection");
    unit(r, "more regular meetings with the port councils");
    unit(r, "a shared calendar of vacancies");
  });

  it("'could be better explained according to stakeholders:' is itself the unit; its items report findings", () => {
    const r = recs();
    unit(r, "could be better explained");
    absent(r, "confused the programme with the licensing office");
    absent(r, "indicated that the role was clear");
  });
});

describe("government responses: what the government expects of others", () => {
  it("'we / DCA and the Port Office expect X to / that X ...' prescribes to X; an expected trend does not", () => {
    const recs = recsOf(`Department for Coastal Affairs

# Government response to the independent review of harbour safety

The Department for Coastal Affairs (DCA) has considered the review's recommendations.

However, we expect harbour boards to publish their safety plans by June.

DCA and PSO expect that all operators report near misses within a week.

We expect costs to rise next year.

DCA does not expect delays.
`);
    expect(unit(recs, "publish their safety plans").addressee).toBe("harbour boards");
    expect(unit(recs, "report near misses").addressee).toBe("all operators");
    absent(recs, "costs to rise");
    absent(recs, "does not expect delays");
  });
});

describe("orders: lettered lead-ins", () => {
  const ORDER = `# Order on coastal resilience

Sec. 2. Plans. (a) The Secretary of the Interior shall coordinate, through the interagency process, the development of:

(i) a Coastal Resilience Strategy; and

(ii) a Harbour Safety Plan.

(b) As part of the review, the Director of the Weather Service shall:

(i) map the flood plains; and

(ii) publish the maps online.
`;

  it("a bare lead-in ('(b) ..., the Director shall:') is carried by its items and is no unit itself", () => {
    const recs = recsOf(ORDER);
    absent(recs, "As part of the review");
    expect(unit(recs, "map the flood plains").addressee).toBe("the Director of the Weather Service");
  });

  it("a lead-in that says what to do ('shall coordinate the development of:') is a unit", () => {
    expect(unit(recsOf(ORDER), "shall coordinate, through the interagency process").addressee).toBe("The Secretary of the Interior");
  });
});
