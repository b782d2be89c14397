// The capitalised project-name pattern is started no earlier than a name could begin (nextCapitalisedName
// in parties.ts): it must find exactly the names the pattern finds when tried at every position.
import { describe, expect, it } from "vitest";
import { relationExtractor } from "../src/extract/relations/index.js";
import { findProjects, nextCapitalisedName, unlistedNames, type Party } from "../src/extract/relations/parties.js";

const ex = relationExtractor();

/** The pattern's matches tried at every position from the start: "offset:text". */
function everyMatch(text: string): string[] {
  const re = new RegExp(ex.projects.capitalised.source, ex.projects.capitalised.flags);
  return [...text.matchAll(re)].map((x) => `${x.index}:${x[0]}`);
}

/** The same through nextCapitalisedName. */
function skippingMatches(text: string): string[] {
  const found: string[] = [];
  ex.projects.capitalised.lastIndex = 0;
  for (let x = nextCapitalisedName(text, ex.projects); x; x = nextCapitalisedName(text, ex.projects)) found.push(`${x.index}:${x[0]}`);
  return found;
}

const SENTENCES = [
  "In 2019, with the Ministry of Health, the Rural Water Supply Programme and the Harbour Skills Initiative began.",
  "The O'Neill-Byrne & Partners Fund (ONBF), the Délégation Régionale du Nord Project II and the Clean Air (CA) Facility.",
  "Funding: Aurora Foundation; Coastal Resilience\nProgramme; the Safe Routes Initiative 3 (SRI) and the EU-IOM Joint Initiative.",
  "No name here, only a programme and a fund, and a Project without a name before it.",
  "Under the UN’s Global Compact, A, B, C and the Youth Employment Programme (YEP), with the Women’s Economic Empowerment Initiative.",
  "Fund, Project, Programme: heads without names; then Blue Sky Fund_ and Red Hill Fund.",
];

describe("capitalised project names", () => {
  it.each(SENTENCES)("are those of the pattern tried everywhere: %s", (text) => {
    const expected = everyMatch(text);
    expect(skippingMatches(text)).toEqual(expected);
  });

  it("are found after commas, semicolons and line breaks, and not across a line break", () => {
    const names = SENTENCES.flatMap((t) => findProjects(t, 0, ex.projects, []).map((p) => p.name));
    expect(names).toEqual(expect.arrayContaining(["Rural Water Supply Programme", "Harbour Skills Initiative", "Blue Sky Fund", "Red Hill Fund"]));
    expect(names).not.toContain("Coastal Resilience Programme");
  });
});

describe("unlisted names", () => {
  const text = "Funding went to the Rural Research and Development Foundation and to Grupo Cadelga.";
  const party = (from: string, to: string): Party => {
    const start = text.indexOf(from), end = text.indexOf(to);
    return { start, end, name: text.slice(start, end), actor: 0, project: false, place: false };
  };
  const names = (parties: Party[]) => unlistedNames(text, 0, parties, () => false).map((p) => p.name);

  it("are found where no party is", () => {
    expect(names([])).toEqual(["Rural Research and Development Foundation", "Grupo Cadelga"]);
  });

  it("are not found within a party's name, and are found after it", () => {
    expect(names([party("Rural", " and to")])).toEqual(["Grupo Cadelga"]);
    // A party covering part of the run: the rest of the run overlaps it and is no name either.
    expect(names([party("Research", " and to")])).toEqual(["Grupo Cadelga"]);
  });
});
