// The worker hands its result's bytes over to the main thread (their memory moves, it is not
// copied) without importing piscina's pool: worker.ts marks them as piscina's `move` would.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { describe, expect, it } from "vitest";

const WORKER = join(import.meta.dirname, "..", "dist", "pipeline", "worker.js");

describe.skipIf(!existsSync(WORKER))("a worker's result (dist/ built)", () => {
  it("reaches the main thread whole, and its memory leaves the worker", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sectormap-worker-test-"));
    const probe = join(dir, "probe.mjs");
    writeFileSync(
      probe,
      `import { handOver } from ${JSON.stringify(pathToFileURL(WORKER).href)};
let last;
export default async (what) => {
  if (what === "left") return last.byteLength; // 0 once its memory went with the result
  last = new Uint8Array([1, 2, 3]);
  return (await handOver())(last);
};
`,
    );
    const pool = new Piscina({ filename: pathToFileURL(probe).href, maxThreads: 1, minThreads: 1 });
    try {
      const bytes = await pool.run("bytes");
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect([...bytes]).toEqual([1, 2, 3]);
      expect(await pool.run("left")).toBe(0);
    } finally {
      await pool.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
