// Relations of issue 16, fourth round: one party written several ways in one document (a project's
// title in capitals beside its acronym, an actor named without the head word its acronym's definition
// gives, an acronym with two letters swapped), a sentence opening "Funded by X and implemented by Y, the
// project “Z”", a fund as funder, partners listed in a bare parenthesis, and "acquired funding from".
// Every sentence is written for the test; each kind has a negative.
import { describe, expect, it } from "vitest";
import { relationsFound, relationsOf, type TestActor } from "./relations.helper.js";

const BASE: TestActor[] = [
  { name: "Aurora Foundation", surfaces: ["Aurora Foundation"] },
  { name: "Delta Relief Agency", surfaces: ["Delta Relief Agency"] },
  { name: "Harbour Council", surfaces: ["Harbour Council"] },
];

/** The relations stage on `text`, the actors stage's work given as BASE and `extra` (each surface found is a mention). */
function relationsWith(text: string, extra: TestActor[]): string[] {
  return relationsFound(text, [...BASE, ...extra], new Set()).map((r) => `${r.relation} ${r.from} -> ${r.to}`);
}

describe("one party, one name", () => {
  const SHR: TestActor = { name: "SHR", acronym: "SHR", surfaces: ["SHR"] };
  const TITLE = "The SAFE HARBOUR RETURNS – PHASE II (SHR II) project, funded by the Aurora Foundation and implemented by the Delta Relief Agency, ended in 2021.";
  it("a project's title in capitals takes the name of the actor its acronym names", () => {
    expect(relationsWith(TITLE, [SHR])).toEqual([
      "funds Aurora Foundation -> SHR",
      "implements Delta Relief Agency -> SHR",
    ]);
  });
  it("not when the actors stage lists no actor by that acronym", () => {
    expect(relationsWith(TITLE, [])).toEqual([
      "funds Aurora Foundation -> SAFE HARBOUR RETURNS – PHASE II",
      "implements Delta Relief Agency -> SAFE HARBOUR RETURNS – PHASE II",
    ]);
  });
  it("a project written in mixed case keeps its own name", () => {
    expect(relationsWith("The Safe Harbour Returns (SHR) Project, funded by the Aurora Foundation, ended in 2021.", [SHR])).toEqual([
      "funds Aurora Foundation -> Safe Harbour Returns Project",
    ]);
  });

  const CSD: TestActor = { name: "Coastal Skills Development", acronym: "CSD", surfaces: ["Coastal Skills Development", "CSD"] };
  it("an actor takes the project name its acronym is defined with, when that is its own name and a head word", () => {
    expect(relationsWith("The Coastal Skills Development (CSD) Initiative opened in 2019. Since 2020 the Aurora Foundation funds CSD.", [CSD])).toEqual([
      "funds Aurora Foundation -> Coastal Skills Development Initiative",
    ]);
  });
  it("a spelling that differs only by a word's ending counts as the same name", () => {
    const spelt: TestActor = { name: "Coastal Skill Development", acronym: "CSD", surfaces: ["CSD"] };
    expect(relationsWith("The Coastal Skills Development (CSD) Initiative opened in 2019. Since 2020 the Aurora Foundation funds CSD.", [spelt])).toEqual([
      "funds Aurora Foundation -> Coastal Skills Development Initiative",
    ]);
  });
  it("not a longer title around the actor's name", () => {
    expect(relationsWith("The Review of the Coastal Skills Development (CSD) Initiative was published in 2019. Since 2020 the Aurora Foundation funds CSD.", [CSD])).toEqual([
      "funds Aurora Foundation -> Coastal Skills Development",
    ]);
  });

  const AUTHORITY: TestActor = { name: "Northern Water Trust Authority", acronym: "NWTA", surfaces: ["Northern Water Trust Authority", "NWTA"] };
  it("an acronym with two letters swapped is the actor spelled right", () => {
    const misspelt: TestActor = { name: "NTWA", acronym: "NTWA", surfaces: ["NTWA"] };
    expect(relationsWith("The Northern Water Trust Authority (NWTA) was set up in 2015. A clean-up day was organised by the Harbour Council in partnership with the NTWA in May.", [AUTHORITY, misspelt])).toEqual([
      "partners Harbour Council -> Northern Water Trust Authority",
    ]);
  });
  it("not with another first letter, nor a short acronym", () => {
    const other: TestActor = { name: "WNTA", acronym: "WNTA", surfaces: ["WNTA"] };
    expect(relationsWith("The Northern Water Trust Authority (NWTA) was set up in 2015. A clean-up day was organised by the Harbour Council in partnership with the WNTA in May.", [AUTHORITY, other])).toEqual([
      "partners Harbour Council -> WNTA",
    ]);
    const short: TestActor[] = [{ name: "Water Trust Board", acronym: "WTB", surfaces: ["Water Trust Board", "WTB"] }, { name: "WBT", acronym: "WBT", surfaces: ["WBT"] }];
    expect(relationsWith("The Water Trust Board (WTB) was set up in 2015. A clean-up day was organised by the Harbour Council in partnership with the WBT in May.", short)).toEqual([
      "partners Harbour Council -> WBT",
    ]);
  });
});

describe("a sentence that opens with its funder and implementer", () => {
  it("'Funded by X and implemented by Y, the project “Z”'", () => {
    expect(relationsOf("Funded by the Aurora Foundation and implemented by the Delta Relief Agency in two regions, the project “Safe Coastal Livelihoods for Returning Fishers” ran from 2019 to 2021.")).toEqual([
      "funds Aurora Foundation -> Safe Coastal Livelihoods for Returning Fishers",
      "implements Delta Relief Agency -> Safe Coastal Livelihoods for Returning Fishers",
    ]);
  });
  it("not when an organisation follows the comma: the one funded is that organisation, not its programme", () => {
    expect(relationsOf("Funded by the Aurora Foundation, the Delta Relief Agency opened the “Coastal Skills” programme in 2019.")).toEqual([]);
  });
  it("a quoted project name may be long", () => {
    const name = "Strengthening Coastal Livelihoods and Safe Return of Fishers through Capacity Building of Harbour Authorities and Enhanced Dialogue with Fishing Communities";
    expect(name.length).toBeGreaterThan(150);
    expect(relationsOf(`The project “${name}” was funded by the Aurora Foundation.`)).toEqual([
      `funds Aurora Foundation -> ${name}`,
    ]);
  });
});

describe("a fund gives money", () => {
  it("'funded by the X Fund'", () => {
    expect(relationsOf("The Coastal Skills Programme was funded by the Brightwater Innovation Fund between 2019 and 2021.")).toEqual([
      "funds Brightwater Innovation Fund -> Coastal Skills Programme",
    ]);
  });
  it("a programme still funds nothing", () => {
    expect(relationsOf("The Coastal Skills Programme was funded by the Brightwater Innovation Programme between 2019 and 2021.")).toEqual([]);
  });
});

describe("partners listed in a bare parenthesis", () => {
  it("'its implementing partners (A, B)', the document's own actor their partner", () => {
    expect(relationsOf("The Delta Relief Agency ran the clinics. Much is owed to the skill of its implementing partners (Harbour Council, Brightwater Trust). The Delta Relief Agency thanks them.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Brightwater Trust",
    ]);
  });
  it("'(especially the X)'", () => {
    expect(relationsOf("The Delta Relief Agency ran the clinics. It kept close contact with the implementing partners (especially the Harbour Council). The Delta Relief Agency thanks them.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("not a parenthesis of places or of words that name no one", () => {
    expect(relationsOf("The Delta Relief Agency ran the clinics. Exports went to key trading partners (Norway and Canada). Resources came from partners (industry, academia, NGOs). The Delta Relief Agency thanks them.")).toEqual([]);
  });
});

describe("acquired funding from", () => {
  it("'X acquired funding from Y'", () => {
    expect(relationsOf("The Coastal Skills Programme acquired funding from the Aurora Foundation in 2020.")).toEqual([
      "funds Aurora Foundation -> Coastal Skills Programme",
    ]);
  });
  it("not 'acquired equipment from'", () => {
    expect(relationsOf("The Coastal Skills Programme acquired equipment from the Aurora Foundation in 2020.")).toEqual([]);
  });
});

describe("the project the document says it calls “the project”", () => {
  const DEFINED = "The Delta Relief Agency ran the “Safe Coastal Livelihoods” project (hereafter referred to as “the project”) from 2019. The Delta Relief Agency reports on it here.";
  it("receives the money and is carried out under its name", () => {
    expect(relationsOf(`${DEFINED} The project is funded by the Aurora Foundation. The project was implemented by the Harbour Council in two districts.`)).toEqual([
      "funds Aurora Foundation -> Safe Coastal Livelihoods",
      "implements Harbour Council -> Safe Coastal Livelihoods",
    ]);
  });
  it("as a partner it stays the document's own actor", () => {
    expect(relationsOf(`${DEFINED} The project partnered with the Harbour Council to train 40 nurses.`)).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("not without the definition, nor with a bare '(the project)'", () => {
    const undefinedProject = "The Delta Relief Agency ran the “Safe Coastal Livelihoods” project from 2019. The Delta Relief Agency reports on it here.";
    expect(relationsOf(`${undefinedProject} The project is funded by the Aurora Foundation.`)).toEqual([]);
    const aside = "The Delta Relief Agency ran the “Safe Coastal Livelihoods” project (the project) from 2019. The Delta Relief Agency reports on it here.";
    expect(relationsOf(`${aside} The project is funded by the Aurora Foundation.`)).toEqual([]);
  });
  it("not another word than the one defined ('the programme' when 'the project' was defined)", () => {
    expect(relationsOf(`${DEFINED} The programme is funded by the Aurora Foundation.`)).toEqual([]);
  });
});
