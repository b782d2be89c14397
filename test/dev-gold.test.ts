// Regression on the whole annotated dev set (../shared/eval/gold: fifteen documents, the seeds, the five
// evaluation PDFs and the five documents of other kinds), end to end: the built CLI
// extracts the documents and the shared scorer scores the dataset, as CI and the
// before-stop hook do. Floors are the figures reached when last measured, a little
// below, so that a change which loses quality on any kind of document fails here;
// the issues' bars (and the hidden documents' figures) are in the closing notes.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const SHARED = join(ROOT, "../shared");
const SCORER = join(SHARED, "eval/score.mjs");
const GOLD = join(SHARED, "eval/gold");
const INPUTS = [join(ROOT, "corpora/seeds"), join(SHARED, "corpora/evaluations"), join(SHARED, "corpora/annotated")];
const CLI = join(ROOT, "bin/sectormap");
const ready = existsSync(SCORER) && existsSync(join(ROOT, "dist")) && INPUTS.every(existsSync);
if (!ready) console.warn("dev gold regression skipped: ../shared/eval or dist/ is missing (npm run build)");

interface DocScore {
  doc: string;
  gold: number;
  f1: number;
  whole?: { units: number; clean: number };
  actors: { gold: number; f1: number };
}
interface Score {
  recommendations: { f1: number };
  addressee: { accuracy: number };
  themes: { f1: number; mean_kappa: number };
  actors: { f1: number; type_accuracy: number };
  relations: { f1: number; amount_accuracy: number };
  macro: { recommendations_f1: number; actors_f1: number };
  structure: { share: number };
  documents: DocScore[];
}

describe.skipIf(!ready)("the annotated dev set, end to end", () => {
  let out = "";
  let score: Score;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "dev-gold-"));
    execFileSync(CLI, ["extract", ...INPUTS, "--out", join(out, "data"), "--quiet"], { stdio: "pipe" });
    score = JSON.parse(execFileSync("node", [SCORER, "--gold", GOLD, "--data", join(out, "data"), "--json"], { encoding: "utf8" }));
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("scores all fifteen annotated documents", () => {
    expect(score.documents.length).toBe(15);
  });

  it("finds recommendations and commitments on every kind of document", () => {
    expect(score.macro.recommendations_f1).toBeGreaterThanOrEqual(0.915);
    expect(score.recommendations.f1).toBeGreaterThanOrEqual(0.895);
    const worst = Math.min(...score.documents.filter((d) => d.gold > 0).map((d) => d.f1));
    expect(worst).toBeGreaterThanOrEqual(0.75);
  });

  it("names who is told to act", () => {
    expect(score.addressee.accuracy).toBeGreaterThanOrEqual(0.86);
  });

  it("codes themes beyond chance", () => {
    expect(score.themes.f1).toBeGreaterThanOrEqual(0.75);
    expect(score.themes.mean_kappa).toBeGreaterThanOrEqual(0.74);
  });

  it("finds the actors and types them", () => {
    expect(score.macro.actors_f1).toBeGreaterThanOrEqual(0.86);
    expect(score.actors.type_accuracy).toBeGreaterThanOrEqual(0.86);
  });

  it("finds who funds, implements and partners with whom", () => {
    expect(score.relations.f1).toBeGreaterThanOrEqual(0.75);
    expect(score.relations.amount_accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps gold units whole in one segment on every document", () => {
    expect(score.structure.share).toBeGreaterThanOrEqual(0.98);
    for (const d of score.documents) {
      if (!d.whole?.units) continue;
      expect(d.whole.clean / d.whole.units, d.doc).toBeGreaterThanOrEqual(0.4);
    }
  });
});
