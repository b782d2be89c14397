// `sectormap diff DATA --by COLUMN` (two groups of one dataset) and
// `sectormap diff OLD NEW` (two versions of a dataset).
import { Command } from "commander";
import { Dataset } from "../compare/dataset.js";
import { diffGroups } from "../compare/groups.js";
import { DEFAULT_VERSION_OPTIONS, diffVersions, hasChanges } from "../compare/versions.js";
import { groupReport, versionReport, type Report } from "../compare/report.js";
import { renderReport, stdoutTerminalOptions } from "../compare/render.js";
import { parseFraction, parseOutputFormat, type OutputFormat } from "../compare/options.js";
import { EXIT_FAILURES, EXIT_OK, UsageProblem, parsePositiveInt } from "./output.js";

export function registerDiffCommand(program: Command): void {
  program
    .command("diff")
    .description("compare two groups of documents of one dataset (--by), or two versions of a dataset (OLD NEW)")
    .argument("<data>", "dataset folder (the OLD one when NEW is given)")
    .argument("[new]", "a newer version of the dataset to compare against")
    .option("--by <column>", "group documents by a documents column: doc_type, date, source, language, ...")
    .option("--a <value>", "group A: a value of --by; '<2015', '>=2015' compare; '*' and '?' glob; a date matches by its start")
    .option("--b <value>", "group B, same forms (default: every document not in A)")
    .option("--format <format>", "terminal, json, csv or md", "terminal")
    .option("--limit <n>", "rows per section in the terminal table", "20")
    .option("--match-threshold <cosine>", "versions: how similar an edited recommendation must stay to count as changed rather than removed + added", String(DEFAULT_VERSION_OPTIONS.matchThreshold))
    .option("--share-threshold <fraction>", "versions: report a theme share that moved by more than this (0.05 = 5 points)", String(DEFAULT_VERSION_OPTIONS.shareThreshold))
    .option("--fail-on-change", "versions: exit 1 when anything differs")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap diff data --by date --a "<2015" --b ">=2015"     # before and after 2015
  $ sectormap diff data --by source --a "004_*"                 # one report against the rest
  $ sectormap diff data --by doc_type --a evaluation --format md > themes.md
  $ sectormap diff data-old data --fail-on-change               # what a re-run changed

Groups: theme shares are coded segments over the segments theme coding reads
(paragraphs, list items, table rows), pooled over each group; G2 is the
log-likelihood statistic of the 2x2 table with its chi-square p-value (1 df);
log2 ratio is Hardie's Log Ratio (+1 = twice as frequent in A).
Exit status: 0 done (1 with --fail-on-change when anything differs), 2 usage error.`,
    )
    .action((dataDir: string, newDir: string | undefined, o) => {
      const format = parseOutputFormat(o.format);
      const limit = parsePositiveInt(o.limit, "--limit");
      const old = new Dataset(dataDir);
      if (newDir !== undefined) {
        if (o.by) throw new UsageProblem("--by compares groups within one dataset; give either --by or a second dataset, not both");
        const diff = diffVersions(old, new Dataset(newDir), {
          matchThreshold: parseFraction(o.matchThreshold, "--match-threshold"),
          shareThreshold: parseFraction(o.shareThreshold, "--share-threshold"),
        });
        print(format === "json" ? diff : versionReport(diff), format, limit);
        process.exitCode = o.failOnChange && hasChanges(diff) ? EXIT_FAILURES : EXIT_OK;
        return;
      }
      if (!o.by) throw new UsageProblem("give --by COLUMN to compare groups of documents, or a second dataset to compare versions");
      if (o.failOnChange) throw new UsageProblem("--fail-on-change applies to comparing two dataset versions (diff OLD NEW)");
      const diff = diffGroups(old, { by: o.by, a: o.a, b: o.b });
      print(format === "json" ? diff : groupReport(diff), format, limit);
    });
}

/** Writes a result: JSON as is, anything else through its report. */
export function print(result: Report | object, format: OutputFormat, limit: number): void {
  if (format === "json") {
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    return;
  }
  const text = renderReport(result as Report, format === "terminal" ? "terminal" : format, stdoutTerminalOptions(limit));
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}
