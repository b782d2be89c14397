// Where a run's CPU time goes, by thread, for the bench: the main thread, the
// worker threads that run the documents, and the rest (V8's background threads,
// which compile optimised code and help the garbage collector, and libuv's pool).
// Linux only (it reads /proc/self/task); elsewhere it reports nothing.
//
// Threads carry no telling names, so they are told apart by when they appear:
// those present before the run (main, V8's platform threads, libuv's pool, which
// start() wakes first) versus those started during it (the worker threads).
// Each thread's time is sampled while it lives, as threads end before the run does.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { pbkdf2 } from "node:crypto";
import { promisify } from "node:util";

export interface ThreadCpu {
  main: number;
  workers: number;
  background: number;
}

const TASKS = "/proc/self/task";
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux that Node supports

export class ThreadCpuSampler {
  private before = new Set<string>();
  private seconds = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  /** Snapshots the threads there are, then samples every `everyMs`. */
  async start(everyMs = 50): Promise<void> {
    if (!existsSync(TASKS)) return;
    // Wake libuv's thread pool (crypto work runs there) so that its threads count as background.
    await Promise.all([1, 2, 3, 4].map(() => promisify(pbkdf2)("x", "y", 1, 8, "sha256")));
    this.sample();
    this.before = new Set(this.seconds.keys());
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Stops sampling; the CPU seconds of each kind of thread since the process started. */
  stop(): ThreadCpu | undefined {
    if (!this.timer) return undefined;
    clearInterval(this.timer);
    this.sample();
    const split: ThreadCpu = { main: 0, workers: 0, background: 0 };
    for (const [tid, s] of this.seconds) {
      if (tid === String(process.pid)) split.main += s;
      else if (this.before.has(tid)) split.background += s;
      else split.workers += s;
    }
    return split;
  }

  private sample(): void {
    for (const tid of readdirSync(TASKS)) {
      try {
        const stat = readFileSync(`${TASKS}/${tid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        this.seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND); // utime, stime
      } catch {
        // the thread ended between listing and reading: its last sample stands
      }
    }
  }
}
