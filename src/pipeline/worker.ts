// Worker-thread entry point (piscina): one file per call.
import type { ExtractConfig } from "../types.js";
import { processFile, type FileResult, type FileTask } from "./process.js";

export default function work({ task, config }: { task: FileTask; config: ExtractConfig }): Promise<FileResult> {
  return processFile(task, config);
}
