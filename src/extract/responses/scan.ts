// The walk over a document's blocks that finds responses. State, in document order:
//   group  the recommendations a response would answer by position: those under the last
//          anchor ("Recommendation #2", "EVALUATION RECOMMENDATION B"), or the last
//          recommendation met when the document has no anchors
//   scope  the response being read: its target, its status, and which part of it the
//          current block belongs to (the response itself, its actions, their deadlines,
//          their responsible units), set by labels: headings, short blocks, header cells,
//          or "Label:" inside a longer block ("Management response - accept (Time 1)")
// A scope ends at the next anchor, the next recommendation answered, or a back-matter heading.
import type { Block, Doc, Recommendation, ResponseUnit } from "../../types.js";
import { anyMatch, recommendationRefs, statusOf, type ResponseStatus, type ResponseVocab } from "./vocab.js";
import { Linker, type LinkTarget, type RecGroup } from "./link.js";
import { isRule, rowCells, type Cell } from "./table.js";
import { committedSubject, fieldsInText } from "./fields.js";
import { deadlineInText, deadlineIso } from "./deadline.js";
import { wordsUpTo as wordCount } from "../../text/words.js";

type Part = "response" | "actions" | "deadlines" | "responsible";

interface TableColumns {
  /** Cells of the header row: a body row with fewer continues the row above (a split cell). */
  width: number;
  rec: number;
  response: number;
  action: number;
  responsible: number;
  deadline: number;
}

interface Scope {
  target: LinkTarget;
  status: ResponseStatus;
  part: Part;
  /** The response row (status and comment) has been written. */
  answered: boolean;
  /** Rows of this scope (indices into the output). */
  rows: number[];
  /** Action rows waiting for the blocks of a "deadline" / "responsible" heading, and how many got one. */
  pending: number[];
  filled: number;
  /** Responsible unit the scope names for all its actions ("Responsible unit(s): ..."). */
  responsible: string;
  table: TableColumns | null;
  /** The label heading the scope's blocks sit under: leaving its section ends the scope. */
  bound: { depth: number; text: string } | null;
}

/** Blocks of at most this many words can be labels ("Management response (Accept/Reject)"). */
const LABEL_WORDS = 14;
/** A word every label holds (response, action, date, responsible ...): a cheap test before the label patterns. */
const LABEL_WORD = /respons|réponse|action|mesure|deliverable|dates?\b|time|deadline|échéanc|calendrier|accountab|lead|OPI|focal|whom|unité|when|timing/i;
/** How far before a ":" a label may start. */
const LABEL_WINDOW = 90;
/** How far after an anchor to look for the recommendation's own text. */
const ANCHOR_LOOKAHEAD = 12;

/** Where a label inside a block may end: a colon or a spaced dash (labelsIn). */
const SEPARATOR = /\s[-–—]\s|[:：]/g;

/** Each vocabulary's label-tail pattern, built once rather than for every document. */
const LABEL_TAILS = new WeakMap<ResponseVocab, RegExp>();

/**
 * A label inside a block: the cue, an optional bracket ("(Time 1)", "(Accept/Reject)"), then ":"
 * or a dash. Matched backwards from each separator (few per block), not across the whole text.
 */
function labelTailOf(vocab: ResponseVocab): RegExp {
  let tail = LABEL_TAILS.get(vocab);
  if (!tail) {
    const sources = [...vocab.responseCues, ...vocab.actionCues, ...vocab.deadlineCues, ...vocab.responsibleCues].map((p) => `(?:${p.source.replace(/^\^\\W\*/, "")})`);
    tail = new RegExp(`(?:${sources.join("|")})[^\\S\\n]*(?:\\([^)]{0,60}\\)[^\\S\\n]*)?$`, "iu");
    LABEL_TAILS.set(vocab, tail);
  }
  return tail;
}

export class ResponseScanner {
  private out: ResponseUnit[] = [];
  /** Index of the block being read. */
  private at = 0;
  private group: RecGroup | null = null;
  private scope: Scope | null = null;
  /** Inside a response section (a response label seen, no anchor with recommendation text since). */
  private responding = false;
  private linker: Linker;
  /** Recommendations (kind "recommendation") by block. */
  private recsAt = new Map<number, number[]>();
  /** All label patterns, ending at the end of the text: labels inside a longer block. */
  private labelTail: RegExp;

  constructor(private doc: Doc, private recs: Recommendation[], private vocab: ResponseVocab) {
    const ownRefs = recs.map((r) => {
      const ref = recommendationRefs(r.text.slice(0, 60), vocab)[0];
      return ref && ref.start < 25 ? ref.ref : null;
    });
    this.linker = new Linker(recs, ownRefs);
    recs.forEach((r, i) => {
      if (r.kind === "recommendation") (this.recsAt.get(r.block) ?? this.recsAt.set(r.block, []).get(r.block)!).push(i);
    });
    this.labelTail = labelTailOf(vocab);
  }

  run(): ResponseUnit[] {
    for (const b of this.doc.blocks) {
      if (b.kind === "footnote") continue;
      this.at = b.index;
      if (b.kind === "heading" && anyMatch(this.vocab.stopHeadings, b.text)) {
        this.close();
        this.group = null;
        this.responding = false;
        continue;
      }
      if (b.kind === "table_row") this.tableRow(b);
      else {
        // A table's columns hold only for its rows.
        this.tableOnly = null;
        if (this.scope) this.scope.table = null;
        this.block(b);
      }
    }
    this.close();
    return this.out;
  }

  // ---------- blocks ----------

  private block(b: Block): void {
    const text = b.text;
    // List items are never labels or bare anchors: a table of contents lists "Management
    // response" and "Recommendation #3" as items.
    const item = b.kind === "list_item";
    const short = !item && (b.kind === "heading" || wordCount(text, LABEL_WORDS) <= LABEL_WORDS);
    const lead = item && !this.recsAt.has(b.index) ? null : this.leadingRef(text);
    const label = short ? this.labelKind(lead ? text.slice(0, lead.start) + text.slice(lead.end) : text, b.kind === "heading") : null;
    if (!lead && !label && !this.inside(b)) this.close();

    // "Management agrees with recommendation 1.", "Recommendation 2 accepted: ...", "ESDC
    // agrees with the recommendation.": a response stating its status without a label.
    const opensWithRec = this.recsAt.get(b.index)?.some((i) => this.recs[i].start <= b.start + 40) ?? false;
    const stated = !label && !opensWithRec && b.kind !== "heading" && (this.group || this.scope) ? this.statedStatus(text) : "";
    if (stated) {
      const named = lead ? this.linker.byName(lead.ref, this.group, b.start) : null;
      if (!this.scope) {
        const target = named ?? this.linker.byPosition(this.group, this.at);
        if (target) this.openScope(target, "response");
      }
      const scope = this.scope;
      if (scope) {
        const own = named && named.rec !== scope.target.rec;
        this.push(b, b.start, b.end, "response", own ? named : scope.target, stated, own ? "named-status" : "status");
        if (!own) this.commitmentsAfterFirst(b, b.start, b.end);
        if (!own) scope.answered = true;
        if (!scope.status) scope.status = stated;
      }
      return;
    }

    if (lead && (!label || lead.prefixIsCue)) {
      if (lead.prefixIsCue) {
        // "Government response to recommendation 1": a response that names its recommendation.
        this.openScope(this.linker.byName(lead.ref, this.group, b.start), "response");
        if (b.kind !== "heading") this.content(b, b.start + lead.end);
        return;
      }
      const inResponseSection = this.responding || b.section.some((h) => this.labelKind(h) !== null);
      if (!inResponseSection || this.labelAhead(b)) {
        // An anchor over the recommendation's own text, answered below: a new group.
        this.close();
        this.responding = false;
        // "Recommendation 1: ...", "Recommendation 2: ..." one after the other: a list, which a
        // response after it answers as a whole, not by position.
        const run = this.group !== null && this.group.ref !== "" && this.group.lastBlock === b.index - 1;
        if (run) this.group!.list = true;
        this.group = { ref: lead.ref, recs: [], lastBlock: b.index, list: run };
        this.linker.addGroup(this.group);
        this.collectRecs(b);
        this.inlineLabels(b);
        return;
      }
      // An anchor inside a response section with no response label under it: the response to it.
      this.openScope(this.linker.byName(lead.ref, null, b.start), "response");
      if (b.kind !== "heading" && text.length - lead.end > 3) this.content(b, b.start + lead.end);
      return;
    }

    // "Management response - accept (Time 1)" as a heading or block: a label with its content.
    if (!item && this.inlineLabels(b)) return;
    if (label && b.kind === "heading") {
      this.label(label);
      if (this.scope) this.scope.bound = { depth: b.section.length, text: b.text };
      return;
    }
    if (label) {
      this.label(label);
      return;
    }
    if (b.kind === "heading") {
      // Any other heading ends a response that no label heading holds (a "Response: ..."
      // paragraph is over at the next heading), and the actions or deadlines list of one that is.
      if (this.scope && !this.scope.bound) this.close();
      else if (this.scope && this.scope.part !== "response") this.scope.part = "response";
      // A heading outside every response section: the report goes on, a "Recommendation 1:"
      // below it is a recommendation again.
      if (!this.scope && !b.section.some((h) => this.labelKind(h) !== null)) this.responding = false;
      return;
    }

    if (!this.scope) {
      this.collectRecs(b);
      return;
    }
    // A recommendation followed at once by a response label, inside a response section: the
    // next recommendation of a document that alternates them without anchors.
    const recsHere = this.recsAt.get(b.index);
    if (recsHere && this.scope.part === "response" && this.nextIsLabel(b) && committedSubject(b.text, this.vocab) === null) {
      this.close();
      this.responding = false;
      this.group = { ref: "", recs: [...recsHere], lastBlock: b.index };
      return;
    }
    this.content(b, b.start);
  }

  /** A recommendation reference opening the block ("Recommendation #1", "Evaluation recommendation # 2:"). */
  private leadingRef(text: string): { ref: string; start: number; end: number; prefixIsCue: boolean } | null {
    const ref = recommendationRefs(text.slice(0, 80), this.vocab)[0];
    if (!ref || ref.start > 40) return null;
    const prefix = text.slice(0, ref.start);
    if (wordCount(prefix) > 4) return null;
    const prefixIsCue = anyMatch(this.vocab.responseCues, prefix);
    // The anchor itself: a separator or the end after the reference ("Recommendation 1:", "#2 - COMMUNICATION").
    const end = ref.end + (/^\s*(?:\([^)]{0,40}\)\s*)?[:.\-–—]?/.exec(text.slice(ref.end))?.[0].length ?? 0);
    return { ref: ref.ref, start: ref.start, end, prefixIsCue };
  }

  /** What a short block labels: the response, its actions, their deadlines or responsible units. */
  private labelKind(text: string, heading = true): Part | null {
    const t = text.replace(/[*_#]/g, "").trim();
    if (!t) return null;
    // The label opens the block: at most two words before it ("8. ABSB Management Response").
    // Outside a heading it is the whole block, or is followed by its content after ":", "(", a
    // dash ("Management response: Agree"); a sentence that mentions "the government's response
    // to the review" is no label.
    const opens = (patterns: RegExp[]) => patterns.some((p) => {
      const m = p.exec(t);
      if (m === null || wordCount(t.slice(0, m.index)) > 2) return false;
      const rest = t.slice(m.index + m[0].length);
      return heading || wordCount(rest) <= 4 || /^\s*[:(\-–—]/.test(rest);
    });
    const isResponse = opens(this.vocab.responseCues);
    if (isResponse) return anyMatch(this.vocab.actionCues, t) && !/\bresponse|réponse/i.test(t) ? "actions" : "response";
    if (opens(this.vocab.deadlineCues)) return "deadlines";
    if (opens(this.vocab.responsibleCues) && wordCount(t) <= 6) return "responsible";
    return null;
  }

  /**
   * Labels inside a text ("Management response - accept", "Key actions:"): for each separator
   * (":" or a spaced dash), the label that ends right before it. Only capitalised labels count
   * (prose that mentions "the action plan: ..." is not a label).
   */
  private labelsIn(text: string): Array<{ start: number; end: number; label: string }> {
    const found: Array<{ start: number; end: number; label: string }> = [];
    // (exec on a shared global regex: matchAll would copy the regex for every block)
    SEPARATOR.lastIndex = 0;
    for (let sep = SEPARATOR.exec(text); sep; sep = SEPARATOR.exec(text)) {
      const at = sep.index ?? 0;
      const from = Math.max(0, at - LABEL_WINDOW, found.at(-1)?.end ?? 0);
      const window = text.slice(from, at);
      if (!LABEL_WORD.test(window)) continue; // most colons end no label: skip the long pattern
      const m = this.labelTail.exec(window);
      if (!m) continue;
      const start = from + m.index + (m[0].length - m[0].trimStart().length);
      if (!/\p{Lu}/u.test(text[start] ?? "") || (start > 0 && !/[\s.;:)]/.test(text[start - 1]))) continue;
      found.push({ start, end: at + sep[0].length, label: text.slice(start, at) });
    }
    return found;
  }

  /** A label opens or switches a scope; responses with no recommendation before them are skipped. */
  private label(part: Part): void {
    if (part === "deadlines" || part === "responsible") {
      if (this.scope) this.switchPart(part);
      return;
    }
    this.responding = true;
    if (this.scope && (this.scope.part !== "response" || part === "actions" || !this.scope.answered)) {
      // "Key actions" after "Management response", or a second label of the same response.
      this.switchPart(part);
      return;
    }
    const target = this.linker.byPosition(this.group, this.at);
    if (target) this.openScope(target, part);
    else this.close();
  }

  /**
   * Labels inside a block that is not itself a label: "Management response - accept (Time 1)",
   * "Responsible unit(s): ...", "Key actions:". Only capitalised labels count (prose that
   * mentions "the action plan: ..." is not a label). The text after each label belongs to it.
   */
  private inlineLabels(b: Block): boolean {
    const labels: Array<{ start: number; end: number; part: Part }> = [];
    for (const l of this.labelsIn(b.text)) {
      const part = this.labelKind(l.label.replace(/\([^)]*\)\s*$/, "").trim());
      if (part) labels.push({ start: l.start, end: l.end, part });
    }
    if (!labels.length) return false;
    if (labels[0].start > 0 && !this.group && !this.scope) return false;
    // "1.2 Explore ... Anticipated completion date: Summer 2021": the words before the first label
    // are content of the part being read.
    if (labels[0].start > 0 && this.scope && /\p{L}{2}/u.test(b.text.slice(0, labels[0].start))) this.content(b, b.start, b.start + labels[0].start);
    labels.forEach((l, i) => {
      const contentEnd = i + 1 < labels.length ? labels[i + 1].start : b.text.length;
      const content = b.text.slice(l.end, contentEnd).replace(/^\s*\([^)]{0,40}\)/, "").trim();
      if (l.part === "responsible" || l.part === "deadlines") {
        // "Responsible unit(s): ...", "Anticipated completion date: Summer 2021": a field of the
        // action written just before it in the block, else of the whole response.
        const value = tidy(content);
        const last = this.scope?.rows.length ? this.out[this.scope.rows[this.scope.rows.length - 1]] : undefined;
        const own = last && last.kind === "action" && last.block === b.index ? last : undefined;
        if (l.part === "deadlines") {
          if (own) this.setDeadline(this.out.indexOf(own), value);
        } else if (own) own.responsible = value;
        else if (this.scope) this.scope.responsible = value;
        else this.pendingResponsible = value;
        return;
      }
      this.label(l.part);
      if (!this.scope || !/\p{L}{2}/u.test(content)) return;
      if (l.part === "response") {
        const status = statusOf(content.slice(0, 200), this.vocab);
        this.push(b, b.start + l.start, b.start + contentEnd, "response", this.scope.target, status, "label");
        this.commitmentsAfterFirst(b, b.start + l.end, b.start + contentEnd);
        this.scope.answered = true;
        if (!this.scope.status) this.scope.status = status;
      } else {
        this.action(b, b.start + l.end + (b.text.slice(l.end).length - b.text.slice(l.end).trimStart().length), b.start + contentEnd, "label");
      }
    });
    return true;
  }
  /** "Responsible unit(s): ..." met before the response label of the same recommendation. */
  private pendingResponsible = "";

  /** The content of a scope: a response paragraph, actions, or the deadlines of actions above. */
  private content(b: Block, from: number, to = b.end): void {
    const scope = this.scope;
    if (!scope) return;
    const text = this.doc.text.slice(from, to);
    if (!/\p{L}{2}/u.test(text)) return;
    switch (scope.part) {
      case "actions": {
        // A paragraph in lower case right after an action continues it (wrapped over a page).
        const last = scope.rows.length ? this.out[scope.rows[scope.rows.length - 1]] : undefined;
        if (last?.kind === "action" && last.block >= b.index - 2 && /^\p{Ll}/u.test(text.trimStart())) {
          last.action = `${last.action} ${text.replace(/\s+/g, " ").trim()}`;
          last.end = to;
          return;
        }
        this.action(b, from, to, "actions-part");
        return;
      }
      case "deadlines":
        this.fill("deadline", text);
        return;
      case "responsible":
        this.fill("responsible", text);
        return;
      case "response":
        if (!scope.answered && b.kind !== "list_item") {
          const status = statusOf(firstSentence(text), this.vocab);
          // A subtitle under the label ("Evaluation of the X Program") is not the response.
          if (!status && (wordCount(text) < 12 || !/[.!?:;]\s*$/.test(text))) return;
          this.push(b, from, to, "response", scope.target, status, "response-part");
          this.commitmentsAfterFirst(b, from, to);
          scope.answered = true;
          if (!scope.status) scope.status = status;
          return;
        }
        if (b.kind === "list_item") {
          if (committedSubject(text, this.vocab) !== null || /^\p{L}+ing\b/u.test(text)) this.action(b, from, to, "list-item");
          return;
        }
        // A date opening the paragraph ("March 31, 2019: Development of plan ..."): a dated action.
        if (/^\W*(?:\p{L}+\.?\s+\d{1,2},?\s+|\d{1,2}\s+\p{L}+\s+)?(?:19|20)\d\d\s*[:\-–]/u.test(text)) {
          this.action(b, from, to, "dated");
          return;
        }
        // Prose: each sentence in which a named body binds itself ("NHS England will ...").
        for (const s of b.sentences) {
          if (s.end <= from || s.start >= to) continue;
          const [start, end] = [Math.max(s.start, from), Math.min(s.end, to)];
          if (committedSubject(this.doc.text.slice(start, end), this.vocab)) this.action(b, start, end, "commitment");
        }
    }
  }

  /**
   * "Agreed. The Country Office will hold two workshops by June 2023.": the sentences of a
   * response after its first (which states the status) in which a named body binds itself
   * are its actions too.
   */
  private commitmentsAfterFirst(b: Block, from: number, to: number): void {
    if (!this.scope) return;
    let first = true;
    for (const s of b.sentences) {
      if (s.end <= from || s.start >= to) continue;
      if (first) {
        first = false;
        continue;
      }
      const [start, end] = [Math.max(s.start, from), Math.min(s.end, to)];
      if (committedSubject(this.doc.text.slice(start, end), this.vocab)) this.action(b, start, end, "commitment");
    }
  }

  // ---------- tables ----------

  private tableRow(b: Block): void {
    const cells = rowCells(b);
    if (!cells.length || isRule(cells)) return;
    if (!this.inside(b)) this.close();
    const header = this.tableHeader(cells);
    if (header) {
      this.responding = true;
      if (header.rec < 0) {
        // "| Key action | Time frame | Responsible |": actions of the response being read.
        if (!this.scope) {
          const target = this.linker.byPosition(this.group, this.at);
          if (!target) return;
          this.openScope(target, "actions");
        }
        this.scope!.table = header;
        this.scope!.part = "actions";
      } else {
        // "| Recommendation | Response | Key actions | ... |": one recommendation a row.
        this.close();
        this.group = null;
        this.tableOnly = header;
      }
      return;
    }
    const filled = cells.filter((c) => c.text);
    // "| Management response (Accept/Partially Accept/Reject) |  |": a label row.
    if (filled.length === 1 && wordCount(filled[0].text) <= LABEL_WORDS) {
      const part = this.labelKind(filled[0].text);
      if (part) {
        this.label(part);
        return;
      }
    }
    if (this.tableOnly) return this.matrixRow(b, cells, this.tableOnly);
    if (this.scope?.table) return this.actionRow(b, cells, this.scope.table);
    if (!this.scope) this.collectRecs(b);
  }
  /** The columns of a matrix with one recommendation per row, while reading its rows. */
  private tableOnly: TableColumns | null = null;

  /** A header row: short cells, one of them naming actions or the response. */
  private tableHeader(cells: Cell[]): TableColumns | null {
    // A header cell may explain itself after a colon ("Response: Identify whether management agrees ...").
    const heads = cells.map((c) => c.text.split(/:\s/)[0]);
    if (cells.length < 2 || heads.some((h) => wordCount(h) > 10)) return null;
    const col = (test: (t: string) => boolean) => heads.findIndex((h) => test(h));
    const action = col((t) => anyMatch(this.vocab.actionCues, t));
    const response = col((t) => this.labelKind(t) === "response");
    if (action < 0 && response < 0) return null;
    return {
      width: cells.length,
      rec: col((t) => recommendationRefs(t, this.vocab).length === 0 && /\brecomm|\brecomend/i.test(t) && this.labelKind(t) === null),
      response: response === action ? -1 : response,
      action,
      responsible: col((t) => anyMatch(this.vocab.responsibleCues, t)),
      deadline: col((t) => anyMatch(this.vocab.deadlineCues, t)),
    };
  }

  /** A body row under "| Key action | Deadline | Responsible |". */
  private actionRow(b: Block, cells: Cell[], cols: TableColumns): void {
    const cell = cells[cols.action];
    if (!cell?.text) return;
    const scope = this.scope!;
    const last = scope.rows.length ? this.out[scope.rows[scope.rows.length - 1]] : undefined;
    const who = cols.responsible >= 0 ? cells[cols.responsible]?.text ?? "" : "";
    if (last && last.kind === "action" && last.block >= b.index - 2 && continues(last.action, cell.text)) {
      // An action wrapped over two rows: "Improve data collection and" + "analysis of gender aspects."
      last.action = `${last.action} ${cell.text}`;
      last.end = cell.end;
      const more = cells.length === cellsWanted(cols) ? who : cells.slice(cols.action + 1).map((c) => c.text).find(Boolean) ?? "";
      if (more) last.responsible = joinWho(last.responsible, more);
      return;
    }
    const deadline = cols.deadline >= 0 ? cells[cols.deadline]?.text ?? "" : "";
    for (const [start, end] of numberedItems(this.doc.text, cell)) {
      const i = this.push(b, start, end, "action", scope.target, scope.status, "table");
      this.out[i].responsible = who || scope.responsible;
      this.setDeadline(i, deadline || deadlineInText(this.out[i].action, this.vocab.deadlineWords));
    }
  }

  /** A body row of a matrix with one recommendation per row. */
  private matrixRow(b: Block, cells: Cell[], cols: TableColumns): void {
    if (cells.length < cols.width) return; // "| 2. Deliverable | 2. Completed |" under the row above
    const recCell = cells[cols.rec];
    if (!recCell?.text) return;
    const inCell = (this.recsAt.get(b.index) ?? []).filter((i) => this.recs[i].start >= recCell.start && this.recs[i].start < recCell.end);
    const ref = recommendationRefs(recCell.text, this.vocab)[0]?.ref ?? /^\s*(\d{1,2}|[A-Z])[.):]?(?:\s|$)/.exec(recCell.text)?.[1] ?? "";
    // The recommendation in the row's own cell, else the one its number names; a row that
    // neither holds nor names one answers nothing.
    const target: LinkTarget | null = inCell.length ? { rec: inCell[0], ref, link: "position" } : ref ? this.linker.byName(ref, null, b.start) : null;
    if (!target) return;
    const responseCell = cols.response >= 0 ? cells[cols.response] : undefined;
    const status = responseCell?.text ? statusOf(firstSentence(responseCell.text), this.vocab) : "";
    const who = cols.responsible >= 0 ? cells[cols.responsible]?.text ?? "" : "";
    const deadline = cols.deadline >= 0 ? cells[cols.deadline]?.text ?? "" : "";
    if (responseCell?.text) {
      const i = this.push(b, responseCell.start, responseCell.end, "response", target, status, "matrix");
      if (cols.action < 0) {
        this.out[i].responsible = who;
        this.setDeadline(i, deadline);
      }
    }
    const actionCell = cols.action >= 0 ? cells[cols.action] : undefined;
    if (actionCell?.text) {
      for (const [start, end] of numberedItems(this.doc.text, actionCell)) {
        const i = this.push(b, start, end, "action", target, status, "matrix");
        this.out[i].responsible = who;
        this.setDeadline(i, deadline || deadlineInText(this.out[i].action, this.vocab.deadlineWords));
      }
    }
  }

  // ---------- rows ----------

  /** One action: its own fields (dash layout, "X will ... by December"), else the scope's. */
  private action(b: Block, start: number, end: number, rule: string): void {
    const scope = this.scope!;
    const i = this.push(b, start, end, "action", scope.target, scope.status, rule);
    const row = this.out[i];
    const fields = fieldsInText(row.action, this.vocab);
    row.action = fields.action || row.action;
    row.responsible = fields.responsible || scope.responsible;
    this.setDeadline(i, fields.deadline);
    scope.pending.push(i);
  }

  private push(b: Block, start: number, end: number, kind: ResponseUnit["kind"], target: LinkTarget, status: ResponseStatus, rule: string): number {
    // The span starts at the first word (no bullet or space) and ends at the last.
    const raw = this.doc.text.slice(start, end);
    const lead = /^[-•●▪*\s]*/.exec(raw)![0].length;
    const trail = raw.length - raw.trimEnd().length;
    if (lead + trail < raw.length) {
      start += lead;
      end -= trail;
    }
    const action = this.doc.text.slice(start, end).replace(/\s+/g, " ");
    this.out.push({
      rec: target.rec, recRef: target.ref, link: target.link, kind, status, action, responsible: "", deadline: "", deadlineIso: "",
      block: b.index, page: b.page, start, end, rule,
    });
    this.scope?.rows.push(this.out.length - 1);
    return this.out.length - 1;
  }

  private setDeadline(i: number, deadline: string): void {
    const d = deadline.replace(/\s+/g, " ").trim();
    this.out[i].deadline = d;
    this.out[i].deadlineIso = deadlineIso(d);
  }

  /** The blocks under a "Deadline" or "Responsible" heading, in turn, to the actions listed before it. */
  private fill(field: "deadline" | "responsible", text: string): void {
    const scope = this.scope!;
    const value = tidy(text);
    if (!scope.pending.length || !value) return;
    const i = scope.pending[Math.min(scope.filled, scope.pending.length - 1)];
    if (field === "deadline") this.setDeadline(i, scope.filled < scope.pending.length ? value : `${this.out[i].deadline}; ${value}`);
    else this.out[i].responsible = value;
    scope.filled++;
  }

  // ---------- scopes and groups ----------

  private openScope(target: LinkTarget, part: Part): void {
    this.close();
    this.responding = true;
    this.scope = {
      target, status: "", part, answered: false, rows: [], pending: [], filled: 0,
      responsible: this.pendingResponsible, table: null, bound: null,
    };
    this.pendingResponsible = "";
  }

  /** Whether the block still belongs to the scope's label heading (true without a scope or heading). */
  private inside(b: Block): boolean {
    const bound = this.scope?.bound;
    return !bound || (b.section.length > bound.depth && b.section[bound.depth] === bound.text);
  }

  /** A scope for a status statement met with no label before it. */
  private ensureScope(): void {
    if (this.scope) return;
    const target = this.linker.byPosition(this.group, this.at);
    if (target) this.openScope(target, "response");
  }

  private switchPart(part: Part): void {
    const scope = this.scope!;
    if (part === "actions" && scope.part !== "actions") {
      scope.pending = [];
      scope.filled = 0;
    }
    if (part === "deadlines" || part === "responsible") {
      scope.filled = 0;
    }
    scope.part = part;
  }

  /** End the scope: every row without a status of its own takes the response's. */
  private close(): void {
    const scope = this.scope;
    if (!scope) return;
    // One deadline (or responsible) for several actions listed above it applies to all of them.
    if (scope.filled === 1 && scope.pending.length > 1) {
      const first = this.out[scope.pending[0]];
      for (const i of scope.pending.slice(1)) {
        if (!this.out[i].deadline) this.setDeadline(i, first.deadline);
      }
    }
    for (const i of scope.rows) if (!this.out[i].status) this.out[i].status = scope.status;
    this.scope = null;
  }

  /** Recommendations of the block join the group (or, with no anchor, become the group). */
  private collectRecs(b: Block): void {
    const here = this.recsAt.get(b.index);
    if (!here) return;
    if (this.group?.ref) {
      this.group.recs.push(...here);
      this.group.lastBlock = b.index;
    } else if (this.group && b.kind === "list_item" && this.group.list && this.group.lastBlock === b.index - 1) {
      // The next item of a list of recommendations.
      this.group.recs.push(...here);
      this.group.lastBlock = b.index;
    } else {
      this.group = { ref: "", recs: [...here], lastBlock: b.index, list: b.kind === "list_item" };
    }
  }

  /**
   * Whether a response label follows the anchor (in its own block, or before the next anchor):
   * then the anchor introduces the recommendation's text; without one, in a response section,
   * the text under the anchor is the response ("Action plans > Recommendation 1: ABSB will ...").
   */
  private labelAhead(b: Block): boolean {
    const blocks = this.doc.blocks;
    for (let i = b.index; i < Math.min(blocks.length, b.index + ANCHOR_LOOKAHEAD); i++) {
      const next = blocks[i];
      if (next.kind === "list_item") continue;
      const cells = rowCells(next);
      const text = cells.length ? cells.filter((c) => c.text).map((c) => c.text).join(" ") : next.text;
      if (i > b.index && this.statedStatus(text)) return true;
      const lead = this.leadingRef(text);
      if (i > b.index && lead && !lead.prefixIsCue) return false;
      if (lead?.prefixIsCue) return true;
      if (i > b.index && wordCount(text) <= LABEL_WORDS && this.labelKind(text, next.kind === "heading")) return true;
      if (this.labelsIn(text).length) return true;
    }
    return false;
  }

  /** The status a block states in its first sentence about "the recommendation", "" when none. */
  private statedStatus(text: string): ResponseStatus {
    const first = firstSentence(text);
    if (!/recomm|recomend/i.test(first) && !/^\W*(?:agreed?|accepted|rejected|noted|disagree)\b/i.test(first)) return "";
    // "The recommendation is that X should ..." states no response; a response speaks of agreeing.
    return statusOf(first, this.vocab);
  }

  private nextIsLabel(b: Block): boolean {
    const next = this.doc.blocks[b.index + 1];
    if (!next) return false;
    const cells = rowCells(next);
    const text = cells.length ? cells.filter((c) => c.text).map((c) => c.text).join(" ") : next.text;
    return wordCount(text) <= LABEL_WORDS && this.labelKind(text) === "response";
  }
}

// ---------- small text helpers ----------

function firstSentence(text: string): string {
  const m = /^.{0,200}?[.!?:](?:\s|$)/su.exec(text);
  return m ? m[0] : text.slice(0, 200);
}

function tidy(text: string): string {
  return text.replace(/\s+/g, " ").replace(/^[\s:–—-]+|[\s;,]+$/g, "").trim();
}

/** A cell that continues the action of the row above (wrapped text). */
function continues(previous: string, next: string): boolean {
  return /^\p{Ll}/u.test(next) || /(?:\b(?:from|and|of|to|the|for|with|in|on|by|or|a|an)|[,;&-])$/i.test(previous);
}

function joinWho(a: string, b: string): string {
  if (!a) return b;
  return /[,&]$/.test(a) || /^\p{Ll}/u.test(b) ? `${a} ${b}` : `${a}; ${b}`;
}

function cellsWanted(cols: TableColumns): number {
  return Math.max(cols.rec, cols.response, cols.action, cols.responsible, cols.deadline) + 1;
}

/**
 * The actions of one cell: "1. Establish targets 2. Develop a plan" holds two; a cell
 * without numbering is one action. Offsets into Doc.text.
 */
function numberedItems(docText: string, cell: Cell): Array<[number, number]> {
  const text = docText.slice(cell.start, cell.end);
  const marks = [...text.matchAll(/(?:^|\s)(\d{1,2})[.)]\s+(?=\p{Lu})/gu)];
  const numbered = marks.length >= 2 && marks.every((m, i) => Number(m[1]) === i + 1) && (marks[0].index ?? 1) === 0;
  if (!numbered) return [[cell.start, cell.end]];
  return marks.map((m, i) => {
    const start = cell.start + (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const end = i + 1 < marks.length ? cell.start + (marks[i + 1].index ?? 0) : cell.end;
    return [start, end] as [number, number];
  });
}

