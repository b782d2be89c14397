// `sectormap themes suggest PATHS...`: terms the codebook does not cover yet.
import { Command } from "commander";
import type { Doc } from "../types.js";
import { walkInputs } from "../ingest/walk.js";
import { readDoc } from "../pipeline/process.js";
import { loadCodebook } from "../extract/themes/index.js";
import { suggestTerms } from "../extract/themes/suggest.js";
import { UsageProblem, info, paint, parsePositiveInt, warn } from "./output.js";

export function registerThemesCommands(program: Command): void {
  const themes = program.command("themes").description("work on theme coding: find what the codebook misses");

  themes
    .command("suggest")
    .description(
      "list frequent, distinctive multi-word terms of the corpus that no codebook rule covers (scored against general English), with counts and an example sentence",
    )
    .argument("<paths...>", "files or folders to read")
    .option("--codebook <file>", "codebook YAML file instead of the default")
    .option("--top <n>", "how many terms to list", "40")
    .option("--min-count <n>", "fewest occurrences a term needs", "3")
    .option("--min-docs <n>", "fewest documents a term must occur in", "1")
    .option("--json", "print the suggestions as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap themes suggest corpora/seeds
  $ sectormap themes suggest reports/ --codebook my-codebook.yaml --top 80 --json > todo.json`,
    )
    .action(async (paths: string[], o: { codebook?: string; top: string; minCount: string; minDocs: string; json?: boolean }) => {
      const top = parsePositiveInt(o.top, "--top");
      const minCount = parsePositiveInt(o.minCount, "--min-count");
      const minDocs = parsePositiveInt(o.minDocs, "--min-docs");
      const cb = loadCodebook(o.codebook);
      const { inputs, notices } = await walkInputs(paths);
      for (const n of notices) info(n);
      if (!inputs.length) throw new UsageProblem("no readable documents in " + paths.join(", "));
      const docs: Doc[] = [];
      for (const input of inputs) {
        try {
          docs.push(await readDoc(input));
        } catch (err) {
          warn(`${input.source}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      const found = suggestTerms(docs, cb, { top, minCount, minDocs });
      if (o.json) {
        process.stdout.write(JSON.stringify(found, null, 2) + "\n");
        return;
      }
      if (!found.length) {
        info(`no uncovered term occurs ${minCount} times or more in ${docs.length} documents`);
        return;
      }
      const width = Math.min(40, Math.max(...found.map((s) => s.term.length)));
      const out = [paint.dim(`${"term".padEnd(width)}  count  docs  score  example`)];
      for (const s of found) {
        out.push(`${paint.bold(s.term.padEnd(width))}  ${String(s.count).padStart(5)}  ${String(s.docs).padStart(4)}  ${s.score.toFixed(1).padStart(5)}  ${paint.dim(`${s.source}: ${s.example}`)}`);
      }
      process.stdout.write(out.join("\n") + "\n");
      info(`${found.length} terms from ${docs.length} documents not covered by codebook ${cb.id}; add the useful ones to a theme's terms`);
    });
}
