// `sectormap recurrences` on real evaluation PDFs (../shared/corpora/evaluations):
// an evaluation brief repeats the recommendations of the full evaluation, and a
// management response quotes those of the evaluation it answers. The pairs
// asserted here were checked by reading the PDFs (pdftotext): the Nigeria brief
// p.2 and the internal evaluation pp.6 and 24 both recommend "Generalize the
// accommodation assistance ..." and "Complete the debt study ..."; the MIRAA III
// evaluation (pp.6 and 40) and its management response (p.1) both say
// "Reinforce the training for the security staff ...".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const EVALUATIONS = join(ROOT, "..", "shared", "corpora", "evaluations");

interface Member {
  source: string;
  page: number;
  text: string;
  similarity: number;
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "sectormap"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

describe.skipIf(!existsSync(EVALUATIONS))("recurrences across real evaluation reports", () => {
  let work: string;
  let clusters: Array<{ documents: number; firstYear: string; members: Member[] }>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "sectormap-compare-evals-"));
    const data = join(work, "data");
    const extract = cli("extract", EVALUATIONS, "--out", data, "--jobs", "2", "--quiet", "--exclude", "cs1137*");
    expect(extract.status, extract.stderr).toBe(0);
    const r = cli("recurrences", data, "--no-write", "--format", "json", "--top", "1000");
    expect(r.status, r.stderr).toBe(0);
    clusters = JSON.parse(r.stdout);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const groupWith = (words: string) => {
    const found = clusters.filter((c) => c.members.some((m) => m.text.includes(words)));
    expect(found, words).toHaveLength(1);
    return found[0];
  };

  it("finds the brief's recommendations in the full Nigeria evaluation", () => {
    for (const words of ["Generalize the accommodation assistance", "Complete the debt study"]) {
      const group = groupWith(words);
      expect(new Set(group.members.map((m) => m.source))).toEqual(new Set(["nigeria-giz-evaluation-brief-2021.pdf", "nigeria-giz-internal-evaluation-2021.pdf"]));
      expect(group.firstYear).toBe("2021");
      for (const m of group.members) expect(m.text).toContain(words);
    }
  });

  it("finds the evaluation's recommendations quoted in the management response", () => {
    const group = groupWith("Reinforce the training for the security staff");
    expect(new Set(group.members.map((m) => m.source))).toEqual(new Set(["iom-niger-miraa-iii-final-evaluation.pdf", "iom-niger-miraa-iii-management-response.pdf"]));
    expect(group.members.find((m) => m.source.includes("management-response"))!.page).toBe(1);
  });

  it("keeps the two projects apart", () => {
    for (const c of clusters) {
      const projects = new Set(c.members.map((m) => (m.source.startsWith("nigeria") ? "nigeria" : "niger")));
      expect(projects.size).toBe(1);
    }
  });
});
