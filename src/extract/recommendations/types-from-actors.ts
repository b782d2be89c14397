// The actor type of a named addressee ("Cargill", "NHS England", "IMI") that no group word of
// rules.yaml types: the type the actors stage gave the same body in the same document. Group
// words ("States", "CSOs") keep their own type; only empty types are filled.
import type { ActorCandidate, Recommendation } from "../../types.js";
import { charClassOf, OTHER_CLASS } from "../../text/char-class.js";

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
  const names: Array<{ name: string; type: string }> = [];
  for (const a of actors) {
    if (!a.type) continue;
    for (const n of [a.name, a.acronym, ...a.aliases]) {
      const k = key(n ?? "");
      if (k.length < 2) continue;
      if (!byName.has(k)) byName.set(k, a.type);
      // names of three letters or more only, matched as whole words, inside a longer addressee
      if (k.length >= 3) names.push({ name: k, type: a.type });
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
        const found = new Set(names.filter((n) => containsWord(k, n.name)).map((n) => n.type));
        type = found.size === 1 ? [...found][0] : "";
      }
      cache.set(k, type);
    }
    r.addresseeType = type;
  }
}

/**
 * Whether `name` occurs in `text` as a whole word, maybe with a plural "s": what the regex
 * /(?:^|[^\p{L}\p{N}])NAME(?:s)?(?![\p{L}\p{N}])/u tests, without compiling one regex per
 * actor name per document (that compilation was most of this step's time).
 */
function containsWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (isLetterOrDigit(codePointBefore(text, at))) continue;
    const end = at + name.length;
    if (!isLetterOrDigit(text.codePointAt(end))) return true;
    if (text[end] === "s" && !isLetterOrDigit(text.codePointAt(end + 1))) return true;
  }
  return false;
}

/** \p{L} or \p{N}, through the text stage's remembered classes; false past either end of the text. */
const isLetterOrDigit = (codePoint: number | undefined) => codePoint !== undefined && charClassOf(codePoint) !== OTHER_CLASS;

/** The whole code point that ends just before `at` (a surrogate pair counts as one character, as with the u flag). */
function codePointBefore(text: string, at: number): number | undefined {
  if (at === 0) return undefined;
  const low = text.charCodeAt(at - 1);
  const pair = at >= 2 && low >= 0xdc00 && low <= 0xdfff && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff;
  return text.codePointAt(pair ? at - 2 : at - 1);
}
