// `sectormap inspect FILE --relations`: each relation with the rule that found
// it and its evidence sentence.
import type { Doc } from "../../types.js";
import type { Gazetteer } from "../actors/index.js";
import { extractActors } from "../actors/index.js";
import { extractRelations, type RelationExtractor } from "./index.js";

export function explainRelations(doc: Doc, gaz: Gazetteer, ex: RelationExtractor): string {
  const { actors, mentions } = extractActors(doc, gaz);
  const relations = extractRelations(doc, actors, mentions, ex);
  const out = [`relations: ${relations.length}`];
  for (const r of relations) {
    const amount = r.amount ? `  ${r.amount}${r.currency ? " " + r.currency : ""}` : "";
    // Projects and the organisations the actors stage missed have no actor: both are shown as such.
    const kind = (actor: number) => (actor >= 0 ? "" : " (not an actor)");
    out.push(`  ${r.relation.padEnd(10)} ${r.from}${kind(r.fromActor)} -> ${r.to}${kind(r.toActor)}${amount}   [rule ${r.rule}, p${r.page}, ${r.start}-${r.end}]`);
    out.push(`      ${r.text.length > 300 ? r.text.slice(0, 299) + "…" : r.text}`);
  }
  return out.join("\n");
}
