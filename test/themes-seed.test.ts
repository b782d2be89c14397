// Regression on the seeds' gold recommendations: the default codebook codes each
// gold recommendation text, scored as score.mjs scores the `themes` column.
// Bars from issue 5: micro-F1 >= 0.65, mean Cohen's kappa >= 0.55.
// (Measured when written: F1 0.78, mean kappa 0.77 over 18 codes; end to end through
// score.mjs with the recommendation extractor: F1 0.79, kappa 0.78.)
import { describe, expect, it } from "vitest";
import { loadCodebook } from "../src/extract/themes/index.js";
import { GOLD_DIR, readGoldRecs, scoreThemes } from "./themes-gold.helper.js";

describe("theme coding of the seeds' gold recommendations", () => {
  const recs = readGoldRecs();
  const score = scoreThemes(recs, loadCodebook());

  it(`finds the gold files (${GOLD_DIR})`, () => {
    expect(recs.length).toBeGreaterThan(150);
  });

  it("reaches micro-F1 0.65 and mean kappa 0.55", () => {
    expect(score.f1).toBeGreaterThanOrEqual(0.65);
    expect(score.meanKappa).toBeGreaterThanOrEqual(0.55);
    expect(Object.keys(score.kappa).length).toBeGreaterThanOrEqual(15);
  });

  it("agrees beyond chance on every frequent code", () => {
    for (const [code, k] of Object.entries(score.kappa)) expect(k, code).toBeGreaterThan(0.3);
  });
});
