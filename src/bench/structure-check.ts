// `node dist/bench/structure-check.js PATHS...`: the text stage's invariants on
// a folder of real documents, one line per file. Every file must be read (no
// error) and no block may run over MAX_BLOCK_WORDS words (a sign that wrapped
// lines, one-line blocks or a table were run together). Prints the largest
// block, block counts by kind and by zone, and a summary; exits 1 when an
// invariant fails. Nothing is extracted: only ingest and the text stage run.
import { relative, resolve } from "node:path";
import { walkInputs } from "../ingest/index.js";
import { readDoc } from "../pipeline/process.js";

const MAX_BLOCK_WORDS = 1500;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const paths = process.argv.slice(2);
if (!paths.length) {
  process.stderr.write("usage: node dist/bench/structure-check.js PATH...\n");
  process.exit(2);
}

let failures = 0;
let files = 0;
for (const path of paths) {
  const root = resolve(path);
  const { inputs } = await walkInputs([root]);
  for (const input of inputs) {
    files++;
    const name = relative(process.cwd(), input.absPath);
    try {
      const doc = await readDoc({ absPath: input.absPath, source: input.source, ext: input.ext });
      let maxWords = 0;
      const kinds = new Map<string, number>();
      const zones = new Map<string, number>();
      for (const b of doc.blocks) {
        maxWords = Math.max(maxWords, wordCount(b.text));
        kinds.set(b.kind, (kinds.get(b.kind) ?? 0) + 1);
        zones.set(b.zone, (zones.get(b.zone) ?? 0) + 1);
      }
      const tables = new Set(doc.blocks.filter((b) => b.table).map((b) => b.table!.id)).size;
      const bad = maxWords > MAX_BLOCK_WORDS;
      if (bad) failures++;
      const count = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}=${n}`).join(" ");
      process.stdout.write(
        `${bad ? "FAIL" : "ok  "} max ${String(maxWords).padStart(5)}  blocks ${String(doc.blocks.length).padStart(5)}  tables ${tables}  ${count(zones)}  ${count(kinds)}  ${name}\n`,
      );
    } catch (err) {
      failures++;
      process.stdout.write(`ERR  ${(err as Error).message}  ${name}\n`);
    }
  }
}
process.stdout.write(`${files} files, ${failures} failing (error, or a block over ${MAX_BLOCK_WORDS} words)\n`);
process.exit(failures ? 1 : 0);
