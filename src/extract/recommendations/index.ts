// Recommendations: every prescriptive statement in a document, with who is told to act,
// how strongly, and on what. Rules live in rules.yaml; this is the small engine that applies
// them to the units of one Doc (a list item, a table cell, or a sentence of prose).
//
// The modules, in the order a unit meets them:
//   rules.ts     load and compile rules.yaml (errors point at file:line:column)
//   context.ts   which blocks sit under a cue heading or lead-in, back matter, "Recommendation to:" lists
//   tables.ts    response matrices: the "Key action" column and its "Responsible" column
//   classify.ts  masks ("should have been") and the trigger scan
//   index.ts     (here) units, the four classification paths, the row; explain for `inspect`
//   addressee.ts who is told to act (object of "call on", subject of "should", agent, cue)
//   action.ts    main verb lemma and the imperative test (compromise's lexicon, word by word)
import type { Block, Doc, RecKind, Recommendation } from "../../types.js";
import { loadRecommendationRules, rulesForDocType, type RecRules, type Strength } from "./rules.js";
import { blockContexts, forgetPlainHeadings, isLabelled, plainHeading, type ListContext } from "./context.js";
import { allTriggers, compileScanners, findTrigger, firstExclusion, maskText, mayTrigger, type TriggerHit } from "./classify.js";
import { addresseeType, findAddressee, selfActor, subjectAt, type Addressee } from "./addressee.js";
import { commitmentSections, documentVoices, type DocVoices } from "./document.js";
import { imperativeVerb, mainVerb } from "./action.js";
import { cellsOf, tableUnits, type CellUnit } from "./tables.js";
import { sentenceAt } from "../../text/sentences.js";

export { loadRecommendationRules, type RecRules };

/** The verdict on one candidate unit: taken (with its row) or rejected (with the reason). */
export interface UnitVerdict {
  block: number;
  start: number;
  end: number;
  text: string;
  taken: boolean;
  /** Rule that fired ("trigger:should", "cue:rec-heading", "imperative") or the rejecting rule. */
  rule: string;
  /** Near-miss reason for rejected units; "" when taken. */
  reason: string;
  rec?: Recommendation;
}

const FIRST_PERSON = /\b(?:we|our|us)\b/i;
/** What judgeUnit returns for the many sentences with no trigger word (shared: no garbage). */
const NOTHING: UnitVerdict = Object.freeze({ block: -1, start: 0, end: 0, text: "", taken: false, rule: "", reason: "" }) as UnitVerdict;

/** Remove footnote marks and emphasis marks from a unit's text; keep the words. */
const MARKS = /<sup>|\[\^|[\u00b9\u00b2\u00b3\u2070-\u2079*_]|\s\s/;

export function cleanUnitText(raw: string): string {
  if (!MARKS.test(raw)) return raw.trim(); // most units carry no marks: skip the replaces
  return raw
    .replace(/<sup>[^<]*<\/sup>/g, "")
    .replace(/\[\^\w+\]/g, "")
    .replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+/g, "")
    .replace(/(^|\s)[*_]+|[*_]+(?=\s|$|[.,;:])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** All prescriptive units of the document, in document order. */
export function extractRecommendations(doc: Doc, rules: RecRules): Recommendation[] {
  const recs: Recommendation[] = [];
  for (const v of judgeUnits(doc, rules, false)) if (v.rec) recs.push(v.rec);
  return recs;
}

/**
 * Lines for `sectormap inspect FILE --recommendations`: every unit that was taken, with the rule
 * that fired, and every near miss, with the reason it was rejected.
 */
export function explainRecommendations(doc: Doc, rules: RecRules): string {
  const lines: string[] = [];
  const voices = documentVoices(doc, rulesForDocType(rules, doc.meta?.docType ?? ""));
  const voice = (label: string, v: DocVoices["fallback"]) =>
    `${label}${v.addressee ? `${v.addressee}${v.type ? ` (${v.type})` : ""} <- ${v.source}` : "- (nothing in the document names one)"}`;
  const header = [
    voice("DOCUMENT default addressee (units that name nobody): ", voices.fallback),
    voice("DOCUMENT speaker (\"we\", \"my Administration\"): ", voices.speaker),
    voice("DOCUMENT parties (\"both leaders\", \"they\"): ", voices.parties),
  ];
  for (const v of judgeUnits(doc, rules, true)) {
    const page = doc.blocks[v.block]?.page ?? 0;
    const where = `p${page} b${v.block} [${v.start},${v.end})`;
    const snippet = v.text.length > 160 ? v.text.slice(0, 157) + "..." : v.text;
    if (v.taken && v.rec) {
      const r = v.rec;
      lines.push(
        `TAKEN    ${where} ${r.kind}/${r.modality}/${r.strength} by ${v.rule}` +
          ` | addressee: ${r.addressee || "-"}${r.addresseeType ? ` (${r.addresseeType})` : ""}` +
          ` | action: ${r.action || "-"}${r.label ? ` | label: ${r.label}` : ""}`,
      );
    } else {
      lines.push(`REJECTED ${where} ${v.reason} (${v.rule})`);
    }
    lines.push(`         "${snippet}"`);
  }
  const taken = lines.filter((l) => l.startsWith("TAKEN")).length;
  lines.push(`${taken} units taken, ${lines.length / 2 - taken} near misses rejected (rules: ${rules.source})`);
  return [...header, ...lines].join("\n");
}

/**
 * Judge every candidate unit. With `nearMisses` false only taken units are returned;
 * with true, also the rejected units that came close (a mask, an exclusion, a near-miss word).
 */
export function judgeUnits(doc: Doc, allRules: RecRules, nearMisses: boolean): UnitVerdict[] {
  const rules = rulesForDocType(allRules, doc.meta?.docType ?? "");
  compileScanners(rules);
  forgetPlainHeadings(); // a cache for one document: its headings, not the last document's
  const { cue, leadIn, backMatter, labelAddressees, labelItems, leadInLines } = blockContexts(doc, rules);
  const tables = tableUnits(doc, rules);
  const cellUnitsAt = new Map<number, CellUnit[]>();
  for (const u of tables.units) cellUnitsAt.set(u.block, [...(cellUnitsAt.get(u.block) ?? []), u]);
  const listedAddressee = (b: Block) => labelAddressees.get(b.section.join(" / ")) ?? tables.recommendationTo.get(b.section.join(" / "));
  const voices = documentVoices(doc, rules);
  const owners = commitmentSections(doc, rules);
  // "We" is the document's most used acronym when it clearly has one, else the body the
  // document shows to speak or respond (document.ts).
  const ownVoice = selfActor(doc, rules);
  const self = ownVoice.addressee ? ownVoice : voices.speaker.addressee ? voices.speaker : ownVoice;
  const out: UnitVerdict[] = [];
  let lastAddressee: { section: string; who: Addressee } = { section: "", who: { addressee: "", type: "" } };
  // The numbered recommendation the text is in ("Recommendation 3", "Government response to
  // recommendation 3", and lead-in headings such as "This programme should:" under them), and
  // per kind the body its units named: a unit of it that names nobody addresses the same body.
  let recommendationNo = "";
  const namedInRecommendation = new Map<RecKind, Addressee>();
  const sectionCache = new Map<string, ReturnType<typeof firstExclusion>>();
  const sectionExclusion = (heading: string) => {
    if (!sectionCache.has(heading)) sectionCache.set(heading, firstExclusion(rules.sectionExclusions, heading.replace(/[*_#]/g, "").trim()));
    return sectionCache.get(heading)!;
  };
  const reject = (block: Block, start: number, end: number, rule: string, reason: string) => {
    if (nearMisses) out.push({ block: block.index, start, end, text: cleanUnitText(doc.text.slice(start, end)), taken: false, rule, reason });
  };

  for (const b of doc.blocks) {
    if (b.kind === "footnote") continue;
    if (b.kind === "heading") {
      if (nearMisses && findTrigger(maskText(b.text, rules).text, rules)) reject(b, b.start, b.end, "kind:heading", "heading");
      const no = RECOMMENDATION_NO.exec(plainHeading(b.text))?.[1] ?? "";
      if (no !== recommendationNo && (no || !/:\s*$/.test(b.text))) {
        recommendationNo = no;
        namedInRecommendation.clear();
      }
      continue;
    }
    let sectionEx: ReturnType<typeof firstExclusion> = null;
    for (let i = 0; i < b.section.length && !sectionEx; i++) sectionEx = sectionExclusion(b.section[i]);
    const blockEx = backMatter[b.index] ?? sectionEx ?? firstExclusion(rules.blockExclusions, b.text);
    if (blockEx) {
      if (nearMisses && (findTrigger(b.text, rules) || cue[b.index])) reject(b, b.start, b.end, blockEx.id, blockEx.reason);
      continue;
    }

    if (labelItems.has(b.index)) continue; // a name under "Recommendation to:", not a unit
    const verdicts: UnitVerdict[] = [];
    if (tables.rows.has(b.index)) {
      // A row of a "Key action" / "Recommendation" table: its cue column holds the units.
      for (const u of cellUnitsAt.get(b.index) ?? []) {
        const ctx: ListContext = { kind: u.kind, cue: u.cue, cueText: u.cue, addressee: u.addressee, firstPerson: false, numbered: false };
        verdicts.push(judgeUnit(doc, b, u.start, u.end, ctx, "", rules, self, nearMisses, u.text, "table"));
      }
    } else {
      const ctx = cue[b.index];
      // A "(b)" sub-item is one unit only under a cue (as a lettered paragraph always was).
      const labelled = isLabelled(b);
      // Outside a cue, a "(b)" sub-item that prescribes is one unit too, however many sentences
      // it has: orders and agreements give one duty per lettered paragraph (GUIDELINES: one
      // list item is one unit). One without a trigger is still read sentence by sentence.
      // A sub-item that only announces its own sub-items ("(b) ... the Secretary shall:") is a
      // bare lead-in, carried by its items: its duty must lie before that sentence. One that
      // says what to do ("the APNSA shall coordinate the development of:") is a unit itself.
      const lastSentence = b.sentences.at(-1);
      const bare = leadInLines.has(b.index) && lastSentence !== undefined && BARE_LEAD_IN.test(doc.text.slice(lastSentence.start, b.end));
      const body = bare ? doc.text.slice(b.start, lastSentence.start) : b.text;
      const labelledDuty = labelled && ctx === null && findTrigger(maskText(body, rules).text, rules) !== null;
      const whole = (b.kind === "list_item" && !labelled) || labelledDuty || (ctx?.numbered ?? false) || (ctx !== null && (labelled || (ctx.kind === "commitment" && b.kind === "paragraph")));
      // A list item is one unit; a table row is one unit per cell; prose, one per sentence.
      const spans: Array<[number, number]> = whole
        ? [[b.start, b.end]]
        : b.kind === "table_row"
          ? cellsOf(b).filter((c) => c.text).map((c) => [c.start, c.end])
          : b.sentences.map((s) => [s.start, s.end]);
      const owner = owners.get(b.index) ?? "";
      // The response heading is the block's own or its parent's (not a distant ancestor: a
      // report's body after its response section must not inherit it).
      const inResponse = b.section.slice(-2).some((h) => rules.announcements.responseSection.test(plainHeading(h)));
      // The sentence that announces a list ("We call upon our partners to:") is carried by its items.
      if (leadInLines.has(b.index) && !whole) spans.pop();
      for (const [start, end] of spans) {
        verdicts.push(judgeUnit(doc, b, start, end, whole ? ctx : null, leadIn[b.index], rules, self, nearMisses, undefined, "cue", owner, inResponse));
      }
    }
    for (const v of verdicts) {
      if (v.rec && !v.rec.addressee) {
        const listed = listedAddressee(b);
        if (listed) Object.assign(v.rec, { addressee: listed, addresseeType: addresseeType(listed, rules, self) });
      }
      if (v.rec) {
        // "This should include ...", "They should also ...", and the lettered sub-items of an
        // order's section ("(b) The Strategy shall ...", "(i) coordinate ..."): the body the
        // previous unit of the same section addressed, before any document-level default.
        const sectionKey = b.section.join(" / ");
        const continues = ANAPHORIC_SUBJECT.test(v.rec.text) || isLabelled(b);
        if (!v.rec.addressee && continues && lastAddressee.section === sectionKey && lastAddressee.who.addressee) {
          v.rec.addressee = lastAddressee.who.addressee;
          v.rec.addresseeType = lastAddressee.who.type;
        }
        if (recommendationNo) {
          // Only a unit that continues one before it (an item after a lead-in "This programme
          // should:", "This will include ...") takes it over; a separate unit that names nobody
          // still takes the document-level default below (an evaluation's convention).
          const earlier = namedInRecommendation.get(v.rec.kind);
          if (!v.rec.addressee && earlier && (continues || afterLeadIn(doc, b))) Object.assign(v.rec, { addressee: earlier.addressee, addresseeType: earlier.type });
          else if (v.rec.addressee) namedInRecommendation.set(v.rec.kind, { addressee: v.rec.addressee, type: v.rec.addresseeType });
        }
        documentLevelAddressee(v.rec, voices, rules, self);
        if (v.rec.addressee && v.rec.kind !== "commitment") lastAddressee = { section: sectionKey, who: { addressee: v.rec.addressee, type: v.rec.addresseeType } };
      }
      if (v.taken || (nearMisses && v.reason)) out.push(v);
    }
  }
  return out;
}

function judgeUnit(
  doc: Doc,
  b: Block,
  start: number,
  end: number,
  ctx: ListContext | null,
  leadIn: string,
  rules: RecRules,
  self: Addressee,
  explain: boolean,
  /** Text of a unit joined from several table rows (its offsets then span other cells). */
  joined?: string,
  /** Rule prefix for units under a cue: "cue" (heading or lead-in) or "table" (header cell). */
  via = "cue",
  /** The organisation whose section of a commitments fact sheet the unit is in, or "". */
  owner = "",
  /** The unit is in a section that responds to a recommendation ("Government response to ..."). */
  inResponse = false,
): UnitVerdict {
  const raw = joined ?? doc.text.slice(start, end);
  // "(b)" sub-items of orders are judged as the lettered paragraphs they were read as before.
  const isItem = b.kind === "list_item" && !isLabelled(b);
  // Most prose sentences contain no trigger word at all: skip everything else for them.
  const candidate = mayTrigger(raw, rules);
  if (!candidate && !ctx && !isItem && !explain && !owner && !inResponse) return NOTHING;
  const text = cleanUnitText(raw);
  const verdict: UnitVerdict = { block: b.index, start, end, text, taken: false, rule: "", reason: "" };
  if (!/[a-z]{2}/i.test(text)) return verdict;

  const ex = firstExclusion(rules.unitExclusions, text);
  if (ex) return rejected(verdict, ex.id, ex.reason);

  const masked = candidate || explain ? maskText(text, rules) : { text, hits: [] };
  const nearMiss = () => masked.hits[0] ?? firstExclusion(rules.nearMisses, text);
  // Every trigger of the unit, left to right: the first names the modality, the others may
  // each have a subject that names the addressee.
  const hits = candidate ? allTriggers(masked.text, rules, candidate) : [];
  const hit = hits[0] ?? null;
  const sectionAddressee = ctx?.addressee ?? "";

  const pledges = owner ? rules.announcements.pledge.test(masked.text) : inResponse && rules.announcements.responsePledge.test(masked.text);
  let c = pledges && owner ? pledgeOf(owner) : classifyUnit({ doc, b, text, ctx, leadIn, hit, via }, rules);
  // In a section that responds to a recommendation, a pledge the triggers did not take is the
  // responding body's (or the named body's) commitment.
  if (pledges && !owner && (c === null || ("reason" in c))) c = { kind: "commitment", modality: "will", strength: "strong", rule: "response-section:pledge", subjectless: false, verb: "" };
  // "DHSC and NHS England will work with leaders to highlight the importance of ...": a named
  // body's pledge that comes before the sentence's other trigger is what the sentence says.
  else if (pledges && !owner && hit && c && !("reason" in c) && c.kind === "recommendation" && !ctx && pledgeBefore(masked.text, hit.start, rules)) {
    c = { kind: "commitment", modality: "will", strength: "strong", rule: "response-section:pledge", subjectless: false, verb: "" };
  }
  if (c === null) {
    const near = nearMiss();
    return near ? rejected(verdict, near.id, near.reason) : verdict;
  }
  if ("reason" in c) return rejected(verdict, c.rule, c.reason);
  const { kind, modality, rule, subjectless, verb } = c;
  let strength = c.strength;

  const firstPerson = (ctx?.firstPerson ?? false) || FIRST_PERSON.test(leadIn);
  // An offer's actor is the one the services heading names ("Services CSOs can provide").
  const responsible = owner && rule.startsWith("announcement") ? { addressee: owner, type: addresseeType(owner, rules, self) || "" }
    // "The government supports this recommendation and NHS England will take it forward": the
    // body named as doing it, not the responding body.
    : rule === "response-section:pledge" || (rule === "trigger:response-status" && inResponse) ? pledgeSubject(masked.text, rules)
    : kind === "commitment" || b.kind === "list_item" ? responsibleTail(text, rules, self) : null;
  const who = responsible ?? (kind === "offer" && ctx?.addressee ? { addressee: ctx.addressee, type: addresseeType(ctx.addressee, rules, self) } : findAddressee(
    { masked: masked.text, text, hits, contextAddressee: sectionAddressee, subjectless, firstPerson },
    rules,
    self,
  ));
  const action = mainVerb(text, hit && !verb ? hit.start : 0, verb);
  // "States should consider ..." asks for consideration, not action: advisory (issue 3).
  if (action === "consider" && strength === "strong") strength = "advisory";
  const rec: Recommendation = {
    block: b.index,
    kind,
    text,
    addressee: who.addressee,
    addresseeType: who.type,
    modality,
    strength,
    action,
    section: (b.section.at(-1) ?? "").replace(/[*_#]/g, "").trim(),
    label: b.kind === "list_item" ? b.label : "",
    themes: [],
    page: sentenceAt(doc.blocks[b.index].sentences, start)?.page ?? b.page,
    start,
    end,
    rule,
  };
  // The verdict is this call's own object: fill it in rather than copy it (no spread per unit).
  verdict.taken = true;
  verdict.rule = rule;
  verdict.rec = rec;
  return verdict;
}

/** "NHS England will update ...": the subject of the pledge, or null (the responding body then). */
function pledgeSubject(masked: string, rules: RecRules): Addressee | null {
  const m = rules.announcements.responsePledge.exec(masked);
  if (!m) return null;
  const who = subjectAt(masked, m.index, rules);
  if (who.addressee) return who;
  // "... supports this recommendation and NHS England will ...": the clause after the last "and".
  const and = masked.slice(0, m.index).lastIndexOf(" and ");
  const second = and > 0 ? subjectAt(masked.slice(and + 5), m.index - and - 5, rules) : null;
  return second?.addressee ? second : null;
}

/** The sentence's first pledge ("will", "commits to") comes before `at` and has a named subject. */
function pledgeBefore(masked: string, at: number, rules: RecRules): boolean {
  const m = rules.announcements.responsePledge.exec(masked);
  return m !== null && m.index < at && pledgeSubject(masked, rules) !== null;
}

/** A sentence that pledges, in the section of a commitments fact sheet that names its organisation. */
function pledgeOf(owner: string): Classified {
  return { kind: "commitment", modality: "will", strength: "strong", rule: `announcement:section of ${owner}`, subjectless: false, verb: "" };
}

/** Names of a body's own units: management, staff, the project or programme team, the country office. */
const INTERNAL_UNIT = /^(?:(?:the|our|its)\s+)?(?:(?:project|programme|program|senior|country\s+office|mission|field|technical|regional\s+office)\s+)?(?:management|staff|team|teams|office|unit|units)\b(?:[;,]\s*(?:(?:the|our)\s+)?(?:(?:project|programme|program|senior|country\s+office|mission|field|technical)\s+)?(?:management|staff|team|teams|office|unit|units)\b)*\s*$/i;

/**
 * A list of the body's own units ("project management; senior management", "project management;
 * Analysis & Reporting; External assistance"): at least one item names a unit by a unit word,
 * the others are short names, and none carries an acronym (which would name another body).
 */
export function internalUnits(addressee: string): boolean {
  if (/\p{Lu}{2,}/u.test(addressee)) return false;
  if (INTERNAL_UNIT.test(addressee)) return true;
  const items = addressee.split(";").map((x) => x.trim());
  return items.length > 1 && items.every((x) => x && x.split(/\s+/).length <= 4) && items.some((x) => INTERNAL_UNIT.test(x));
}

/** "... the Secretary of Homeland Security shall:", "Parties shall, as appropriate:": a modal and nothing to do. */
const BARE_LEAD_IN = /\b(?:shall|should|must|will)(?:,?\s+(?:also|further|as\s+appropriate|where\s+appropriate|promptly|jointly),?)*\s*:\s*$/i;

/** The block is an item of a list announced by a lead-in ending in ":" (the items before it skipped). */
function afterLeadIn(doc: Doc, b: Block): boolean {
  let j = b.index - 1;
  while (j >= 0 && b.kind === "list_item" && doc.blocks[j].kind === "list_item") j--;
  return j >= 0 && /:\s*$/.test(doc.blocks[j].text);
}

/** The number of a recommendation heading or of the response to it: "Recommendation 3", "Response to recommendation #3". */
const RECOMMENDATION_NO = /\brecommendation\s*(?:#|no\.?|n°)?\s*(\d{1,3}|[A-Z])\b(?![.\d])/i;

/** A unit whose subject points back: "This should ...", "They should ...", "These systems should ...". */
const ANAPHORIC_SUBJECT = /^(?:this|these|they|it|such|those|the\s+latter)\b(?:\s+\w+)?\s+(?:should|must|shall|needs?|will|is|are|could)\b/i;

/** "Both leaders", "the two Presidents", "they": the parties of a joint statement. */
const COLLECTIVE_SUBJECT = /^(?:[\w,]+\s+){0,3}?(?:[^.;:]{0,160}?,\s*)?(?:both\s+(?:leaders|presidents|prime\s+ministers|ministers|governments|countries|parties|sides)|the\s+two\s+\w+|the\s+(?:leaders|presidents|parties|ministers)|they)\b/i;

/**
 * Units that name nobody take the document-level addressee: the parties of a joint statement
 * for "both leaders ..." / "they ...", the speaker for an unnamed commitment, else the evaluated
 * or responding body (document.ts says where each came from).
 */
function documentLevelAddressee(rec: Recommendation, voices: DocVoices, rules: RecRules, self: Addressee): void {
  const set = (who: Addressee) => {
    rec.addressee = who.addressee;
    rec.addresseeType = who.type || addresseeType(who.addressee, rules, self);
  };
  if (voices.parties.addressee && (!rec.addressee || COLLECTIVE_SUBJECT.test(rec.addressee)) && COLLECTIVE_SUBJECT.test(rec.text)) return set(voices.parties);
  // In a management response "Management agrees ..." is the responding body speaking.
  if (rec.kind === "commitment" && /^(?:the\s+)?management$/i.test(rec.addressee) && self.addressee) return set(self);
  // "project management; senior management", "the project team": units inside the evaluated or
  // responding body, which the document-level default names ("IOM (project management; ...)").
  if (rec.addressee && voices.fallback.addressee && internalUnits(rec.addressee)) {
    return set({ addressee: `${voices.fallback.addressee} (${rec.addressee})`, type: voices.fallback.type });
  }
  if (rec.addressee) return;
  if (rec.kind === "commitment" && self.addressee) return set(self);
  if (voices.fallback.addressee) set(voices.fallback);
}

/**
 * An action-plan item that ends with its responsible unit after a dash: "Map the ongoing
 * projects, 1 to 3 months before design – Programme teams of UNDP and IOM (country offices)".
 * The tail names a body: an acronym, an agent noun or capitalised words, and no verb of its own.
 */
// (an en or em dash may follow the last word without a space: "un financement adéquat– Équipes ...")
const TAIL = /(?:\s[–—-]|\s?[–—])\s+(\p{Lu}[^–—]{2,200}?)(?:\s[–—-]\s[^\p{Lu}][^]*)?\s*[.;]?$/u;
function responsibleTail(text: string, rules: RecRules, self: Addressee): Addressee | null {
  const m = TAIL.exec(text.slice(-300));
  if (!m) return null;
  const tail = m[1].replace(/\s*\([^)]*\)\s*/g, " ").trim();
  if (/[.!?]\s+\p{Lu}/u.test(tail) || tail.split(/\s+/).length > 25) return null;
  const named = /\b\p{Lu}{2,}\b/u.test(tail) || rules.addressee.agents.test(tail) || rules.addressee.groups.some((g) => g.type !== "self" && g.re.test(tail));
  return named ? { addressee: tail, type: addresseeType(tail, rules, self) } : null;
}

function rejected(verdict: UnitVerdict, rule: string, reason: string): UnitVerdict {
  verdict.rule = rule;
  verdict.reason = reason;
  return verdict;
}

interface Classified {
  kind: RecKind;
  modality: string;
  strength: Strength;
  rule: string;
  /** The unit names no subject of its own (bare item, imperative): the cue may name it. */
  subjectless: boolean;
  /** The verb an imperative item opens with, or "". */
  verb: string;
}

/**
 * Is the unit a recommendation, and of which kind and modality? Four paths, in order:
 *   1. under a cue (heading, lead-in, table header): every item counts, its trigger names the modality;
 *   2. a trigger matched (list items that open with a verb go to 3 instead);
 *   3. a list item that opens with a bare verb (an imperative), unless its list describes tasks;
 *   4. nothing: null (the caller looks for a near-miss reason).
 */
function classifyUnit(
  u: { doc: Doc; b: Block; text: string; ctx: ListContext | null; leadIn: string; hit: TriggerHit | null; via: string },
  rules: RecRules,
): Classified | { rule: string; reason: string } | null {
  const { doc, b, text, ctx, leadIn, hit } = u;
  const isItem = b.kind === "list_item" && !isLabelled(b);
  if (ctx && isItem && looksLikeHeading(doc, b, hit !== null)) {
    return { rule: "kind:heading", reason: "heading (a section title read as a list item)" };
  }
  if (ctx?.kind === "commitment" && FORM_LABEL.test(text)) {
    return { rule: "kind:label", reason: `a label of the response form ("${shorten(text)}"), not an action` };
  }
  if (ctx) {
    const rule = `${u.via}:${ctx.cue}` + (hit && ctx.kind === "recommendation" ? `+trigger:${hit.family.id}` : "");
    const cued = (modality: string, strength: Strength, verb = ""): Classified =>
      ({ kind: ctx.kind, modality, strength, rule, subjectless: !hit, verb });
    if (ctx.kind === "offer") return cued("can", "offer");
    if (ctx.kind === "commitment") return cued("will", "strong");
    if (hit) return cued(hit.family.modality, hit.family.strength);
    const verb = imperativeVerb(text, rules);
    return cued(verb ? "imperative" : "list", "advisory", verb);
  }
  const verb = isItem ? imperativeVerb(text, rules) : "";
  if (hit && !verb) {
    if (isItem && hit.family.kind === "commitment" && rules.imperative.descriptive.test(leadIn)) {
      return { rule: `trigger:${hit.family.id}`, reason: `"will" in a description of plans or an agenda ("${shorten(leadIn)}")` };
    }
    const f = hit.family;
    return { kind: f.kind, modality: f.modality, strength: f.strength, rule: `trigger:${f.id}`, subjectless: false, verb: "" };
  }
  if (!verb) return null;
  if (rules.imperative.descriptive.test(leadIn) || rules.imperative.descriptive.test(b.section.at(-1) ?? "")) {
    const context = `${leadIn} | ${b.section.slice(-2).join(" | ")}`;
    return { rule: "imperative", reason: `imperative in a description of aims or tasks ("${shorten(context)}")` };
  }
  if (b.section.some((h) => rules.cues.stop.some((p) => p.re.test(plainHeading(h))))) {
    return { rule: "imperative", reason: `list in back matter ("${shorten(b.section.at(-1) ?? "")}")` };
  }
  if (looksLikeName(text)) return { rule: "imperative", reason: "a name, not an imperative" };
  return { kind: "recommendation", modality: "imperative", strength: "advisory", rule: "imperative", subjectless: true, verb };
}

/**
 * "Comments on implementation status: (Time 2)", "Responsible unit:": the field labels of a
 * management-response form, read as items under "Key actions". A short line ending in a colon
 * (and perhaps a bracketed note) names a field; it commits to nothing.
 */
const FORM_LABEL = /^(?:[^\s.;!?:]+\s+){0,9}[^\s.;!?:]+\s*:\s*(?:\([^()]{0,30}\))?\s*$/;

function shorten(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}

/**
 * "VIII. Enhancing cooperation ..." right after item "viii.": a numbered section title that the
 * structurer read as the next list item. Its label is cased unlike the previous item's and it
 * has neither a trigger nor final punctuation.
 */
function looksLikeHeading(doc: Doc, b: Block, hasTrigger: boolean): boolean {
  if (hasTrigger || /[.;:!?]["”’)*]*$/.test(b.text.trim())) return false;
  const prev = doc.blocks[b.index - 1];
  if (prev?.kind !== "list_item" || !b.label || !prev.label) return false;
  const upper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();
  return upper(b.label) !== upper(prev.label);
}

/** "Open Society Foundations (OSF)": most words capitalised and no sentence punctuation. */
function looksLikeName(text: string): boolean {
  if (/[.;:!?]$/.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length > 0 && words.length <= 12 && caps / words.length >= 0.6;
}
