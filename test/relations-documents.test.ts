// One relations extractor serves every document of a run: what the stage settles for one document
// (its dollar, its project acronyms, its actors by acronym, its blocks' topics) must not carry over
// to the next.
import { describe, expect, it } from "vitest";
import { relationExtractor, type RelationExtractor } from "../src/extract/relations/index.js";
import { COUNTRIES, ORGANISATIONS, relationsFound } from "./relations.helper.js";

const actors = ORGANISATIONS.map((name) => ({ name }));
const linesOf = (text: string, ex: RelationExtractor) =>
  relationsFound(text, actors, COUNTRIES, ex).map((r) => `${r.relation} ${r.from} -> ${r.to}${r.amount ? ` ${r.amount} ${r.currency}` : ""}`);

// Canadian (a bare dollar is a Canadian one), and defines the SHA as a programme.
const CANADIAN = "Canadian towns, Canadian schools and Canadian officials took part.\n\n" +
  "In 2020 the Aurora Foundation made a grant of $2.2 million to the Migration Research Centre.\n\n" +
  "The Delta Relief Agency implements the Safe Harbours Assistance (SHA) Programme in four districts. The Harbour Council implements the SHA in two more.";
// Neither: its dollar is the US one, and its SHA names no programme it knows.
const OTHER = "In 2021 the Brightwater Trust made a grant of $3 million to the Harbour Council.\n\n" +
  "The Delta Relief Agency implements the SHA in four districts.";

describe("documents read one after another with one extractor", () => {
  it("settles each document's dollar and project acronyms on its own", () => {
    const ex = relationExtractor(undefined, COUNTRIES);
    const canadian = linesOf(CANADIAN, ex);
    expect(canadian).toEqual([
      "funds Aurora Foundation -> Migration Research Centre 2200000 CAD",
      "implements Delta Relief Agency -> Safe Harbours Assistance Programme",
      "implements Harbour Council -> Safe Harbours Assistance Programme",
    ]);
    expect(linesOf(OTHER, ex)).toEqual(["funds Brightwater Trust -> Harbour Council 3000000 USD"]);
    expect(linesOf(CANADIAN, ex)).toEqual(canadian);
    expect(linesOf(OTHER, relationExtractor(undefined, COUNTRIES))).toEqual(["funds Brightwater Trust -> Harbour Council 3000000 USD"]);
  });
});
