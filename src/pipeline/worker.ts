// Worker-thread entry point (piscina): one file per call.
import type { MessagePort } from "node:worker_threads";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { extractorsFor, processFile, type FileResult, type FileTask } from "./process.js";

interface WorkerTask {
  task: FileTask;
  config: ExtractConfig;
  formats: OutputFormat[];
  /** Told when the document itself starts, so that its time budget leaves out loading the rules. */
  started?: MessagePort;
}

export default function work({ task, config, formats, started }: WorkerTask): Promise<FileResult> {
  extractorsFor(config);
  started?.postMessage(0);
  started?.close();
  return processFile(task, config, formats);
}
