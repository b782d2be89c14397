// Option parsing shared by the compare commands.
import { UsageError } from "../ingest/errors.js";

export type OutputFormat = "terminal" | "json" | "csv" | "md";
export const OUTPUT_FORMATS: OutputFormat[] = ["terminal", "json", "csv", "md"];

export function parseOutputFormat(value: string): OutputFormat {
  if (!OUTPUT_FORMATS.includes(value as OutputFormat)) throw new UsageError(`--format takes ${OUTPUT_FORMATS.join(", ")}, not "${value}"`);
  return value as OutputFormat;
}

/** A number between 0 and 1 (a cosine or a share). */
export function parseFraction(value: string, name: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${name} must be a number between 0 and 1, not "${value}"`);
  return n;
}
