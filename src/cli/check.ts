// `sectormap check DATA PATHS...`: is DATA what extracting PATHS gives today?
// Re-extracts with the options DATA's manifest records, into a temporary
// folder, and diffs. For CI: exit 1 with the summary when DATA is stale.
import { availableParallelism, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { Dataset } from "../compare/dataset.js";
import { diffVersions, hasChanges } from "../compare/versions.js";
import { versionReport } from "../compare/report.js";
import { parseOutputFormat } from "../compare/options.js";
import { extractOptionsFromManifest } from "../compare/check.js";
import { runExtract, toolVersion } from "../pipeline/run.js";
import { EXIT_FAILURES, EXIT_OK, info, paint, parsePositiveInt, warn } from "./output.js";
import { print } from "./diff.js";

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("re-extract PATHS with the options recorded in DATA and exit 1 if DATA is stale (for CI)")
    .argument("<data>", "dataset folder to check")
    .argument("<paths...>", "the files or folders DATA was extracted from")
    .option("-j, --jobs <n>", "documents processed in parallel", String(availableParallelism()))
    .option("--codebook <file>", "the codebook DATA was written with, when its recorded path is not found from here")
    .option("--actors <file...>", "the extra gazetteers DATA was written with, when not found from here")
    .option("--rules <file>", "the recommendation rules DATA was written with, when not found from here")
    .option("--cache <dir>", "reuse (and keep) per-document extractions in DIR, as `extract --cache` does (default: $SECTORMAP_CACHE)")
    .option("--format <format>", "how to print the differences: terminal, json, csv or md", "terminal")
    .option("--limit <n>", "rows per section in the terminal table", "20")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap check data corpora                 # exit 0: data is current
  $ sectormap extract corpora --out data && sectormap check data corpora

Exit status: 0 DATA is current, 1 DATA is stale (the differences are printed), 2 usage error.`,
    )
    .action(async (dataDir: string, paths: string[], o) => {
      const format = parseOutputFormat(o.format);
      const limit = parsePositiveInt(o.limit, "--limit");
      const data = new Dataset(dataDir);
      const { options, notes } = extractOptionsFromManifest(data.manifest, { codebook: o.codebook, actors: o.actors, rules: o.rules });
      notes.forEach(warn);
      if (data.manifest.version !== toolVersion()) warn(`${dataDir} was written by sectormap ${data.manifest.version}; this is ${toolVersion()}`);
      const work = mkdtempSync(join(tmpdir(), "sectormap-check-"));
      try {
        const fresh = join(work, "data");
        await runExtract({ ...options, paths, out: fresh, jobs: parsePositiveInt(o.jobs, "--jobs"), cache: o.cache ?? process.env.SECTORMAP_CACHE ?? "" });
        const diff = diffVersions(data, new Dataset(fresh));
        diff.new = `a fresh extraction of ${paths.join(" ")}`;
        if (hasChanges(diff)) {
          print(format === "json" ? diff : versionReport(diff), format, limit);
          info(paint.red(`${dataDir} is stale: re-run \`sectormap extract ${paths.join(" ")} --out ${dataDir}\``));
          process.exitCode = EXIT_FAILURES;
        } else {
          info(`${dataDir} is current`);
          process.exitCode = EXIT_OK;
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
}
