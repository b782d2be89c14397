// Addressees typed from the document's actors: a name inside a longer addressee counts only as a
// whole word (maybe plural), as the per-name regexes it replaced matched.
import { describe, expect, it } from "vitest";
import type { ActorCandidate, Recommendation } from "../src/types.js";
import { typeAddresseesFromActors } from "../src/extract/recommendations/types-from-actors.js";

const actor = (name: string, type: string, acronym = ""): ActorCandidate =>
  ({ key: name.toLowerCase(), name, acronym, type, aliases: [], typeEvidence: "context", fromGazetteer: false });
const typeOf = (addressee: string, actors: ActorCandidate[]): string => {
  const recs = [{ addressee, addresseeType: "" } as Recommendation];
  typeAddresseesFromActors(recs, actors);
  return recs[0].addresseeType;
};

describe("typeAddresseesFromActors", () => {
  const actors = [actor("Cargill", "private"), actor("Integrated Care Board", "government", "ICB")];
  it("types an addressee named inside a longer one, as a whole word or its plural", () => {
    expect(typeOf("Cargill and its suppliers", actors)).toBe("private");
    expect(typeOf("all ICBs", actors)).toBe("government");
    expect(typeOf("local integrated care boards", actors)).toBe("government");
    expect(typeOf("Cargill (UK)", actors)).toBe("private");
  });
  it("does not type it from a name that is only part of a word", () => {
    expect(typeOf("Cargilla Foods", actors)).toBe("");
    expect(typeOf("ICBx members", actors)).toBe("");
    expect(typeOf("noncargill buyers", actors)).toBe("");
    expect(typeOf("éicb staff", actors)).toBe("");
  });
  it("leaves it untyped when the names inside it disagree", () => {
    expect(typeOf("Cargill and the ICB", actors)).toBe("");
  });
});
