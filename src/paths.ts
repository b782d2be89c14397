// Locating data files shipped with the package (rules, lexicons, codebooks).
// They live under src/ and are read at run time, from src/ under vitest and
// from dist/ in the built CLI: both sit one level below the package root.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The folder holding sectormap's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("sectormap: cannot find the package root from " + import.meta.url);
    dir = up;
  }
  return (root = dir);
}

/** Absolute path of a shipped data file, given relative to src/ (e.g. "text/abbreviations.txt"). */
export function dataFile(pathUnderSrc: string): string {
  return join(packageRoot(), "src", pathUnderSrc);
}

/** A shipped word list (one entry a line, `#` comments): lower-cased entries in file order. */
export function readWordList(pathUnderSrc: string): string[] {
  return readFileSync(dataFile(pathUnderSrc), "utf8")
    .split("\n")
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith("#"));
}
