// Which blocks sit under a cue: a heading ("Recommendations for cities", "Services CSOs can
// provide", "Key actions") or a lead-in line ("Recommendations:") that makes the list items
// below it units of a given kind, whatever their wording.
import type { Block, Doc, RecKind } from "../../types.js";
import type { NamedPattern, RecRules } from "./rules.js";
import { wordsUpTo } from "../../text/words.js";
import { leadInSubject } from "./addressee.js";

export interface ListContext {
  kind: RecKind;
  /** Rule id of the cue, e.g. "rec-heading" (shown by inspect). */
  cue: string;
  /** The heading or lead-in text that carried the cue. */
  cueText: string;
  /** Addressee the cue or a sub-heading names ("CSOs", "States"), or "". */
  addressee: string;
  /** The cue speaks in the first person ("our decisions"): imperatives address the author. */
  firstPerson: boolean;
  /** True when the cue is a numbered recommendation heading: its paragraphs are units too. */
  numbered: boolean;
}

/** Per block: the cue context it sits under (or null), and the lead-in text before its list. */
export interface BlockContexts {
  cue: Array<ListContext | null>;
  leadIn: string[];
  /** Back-matter exclusion (the block's zone is "back", or it sits in a case-study box), or null. */
  backMatter: Array<{ id: string; reason: string } | null>;
  /** Addressees listed under a "Recommendation to:" label, by section path (joined with " / "). */
  labelAddressees: Map<string, string>;
  /** Blocks that are such addressee lists (not units). */
  labelItems: Set<number>;
  /** Paragraphs whose last sentence is a lead-in ("We call upon our partners to:"): that sentence is not a unit. */
  leadInLines: Set<number>;
}

/** A recommendation's label opening its paragraph: "Recommendation 5.", "Recommandation 2 :", "Recommendation B -"
 * (not "Recommendation 1 accepted:", a response to it). cueOf checks the label itself. */
const INLINE_REC_LABEL = /^(?:evaluation\s+)?recomm[ae]nd?ations?\s*(?:#|no\.?|n°)?\s*(?:\d{1,3}|[A-Z])\s*[.:)–-]\s+(?=\S)/i;

/** What a response's paragraph opens with after the recommendation's label. */
const RESPONSE_STATUS_OPENING = /^(?:(?:fully|partially|partly)\s+)?(?:agreed|accepted|not\s+accepted|rejected|noted|implemented|completed|in\s+progress|ongoing|management\s+(?:agrees|response))\b/i;

/** What a block in the document's back matter is excluded as. */
const BACK_ZONE = { id: "annex", reason: "annex, terms of reference or references (back matter)" };

const FIRST_PERSON = /\b(?:we|our|us)\b/i;

// plainHeading answers per text, for one document at a time (judgeUnits clears it): its section
// headings are asked about again for every unit under them.
const PLAIN = new Map<string, string>();

export function forgetPlainHeadings(): void {
  PLAIN.clear();
}

/** Strip list labels, markdown marks and a trailing colon so heading patterns see plain words. */
export function plainHeading(text: string): string {
  let plain = PLAIN.get(text);
  if (plain === undefined) {
    if (PLAIN.size > 20_000) PLAIN.clear(); // callers outside judgeUnits: keep memory bounded
    PLAIN.set(text, (plain = stripHeading(text)));
  }
  return plain;
}

function stripHeading(text: string): string {
  return text
    .replace(/[*_#`]/g, "")
    .replace(/^\s*(?:[\divxlcIVXLC]{1,6}|[A-Za-z])[.)]\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

function firstMatch(patterns: NamedPattern[], text: string): { id: string; m: RegExpExecArray } | null {
  for (const p of patterns) {
    const m = p.re.exec(text);
    if (m) return { id: p.id, m };
  }
  return null;
}

/** The cue a heading or lead-in line carries: a kind, "stop", or null for none. */
export function cueOf(text: string, rules: RecRules): { kind: RecKind | "stop"; id: string; who: string } | null {
  const plain = plainHeading(text);
  const stop = firstMatch(rules.cues.stop, plain);
  if (stop) return { kind: "stop", id: stop.id, who: "" };
  for (const kind of ["offer", "commitment", "recommendation"] as const) {
    const hit = firstMatch(rules.cues[kind], plain);
    if (hit) return { kind, id: hit.id, who: hit.m.groups?.who?.trim() ?? "" };
  }
  return null;
}

/** Addressee a heading names ("At the national level" -> States), or "". */
export function headingAddressee(text: string, rules: RecRules): string {
  const plain = plainHeading(text).replace(/:$/, "");
  for (const h of rules.addressee.headings) {
    const m = h.re.exec(plain);
    if (m) return (h.who || m.groups?.who || "").trim();
  }
  return "";
}

/** A short line that labels a group of items ("Children", "At the national level"). */
function isLabelLike(b: Block): boolean {
  return b.kind === "heading" || (b.kind === "paragraph" && wordsUpTo(b.text, 8) <= 8 && !/[.!?]$/.test(b.text.trim()));
}

/**
 * A paragraph that opens with a parenthesised label, "(b) ...", "(ii) ...", "(A) ...": the
 * lettered sub-items of orders and agreements, which the text stage keeps as paragraphs.
 * Under a lead-in ("the Secretary shall:") each is one unit, as a list item would be.
 */
export const LABELLED_PARAGRAPH = /^\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)\s/;
const PARENTHESISED_LABEL = /^\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)$/;

/**
 * Such a sub-item, whether the text stage kept it a paragraph or read it as a list
 * item with its label ("(b)"): both are read the same way here.
 */
export function isLabelled(b: Block): boolean {
  return b.kind === "list_item" ? PARENTHESISED_LABEL.test(b.label) : b.kind === "paragraph" && LABELLED_PARAGRAPH.test(b.text);
}

/** "(ii)" -> roman, "(b)" -> lower, "(B)" -> upper, "(2)" -> digit. */
function labelKind(b: Block): string {
  const label = /^\(([^)]*)\)/.exec(b.kind === "list_item" ? b.label : b.text)?.[1] ?? "";
  if (/^\d/.test(label)) return "digit";
  if (/^[ivx]+$/.test(label) && (label.length > 1 || label === "i")) return "roman";
  return /^[A-Z]/.test(label) ? "upper" : "lower";
}

function itemLike(b: Block): boolean {
  return b.kind === "list_item" || isLabelled(b);
}

/** Does a list follow this block, possibly after more short labels? */
function listFollows(blocks: Block[], i: number): boolean {
  for (let j = i + 1; j < blocks.length && j <= i + 3; j++) {
    if (itemLike(blocks[j])) return true;
    if (!isLabelLike(blocks[j])) return false;
  }
  return false;
}

export function blockContexts(doc: Doc, rules: RecRules): BlockContexts {
  const blocks = doc.blocks;
  const cue: Array<ListContext | null> = new Array(blocks.length).fill(null);
  const leadIn: string[] = new Array(blocks.length).fill("");
  const backMatter: BlockContexts["backMatter"] = new Array(blocks.length).fill(null);
  const leadInLines = new Set<number>();
  let back: { level: number; id: string; reason: string } | null = null;

  // Heading regions: a cue heading covers what follows until a heading of a higher level,
  // or a sibling heading that neither carries a cue nor introduces a list.
  let heading: { level: number; ctx: ListContext | null } | null = null;
  // Under a numbered heading ("Recommendation 3.") only the first paragraph, or the first run of
  // list items, is the recommendation; what follows (findings, a management response) is not.
  let numberedRun: Block["kind"] | null = null;
  // Lead-in regions: a cue line ending a paragraph covers the list that follows it.
  let lead: ListContext | null = null;
  let lastParagraph = "";
  let namedAddressee = "";
  // Label kinds ("roman", "lower", "upper", "digit") of the lettered paragraphs under the lead-in.
  const leadItemKinds = new Set<string>();
  let nestedOpen = false;
  // "Recommendation 2. Every provider ... should have access to platforms that:" - the items that
  // complete a numbered recommendation are units of it, addressed to its subject.
  const openItemsOf = (ctx: ListContext, b: Block) => {
    lead = { ...ctx, numbered: false, cue: `${ctx.cue}+items`, addressee: ctx.addressee || leadInSubject(lastSentence(b.text), rules) };
    leadItemKinds.clear();
    nestedOpen = false;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === "footnote") continue;
    // Annexes, terms of reference and references: the text stage's zones (src/text/zones.ts),
    // except under a recommendations heading inside an annex (case studies with their own
    // recommendations, a review's recommendations appended in full): those are units.
    // Case-study boxes are not a zone of the document: the rules still find those by heading.
    if (b.kind !== "heading") backMatter[i] = b.zone === "back" && !heading?.ctx ? BACK_ZONE : back;

    if (b.kind === "heading") {
      const c = cueOf(b.text, rules);
      const bm = rules.backMatter.find((p) => p.re.test(plainHeading(b.text)));
      if (bm && (!back || b.level <= back.level)) back = { level: b.level, id: bm.id, reason: bm.reason };
      else if (back && (b.level < back.level || (c && c.kind !== "stop"))) back = null;
      if (c) {
        heading = c.kind === "stop" ? { level: b.level, ctx: null } : { level: b.level, ctx: makeCtx(c, b.text, rules) };
        // Reports that repeat "Policy recommendations" per chapter after one "Recommendations
        // for cities" heading: the later headings address the same group.
        const named = headingAddressee(b.text, rules);
        if (named && c.kind !== "stop") namedAddressee = named;
        if (heading.ctx?.kind === "recommendation") {
          if (heading.ctx.addressee) namedAddressee = heading.ctx.addressee;
          else if (heading.ctx.cue !== "numbered-recommendation") heading.ctx = withAddressee(heading.ctx, namedAddressee);
        }
        numberedRun = null;
        lead = null;
      } else if (heading && b.level <= heading.level && !listFollows(blocks, i)) {
        heading = null;
      } else if (heading?.ctx) {
        // A sub-heading inside the region may name the addressee ("At the national level").
        const who = headingAddressee(b.text, rules);
        if (who) heading.ctx = withAddressee(heading.ctx, who);
      }
      if (lead && !listFollows(blocks, i)) lead = null;
      else if (lead) {
        const who = headingAddressee(b.text, rules);
        if (who) lead = withAddressee(lead, who);
      }
      continue;
    }

    if (b.kind === "paragraph" && wordsUpTo(b.text, 6) <= 6) {
      // "Recommendation 3." set as a line of its own: a heading in all but name.
      const c = cueOf(b.text, rules);
      if (c?.id === "numbered-recommendation") {
        heading = { level: 99, ctx: makeCtx(c, b.text, rules) };
        numberedRun = null;
        lead = null;
        continue;
      }
    }

    const inline = b.kind === "paragraph" || b.kind === "list_item" ? INLINE_REC_LABEL.exec(b.text) : null;
    // "Recommendation 1: Agreed. The department will ...": a response to it, not the recommendation.
    const responds = inline !== null && RESPONSE_STATUS_OPENING.test(b.text.slice(inline[0].length));
    const inlineCue = inline && !responds ? cueOf(inline[0].trim(), rules) : null;
    if (inlineCue?.id === "numbered-recommendation") {
      // "Recommendation 5. Conduct a more rigorous estimation ...": the label opens the paragraph
      // instead of standing above it; the paragraph is the recommendation (GUIDELINES: items
      // labelled "Recommendation N:" are recommendations), whatever the heading it sits under.
      const ctx = makeCtx(inlineCue, inline![0].trim(), rules);
      cue[i] = ctx;
      if (heading?.ctx?.numbered) numberedRun = b.kind;
      if (/:\s*$/.test(b.text) && listFollows(blocks, i)) openItemsOf(ctx, b);
      continue;
    }

    if (heading?.ctx?.numbered) {
      // One paragraph, or one run of list items, is the recommendation; then the region ends.
      if (numberedRun && (numberedRun !== b.kind || b.kind !== "list_item")) heading = null;
      else {
        numberedRun = b.kind;
        cue[i] = heading.ctx;
        if (b.kind === "paragraph" && /:\s*$/.test(b.text) && listFollows(blocks, i)) openItemsOf(heading.ctx, b);
        continue;
      }
    }

    if (b.kind === "paragraph" && heading?.ctx?.kind === "commitment" && !lead) {
      // Under "Actions planned" / "Key actions" each paragraph is one action ("1.1 Support the
      // development of ..."), as a list item would be.
      cue[i] = heading.ctx;
      lastParagraph = b.text;
      continue;
    }

    // A "(b)" sub-item is read as the paragraph it used to be, unless it sits under a cue heading.
    const labelledItem = b.kind === "list_item" && isLabelled(b) && !heading?.ctx;
    if (b.kind === "paragraph" || b.kind === "table_row" || labelledItem) {
      const c = b.kind !== "table_row" && listFollows(blocks, i) ? cueOf(lastSentence(b.text), rules) : null;
      if (c && c.kind !== "stop") {
        lead = makeCtx(c, b.text, rules);
        // "the Secretary of State shall:": the subject of the lead-in is who its items address
        if (!lead.addressee && c.id === "modal-lead-in") lead = withAddressee(lead, leadInSubject(lastSentence(b.text), rules));
        leadItemKinds.clear();
        nestedOpen = false;
        leadInLines.add(i);
        lastParagraph = b.text;
        continue;
      }
      if (lead && isLabelled(b)) {
        // A lettered sub-item set as a paragraph: one unit under the lead-in, like a list item,
        // as long as its label is of the items' kind ("(i)", "(ii)"), or of a deeper kind opened
        // by an item ending in ":" ("(A)" under "(i) ..., including by:"). "(c)" after the
        // items of "(b) ... shall:" is the lead-in's sibling: the list has ended.
        const kind = labelKind(b);
        if (!leadItemKinds.size || leadItemKinds.has(kind) || nestedOpen) {
          leadItemKinds.add(kind);
          // "(i) ..., including by:" opens sub-items; "Nothing in this order shall ...:" does not
          nestedOpen = /:\s*$/.test(b.text) && !/\b(?:nothing|no\s+\w+)\b[^:.]*\b(?:shall|should|must)\b[^.]*:\s*$/i.test(b.text);
          cue[i] = lead;
          continue;
        }
        lead = null;
      }
      if (lead && isLabelLike(b) && listFollows(blocks, i)) {
        const who = headingAddressee(b.text, rules);
        if (who) lead = withAddressee(lead, who);
        continue;
      }
      lead = null;
      lastParagraph = b.text;
      continue;
    }

    // list_item
    leadIn[i] = lastParagraph;
    cue[i] = lead ?? heading?.ctx ?? null;
  }
  const { labelAddressees, labelItems } = addresseeLabels(doc, rules);
  return { cue, leadIn, backMatter, labelAddressees, labelItems, leadInLines };
}

function makeCtx(c: { kind: RecKind | "stop"; id: string; who: string }, text: string, rules: RecRules): ListContext {
  return {
    kind: c.kind as RecKind,
    cue: c.id,
    cueText: plainHeading(text),
    addressee: c.who || headingAddressee(text, rules),
    firstPerson: FIRST_PERSON.test(text),
    numbered: c.id === "numbered-recommendation",
  };
}

function withAddressee(ctx: ListContext, addressee: string): ListContext {
  return { ...ctx, addressee };
}

/** A lead-in is the sentence that ends the paragraph ("... will include:"), not the whole paragraph. */
function lastSentence(text: string): string {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z"“(])/);
  return parts[parts.length - 1];
}

/** "Recommendation to:" followed by a list of units: those units address the section's recommendation. */
function addresseeLabels(doc: Doc, rules: RecRules): { labelAddressees: Map<string, string>; labelItems: Set<number> } {
  const labelAddressees = new Map<string, string>();
  const labelItems = new Set<number>();
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === "list_item" || b.text.length > 200 || !rules.addressee.labelList.test(plainHeading(b.text))) continue;
    const names: string[] = [];
    for (let j = i + 1; j < blocks.length && blocks[j].kind === "list_item"; j++) {
      labelItems.add(j);
      // "Project management; 2-3": drop the priority or date column that follows the name
      const name = blocks[j].text.replace(/[;,.]?\s*[\d\s–-]*$/, "").trim();
      if (name) names.push(name);
    }
    if (names.length) labelAddressees.set(b.section.join(" / "), names.join("; "));
  }
  return { labelAddressees, labelItems };
}
