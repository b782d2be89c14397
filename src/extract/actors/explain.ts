// `sectormap inspect FILE --actors`: every actor of one document, its type and
// why, and its mentions with their pages.
import type { Doc } from "../../types.js";
import type { Gazetteer } from "./gazetteer.js";
import { extractActorsDetailed } from "./index.js";

export function explainActors(doc: Doc, gaz: Gazetteer): string {
  const { actors, mentions, rules } = extractActorsDetailed(doc, gaz);
  const lines: string[] = [`${doc.source}: ${actors.length} actors, ${mentions.length} mentions`];
  const byActor = new Map<string, typeof mentions>();
  for (const m of mentions) (byActor.get(m.actor) ?? byActor.set(m.actor, []).get(m.actor)!).push(m);
  const ordered = [...actors].sort((a, b) => (byActor.get(b.key)?.length ?? 0) - (byActor.get(a.key)?.length ?? 0) || a.name.localeCompare(b.name));
  for (const a of ordered) {
    const ms = byActor.get(a.key) ?? [];
    const label = a.name ? (a.acronym && a.acronym !== a.name ? `${a.name} (${a.acronym})` : a.name) : a.acronym;
    lines.push("");
    lines.push(`${label}  [${a.type || "untyped"}]  ${ms.length} mention${ms.length === 1 ? "" : "s"}`);
    lines.push(`  type: ${a.typeEvidence}`);
    lines.push(`  found by: ${(rules.get(a.key) ?? []).join("; ")}`);
    if (a.aliases.length) lines.push(`  also written: ${a.aliases.join("; ")}`);
    const shown = ms.slice(0, 12).map((m) => `p.${m.page} "${m.surface}" @${m.start}`);
    lines.push(`  mentions: ${shown.join(", ")}${ms.length > 12 ? `, ... (${ms.length - 12} more)` : ""}`);
  }
  return lines.join("\n");
}
