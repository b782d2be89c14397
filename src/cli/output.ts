// Terminal manners shared by the commands: data on stdout, everything else on
// stderr; colour only on a terminal and never with NO_COLOR; exit codes that mean
// something (0 done, 1 some input failed or a check found a difference, 2 usage).
import { Chalk } from "chalk";

export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;

const colourful = Boolean(process.stderr.isTTY) && !("NO_COLOR" in process.env);
export const paint = new Chalk({ level: colourful ? 1 : 0 });

export function warn(message: string): void {
  process.stderr.write(paint.yellow("warning: ") + message + "\n");
}

export function error(message: string): void {
  process.stderr.write(paint.red("error: ") + message + "\n");
}

export function info(message: string): void {
  process.stderr.write(message + "\n");
}

/** An error the user caused (bad path, bad option): one line, exit 2. */
export class UsageProblem extends Error {}

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageProblem(`${name} must be a whole number of 1 or more, not "${value}"`);
  return n;
}
