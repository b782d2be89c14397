// suffix-thumb ships its types, but its package.json "exports" do not point to them, so
// TypeScript cannot find them under NodeNext resolution. Only `convert` is used (verb-lexicon.ts).
declare module "suffix-thumb" {
  /** A suffix-rule model as compromise builds it: exceptions, unchanged endings, forward and shared rules. */
  export interface SuffixModel {
    ex?: Record<string, string>;
    same?: string[];
    fwd?: Record<string, string>;
    both?: Record<string, string>;
    rev?: Record<string, string>;
  }
  /** The word changed by the first rule that fits (exceptions, then longest suffix first); the word itself when none does. */
  export function convert(word: string, model: SuffixModel): string;
}
