// Relations of issue 16, third round: names the actors stage lists short or not at all (items of a
// comma list, French names, a company's legal name), pronouns standing for an organisation, "with the
// financing of", an organisation's programmes listed after "programmes such as", and two programmes
// sharing one plural head. Every sentence is written for the test; each kind has a negative.
import { describe, expect, it } from "vitest";
import { relationsOf } from "./relations.helper.js";

describe("names the actors stage did not list", () => {
  it("items of a partner list beside a named party, French names included", () => {
    expect(relationsOf("Interviews were held with Delta Relief Agency staff and partners, for instance the Harbour Council, Croix Rouge, Juges des Mineurs and Direction de la Protection de l’Enfance, in person.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Croix Rouge",
      "partners Delta Relief Agency -> Juges des Mineurs",
      "partners Delta Relief Agency -> Direction de la Protection de l’Enfance",
    ]);
  });
  it("not a lone capitalised word, which may be a place or a piece of a name cut by a comma", () => {
    expect(relationsOf("Interviews were held with Delta Relief Agency staff and partners, for instance the Harbour Council, Tahoua and Zinder.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("a company's legal name runs on after its short name", () => {
    expect(relationsOf("The Harbour Council partnered with Brightwater Trust Oxford, Inc. to train 40 nurses.")).toEqual([
      "partners Harbour Council -> Brightwater Trust Oxford, Inc.",
    ]);
  });
});

describe("pronouns", () => {
  it("'it' is the organisation named before the pronoun's clause, not the one in it", () => {
    expect(relationsOf("While the Delta Relief Agency is small, funding from the Aurora Foundation has allowed it to open two clinics.")).toEqual([
      "funds Aurora Foundation -> Delta Relief Agency",
    ]);
  });
  it("with no organisation before it, the one the previous sentence opens with", () => {
    expect(relationsOf("The Aurora Foundation opened its office in 2010. With a staff of 200, it has long been a partner of the Harbour Council.")).toEqual([
      "partners Aurora Foundation -> Harbour Council",
    ]);
  });
  it("not an empty 'it is important to'", () => {
    expect(relationsOf("The Aurora Foundation opened its office in 2010. It is important to fund the Harbour Council.")).toEqual([]);
  });
});

describe("with the financing of", () => {
  it("the body after 'of' funds the one before", () => {
    expect(relationsOf("The Harbour Council runs the shelters with the assistance and financing of the Aurora Foundation.")).toEqual([
      "funds Aurora Foundation -> Harbour Council",
    ]);
  });
  it("'the financing of X' does not make the sentence's subject X's funder", () => {
    expect(relationsOf("The Delta Relief Agency reviewed the financing of the Harbour Council.")).toEqual([]);
  });
});

describe("programmes", () => {
  it("an organisation's programmes listed after 'programmes such as' are its own", () => {
    expect(relationsOf("Synergies with other Delta Relief Agency programmes such as the Safe Routes Initiative and the Coastal Skills Programme helped.")).toEqual([
      "implements Delta Relief Agency -> Safe Routes Initiative",
      "implements Delta Relief Agency -> Coastal Skills Programme",
    ]);
  });
  it("not programmes listed after another organisation's 'and other programmes'", () => {
    expect(relationsOf("The Harbour Council and other programmes such as the Safe Routes Initiative were reviewed.")).toEqual([]);
  });
  it("two names with their acronyms share one plural head", () => {
    expect(relationsOf("The Delta Relief Agency under its Safe Return (SR) and Assisted Return (AR) programmes, in partnership with the Harbour Council, helped 300 people.")).toEqual([
      "implements Delta Relief Agency -> Safe Return programme",
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
});

describe("a partnership that is with X", () => {
  it("the partnership's owner named before, or the document's own actor", () => {
    expect(relationsOf("The main partnership the Delta Relief Agency has built so far is with the Harbour Council, to train 30 nurses.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("not a partnership that is with no organisation", () => {
    expect(relationsOf("The Delta Relief Agency said the partnership was with limited means in the Harbour Council's first year.")).toEqual([]);
  });
});
