// Errors of the ingest stage. An IngestError means "this one file cannot be
// read"; the pipeline records it as the file's status and carries on with the
// other files. A UsageError means the command line itself is wrong (a path
// that does not exist) and stops the run before any work is done.

export type IngestErrorCode =
  | "corrupt"
  | "encrypted"
  | "no-text"
  | "empty"
  | "binary"
  | "unsupported"
  | "unreadable"
  | "too-large";

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  /** `message` is one line a user understands, e.g. "empty file", "corrupt PDF: bad xref table". */
  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IngestError";
    this.code = code;
  }
}

/** The command line names something unusable (e.g. a path that does not exist). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** One line from any thrown value, for status columns and log lines. */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0].trim();
}
