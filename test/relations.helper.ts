// Shared by the relations tests: run the relations stage on a text written for the test,
// with the parties given as the actors stage would hand them over (candidates and mentions),
// so that the tests exercise the relation rules alone.
import { buildDoc } from "../src/text/document.js";
import { extractRelations, relationExtractor } from "../src/extract/relations/index.js";
import type { ActorCandidate, Doc, Mention } from "../src/types.js";

export function docOf(text: string): Doc {
  return buildDoc({ source: "t.txt", format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
}

const ORGANISATIONS = ["Aurora Foundation", "Migration Research Centre", "Delta Relief Agency", "Harbour Council", "Brightwater Trust", "European Union", "Norway", "Canada", "Honduras"];
const COUNTRIES = new Set(["norway", "canada", "honduras"]);

/** Each relation as "relation from -> to[ amount currency]". */
export function relationsOf(text: string): string[] {
  const doc = docOf(text);
  const actors: ActorCandidate[] = ORGANISATIONS.map((name) => ({ key: name.toLowerCase(), name, acronym: "", type: "ngo", aliases: [], typeEvidence: "test", fromGazetteer: false }));
  const mentions: Mention[] = [];
  for (const name of ORGANISATIONS) {
    for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + 1)) {
      const block = doc.blocks.find((b) => b.start <= at && at < b.end)!;
      mentions.push({ actor: name.toLowerCase(), block: block.index, surface: name, page: 1, start: at, end: at + name.length });
    }
  }
  return extractRelations(doc, actors, mentions, relationExtractor(undefined, COUNTRIES))
    .map((r) => `${r.relation} ${r.from} -> ${r.to}${r.amount ? ` ${r.amount} ${r.currency}` : ""}`);
}
