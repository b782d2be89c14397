// Worker-thread entry point (piscina): one file per call.
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { processFile, type FileResult, type FileTask } from "./process.js";

export default function work({ task, config, formats }: { task: FileTask; config: ExtractConfig; formats: OutputFormat[] }): Promise<FileResult> {
  return processFile(task, config, formats);
}
