// Shared by the relations tests: run the relations stage on a text written for the test,
// with the parties given as the actors stage would hand them over (candidates and mentions),
// so that the tests exercise the relation rules alone.
import { buildDoc } from "../src/text/document.js";
import { extractRelations, relationExtractor, type RelationExtractor } from "../src/extract/relations/index.js";
import type { ActorCandidate, Doc, Mention, Relation } from "../src/types.js";

export function docOf(text: string): Doc {
  return buildDoc({ source: "t.txt", format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
}

/** An actor as the actors stage would list it; each of its surfaces found in the text is a mention. */
export interface TestActor { name: string; acronym?: string; surfaces?: string[] }

export const ORGANISATIONS = ["Aurora Foundation", "Migration Research Centre", "Delta Relief Agency", "Harbour Council", "Brightwater Trust", "European Union", "Norway", "Canada", "Honduras"];
export const COUNTRIES = new Set(["norway", "canada", "honduras"]);

/**
 * The relations stage on `text` with `actors` found wherever their surfaces (their names by default)
 * stand as whole words, and `countries` as the lexicon's countries (places, not parties); with
 * `extractor`, that one (built once for several documents, as a run does) and its countries.
 */
export function relationsFound(text: string, actors: TestActor[], countries: Set<string> = COUNTRIES, extractor?: RelationExtractor): Relation[] {
  const doc = docOf(text);
  const candidates: ActorCandidate[] = actors.map((a) => ({ key: a.name.toLowerCase(), name: a.name, acronym: a.acronym ?? "", type: "ngo", aliases: [], typeEvidence: "test", fromGazetteer: false }));
  const mentions: Mention[] = [];
  for (const a of actors) {
    for (const surface of a.surfaces ?? [a.name]) {
      for (let at = doc.text.indexOf(surface); at >= 0; at = doc.text.indexOf(surface, at + 1)) {
        // Whole words only ("SHR" not inside "SHRI").
        if (/[\p{L}\p{N}]/u.test(doc.text[at - 1] ?? "") || /[\p{L}\p{N}]/u.test(doc.text[at + surface.length] ?? "")) continue;
        const block = doc.blocks.find((b) => b.start <= at && at < b.end)!;
        mentions.push({ actor: a.name.toLowerCase(), block: block.index, surface, page: 1, start: at, end: at + surface.length });
      }
    }
  }
  return extractRelations(doc, candidates, mentions, extractor ?? relationExtractor(undefined, countries));
}

/** Each relation as "relation from -> to[ amount currency]", the test organisations as the actors. */
export function relationsOf(text: string): string[] {
  return relationsFound(text, ORGANISATIONS.map((name) => ({ name })))
    .map((r) => `${r.relation} ${r.from} -> ${r.to}${r.amount ? ` ${r.amount} ${r.currency}` : ""}`);
}
