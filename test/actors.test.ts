// Actors: each detection rule on sentences written for it, corpus resolution
// (stable ids, spelling variants, a shared acronym), gazetteer errors, and the
// seed figures as a regression test.
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { buildDoc } from "../src/text/document.js";
import { readDoc } from "../src/pipeline/process.js";
import { explainActors, extractActors, GazetteerError, loadGazetteer } from "../src/extract/actors/index.js";
import { resolveActors, type DocActors } from "../src/dataset/actors.js";
import type { Doc } from "../src/types.js";

const gaz = loadGazetteer();
const dir = mkdtempSync(join(tmpdir(), "sectormap-actors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function doc(text: string, source = "t.txt"): Doc {
  return buildDoc({ source, format: "txt", sha256: "0", bytes: text.length }, { format: "txt", pages: [text], warnings: [] });
}
function actorsOf(text: string) {
  const d = doc(text);
  return { d, ...extractActors(d, gaz) };
}
function find(text: string, name: string) {
  const { actors, mentions } = actorsOf(text);
  const a = actors.find((x) => x.name === name);
  return { actor: a, mentions: mentions.filter((m) => m.actor === a?.key), all: actors };
}
function docActors(text: string, source: string): DocActors {
  const d = doc(text, source);
  const { actors, mentions } = extractActors(d, gaz);
  return { docId: d.docId, source, segmentIds: d.blocks.map((b) => `${d.docId}-s${b.index}`), actors, mentions, recommendations: [] };
}

describe("acronym definitions", () => {
  it("links a name defined as 'Name (ACR)' to later uses of the acronym", () => {
    const text = "The Zubara Refugee Support Network (ZRSN) opened an office in Lusaka. Later, ZRSN trained volunteers.";
    const { actor, mentions } = find(text, "Zubara Refugee Support Network");
    expect(actor).toMatchObject({ acronym: "ZRSN", type: "network", fromGazetteer: false });
    expect(mentions.map((m) => m.surface)).toEqual(["Zubara Refugee Support Network", "ZRSN", "ZRSN"]);
    const d = doc(text);
    for (const m of mentions) expect(d.text.slice(m.start, m.end)).toBe(m.surface);
  });

  it("reads the reverse order 'ACR (Name)'", () => {
    const text = "Support came from KMC (Kivu Migrant Council), and KMC later hosted the meeting.";
    const { actor, mentions } = find(text, "Kivu Migrant Council");
    expect(actor?.acronym).toBe("KMC");
    expect(mentions).toHaveLength(3);
  });

  it("does not take an acronym defined for a document as an actor, even a gazetteer acronym", () => {
    const { all } = find("States adopted the Global Compact for Migration (GCM) in 2018. The GCM is not binding.", "");
    expect(all.map((a) => a.acronym)).not.toContain("GCM");
  });

  it("finds names and their offsets in later blocks of a text with curly quotes and accents", () => {
    // Words are read from the document's text: offsets must stay right past the first block and non-ASCII characters.
    const text = "Un café “très” fréquenté à Goma.\n\nThe Zubara Refugee Support Network (ZRSN) met officials in Goma.\n\nLater, ZRSN’s staff trained volunteers of the Kivu Migrant Council.";
    const { d, actors, mentions } = actorsOf(text);
    expect(actors.map((a) => a.name).sort()).toEqual(["Kivu Migrant Council", "Zubara Refugee Support Network"]);
    expect(mentions.map((m) => m.surface)).toEqual(["Zubara Refugee Support Network", "ZRSN", "ZRSN", "Kivu Migrant Council"]);
    for (const m of mentions) expect(d.text.slice(m.start, m.end)).toBe(m.surface);
  });

  it("matches acronyms case-sensitively: WHO the organisation, not 'who'", () => {
    expect(actorsOf("Migrants who arrive need care.").actors).toEqual([]);
    expect(actorsOf("Migrants who arrive are supported by WHO.").actors.map((a) => a.acronym)).toEqual(["WHO"]);
  });
});

describe("capitalised names headed by organisation words", () => {
  it("keeps the 'of the ...' tail of a name", () => {
    const { actor } = find("Funding came from the Office of the Special Envoy for Sahel Mobility last year.", "Office of the Special Envoy for Sahel Mobility");
    expect(actor).toBeDefined();
  });

  it("drops a sentence-initial capitalised word that is not part of the name", () => {
    const text = "Eventually Harare Migrant Centre opened a clinic. It eventually closed. Harare Migrant Centre reopened.";
    const { all } = find(text, "Harare Migrant Centre");
    expect(all.map((a) => a.name)).toEqual(["Harare Migrant Centre"]);
  });

  it("drops the words that open a section's title ('Overview of ... Program'): they are no part of the name", () => {
    const text = "Overview of Zubara Credential Recognition Program\n\nThe Zubara Credential Recognition Program funds projects. The Zubara Credential Recognition Program ended in 2020.";
    const { all } = find(text, "Zubara Credential Recognition Program");
    expect(all.map((a) => a.name)).toEqual(["Zubara Credential Recognition Program"]);
  });

  it("takes the longest name over a name inside it", () => {
    const { all } = find("The Office of the United Nations High Commissioner for Refugees met donors.", "");
    expect(all.map((a) => a.acronym)).toEqual(["UNHCR"]);
  });

  it("names no actor for people, countries named as places, or generic groups", () => {
    expect(actorsOf("Peter Sutherland visited Tanzania. Civil society organisations and States met in Kenya.").actors).toEqual([]);
  });

  it("reads a head written first, as in Spanish and French names", () => {
    expect(actorsOf("Lawyers from Centro Presente joined the meeting.").actors.map((a) => a.name)).toEqual(["Centro Presente"]);
  });

  it("reads a name with commas when its acronym follows", () => {
    const { actor, mentions } = find("The National Commission for Refugees, Migrants and Internally Displaced Persons (NCFRMI) met. NCFRMI agreed.",
      "National Commission for Refugees, Migrants and Internally Displaced Persons");
    expect(actor).toMatchObject({ acronym: "NCFRMI", type: "state" });
    expect(mentions).toHaveLength(3);
  });

  it("reads a national body defined by its acronym in either order, but not a concept", () => {
    const { actors } = actorsOf("It was supported by UKTI (United Kingdom Trade and Investment). Returns grew under Assisted Voluntary Return and Reintegration (AVRR).");
    expect(actors.map((a) => [a.name, a.acronym, a.type])).toEqual([["United Kingdom Trade and Investment", "UKTI", "state"]]);
  });

  it("does not take a body named inside an instrument's title as acting", () => {
    expect(actorsOf("States ratified the United Nations Convention against Transnational Organized Crime.").actors).toEqual([]);
  });

  it("separates an acronym glued to a name: EU-African Union", () => {
    const acronyms = actorsOf("Leaders met at the EU-African Union summit.").actors.map((a) => a.acronym).sort();
    expect(acronyms).toEqual(["AU", "EU"]);
  });

  it("keeps a city that acts and drops one named only as a place", () => {
    expect(actorsOf("Talks took place in Benin City last year.").actors).toEqual([]);
    expect(actorsOf("Quezon City hosted the forum.").actors.map((a) => [a.name, a.type])).toEqual([["Quezon City", "local"]]);
  });

  it("splits two organisations joined by 'and'", () => {
    const names = actorsOf("Human Rights Watch and Amnesty International wrote to the minister.").actors.map((a) => a.name).sort();
    expect(names).toEqual(["Amnesty International", "Human Rights Watch"]);
  });
});

describe("governments and types", () => {
  it("types a government of a country as state and of a city as local, and joins its spellings", () => {
    const { actors } = actorsOf("The Government of Malawi hosted the talks. The Malawian government agreed. The Government of Kathmandu sent a delegate.");
    const malawi = actors.filter((a) => a.key.startsWith("gov:"));
    expect(malawi).toHaveLength(1);
    expect(malawi[0].type).toBe("state");
    expect(actors.find((a) => a.name === "Government of Kathmandu")?.type).toBe("local");
  });

  it("types by head word and by context", () => {
    const { actors } = actorsOf("Researchers at the University of Lomé met the migrant-led organisation Voices of Kasai Association.");
    expect(actors.find((a) => a.name === "University of Lomé")?.type).toBe("research");
    const voices = actors.find((a) => a.name.includes("Voices of Kasai"));
    expect(voices?.type).toBe("migrant-led");
    expect(voices?.typeEvidence).toMatch(/context/);
  });

  it("reads a list of participating organisations, one per item, without the country", () => {
    const text = "## List of organisations that participated\n\n- Ensemble pour demain, France\n- Kivu Solidarity Circle (KSC)\n- Mesa de Trabajo Migrante, Chile";
    const names = actorsOf(text).actors.map((a) => a.name).sort();
    expect(names).toEqual(["Ensemble pour demain", "Kivu Solidarity Circle", "Mesa de Trabajo Migrante"]);
  });

  it("explains each actor with its type evidence and mentions", () => {
    const out = explainActors(doc("The Zubara Refugee Support Network (ZRSN) met IOM."), gaz);
    expect(out).toContain("Zubara Refugee Support Network (ZRSN)  [network]");
    expect(out).toMatch(/type: head word "network"/);
    expect(out).toContain('p.1 "ZRSN"');
  });
});

describe("resolveActors", () => {
  it("merges spelling variants across documents into one actor_id", () => {
    const r = resolveActors([
      docActors("The Sahel Migrant Organisation met officials.", "a.txt"),
      docActors("The Sahel Migrant Organization met officials.", "b.txt"),
    ], gaz);
    expect(r.actors).toHaveLength(1);
    expect(r.actors[0]).toMatchObject({ documents: 2, mentions: 2 });
  });

  it("never merges two entities sharing an acronym in different documents, and leaves a bare use unlinked", () => {
    const r = resolveActors([
      docActors("The Regional Migration Council (RMC) met. RMC agreed.", "a.txt"),
      docActors("The Rural Mobility Coalition (RMC) met. RMC agreed.", "b.txt"),
      docActors("Later RMC published a note.", "c.txt"),
    ], gaz);
    expect(r.actors.map((a) => a.name).sort()).toEqual(["Regional Migration Council", "Rural Mobility Coalition"]);
    expect(r.mentions.filter((m) => m.source === "c.txt")).toEqual([]);
  });

  it("links a bare acronym to the one entity of the corpus that defines it", () => {
    const r = resolveActors([
      docActors("The Regional Migration Council (RMC) met.", "a.txt"),
      docActors("Later RMC published a note.", "b.txt"),
    ], gaz);
    expect(r.actors).toHaveLength(1);
    expect(r.actors[0].documents).toBe(2);
  });

  it("keeps actor and mention ids when another document is added or removed", () => {
    const a = docActors("The Zubara Refugee Support Network met the Kivu Migrant Council.", "a.txt");
    const b = docActors("UNHCR and the Lagos Migrant Desk Association met.", "b.txt");
    const one = resolveActors([a], gaz), two = resolveActors([a, b], gaz);
    const ids = (r: typeof one, src: string) => r.mentions.filter((m) => m.source === src).map((m) => `${m.mention_id}/${m.actor_id}`);
    expect(ids(two, "a.txt")).toEqual(ids(one, "a.txt"));
    expect(two.edges.some((e) => e.relation === "co_mention" && e.weight === 1)).toBe(true);
  });

  it("fills addressee_actor_id when a recommendation addresses a named actor", () => {
    const d = docActors("The Zubara Refugee Support Network (ZRSN) met UNHCR. UNHCR should fund ZRSN. ZRSN will report.", "a.txt");
    d.recommendations = [{ recId: "r1", addressee: "UNHCR", block: 0 }, { recId: "r2", addressee: "States", block: 0 }];
    const r = resolveActors([d], gaz);
    const unhcr = r.actors.find((a) => a.acronym === "UNHCR")!;
    expect(r.addresseeActorIds.get("r1")).toBe(unhcr.actor_id);
    expect(r.addresseeActorIds.has("r2")).toBe(false);
    expect(r.edges.find((e) => e.relation === "addressed")?.target_id).toBe(unhcr.actor_id);
  });
});

describe("gazetteer files", () => {
  it("adds user entries and reports a bad file with its line", () => {
    const good = join(dir, "good.yaml");
    writeFileSync(good, "- {name: Kivu Solidarity Circle, acronym: KSC, type: migrant-led}\n");
    const withUser = loadGazetteer([good]);
    const { actors } = extractActors(doc("Later KSC opened a shelter."), withUser);
    expect(actors[0]).toMatchObject({ name: "Kivu Solidarity Circle", type: "migrant-led", fromGazetteer: true });

    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "actors:\n  - {name: A Network, type: network}\n  - {name: B Group, type: club}\n");
    expect(() => loadGazetteer([bad])).toThrow(GazetteerError);
    expect(() => loadGazetteer([bad])).toThrow(`${bad}:3: unknown type "club"`);
    const comma = join(dir, "comma.yaml");
    writeFileSync(comma, "- {name: Centre on Migration, Policy and Society, type: research}\n");
    expect(() => loadGazetteer([comma])).toThrow(/comma\.yaml:1: unknown field "Policy and Society"/);
  });
});

// The seed figures (score.mjs, GUIDELINES.md section 3) as a regression test.
const SHARED = join(__dirname, "..", "..", "shared");
const GOLD = join(SHARED, "eval", "gold"), SCORER = join(SHARED, "eval", "score.mjs"), SEEDS = join(__dirname, "..", "corpora", "seeds");
describe.runIf(existsSync(GOLD) && existsSync(SCORER))("seed regression", () => {
  it("meets the bars on the seeds: actors F1, precision and type accuracy >= 0.85", async () => {
    const docs: DocActors[] = [];
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).sort()) {
      const d = await readDoc({ absPath: join(SEEDS, f), source: f, ext: ".txt" } as Parameters<typeof readDoc>[0]);
      const { actors, mentions } = extractActors(d, gaz);
      docs.push({ docId: d.docId, source: f, segmentIds: d.blocks.map((b) => `${d.docId}-s${b.index}`), actors, mentions, recommendations: [] });
    }
    const r = resolveActors(docs, gaz);
    const out = mkdtempSync(join(dir, "seeds-"));
    const jsonl = (rows: object[]) => rows.map((x) => JSON.stringify(x)).join("\n") + "\n";
    writeFileSync(join(out, "recommendations.jsonl"), "");
    writeFileSync(join(out, "actors.jsonl"), jsonl(r.actors));
    writeFileSync(join(out, "mentions.jsonl"), jsonl(r.mentions));
    const score = JSON.parse(execFileSync("node", [SCORER, "--gold", GOLD, "--data", out, "--json"], { encoding: "utf8" }));
    expect(score.actors.f1).toBeGreaterThanOrEqual(0.85);
    expect(score.actors.precision).toBeGreaterThanOrEqual(0.85);
    expect(score.actors.type_accuracy).toBeGreaterThanOrEqual(0.85);
  }, 60_000);
});
