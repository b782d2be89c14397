// What `check` needs from a manifest: the extract options DATA was written
// with, and a word about anything that cannot be reproduced exactly.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { Manifest } from "../dataset/read.js";
import type { OutputFormat } from "../dataset/writer.js";
import type { ExtractConfig } from "../types.js";
import { UsageError } from "../ingest/errors.js";

export interface RecordedOptions {
  formats: OutputFormat[];
  include: string[];
  exclude: string[];
  excel: boolean;
  config: ExtractConfig;
}

/** A file option as the manifest records it: the path given (its base name when absolute) and its hash. */
interface FileRef {
  file: string;
  sha256: string;
}

export interface Overrides {
  codebook?: string;
  actors?: string[];
  rules?: string;
}

export function extractOptionsFromManifest(manifest: Manifest, overrides: Overrides = {}): { options: RecordedOptions; notes: string[] } {
  const o = manifest.options ?? {};
  const notes: string[] = [];
  const locate = (ref: FileRef | null | undefined, override: string | undefined, flag: string): string => {
    if (override) return override;
    if (!ref) return "";
    if (!existsSync(ref.file)) throw new UsageError(`the dataset was written with ${flag} ${ref.file}, which is not found from here; give its path with ${flag}`);
    const sha = createHash("sha256").update(readFileSync(ref.file)).digest("hex");
    if (sha !== ref.sha256) notes.push(`${ref.file} has changed since the dataset was written`);
    return ref.file;
  };
  const recordedActors = (o.actors as Array<FileRef | null> | undefined) ?? [];
  const actorFiles = overrides.actors?.length ? overrides.actors : recordedActors.map((ref) => locate(ref, undefined, "--actors")).filter(Boolean);
  return {
    options: {
      formats: ((o.formats as OutputFormat[] | undefined) ?? ["csv", "jsonl"]).filter((f) => f === "csv" || f === "jsonl"),
      include: (o.include as string[] | undefined) ?? [],
      exclude: (o.exclude as string[] | undefined) ?? [],
      excel: Boolean(o.excel),
      config: {
        codebook: locate(o.codebook as FileRef | null, overrides.codebook, "--codebook"),
        actorFiles,
        recRules: locate(o.rules as FileRef | null, overrides.rules, "--rules"),
      },
    },
    notes,
  };
}
