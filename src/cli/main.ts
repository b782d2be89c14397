// The `sectormap` command line. Each command lives in its own module and
// registers itself here; this file only sets the shared manners.
import { Command, CommanderError } from "commander";
import { toolVersion } from "../pipeline/run.js";
import { UsageError } from "../ingest/errors.js";
import { EXIT_FAILURES, EXIT_USAGE, UsageProblem, error } from "./output.js";

// `sectormap inspect big.pdf | head`: a closed pipe ends the output, not in a stack trace.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

const program = new Command()
  .name("sectormap")
  .description("Turn folders of policy documents into coded datasets: who recommends what to whom, which actors are active, which themes each report covers.")
  .version(toolVersion(), "-V, --version")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride()
  .addHelpText(
    "after",
    `
Examples:
  $ sectormap extract corpora/seeds --out data        # write the dataset
  $ sectormap inspect report.pdf                       # how one file was read
  $ sectormap inspect report.pdf --recommendations     # why each unit was (not) taken
  $ sectormap codebook show                            # the default theme codebook

Output goes to stdout only when you ask for data (--json); progress and
warnings go to stderr. Exit status: 0 ok, 1 some input failed, 2 usage error.`,
  );

// Each command's module, loaded only when that command runs: some load the extractors and
// their rules (half a second of CPU), which a cached re-run or `merge` never needs.
// `--help` and unknown commands load them all, in this order (the order of the help).
const COMMANDS: Array<[string, () => Promise<void>]> = [
  ["extract", async () => (await import("./extract.js")).registerExtractCommand(program)],
  ["inspect", async () => (await import("./inspect.js")).registerInspectCommand(program)],
  ["codebook", async () => (await import("./codebook.js")).registerCodebookCommands(program)],
  ["themes", async () => (await import("./themes.js")).registerThemesCommands(program)],
  ["diff", async () => (await import("./diff.js")).registerDiffCommand(program)],
  ["recurrences", async () => (await import("./recurrences.js")).registerRecurrencesCommand(program)],
  ["check", async () => (await import("./check.js")).registerCheckCommand(program)],
  ["report", async () => (await import("./report.js")).registerReportCommand(program)],
  ["export", async () => (await import("./export.js")).registerExportCommand(program)],
  ["merge", async () => (await import("./merge.js")).registerMergeCommand(program)],
];
const invoked = process.argv.slice(2).find((a) => !a.startsWith("-"));
const only = COMMANDS.find(([name]) => name === invoked && !process.argv.slice(2).some((a) => a === "help"));
for (const [, register] of only ? [only] : COMMANDS) await register();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; everything else commander rejects is usage.
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  if (err instanceof UsageProblem || err instanceof UsageError) {
    error(err.message);
    process.exit(EXIT_USAGE);
  }
  error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(EXIT_FAILURES);
}
