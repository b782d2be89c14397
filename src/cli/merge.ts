// `sectormap merge PARTS... --out DIR`: join the partial datasets written by
// `extract --shard K/N` into the dataset a single run over all inputs writes.
import { Command } from "commander";
import { checkParts, mergedResults, readPartialHeader } from "../pipeline/partial.js";
import { writeCorpus } from "../pipeline/corpus.js";
import { EXIT_FAILURES, EXIT_OK, UsageProblem, info } from "./output.js";

export function registerMergeCommand(program: Command): void {
  program
    .command("merge")
    .description("join partial datasets (from `extract --shard K/N`) into one dataset, byte-identical to a single run over all inputs")
    .argument("<parts...>", "partial dataset folders, one per shard (any order)")
    .option("-o, --out <dir>", "dataset folder to write (replaced atomically)", "data")
    .option("--allow-failures", "exit 0 even when some documents could not be read")
    .option("-q, --quiet", "no summary on stderr")
    .addHelpText(
      "after",
      `
Examples:
  $ sectormap extract reports --out part-1 --shard 1/2
  $ sectormap extract reports --out part-2 --shard 2/2
  $ sectormap merge part-1 part-2 --out data

The corpus-level steps (actors resolved across documents, mentions, edges) run here.
The codebook and gazetteers the shards used must be found from here under the same paths.
Exit status: 0 merged, 1 some input had failed (see documents.status), 2 usage error (parts missing or from different runs).`,
    )
    .action(async (parts: string[], o) => {
      let headers;
      try {
        headers = parts.map(readPartialHeader);
        checkParts(parts, headers);
      } catch (err) {
        throw new UsageProblem((err as Error).message);
      }
      const first = headers[0];
      const summary = await writeCorpus(mergedResults(parts), {
        out: o.out, formats: first.formats, excel: first.excel, config: first.config, version: first.version,
        manifestOptions: first.manifestOptions, total: first.total,
      });
      if (!o.quiet) info(`${summary.documents} documents from ${parts.length} parts (${summary.errors} failed) -> ${summary.out}`);
      process.exitCode = summary.errors && !o.allowFailures ? EXIT_FAILURES : EXIT_OK;
    });
}
