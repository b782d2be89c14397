// Worker-thread entry point (piscina): one file per call.
import type { MessagePort } from "node:worker_threads";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
import { move } from "piscina";
import { extractorsFor, processFile, type FileTask } from "./process.js";
import { encodeResult } from "./result-bytes.js";

interface WorkerTask {
  task: FileTask;
  config: ExtractConfig;
  formats: OutputFormat[];
  /** Told when the document itself starts, so that its time budget leaves out loading the rules. */
  started?: MessagePort;
}

/**
 * The result goes back as its bytes (result-bytes.ts), whose memory is handed over rather than
 * copied: the main thread then only writes them out, and caches them as they are.
 */
export default async function work({ task, config, formats, started }: WorkerTask): Promise<Uint8Array> {
  extractorsFor(config);
  started?.postMessage(0);
  started?.close();
  return move(encodeResult(await processFile(task, config, formats))) as Uint8Array;
}
