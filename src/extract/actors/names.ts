// Names in running text: gazetteer names (a trie walk per word), and
// capitalised noun phrases headed by an organisation word with their
// "of the ..." tails ("Office of the United Nations High Commissioner for Refugees").
import type { Doc } from "../../types.js";
import type { Gazetteer } from "./gazetteer.js";
import type { Lexicon } from "./lexicon.js";
import { cleanSurface, makeHit, type Hit } from "./hits.js";
import { isCommonStarter, tokenAt, type Token, type WordStats } from "./tokens.js";
import { initialsFit } from "./acronyms.js";

// Spaces and markdown emphasis; an underscore only next to a space ("_Global_ Coalition", not "Background_Papers").
const SOFT = /^[\s*_]*$/;
const isSoftGap = (gap: string) => gap === " " || (SOFT.test(gap) && (!gap.includes("_") || /\s/.test(gap)));
const NAME_OPENERS = new Set(["federal", "national", "ministry", "ministere", "ministerio", "department", "government", "office", "the"]);
const LEFT_CONNECTORS = new Set(["and", "&", "without", "in", "for", "of", "on", "de", "des", "du", "del", "la", "para", "pour", "y", "et", "en"]);
/** Heads whose "of ..." tail is a portfolio: "Department of State" names one body though "State" is a generic word. */
const MINISTRY_HEADS = new Set(["department", "ministry", "ministere", "ministerio", "secretariat"]);
/** "and" in the languages of the corpus: "Centre de Recherche Médicale et Scientifique" runs on after "et". */
const AND_WORDS = new Set(["and", "&", "et", "y", "und"]);
/** Last words of a document's title: a name whose tail ends in one is the document, not the body. */
const DOCUMENT_WORDS = new Set(["report", "reports", "handbook", "manual", "toolkit", "newsletter", "letter", "guidelines"]);
// ("Evaluation", "Review" are left out: "Office of Evaluation", "Centre for Drug Evaluation and Research" are bodies.)
/** Titles of posts named after a unit: "Head of Mission", "Chef de Bureau", "Chief of Office". */
const TITLE_WORDS = new Set(["head", "heads", "chief", "chiefs", "chef", "chefs", "deputy"]);
const TITLE_OF = new Set(["of", "de", "d'"]);
const DOTTED = /^(?:\p{Lu}\.)+\p{Lu}$/u;
const OPEN_QUOTE = /["“‘«]\s*$/;
const CLOSE_QUOTE = /^\s*["”’»]/;
const GAZ_GAP = /^[\s*_,-]*$/;

/** Gazetteer names (not acronyms) in one block, longest match first, left to right. */
export function gazetteerNames(doc: Doc, tokens: Token[], gaz: Gazetteer): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].shout || !tokens[i].cap) continue;
    let node = gaz.trie;
    let best: { end: number; entry: NonNullable<typeof node.entry> } | undefined;
    for (let j = i; j < tokens.length; j++) {
      const t = tokens[j];
      if (j > i && t.gap !== " " && !GAZ_GAP.test(t.gap)) break;
      if (j > i && t.norm === "the") continue;
      const child = node.next.get(t.norm);
      if (!child) break;
      node = child;
      if (node.entry && caseFits(tokens.slice(i, j + 1), node.exactCase, gaz.lexicon)) best = { end: j + 1, entry: node.entry };
      if (t.possessive) break;
    }
    if (!best) continue;
    const first = tokens[i], last = tokens[best.end - 1];
    hits.push(makeHit({
      kind: "gazetteer", block: first.block, start: first.start, end: last.end,
      surface: cleanSurface(doc.text.slice(first.start, last.end)), entry: best.entry, rule: `gazetteer (${best.entry.origin})`,
    }));
    i = best.end - 1;
  }
  return hits;
}

/** One-word names must keep their written case ("Caritas", never "caritas"); longer ones must look like names. */
function caseFits(span: Token[], exactCase: string | undefined, lex: Lexicon): boolean {
  if (exactCase !== undefined) return span.length === 1 && span[0].text.normalize("NFD").replace(/\p{M}+/gu, "") === exactCase;
  const words = span.filter((t) => !lex.connectors.has(t.text.toLowerCase()));
  return span[0].cap && words.filter((t) => t.cap).length * 2 >= words.length;
}

interface Unit { kind: "cap" | "conn" | "gaz"; first: number; last: number; hit?: Hit }
interface Core {
  units: Unit[];
  first: number;
  last: number;
  /** token index of the head word, -1 if none */
  head: number;
  headWord: string;
  nonActor: boolean;
  gazOnly: boolean;
  distinctive: boolean;
}

/** Capitalised noun phrases headed by an organisation word, in one block. */
export function headedNames(doc: Doc, tokens: Token[], gazHits: Hit[], stats: WordStats, lex: Lexicon, suppressed: Set<Hit>, knownAcronym: (a: string) => boolean = () => true): Hit[] {
  // Most blocks hold no head word and no instrument at all: no chain of theirs can name anything.
  if (!tokens.some((t) => t.cap && mayMatter(t.norm, lex))) return [];
  const gazAt = new Map<number, { hit: Hit; last: number }>();
  for (const h of gazHits) {
    const first = tokenAt(tokens, h.start, "start");
    const last = tokenAt(tokens, h.end, "end");
    if (first !== undefined && last !== undefined && last >= first) gazAt.set(first, { hit: h, last });
  }
  const hits: Hit[] = [];
  for (const chain of chains(tokens, gazAt, lex)) hits.push(...namesInChain(doc, tokens, chain, stats, lex, suppressed, knownAcronym));
  return hits;
}

/**
 * Runs of capitalised words, gazetteer names and connectors, unbroken by
 * punctuation; only those that may name something. Most runs ("The", "In
 * March") hold no head word and no instrument: they are dropped as they close.
 */
function chains(tokens: Token[], gazAt: Map<number, { hit: Hit; last: number }>, lex: Lexicon): Unit[][] {
  const out: Unit[][] = [];
  let cur: Unit[] = [];
  const close = () => {
    if (!cur.length) return;
    while (cur.length && cur[cur.length - 1].kind === "conn") cur.pop();
    if (cur.some((u) => u.kind === "cap" && mayMatter(tokens[u.first].norm, lex))) out.push(cur);
    cur = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // "U.S. Chamber of Commerce": the full stop of a dotted abbreviation does not end the name.
    if (cur.length && !isSoftGap(t.gap) && !(t.gap === ". " && DOTTED.test(tokens[i - 1].text))) close();
    const g = gazAt.get(i);
    let unit: Unit | undefined;
    if (g) unit = { kind: "gaz", first: i, last: g.last, hit: g.hit };
    else if (t.cap && !t.shout && (!lex.genericAcronyms.has(t.text) || isUnitHead(tokens[i + 1], lex))) unit = { kind: "cap", first: i, last: i };
    else if (!t.cap && cur.length && (lex.connectors.has(t.norm) || lex.connectors.has(t.text))) unit = { kind: "conn", first: i, last: i };
    if (!unit) { close(); continue; }
    if (unit.kind === "conn" && !cur.length) continue;
    // "... Citizens Initiative Federal Ministry of ...": a head then a word that opens names starts a new name
    // (table cells run together); "Bank Information Center" stays one.
    const prev = cur[cur.length - 1];
    if (unit.kind === "cap" && prev?.kind === "cap" && NAME_OPENERS.has(t.norm) && headOf(tokens, prev.first, lex)) close();
    cur.push(unit);
    i = unit.last;
    if (tokens[i].possessive) close();
  }
  close();
  return out;
}

/** "Unit", "Division", "Branch": the head of a part of an organisation ("M&E Unit" keeps its generic acronym). */
function isUnitHead(t: Token | undefined, lex: Lexicon): boolean {
  if (!t || !t.cap || t.gap !== " ") return false;
  const type = lex.heads.get(t.norm);
  // "MHPSS Working Group", "AAP Working Group": a group on a topic named by a generic acronym.
  return type === "unit" || t.norm === "working";
}

function headOf(tokens: Token[], i: number, lex: Lexicon): string | undefined {
  const t = tokens[i];
  if (i > 0 && tokens[i - 1].cap) {
    const two = `${tokens[i - 1].norm} ${t.norm}`;
    if (lex.heads.has(two)) return two;
  }
  return lex.heads.has(t.norm) ? t.norm : undefined;
}

function isDistinctive(t: Token, lex: Lexicon): boolean {
  return !lex.genericWords.has(t.norm) && !lex.heads.has(t.norm) && !lex.sentenceStarters.has(t.text) && !/^\d+$/.test(t.text);
}

const PLACE_SUFFIXES = new Set(["europe", "africa", "asia", "americas", "international", "uk", "usa", "us"]);

function makeCore(units: Unit[], tokens: Token[], lex: Lexicon): Core {
  let head = -1, headWord = "", nonActor = false, distinctive = false;
  for (const u of units) if (u.kind === "gaz" || isDistinctive(tokens[u.first], lex)) distinctive = true;
  // The head ends the core ("International Detention Coalition"), or is followed
  // only by a place ("InterFaith Network UK"); "International Migration" has none.
  let k = units.length - 1;
  while (k > 0 && units[k].kind === "cap" && (lex.countries.has(tokens[units[k].first].norm) || PLACE_SUFFIXES.has(tokens[units[k].first].norm))) k--;
  const lastUnit = units[units.length - 1];
  const candidate = units[k];
  if (candidate.kind === "cap") {
    const h = headOf(tokens, candidate.first, lex);
    if (h) { head = candidate.first; headWord = h; }
    else if (lex.nonActorHeads.has(tokens[candidate.first].norm)) nonActor = true;
  }
  const first = units[0];
  if (head < 0 && !nonActor && units.length >= 2 && first.kind === "cap") {
    // "Centro Presente": a head written first.
    if (lex.headFirst.has(tokens[first.first].norm)) { head = first.first; headWord = tokens[first.first].norm; }
    // "Central American Resource Centre DC (CARECENDC)": the acronym right after vouches for the whole core.
    else {
      const after = tokens[lastUnit.last + 1];
      if (after?.acronym && /^\s*\\?\(\s*$/.test(after.gap)) {
        for (let j = units.length - 2; j >= 0 && head < 0; j--) {
          const hw = units[j].kind === "cap" ? headOf(tokens, units[j].first, lex) : undefined;
          if (hw) { head = units[j].first; headWord = hw; }
        }
      }
    }
  }
  return {
    units, first: units[0].first, last: lastUnit.last, head, headWord, nonActor,
    gazOnly: units.length === 1 && units[0].kind === "gaz", distinctive,
  };
}

/** A word that can make a chain name something: the last word of a head, a head written first, an instrument. */
function mayMatter(norm: string, lex: Lexicon): boolean {
  return matteringWords(lex).has(norm);
}

// mayMatter's words in one set, for the lexicon last asked about: one lookup a word instead of three
// (it is asked of every capitalised word of the document).
let matteringFor: Lexicon | undefined;
let mattering = new Set<string>();
function matteringWords(lex: Lexicon): Set<string> {
  if (lex !== matteringFor) {
    mattering = new Set([...lex.headEnds, ...lex.headFirst, ...INSTRUMENTS]);
    matteringFor = lex;
  }
  return mattering;
}

/** Instruments named after a body: "United Nations Convention against ...", "EU Charter": the body is not acting there. */
const INSTRUMENTS = new Set(["convention", "conventions", "protocol", "protocols", "declaration", "compact", "charter", "treaty", "treaties", "agenda", "strategy", "framework", "guidelines", "principles", "resolution", "resolutions"]);

function namesInChain(doc: Doc, tokens: Token[], chain: Unit[], stats: WordStats, lex: Lexicon, suppressed: Set<Hit>, knownAcronym: (a: string) => boolean): Hit[] {
  // Split the chain into cores (capitalised runs) and the connectors between them.
  const cores: Core[] = [];
  const between: string[][] = []; // between[k]: connector words between cores[k] and cores[k+1]
  let run: Unit[] = [], conn: string[] = [];
  for (const u of chain) {
    if (u.kind === "conn") { conn.push(tokens[u.first].text.toLowerCase()); continue; }
    if (conn.length && run.length) { cores.push(makeCore(run, tokens, lex)); between.push(conn); run = []; }
    conn = [];
    run.push(u);
  }
  if (run.length) cores.push(makeCore(run, tokens, lex));

  for (const core of cores) {
    const units = core.units;
    // "United Nations Convention against ...", "United Nations Global Counter-Terrorism Strategy"
    const last = units[units.length - 1];
    if (last.kind === "cap" && INSTRUMENTS.has(tokens[last.first].norm))
      for (const u of units) if (u.kind === "gaz" && u !== last) suppressed.add(u.hit!);
  }
  const hits: Hit[] = [];
  const used = new Set<number>();
  for (let h = 0; h < cores.length; h++) {
    const c = cores[h];
    if (used.has(h) || c.head < 0 || c.nonActor || c.gazOnly) continue;
    let s = h, e = h;
    // Left: modifiers joined by "and", "in", "for" ("Women in Migration Network").
    while (s > 0 && !used.has(s - 1)) {
      const p = cores[s - 1];
      if (p.head >= 0 || p.gazOnly || p.nonActor || !p.distinctive) break;
      if (between[s - 1].length !== 1 || !LEFT_CONNECTORS.has(between[s - 1][0])) break;
      if (p.units.length === 1 && tokens[p.first].acronym) break; // "IOM and the Government of ...": two actors
      s--;
    }
    // "The Framework for Consultation on Migration": the object of an instrument, not an actor.
    if (s > 0 && cores[s - 1].nonActor && between[s - 1].join(" ") === "for") continue;
    // "Chefs de Mission du PNUD", "Head of Office": a post named by its head word alone is a person's title, not a body.
    if (s === h && s > 0 && c.units.length === 1 && TITLE_OF.has(between[s - 1].join(" ")) && TITLE_WORDS.has(tokens[cores[s - 1].last].norm)) {
      used.add(h);
      for (let k = h; k + 1 < cores.length && lex.tailConnectors.has(between[k][0]); k++) used.add(k + 1);
      continue;
    }
    // Right: the tail ("of the ...", "for ...", "on ...", then "and ..." inside the tail).
    let titled = false;
    while (e + 1 < cores.length) {
      const first = between[e][0], next = cores[e + 1];
      // "in" continues a tail already begun ("... for the Prohibition of Trafficking in Persons"),
      // never starts one ("Regional Conference in Dar es Salaam").
      const tail = lex.tailConnectors.has(first) || (first === "in" && e > h);
      const andInTail = AND_WORDS.has(first) && e > h && next.head < 0 && !next.gazOnly;
      if (!tail && !andInTail) break;
      if (first === "in" && isPlace(tokens, next, lex)) break;
      if (MONTHS.has(tokens[next.first].norm)) break; // "Summit on April 22": a date, not a tail
      // "moved from the Department of Emergencies to the Protection Division": "to" another headed name joins two bodies.
      if (first === "to" && next.head >= 0) break;
      // "Office of the Fairness Commissioner Annual Report": a document's title, not the office's name.
      if (next.nonActor && DOCUMENT_WORDS.has(tokens[next.last].norm)) { titled = true; break; }
      e++;
    }
    if (titled) { for (let k = s; k <= e + 1; k++) used.add(k); continue; }
    for (let k = s; k <= e; k++) used.add(k);
    const lastTok = cores[e].last;
    const hasGaz = cores.slice(s, e + 1).some((k) => k.units.some((u) => u.kind === "gaz"));
    const valid = (from: number) => {
      const span = tokens.slice(from, lastTok + 1);
      if (span.filter((t) => t.cap).length < 2) return false; // "Secretariat", "Government": a head alone names nobody
      // No distinctive word ("National Agency") names nobody, unless a tail makes it specific ("National Commission for Refugees").
      // "Department of State", "Ministry of Interior": a ministry's portfolio names it, even in a generic word.
      const portfolio = e > h && MINISTRY_HEADS.has(c.headWord) && tokens[cores[h].head + 1]?.norm === "of";
      if (!span.some((t) => t.cap && isDistinctive(t, lex)) && !hasGaz && !portfolio && !(e > h && span.filter((t) => t.cap).length >= 3)) return false;
      // "GFMD Dialogue", "IOM Office": a part of a known actor, not a new one
      // ("MHPSS Unit", "PSU Division": a unit is an actor of its own.)
      if (span.length === 2 && span[0].acronym && lex.heads.has(span[1].norm) && lex.heads.get(span[1].norm) !== "unit" && knownAcronym(span[0].text)) return false;
      return true;
    };
    // Drop words that only start the sentence ("The", "Third"; "Recently" if the rest still names something).
    const stripFrom = (useStats: boolean) => {
      let f = cores[s].first;
      // ("Procurement & Logistics Unit" opening a table cell: a word joined by "&" or "and" to the next is the name's.)
      const joined = (k: number) => AND_WORDS.has(tokens[k + 1]?.norm ?? "") && !!tokens[k + 2]?.cap;
      while (f < cores[h].head && tokens[f].cap && (lex.sentenceStarters.has(tokens[f].text) || useStats && isCommonStarter(tokens[f], stats, lex) && !joined(f))) {
        f++;
        while (f < tokens.length && !tokens[f].cap) f++;
      }
      return Math.min(f, cores[h].head);
    };
    let firstTok = stripFrom(true);
    // "NACCIMA Nigeria Association of Chambers ...": an acronym glued before its own name (not "IOM Regional Office").
    if (tokens[firstTok].acronym && knownAcronym(tokens[firstTok].text) && firstTok < cores[h].head && valid(firstTok + 1) &&
        initialsFit(tokens[firstTok].text, tokens.slice(firstTok + 1, lastTok + 1).map((t) => t.text).join(" "))) firstTok++;
    if (!valid(firstTok)) firstTok = stripFrom(false);
    let weak = false;
    if (!valid(firstTok)) {
      // "Regional Conference": no distinctive word, but may be the short form of a longer name.
      const span = tokens.slice(firstTok, lastTok + 1);
      if (e > h || span.filter((t) => t.cap).length < 2 || span.some((t) => t.acronym)) continue;
      weak = true;
    }
    const first = tokens[firstTok], last = tokens[lastTok];
    // A title in quotes ("Pilot Fund Morocco") names a publication or page, not an actor.
    if ((OPEN_QUOTE.test(first.gap) || OPEN_QUOTE.test(tokens[cores[s].first].gap)) && CLOSE_QUOTE.test(doc.text.slice(last.end, last.end + 3))) continue;
    hits.push(makeHit({
      kind: "name", block: first.block, start: first.start, end: last.end,
      surface: cleanSurface(doc.text.slice(first.start, last.end)),
      head: c.headWord, headType: lex.heads.get(c.headWord),
      tailStart: e > h ? tokens[cores[h + 1].first].start : undefined,
      weak: weak || undefined,
      rule: `head word "${tokens[c.head].text}"${e > h ? " with its tail" : ""}${weak ? " (short form)" : ""}`,
    }));
  }
  return hits;
}

/** A core that is only a country or a city-like place name: "in Niger" ends a name, "in Asia" does not. */
const MONTHS = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]);

function isPlace(tokens: Token[], core: Core, lex: Lexicon): boolean {
  const words = tokens.slice(core.first, core.last + 1).map((t) => t.norm).join(" ");
  return lex.countries.has(words) || MONTHS.has(tokens[core.first].norm);
}
