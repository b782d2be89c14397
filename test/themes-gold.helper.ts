// Measures codeRecommendationText on the gold recommendation texts the same way
// /work/shared/eval/score.mjs scores the `themes` column on matched pairs:
// micro-F1 over codes, and Cohen's kappa per code with >= 3 gold uses. Each text is coded
// in its document's scope (documentScope: is the document about migration at all?), read
// from the annotated source document as `extract` reads it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { ANY_DOCUMENT, codeRecommendationText, documentScope, type Codebook, type ThemeScope } from "../src/extract/themes/index.js";
import { readDoc } from "../src/pipeline/process.js";

export const GOLD_DIR = process.env.SECTORMAP_GOLD ?? join(import.meta.dirname, "../../shared/eval/gold");
/** Where the annotated documents are (GUIDELINES.md, "Gold status"). */
export const SOURCE_DIRS = [
  join(import.meta.dirname, "../corpora/seeds"),
  join(GOLD_DIR, "../../corpora/evaluations"),
  join(GOLD_DIR, "../../corpora/annotated"),
];

export interface GoldRec {
  text: string;
  kind: string;
  themes: string[];
  /** The gold file's document key: the source file's name without extension. */
  doc: string;
}

export function readGoldRecs(dir = GOLD_DIR): GoldRec[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".recs.jsonl"))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => ({ ...(JSON.parse(l) as GoldRec), doc: f.replace(/(\.part[A-Z])?\.recs\.jsonl$/, "") })),
    )
    .filter((r) => r.kind !== "offer"); // the scorer compares themes of recommendations and commitments only
}

export interface ThemeScore {
  precision: number;
  recall: number;
  f1: number;
  meanKappa: number;
  kappa: Record<string, number>;
  /** Per code: true positives, false positives, false negatives. */
  counts: Record<string, { tp: number; fp: number; fn: number }>;
}

/** The scope of each gold document, read from its source file (a document not found is coded
 * as of the domain, and listed in `missing`). */
export async function goldScopes(recs: GoldRec[], cb: Codebook): Promise<{ scopes: Map<string, ThemeScope>; missing: string[] }> {
  const scopes = new Map<string, ThemeScope>(), missing: string[] = [];
  for (const doc of [...new Set(recs.map((r) => r.doc))]) {
    const dir = SOURCE_DIRS.find((d) => existsSync(d) && readdirSync(d).some((f) => f.slice(0, -extname(f).length) === doc));
    const file = dir && readdirSync(dir).find((f) => f.slice(0, -extname(f).length) === doc);
    if (!dir || !file) {
      missing.push(doc);
      continue;
    }
    scopes.set(doc, documentScope(await readDoc({ absPath: join(dir, file), source: file, ext: extname(file) }), cb));
  }
  return { scopes, missing };
}

export function scoreThemes(recs: GoldRec[], cb: Codebook, scopes = new Map<string, ThemeScope>()): ThemeScore {
  const pairs = recs.map((r) => [new Set(r.themes), new Set(codeRecommendationText(r.text, cb, scopes.get(r.doc) ?? ANY_DOCUMENT))] as const);
  let tp = 0, fp = 0, fn = 0;
  const counts: ThemeScore["counts"] = {};
  const c = (code: string) => (counts[code] ??= { tp: 0, fp: 0, fn: 0 });
  for (const [g, p] of pairs) {
    for (const x of p) if (g.has(x)) (tp++, c(x).tp++); else (fp++, c(x).fp++);
    for (const x of g) if (!p.has(x)) (fn++, c(x).fn++);
  }
  const precision = tp + fp ? tp / (tp + fp) : 0, recall = tp + fn ? tp / (tp + fn) : 0;
  const kappa: Record<string, number> = {};
  for (const code of [...new Set(pairs.flatMap(([g]) => [...g]))].sort()) {
    let a = 0, b = 0, cc = 0, d = 0;
    for (const [g, p] of pairs) {
      const x = g.has(code), y = p.has(code);
      if (x && y) a++; else if (x) b++; else if (y) cc++; else d++;
    }
    const n = a + b + cc + d;
    if (!n || a + b < 3) continue;
    const po = (a + d) / n, pe = ((a + b) * (a + cc) + (cc + d) * (b + d)) / (n * n);
    kappa[code] = pe === 1 ? 1 : (po - pe) / (1 - pe);
  }
  const kv = Object.values(kappa);
  return {
    precision, recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    meanKappa: kv.length ? kv.reduce((s, k) => s + k, 0) / kv.length : 0,
    kappa, counts,
  };
}
