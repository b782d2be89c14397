// Worker-thread entry point (piscina): one file per call.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { MessagePort } from "node:worker_threads";
import type { ExtractConfig } from "../types.js";
import type { OutputFormat } from "../dataset/writer.js";
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
  return (move ??= await handOver())(encodeResult(await processFile(task, config, formats)));
}

type Move = (bytes: Uint8Array) => Uint8Array;
let move: Move | undefined;

/**
 * Piscina's `move` (the bytes' memory is transferred with the result), without loading the pool:
 * importing "piscina" in a worker loads the whole pool's code (~10 ms cold per thread) for this
 * one function. A moved value is an object holding the value and its transferable memory under
 * two shared symbols, marked by piscina's own `markMovable`, from the module that the worker
 * host (piscina's worker.js, already running in this thread) checks it with. Should a version of
 * piscina not work that way, its public `move` is used. (Exported for a test.)
 */
export async function handOver(): Promise<Move> {
  try {
    const require = createRequire(import.meta.url);
    const common = require(join(dirname(require.resolve("piscina")), "common.js")) as {
      markMovable?: (value: object) => void;
      isMovable?: (value: unknown) => boolean;
    };
    const { markMovable, isMovable } = common;
    if (typeof markMovable === "function" && typeof isMovable === "function") {
      const wrap = (bytes: Uint8Array) => {
        const moved = { [Symbol.for("Piscina.transferable")]: bytes.buffer, [Symbol.for("Piscina.valueOf")]: bytes };
        markMovable(moved);
        return moved as unknown as Uint8Array;
      };
      if (isMovable(wrap(new Uint8Array(1)))) return wrap;
    }
  } catch {
    // piscina laid out otherwise: its public move below
  }
  return (await import("piscina")).move as Move;
}
