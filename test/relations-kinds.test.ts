// Relations stated across a sentence's edges or through lists (issue 16, second round): partners listed
// after "partners such as", a list that points back ("Such organisations include ..."), a second
// "and with", a partner whose other party goes unnamed, and money that reaches the funder's own
// programme past an amount. Every sentence is written for the test; each kind has a negative.
import { describe, expect, it } from "vitest";
import { relationsOf } from "./relations.helper.js";

describe("partners listed after 'partners such as' / 'partners are'", () => {
  it("the organisation just before owns the partners", () => {
    expect(relationsOf("Interviews were held with Delta Relief Agency staff and partners, for instance the Harbour Council and the Brightwater Trust.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Brightwater Trust",
    ]);
  });
  it("with no owner named, the document's own actor (the one it names most) owns them; the listed ones are not paired", () => {
    const text = "The Delta Relief Agency ran the camp. The Delta Relief Agency trained 300 volunteers. The main partners were the Harbour Council and the Aurora Foundation.";
    expect(relationsOf(text)).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Aurora Foundation",
    ]);
  });
  it("not when another organisation stands before without owning them, nor when 'including' leads elsewhere", () => {
    expect(relationsOf("The Harbour Council or other partners such as the Aurora Foundation joined.")).toEqual([]);
    expect(relationsOf("The Harbour Council strengthened migration management with regional partners, including through a new task force with the Aurora Foundation.")).toEqual([]);
  });
});

describe("a list that points back to the sentence before", () => {
  it("'Such organisations include' after a sentence about partnerships: the previous sentence's subject partners each", () => {
    expect(relationsOf("The Delta Relief Agency built partnerships with several local bodies. Such organisations include the Harbour Council and the Brightwater Trust.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
      "partners Delta Relief Agency -> Brightwater Trust",
    ]);
  });
  it("not after a sentence that says nothing of working together", () => {
    expect(relationsOf("The Delta Relief Agency met several local bodies. Such organisations include the Harbour Council and the Brightwater Trust.")).toEqual([]);
  });
  it("'This support ... in partnership with X': the previous sentence's subject", () => {
    expect(relationsOf("The Aurora Foundation will raise its support for farmers by 40%. This support will be provided through new programmes, in partnership with the Harbour Council.")).toEqual([
      "partners Aurora Foundation -> Harbour Council",
    ]);
  });
});

describe("partners written with 'with'", () => {
  it("a second 'and with' after a comma partners the sentence's subject again", () => {
    expect(relationsOf("The Aurora Foundation has partnered with the Harbour Council to train teachers, and with the Brightwater Trust to fund scholarships.")).toEqual([
      "partners Aurora Foundation -> Harbour Council",
      "partners Aurora Foundation -> Brightwater Trust",
    ]);
    expect(relationsOf("The Aurora Foundation met the Harbour Council in May, and with the Brightwater Trust in June.")).toEqual([]);
  });
  it("a single capitalised name right after 'with' is an organisation, but not one that qualifies a noun", () => {
    expect(relationsOf("The Aurora Foundation partnered with Walmart to open two stores.")).toEqual(["partners Aurora Foundation -> Walmart"]);
    expect(relationsOf("The Aurora Foundation worked with Indigenous communities.")).toEqual([]);
  });
  it("in coordination with: those coordinating together partner each other, not the body they coordinate with", () => {
    expect(relationsOf("The Delta Relief Agency and the Harbour Council, in coordination with the European Union, trained 300 teachers.")).toEqual([
      "partners Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("a passive 'organised in partnership with X' is the document's own actor's partnership", () => {
    const text = "The Delta Relief Agency ran ten workshops. The Delta Relief Agency also trained staff. A festival was organised in partnership with the Harbour Council.";
    expect(relationsOf(text)).toEqual(["partners Delta Relief Agency -> Harbour Council"]);
    // Without a document actor (no actor named twice) nobody is its partner.
    expect(relationsOf("A festival was organised in partnership with the Harbour Council.")).toEqual([]);
  });
  it("a fronted 'In collaboration with A, B ...' partners A with the subject B", () => {
    expect(relationsOf("In collaboration with the Harbour Council, the Aurora Foundation created new teaching materials.")).toEqual([
      "partners Aurora Foundation -> Harbour Council",
    ]);
  });
  it("a named programme between an organisation and 'in collaboration with' is passed over", () => {
    expect(relationsOf("The Aurora Foundation launched the Safe Homes Initiative in collaboration with the Harbour Council.")).toEqual([
      "implements Aurora Foundation -> Safe Homes Initiative",
      "partners Aurora Foundation -> Harbour Council",
    ]);
  });
  it("signing an agreement with: the signatories partner, not the partnership the agreement names", () => {
    expect(relationsOf("The Aurora Foundation signed a memorandum of understanding for a Coastal Digital Partnership with the Harbour Council.")).toEqual([
      "partners Aurora Foundation -> Harbour Council",
    ]);
  });
  it("the partnership the project established with X", () => {
    const text = "The Delta Relief Agency ran the project. The Delta Relief Agency reported on it. A key result is the partnership the project established with the Harbour Council.";
    expect(relationsOf(text)).toEqual(["partners Delta Relief Agency -> Harbour Council"]);
  });
});

describe("money", () => {
  it("funding from X enables Y", () => {
    expect(relationsOf("The increased contribution from the Aurora Foundation will enable the Harbour Council to reach 500 families.")).toEqual([
      "funds Aurora Foundation -> Harbour Council",
    ]);
    expect(relationsOf("Advice from the Aurora Foundation will enable the Harbour Council to plan.")).toEqual([]);
  });
  it("an amount allocated to the funder's own programme, with the amount between funder and programme", () => {
    expect(relationsOf("The Aurora Foundation will allocate $2.7 million over four years to expand the reach of its Safe Harbours Programme.")).toEqual([
      "funds Aurora Foundation -> Safe Harbours Programme 2700000 USD",
      "implements Aurora Foundation -> Safe Harbours Programme",
    ]);
  });
});

describe("a fronted list that goes on", () => {
  it("'Working with A, B and other bodies' names no subject", () => {
    expect(relationsOf("Working with the Harbour Council, the Aurora Foundation and other federal bodies to align the plans.")).toEqual([]);
  });
});

describe("acknowledgements, a funder's own support, and names of projects", () => {
  it("thanks to a list for their financial support of a named body: each listed funder, not the body an 'of' qualifies them by", () => {
    expect(relationsOf("Special thanks go to the Aurora Foundation, the Harbour Council of the European Union and the Brightwater Trust for their financial and technical support that has seen the establishment of the Migration Research Centre.")).toEqual([
      "funds Aurora Foundation -> Migration Research Centre",
      "funds Harbour Council -> Migration Research Centre",
      "funds Brightwater Trust -> Migration Research Centre",
    ]);
    expect(relationsOf("We thank the Aurora Foundation for their advice on the Migration Research Centre.")).toEqual([]);
  });
  it("X's support for Y", () => {
    expect(relationsOf("The Aurora Foundation's support for the Harbour Council links to our work in the region.")).toEqual([
      "funds Aurora Foundation -> Harbour Council",
    ]);
  });
  it("a project name does not swallow an organisation listed before it", () => {
    expect(relationsOf("Thanks go to the Delta Relief Agency and the Coastal Skills Initiative for their financial support of the Harbour Council.")).toEqual([
      "funds Delta Relief Agency -> Harbour Council",
    ]);
  });
  it("a lower-case head after a name in capitals is no part of the name", () => {
    expect(relationsOf("The Delta Relief Agency has implemented the SAFE II project, funded by the European Union.")).toEqual([
      "funds European Union -> SAFE II",
      "implements Delta Relief Agency -> SAFE II",
    ]);
  });
});
