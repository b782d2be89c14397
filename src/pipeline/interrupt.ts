// SIGINT and SIGTERM during a run: throw the temporary folder away and leave at once
// (worker threads die with the process), so the previous dataset stays as it was.
// The handler runs promptly because documents are processed on worker threads and
// the main thread's loops yield.

/** Exit codes of a run stopped by a signal, as shells report them (128 + signal number). */
const EXIT_CODE: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Calls `cleanUp` and exits on SIGINT or SIGTERM. The exit code is the signal's even when
 * cleaning up fails (a file still being created in the folder, say): the user asked to
 * stop, and the failure is reported on stderr. Returns the function that removes the handlers.
 */
export function exitOnSignals(cleanUp: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    try {
      cleanUp();
    } catch (err) {
      process.stderr.write(`sectormap: stopped, but could not remove the temporary folder: ${(err as Error).message}\n`);
    }
    process.exit(EXIT_CODE[signal] ?? 1);
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
