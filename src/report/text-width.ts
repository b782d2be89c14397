// Vega lays out axes and legends by measuring label text. In Node there is no
// canvas, and its fallback guesses 0.8 em per character, which cuts labels
// short ("International Migration In…") and reserves too much room. The page
// draws chart text in Liberation Sans / Arial (same metrics), so measure with
// Arial's advance widths instead.
import * as vega from "vega";

/** Arial advance widths in 1/1000 em for the printable ASCII characters " " (32) to "~" (126). */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
];
/** Anything else (accented letters mostly) counts as an average lower-case letter. */
const OTHER_WIDTH = 556;
const WIDE: Record<string, number> = { "…": 1000, "—": 1000, "–": 556, "“": 333, "”": 333, "’": 222 };

export function arialWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : (WIDE[ch] ?? OTHER_WIDTH);
  }
  // Bold labels (legend titles) run about 10% wider; a small margin keeps them whole.
  return (units * fontSize) / 1000;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

let installed = false;

/** Make Vega measure text with Arial widths (once per process). */
export function useArialMetrics(): void {
  if (installed) return;
  installed = true;
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item: TextItem, text: unknown) => {
    const size = item.fontSize ?? 11;
    const bold = item.fontWeight === "bold" || Number(item.fontWeight) >= 600;
    return arialWidth(String(text ?? "").trim(), size) * (bold ? 1.1 : 1);
  };
}
