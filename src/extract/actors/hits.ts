// What a detector reports: one span of text naming (or abbreviating) an actor.
import type { GazetteerEntry } from "./gazetteer.js";

export type HitKind = "gazetteer" | "name" | "list" | "government" | "acronym";

export interface Hit {
  kind: HitKind;
  block: number;
  /** Offsets into Doc.text, end exclusive. */
  start: number;
  end: number;
  /** The words as written, markdown marks removed. */
  surface: string;
  entry?: GazetteerEntry;
  /** Normalised head word ("organization") and the type it suggests. */
  head?: string;
  headType?: string;
  /** Offset where the "of the ..." tail starts (names only). */
  tailStart?: number;
  /** Acronym the text defines for this name, "IOM" in "International Organization for Migration (IOM)". */
  acronym?: string;
  /** For governments: canonical key of the country ("tanza"), or "" for a local government. */
  country?: string;
  /** The name written in place of the surface ("Ministry of Home Affairs" for "Minister of Home Affairs"). */
  canonical?: string;
  /** A generic phrase ("Regional Conference") kept only if it joins a longer name of the document. */
  weak?: boolean;
  /** Which rule fired, for inspect. */
  rule: string;
}

/**
 * A hit with every field present, always in this order. Hits of all kinds meet
 * in the same functions (keepLongest, candidates, mentions): one object shape
 * keeps property reads there monomorphic (each kind had its own shape before).
 */
export function makeHit(h: Hit): Hit {
  return {
    kind: h.kind, block: h.block, start: h.start, end: h.end, surface: h.surface, entry: h.entry, head: h.head, headType: h.headType,
    tailStart: h.tailStart, acronym: h.acronym, country: h.country, canonical: h.canonical, weak: h.weak, rule: h.rule,
  };
}

/** The surface of a span without markdown emphasis, escapes or doubled spaces. */
export function cleanSurface(text: string): string {
  if (!/[*_\\\n\r\t\u00a0]| {2}|^ | $/.test(text)) return text; // the usual case: nothing to clean
  return text.replace(/[*_\\]+/g, "").replace(/\s+/g, " ").trim();
}
