// The actor type of a named addressee ("Cargill", "NHS England", "IMI") that no group word of
// rules.yaml types: the type the actors stage gave the same body in the same document. Group
// words ("States", "CSOs") keep their own type; only empty types are filled.
import type { ActorCandidate, Recommendation } from "../../types.js";

/** Lower case, no leading article, single spaces, curly apostrophes straight. */
function key(name: string): string {
  return name.toLowerCase().replace(/[’]/g, "'").replace(/^the\s+/, "").replace(/\s+/g, " ").trim();
}

/**
 * Fill `addresseeType` where it is empty and the addressee is one of the document's actors: by
 * its name, acronym or an alias; else by the actors named inside it ("ICSs and NHS England"),
 * when they all share one type. Cost: one map of names per document, then per addressee a
 * lookup or a scan of the document's actors (addressees repeat: answers are cached).
 */
export function typeAddresseesFromActors(recs: Recommendation[], actors: ActorCandidate[]): void {
  if (!actors.length || !recs.some((r) => r.addressee && !r.addresseeType)) return;
  const byName = new Map<string, string>();
  const names: Array<{ re: RegExp; type: string }> = [];
  for (const a of actors) {
    if (!a.type) continue;
    for (const n of [a.name, a.acronym, ...a.aliases]) {
      const k = key(n ?? "");
      if (k.length < 2) continue;
      if (!byName.has(k)) byName.set(k, a.type);
      // names of three letters or more only, matched as whole words, inside a longer addressee
      if (k.length >= 3) names.push({ re: new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(k)}(?:s)?(?![\\p{L}\\p{N}])`, "u"), type: a.type });
    }
  }
  const cache = new Map<string, string>();
  for (const r of recs) {
    if (!r.addressee || r.addresseeType) continue;
    const k = key(r.addressee);
    let type = cache.get(k);
    if (type === undefined) {
      type = byName.get(k) ?? "";
      if (!type) {
        const found = new Set(names.filter((n) => n.re.test(k)).map((n) => n.type));
        type = found.size === 1 ? [...found][0] : "";
      }
      cache.set(k, type);
    }
    r.addresseeType = type;
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
