// `sectormap recurrences DATA`: recommendations made again across documents.
import { Command } from "commander";
import { Dataset } from "../compare/dataset.js";
import { DEFAULT_RECURRENCE_OPTIONS, findRecurrences, recurrenceRows, writeRecurrences } from "../compare/recurrences.js";
import { recurrenceReport } from "../compare/report.js";
import { parseFraction, parseOutputFormat } from "../compare/options.js";
import { info, parsePositiveInt } from "./output.js";
import { print } from "./diff.js";

export function registerRecurrencesCommand(program: Command): void {
  program
    .command("recurrences")
    .description("group near-identical and paraphrased recommendations across documents; write the recurrences table")
    .argument("<data>", "dataset folder")
    .option("--threshold <cosine>", "how similar (TF-IDF cosine of stemmed words, 0-1) a recommendation must be to a group's representative to join it", String(DEFAULT_RECURRENCE_OPTIONS.threshold))
    .option("--min-documents <n>", "keep groups spanning at least this many documents", String(DEFAULT_RECURRENCE_OPTIONS.minDocuments))
    .option("--top <n>", "groups to print", "10")
    .option("--format <format>", "terminal, json, csv or md", "terminal")
    .option("--no-write", "print only; leave the dataset as it is")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap recurrences data                      # print the largest groups, write data/recurrences.*
  $ sectormap recurrences data --threshold 0.35     # looser: more paraphrases, more noise
  $ sectormap recurrences data --format json --no-write | jq '.[0]'

The table (cluster_id, rec_id, doc_id, similarity) is written next to the other
tables, in the dataset's formats; running again replaces it.`,
    )
    .action((dataDir: string, o) => {
      const format = parseOutputFormat(o.format);
      const top = parsePositiveInt(o.top, "--top");
      const data = new Dataset(dataDir);
      const threshold = parseFraction(o.threshold, "--threshold");
      const clusters = findRecurrences(data, { ...DEFAULT_RECURRENCE_OPTIONS, threshold, minDocuments: parsePositiveInt(o.minDocuments, "--min-documents") });
      if (o.write) {
        const rows = recurrenceRows(clusters);
        writeRecurrences(data, rows);
        info(`${rows.length} rows written to the recurrences table of ${dataDir}`);
      }
      print(format === "json" ? clusters.slice(0, top) : recurrenceReport(clusters, top, threshold), format, top);
    });
}
