// The words of the document being coded, scanned once. Its scope (documentScope reads its blocks
// for domain words), its recommendations and its blocks (codeDocument) all read the same words:
// each block is scanned on first use into one token list, and a recommendation, a stretch of its
// block, reads its block's tokens. The phrases the codebook finds in a block are kept too, since
// a recommendation's phrases are those of its block inside it, and so are the hits of a whole
// block, since a recommendation is often a whole block.
import type { Block, Doc } from "../../types.js";
import { CodeUnits } from "../../text/code-units.js";
import type { Matcher, PhraseFinds, RegexRule, TextAt, ThemeHit } from "./matcher.js";
import { TokenList } from "./tokens.js";
import { writtenWords } from "./words.js";

/** Past this many tokens (13 bytes each) the list is let go once its document is coded, so that
 * one huge document does not keep its buffers for the rest of the run. */
const KEEP_TOKENS = 1 << 20;

class DocTokens {
  private tokens = new TokenList();
  private readonly units = new CodeUnits();
  private doc: Doc | undefined;
  private codes: Uint16Array = new Uint16Array(0);
  private generation = -1; // the word table's generation the list's word numbers belong to
  /** Per block: its first token and the token after its last; -1 until it is scanned. */
  private firstToken = new Int32Array(0);
  private endToken = new Int32Array(0);
  /** For the matcher `findsOwner`: per block, its phrase finds, and its hits when matched whole;
   * and its regexes that can match in the document (Matcher.regexesFor). */
  private finds: Array<PhraseFinds | undefined> = [];
  private hits: Array<ThemeHit[] | undefined> = [];
  private findsOwner: Matcher | undefined;
  private regexes: RegexRule[] = [];

  /** Starts over for `doc` unless it is the document already held (and its word numbers are still valid). */
  private use(doc: Doc): void {
    if (doc === this.doc && this.generation === writtenWords.generation) return;
    writtenWords.startText(); // between documents: the one point where the word table may start again
    this.doc = doc;
    this.generation = writtenWords.generation;
    this.tokens.n = 0;
    this.codes = this.units.of(doc.text);
    const n = doc.blocks.length;
    if (this.firstToken.length < n) {
      this.firstToken = new Int32Array(Math.max(n, this.firstToken.length * 2));
      this.endToken = new Int32Array(this.firstToken.length);
    }
    this.firstToken.fill(-1, 0, n);
    this.finds = new Array<PhraseFinds | undefined>(n).fill(undefined);
    this.hits = new Array<ThemeHit[] | undefined>(n).fill(undefined);
    this.findsOwner = undefined;
    this.regexes = [];
  }

  /** The block as a text to match (Block.text is Doc.text between block.start and block.end). */
  block(doc: Doc, block: Block): TextAt {
    this.use(doc);
    const i = block.index;
    if (this.firstToken[i] < 0) {
      // Blocks are joined by "\n\n" in Doc.text: no word runs across a block's edge.
      this.firstToken[i] = this.tokens.n;
      this.tokens.append(doc.text, this.codes, block.start, block.end);
      this.endToken[i] = this.tokens.n;
    }
    return { text: block.text, base: block.start, tokens: this.tokens, from: this.firstToken[i], to: this.endToken[i] };
  }

  /**
   * `text`, written at doc.text[start, start + text.length) inside `block`, as a text to match with
   * its block's tokens; undefined when it is not such a stretch of it, or when a word of the block
   * runs across one of its edges (its own words would then differ from the block's).
   */
  stretch(doc: Doc, block: Block, text: string, start: number): TextAt | undefined {
    const end = start + text.length;
    if (start < block.start || end > block.end || doc.text.slice(start, end) !== text) return undefined;
    if (!(start === block.start || breaksWords(doc.text.charCodeAt(start - 1)))) return undefined;
    if (!(end === block.end || breaksWords(doc.text.charCodeAt(end)))) return undefined;
    const whole = this.block(doc, block);
    // Its words are the block's words between its edges.
    const from = firstAtOrAfter(whole.tokens, whole.from, whole.to, start);
    const to = firstAtOrAfter(whole.tokens, from, whole.to, end);
    return { text, base: start, tokens: this.tokens, from, to };
  }

  /** The finds and hits kept are one matcher's (the codebook's): another one's starts them again. */
  private keepFor(matcher: Matcher, doc: Doc): void {
    this.use(doc);
    if (this.findsOwner === matcher) return;
    this.finds.fill(undefined);
    this.hits.fill(undefined);
    this.findsOwner = matcher;
    this.regexes = matcher.regexesFor(doc.text);
  }

  /** The regexes of `matcher` that can match in the document's blocks and in stretches of them. */
  regexesOf(matcher: Matcher, doc: Doc): RegexRule[] {
    this.keepFor(matcher, doc);
    return this.regexes;
  }

  /** The phrases `matcher` finds in the block (found once per document). */
  findsOf(matcher: Matcher, doc: Doc, block: Block): PhraseFinds {
    this.keepFor(matcher, doc);
    const at = this.block(doc, block);
    return (this.finds[block.index] ??= matcher.findPhrases(at.tokens, at.from, at.to));
  }

  /** The hits of `matcher` in the whole block (matched once per document, for a recommendation that is the whole block). */
  hitsOf(matcher: Matcher, doc: Doc, block: Block): ThemeHit[] {
    const finds = this.findsOf(matcher, doc, block);
    let hits = this.hits[block.index];
    if (!hits) {
      // matchAt adds to the terms list it is given: a copy, the finds stay as found.
      hits = matcher.matchAt(this.block(doc, block), this.regexes, { terms: finds.terms.slice(), others: finds.others });
      this.hits[block.index] = hits;
    }
    return hits;
  }

  /**
   * The hits of `matcher` in the whole block, for the last time in this document (codeDocument):
   * kept ones are let go, and new ones are not kept. Keeping every block's phrases and hits until
   * the document is done made them live long enough to cost the garbage collector more than
   * finding them again.
   */
  lastHitsOf(matcher: Matcher, doc: Doc, block: Block): ThemeHit[] {
    this.keepFor(matcher, doc);
    const i = block.index;
    const kept = this.hits[i];
    if (kept) {
      this.hits[i] = undefined;
      this.finds[i] = undefined;
      return kept;
    }
    const finds = this.finds[i];
    this.finds[i] = undefined;
    return matcher.matchAt(this.block(doc, block), this.regexes, finds && { terms: finds.terms.slice(), others: finds.others });
  }

  /** The document is coded: forget it (and a huge document's buffers). */
  release(doc: Doc): void {
    if (doc !== this.doc) return;
    this.doc = undefined;
    this.finds = [];
    this.hits = [];
    this.findsOwner = undefined;
    this.regexes = [];
    if (this.tokens.ids.length > KEEP_TOKENS) this.tokens = new TokenList();
  }
}

/** The first token of [from, to) that starts at or after `offset`. */
function firstAtOrAfter(tokens: TokenList, from: number, to: number, offset: number): number {
  let lo = from, hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens.starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is the code unit one no word runs across, neither the scanner's (tokens.ts) nor a regex's \w:
 * ASCII other than a letter, a digit, the apostrophe or "_" (a space, a full stop, a bracket...)?
 * Conservative: non-ASCII never is. */
const breaksWords = (c: number) => c < 128 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 95);

/** One for the process (a worker thread codes one document at a time). */
export const docTokens = new DocTokens();
