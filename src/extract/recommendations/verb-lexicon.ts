// compromise's word lexicon ("ensure" -> Infinitive, "urged" -> PastTense) and its
// verb-to-infinitive rules, as plain data read from a cache.
//
// compromise builds both when it loads: it unpacks a compressed 25,000-word lexicon and
// its conjugation models, about 0.3 s of CPU in every worker thread, for tables that are
// the same on every run. Here they are taken from compromise once and kept as JSON in the
// parsed-data cache (yaml-cache.ts), under a key made of compromise's own code, so a
// thread reads them in a few milliseconds; compromise itself is loaded only when that
// cache is empty or cannot be used. The conversion is suffix-thumb's `convert`, the
// function compromise's conjugator runs (compromise pins the same version of it).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { convert, type SuffixModel } from "suffix-thumb";
import { cachedYaml } from "../../yaml-cache.js";

/** The tense a verb form is converted from. */
export type VerbTense = "PastTense" | "PresentTense" | "Gerund";

interface VerbData {
  /** Word -> compromise's tag for it ("Infinitive", "PastTense", "Noun", ...). */
  lexicon: Record<string, string | undefined>;
  /** Rules from each tense's form to the infinitive. */
  fromPast: SuffixModel;
  fromPresent: SuffixModel;
  fromGerund: SuffixModel;
}

const requireHere = createRequire(import.meta.url);

/** The tables, straight from compromise: its single-file build, what its package gives `require`. */
function verbDataFromCompromise(): VerbData {
  const nlp = requireHere("compromise");
  const world = nlp.world();
  const { fromPast, fromPresent, fromGerund } = world.model.two.models;
  return { lexicon: world.model.one.lexicon, fromPast, fromPresent, fromGerund };
}

// The key holds compromise's code (the file `require` loads), so another version of
// compromise makes another entry. The text read is only a label: the data come from that code.
const DATA = cachedYaml("compromise lexicon and verb models", verbDataFromCompromise, [
  pathToFileURL(requireHere.resolve("compromise")).href,
]);

export const LEXICON: Readonly<Record<string, string | undefined>> = DATA.lexicon;

// compromise maps the forms of "be" itself before its rules (toInfinitive's copulaMap).
const FORMS_OF_BE = new Set(["are", "were", "been", "is", "am", "was", "be", "being"]);

/** The infinitive of a one-word verb form, as compromise's `toInfinitive(word, model, tense)` gives it. */
export function toInfinitive(word: string, tense: VerbTense): string {
  if (FORMS_OF_BE.has(word)) return "be";
  const model = tense === "PastTense" ? DATA.fromPast : tense === "Gerund" ? DATA.fromGerund : DATA.fromPresent;
  return convert(word, model);
}
