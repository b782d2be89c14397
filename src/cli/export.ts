// `sectormap export DATA --to qdpx|gexf|graphml|datapackage [--out FILE]`
import { Command } from "commander";
import { CodebookError } from "../extract/themes/index.js";
import { EXPORT_FORMATS, defaultExportPath, exportDataset, type ExportFormat } from "../export/index.js";
import { EXIT_OK, UsageProblem, info, paint, warn } from "./output.js";

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("write a dataset in another tool's format: qdpx (NVivo, ATLAS.ti, MAXQDA, QualCoder), gexf (Gephi), graphml (igraph, networkx), datapackage (Frictionless)")
    .argument("<data>", "dataset folder written by `sectormap extract`")
    .requiredOption("--to <format>", `format: ${EXPORT_FORMATS.join(", ")}`)
    .option("-o, --out <file>", "file to write (default: sectormap.<format> in the dataset folder; datapackage.json for datapackage)")
    .option("--bipartite", "gexf/graphml: actors and themes as two node sets, linked when a segment names the actor and is coded with the theme")
    .option("--codebook <file>", "codebook for theme labels and descriptions (default: the one extract used, if still in place, else the shipped one)")
    .option("-q, --quiet", "print nothing on success")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap export data --to qdpx --out corpus.qdpx      # import in NVivo, ATLAS.ti, MAXQDA, QualCoder
  $ sectormap export data --to gexf --out actors.gexf      # open in Gephi
  $ sectormap export data --to graphml --bipartite --out actors-themes.graphml
  $ sectormap export data --to datapackage                 # data/datapackage.json (extract writes it already)

The same files come out of \`sectormap extract PATHS --format csv,jsonl,qdpx,gexf\`.
Exit status: 0 written, 2 usage error (unknown format, not a dataset).`,
    )
    .action(async (data: string, o) => {
      const format = String(o.to).trim().toLowerCase() as ExportFormat;
      if (!EXPORT_FORMATS.includes(format)) throw new UsageProblem(`--to takes one of ${EXPORT_FORMATS.join(", ")}, not "${o.to}"`);
      if (o.bipartite && format !== "gexf" && format !== "graphml") throw new UsageProblem("--bipartite applies to gexf and graphml only");
      const result = await exportDataset(data, format, o.out ?? defaultExportPath(data, format), { bipartite: Boolean(o.bipartite), codebook: o.codebook ?? "" })
        .catch((err: unknown) => {
          // A bad --codebook is the user's to fix: every problem on its own line, exit 2.
          throw err instanceof CodebookError ? new UsageProblem(`--codebook: ${err.message}`) : err;
        });
      result.warnings.forEach((w) => warn(w));
      if (!o.quiet) info(`${paint.bold(result.out)}: ${result.summary}`);
      process.exitCode = EXIT_OK;
    });
}
