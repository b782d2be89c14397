// Which recommendation a response answers. Two ways, both recorded in `link`:
//   named     the response names it ("Government response to recommendation 3",
//             "Recommendation 2 accepted: ...", a "Recommendation #1" heading over the response)
//   position  the response follows the recommendation(s) it answers (a matrix row, a
//             "Management response" heading right after the recommendation)
// A group is the recommendations introduced under one anchor ("EVALUATION RECOMMENDATION B",
// "Recommendation #2") or, without anchors, the last recommendation before the response.
// A response to a group links to the group's first recommendation (its head), a response
// that names an item of the group ("Recommendation 2 accepted") to that item.
import type { Recommendation } from "../../types.js";

export interface RecGroup {
  /** The reference the anchor gives ("2", "B"), "" for a group met by position. */
  ref: string;
  /** Indices into the document's recommendations, in document order. */
  recs: number[];
  /** Index of the group's last block (its anchor or its last recommendation). */
  lastBlock: number;
  /** Part of a list of recommendations: list items, or anchors one after the other. */
  list?: boolean;
}

export interface LinkTarget {
  /** Index into the document's recommendations, -1 when none was found. */
  rec: number;
  /** The reference the text names ("3", "B"), "" when linked by position. */
  ref: string;
  link: "named" | "position";
}

/** A recommendation's list label as a reference ("iv" stays "IV", "2." -> "2"). */
export function labelRef(label: string): string {
  return label.replace(/[.)\s]+$/, "").toUpperCase();
}

/** Blocks that may separate a recommendation from a response that answers it by position. */
const MAX_GAP = 6;

export class Linker {
  /** Groups by the reference of their anchor, each in document order. */
  private anchored = new Map<string, RecGroup[]>();
  /** Recommendations whose own text opens with a reference ("Recommendation 4: ..."). */
  private ownRef = new Map<string, number[]>();
  /** Recommendations numbered in a list under a recommendations heading ("7. Recommendations > 2."). */
  private listed = new Map<string, number[]>();

  constructor(private recs: Recommendation[], ownRefs: Array<string | null>) {
    const add = (map: Map<string, number[]>, ref: string, i: number) => (map.get(ref) ?? map.set(ref, []).get(ref)!).push(i);
    ownRefs.forEach((ref, i) => {
      if (ref) add(this.ownRef, ref, i);
    });
    recs.forEach((r, i) => {
      const ref = labelRef(r.label);
      if (r.kind === "recommendation" && /^(?:\d{1,2}|[A-Z])$/.test(ref) && /recomm|recomend/i.test(r.section)) add(this.listed, ref, i);
    });
  }

  addGroup(group: RecGroup): void {
    if (group.ref) (this.anchored.get(group.ref) ?? this.anchored.set(group.ref, []).get(group.ref)!).push(group);
  }

  /**
   * The target of a response that follows `group` without naming anything; null when there is
   * no group, or when it ended more than MAX_GAP blocks before the response at `block` (a
   * response section after the whole report answers no recommendation by position).
   */
  byPosition(group: RecGroup | null, block: number): LinkTarget | null {
    if (!group || block - group.lastBlock > MAX_GAP) return null;
    // A response after a whole list of recommendations (a summary's list, then "Management
    // response" with its own "Recommendation 1:" parts) answers none of its items by position.
    if (group.list && (group.ref !== "" || group.recs.length > 1)) return null;
    return { rec: group.recs[0] ?? -1, ref: group.ref, link: "position" };
  }

  /**
   * The recommendation `ref` names, seen from a response inside `group` (which may be
   * null): an item of the group labelled `ref`, else the group anchored with `ref` nearest
   * before `offset`, else a recommendation that opens with `ref`. rec -1 when none is found
   * (the row still says which reference it named).
   */
  byName(ref: string, group: RecGroup | null, offset: number): LinkTarget {
    if (group && group.ref === ref && group.recs.length) return { rec: group.recs[0], ref, link: "named" };
    if (group && group.ref !== ref) {
      const item = group.recs.find((i) => labelRef(this.recs[i].label) === ref);
      if (item !== undefined) return { rec: item, ref, link: "named" };
    }
    const groups = (this.anchored.get(ref) ?? []).filter((g) => g.recs.length && this.recs[g.recs[0]].start < offset);
    if (groups.length) return { rec: groups[groups.length - 1].recs[0], ref, link: "named" };
    for (const map of [this.ownRef, this.listed]) {
      const before = (map.get(ref) ?? []).filter((i) => this.recs[i].start < offset);
      if (before.length) return { rec: before[before.length - 1], ref, link: "named" };
    }
    return { rec: -1, ref, link: "named" };
  }
}
