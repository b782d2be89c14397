// The `sectormap` command line. Each command lives in its own module and
// registers itself here; this file only sets the shared manners.
import { Command, CommanderError } from "commander";
import { toolVersion } from "../pipeline/run.js";
import { UsageError } from "../ingest/errors.js";
import { registerExtractCommand } from "./extract.js";
import { registerInspectCommand } from "./inspect.js";
import { registerCodebookCommands } from "./codebook.js";
import { registerThemesCommands } from "./themes.js";
import { registerDiffCommand } from "./diff.js";
import { registerRecurrencesCommand } from "./recurrences.js";
import { registerCheckCommand } from "./check.js";
import { registerReportCommand } from "./report.js";
import { registerExportCommand } from "./export.js";
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

registerExtractCommand(program);
registerInspectCommand(program);
registerCodebookCommands(program);
registerThemesCommands(program);
registerDiffCommand(program);
registerRecurrencesCommand(program);
registerCheckCommand(program);
registerReportCommand(program);
registerExportCommand(program);

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
