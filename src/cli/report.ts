// `sectormap report DATA --out report.html`
import { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { writeReport } from "../report/index.js";
import { info, paint, parsePositiveInt, UsageProblem } from "./output.js";

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("write a self-contained HTML sector map of a dataset: corpus overview, theme heatmap, actor map and network, recommendations table")
    .argument("<data>", "dataset folder written by `sectormap extract`")
    .option("-o, --out <file>", "HTML file to write", "report.html")
    .option("--title <text>", "page title", "Sector map")
    .option("--top-actors <n>", "bars in the most-mentioned actors chart", "25")
    .option("-q, --quiet", "no notice on stderr")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap extract corpora/seeds --out data && sectormap report data --out report.html
  $ sectormap report data --out map.html --title "Sector map: West Africa 2024"

The page makes no network request (charts are inline SVG), opens offline and prints.`,
    )
    .action(async (data: string, o) => {
      if (!existsSync(data) || !statSync(data).isDirectory()) throw new UsageProblem(`${data} is not a folder; give the dataset folder written by \`sectormap extract\``);
      const { bytes } = await writeReport(data, o.out, { title: String(o.title), topActors: parsePositiveInt(o.topActors, "--top-actors") });
      if (!o.quiet) info(`wrote ${paint.bold(o.out)} (${(bytes / 1024).toFixed(0)} KB)`);
    });
}
