// Actor detectors for kinds of names the earlier rules missed, each on
// sentences written for it: quoted programme titles defined by an acronym,
// post titles that are no bodies, bodies named after a part of a country,
// open acronyms named by a post or a funding word, and organisations named as
// partners or by the post that heads them. Each with what it must not take.
import { describe, expect, it } from "vitest";
import { buildDoc } from "../src/text/document.js";
import { explainActors, extractActors, loadGazetteer } from "../src/extract/actors/index.js";
import { resolveActors, type DocActors } from "../src/dataset/actors.js";
import type { Doc } from "../src/types.js";

const gaz = loadGazetteer();

function doc(text: string): Doc {
  return buildDoc({ source: "t.txt", format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
}
/** name (or acronym) -> type of every actor the document itself types. */
function typed(text: string): Record<string, string> {
  return Object.fromEntries(extractActors(doc(text), gaz).actors.filter((a) => a.type).map((a) => [a.name || a.acronym, a.type]));
}
function acronymOf(text: string, name: string): string | undefined {
  return extractActors(doc(text), gaz).actors.find((a) => a.name === name)?.acronym;
}

describe("quoted programme titles defined by an acronym", () => {
  it("takes the title in quotes before (ACR) as a programme when the text calls it a project", () => {
    const text = "The ministry also funds the project “Better Harvests for Rural Families” (BHRF) in two districts. BHRF trains farmers.";
    expect(typed(text)).toMatchObject({ "Better Harvests for Rural Families": "process" });
    expect(acronymOf(text, "Better Harvests for Rural Families")).toBe("BHRF");
  });

  it("leaves a quoted title that the text never calls a programme", () => {
    const text = "The report uses the notion of “Durable Local Solutions” (DLS) throughout. DLS are discussed below.";
    expect(Object.keys(typed(text))).not.toContain("Durable Local Solutions");
  });
});

describe("post titles are no bodies", () => {
  it("does not take the unit word of a post (Head of Mission, Chefs de Mission du X)", () => {
    const t = typed("The Heads of Mission of the agencies met. Les Chefs de Mission du Bureau Régional ont signé.");
    expect(Object.keys(t).some((n) => /^Mission/.test(n))).toBe(false);
  });

  it("still takes a mission named with its country", () => {
    expect(Object.keys(typed("The Permanent Mission of Kenya to the United Nations hosted the meeting."))).toContain("Permanent Mission of Kenya to the United Nations");
  });
});

describe("bodies named after a part of a country", () => {
  it("takes a national body's acronym followed by a nation of the country as a body of its own", () => {
    const t = typed("The National Health Service (NHS) is funded nationally. NHS Scotland will publish the data next year.");
    expect(t).toMatchObject({ "NHS Scotland": "state" });
  });

  it("types a provincial body as local, a provincial professional body as ngo", () => {
    const t = typed("Applicants were referred to Workforce Opportunities Manitoba for support. Licensing is done by Professional Engineers Manitoba.");
    expect(t).toMatchObject({ "Workforce Opportunities Manitoba": "local", "Professional Engineers Manitoba": "ngo" });
  });

  it("does not take a city and its province, or a region of a province", () => {
    const t = typed("The office in Gatineau, Quebec opened in May. Northern Ontario has few engineers. Making Ontario Healthier is a slogan.");
    expect(Object.keys(t)).toEqual([]);
  });
});

describe("open acronyms named by a post, their norms, or a funding word", () => {
  it("takes an acronym after a post of the body", () => {
    const t = typed("This was confirmed by the Director General for Labour of the MTEFP during the interview.");
    expect(Object.keys(t)).toContain("MTEFP");
  });

  it("takes an acronym whose standards others follow", () => {
    expect(Object.keys(typed("The evaluators followed the norms and standards of UNEGX throughout."))).toContain("UNEGX");
  });

  it("takes the funder of an ACR-funded thing as a donor", () => {
    expect(typed("An evaluation of the KFAID-funded support to border management found gaps.")).toMatchObject({ KFAID: "donor" });
  });

  it("leaves an acronym with no such cue open for the corpus", () => {
    const t = typed("The ABCD data were merged with the survey data.");
    expect(Object.keys(t)).not.toContain("ABCD");
  });
});

describe("organisations named as partners or by the post that heads them", () => {
  it("takes a partner named after 'partnered with' and 'a partnership with'", () => {
    const t = typed("Brightpay has partnered with Lumora to widen credit. The firm launched a partnership with Verdana International to train youth.");
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["Lumora", "Verdana International"]));
  });

  it("types the body a person's post heads as a company", () => {
    expect(typed("Ana Ruiz, President of Kestrix, will co-chair the group.")).toMatchObject({ Kestrix: "private" });
  });

  it("keeps a company suffix after a comma in the name", () => {
    expect(Object.keys(typed("Farmers gained with the support of Orvale Partners Group, Inc., a non-profit."))).not.toContain("Orvale Partners Group, Inc.,");
    expect(Object.keys(typed("The cooperative partnered with Orvale, Inc. to sell coffee."))).toContain("Orvale, Inc.");
  });

  it("does not take countries, generic groups or capitalised words describing a noun", () => {
    const t = typed("IOM works in partnership with Mexico, in partnership with Civil Society and in partnership with Indigenous communities. She is President of Guatemala.");
    expect(Object.keys(t).sort()).toEqual(["International Organization for Migration"]);
  });

  it("says in inspect why a partner was taken and typed", () => {
    const out = explainActors(doc("Ana Ruiz, President of Kestrix, will co-chair the group."), gaz);
    expect(out).toContain("named by the post of a person heading it");
    expect(out).toContain("the body a person's post heads");
  });
});

describe("an actor named by its acronym or name plus a programme word", () => {
  it("joins the programme form to the actor, which is that programme", () => {
    const text = "The Rural Youth Jobs (RYJ) Pilot Program restarted. The RYJ Pilot Program helped 500 people. Staff of the M&E Unit, RYJ and PSU met.";
    const actors = extractActors(doc(text), gaz).actors;
    const ryj = actors.filter((a) => a.acronym === "RYJ" || a.name.includes("RYJ"));
    expect(ryj).toHaveLength(1);
    expect(ryj[0].type).toBe("process");
  });

  it("joins a unit named by its acronym and head to the unit", () => {
    const text = "The Migration Data and Research Unit (MDR) leads. The MDR Unit reports twice a year.";
    const actors = extractActors(doc(text), gaz).actors;
    expect(actors.map((a) => a.name)).toEqual(["Migration Data and Research Unit"]);
    expect(actors[0].aliases).toContain("MDR Unit");
  });

  it("keeps an organisation's project apart from the organisation", () => {
    const text = "The Canadian Space Agency (CSA) funds research. The CSA Radar Project ended in 2019.";
    const names = extractActors(doc(text), gaz).actors.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["Canadian Space Agency", "CSA Radar Project"]));
  });
});

describe("an open acronym the document calls its project", () => {
  it("takes an acronym named 'the ABC project' twice as a programme, its phases included", () => {
    const text = "The TARA-II project started in 2019. Staff of TARA II were trained. The TARA project ended well, and TARA-2 project staff agreed.";
    const t = typed(text);
    expect(t).toMatchObject({ TARA: "process" });
    expect(Object.keys(t)).toHaveLength(1);
  });

  it("takes an acronym defined in the quoted title of a project", () => {
    const text = "Final evaluation of the project “SAFE ROADS FOR RURAL TRADERS (SRRT) – PHASE II”. SRRT was well run.";
    expect(typed(text)).toMatchObject({ SRRT: "process" });
  });

  it("leaves an acronym named a project once", () => {
    expect(Object.keys(typed("The KPLM project data were merged. KPLM staff left."))).not.toContain("KPLM");
  });
});

describe("type cue: a body named after a province is local", () => {
  it("types a provincial ministry or office local, a national one state", () => {
    const t = typed("The Office of the Manitoba Fairness Commissioner reviewed it. The Ontario Ministry of Health agreed. The Department of Foreign Affairs of Canada paid.");
    expect(t).toMatchObject({ "Office of the Manitoba Fairness Commissioner": "local", "Ontario Ministry of Health": "local" });
    expect(Object.entries(t).filter(([, type]) => type === "state").map(([n]) => n)).toEqual(["Department of Foreign Affairs of Canada"]);
  });

  it("keeps the initial a line break cut off a defined name", () => {
    expect(Object.keys(typed("This was agreed with the Care  Quality Commission (CQC) last year."))).toContain("Care Quality Commission");
  });
});

describe("names opening a table cell, and programmes defined with a generic acronym", () => {
  it("keeps a common word joined by '&' to the unit's name at the start of a cell", () => {
    const t = typed("| Procurement & Logistics Unit | Lagos |\n| Finance Unit | Abuja |\n\nThe procurement of goods was slow.");
    expect(Object.keys(t)).toEqual(expect.arrayContaining(["Procurement & Logistics Unit", "Finance Unit"]));
  });

  it("takes 'Name (ACR) Programme' as a programme even when the acronym alone is generic", () => {
    const t = typed("The office began with the Assisted Voluntary Return and Reintegration (AVRR) Programme in 2001. AVRR assistance was given.");
    expect(t).toMatchObject({ "Assisted Voluntary Return and Reintegration": "process" });
  });

  it("still leaves a generic acronym defined for a kind of assistance", () => {
    expect(typed("Migrants received Assisted Voluntary Return and Reintegration (AVRR) assistance.")).toEqual({});
  });
});

describe("a working group named by a generic acronym", () => {
  it("takes 'MHPSS Working Group' as a network, not the acronym alone", () => {
    const t = typed("The MHPSS Working Group agreed on the plan. MHPSS services grew.");
    expect(t).toEqual({ "MHPSS Working Group": "network" });
  });
});

describe("two bodies joined by 'to'", () => {
  it("ends a name's tail before 'to' another headed name, not before 'to the United Nations'", () => {
    const names = Object.keys(typed("The work moved from the Department of Emergencies to the Protection Division. The Permanent Mission of Kenya to the United Nations hosted it."));
    expect(names).toEqual(expect.arrayContaining(["Department of Emergencies", "Protection Division", "Permanent Mission of Kenya to the United Nations"]));
  });
});

describe("corpus-level name of an actor", () => {
  function docActors(text: string, source: string): DocActors {
    const d = buildDoc({ source, format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
    const { actors, mentions } = extractActors(d, gaz);
    return { docId: d.docId, source, segmentIds: d.blocks.map((b) => `${d.docId}-s${b.index}`), actors, mentions, recommendations: [] };
  }

  it("is the fullest of the names documents commonly use; a heading run into it in one document is only an alias", () => {
    const docs = ["a", "b", "c", "d", "e"].map((s) => docActors("The Government of Canada agreed to fund it.", `${s}.txt`));
    docs.push(docActors("Headline: Government of Canada Moves to Restore Trust in Farming. The Government of Canada agreed.", "f.txt"));
    const canada = resolveActors(docs, gaz).actors.filter((a) => a.name.startsWith("Government of Canada"));
    expect(canada).toHaveLength(1);
    expect(canada[0].name).toBe("Government of Canada");
    expect(canada[0].aliases).toContain("Government of Canada Moves");
  });
});

describe("a national name defined with an acronym and a programme word after it", () => {
  it("is a programme, not a national body", () => {
    const t = typed("The Kenya Entrepreneurship and Digital Innovation (KEDI) Initiative trains youth. The Nigeria Police Force (NPF) arrested them.");
    expect(t).toMatchObject({ "Kenya Entrepreneurship and Digital Innovation": "process", "Nigeria Police Force": "state" });
  });
});
