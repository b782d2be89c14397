// Deterministic GUIDs: the same dataset exported twice gives the same file, and
// a QDA project re-imported after a new export keeps recognising its codes.
// Built like a UUID version 5 (RFC 4122): SHA-1 of a namespace and a name.
import { createHash } from "node:crypto";

// A fixed random namespace: keeps our GUIDs apart from other tools' v5 UUIDs.
// Never change it: every exported GUID depends on it.
const NAMESPACE = Buffer.from("5b6f1c2e9a7d4c0e8f3b2a1d0c9e8f7a", "hex");

/** UUID (lower case, 8-4-4-4-12) derived from a kind ("code", "source", ...) and our own id. */
export function guidFor(kind: string, id: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(`${kind}\u0000${id}`, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A colour that stays the same for a code across exports (a hue from the
 * code's id), light enough for black text over it in a QDA program.
 */
export function colourFor(id: string): string {
  const hash = createHash("sha1").update(id).digest();
  const hue = (hash.readUInt16BE(0) % 360) / 360;
  const [r, g, b] = hslToRgb(hue, 0.55, 0.62);
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("").toUpperCase();
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    t = (t + 1) % 1;
    const v = t < 1 / 6 ? p + (q - p) * 6 * t : t < 1 / 2 ? q : t < 2 / 3 ? p + (q - p) * (2 / 3 - t) * 6 : p;
    return Math.round(v * 255);
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}
