// Where a run's CPU time goes, by thread, for the bench: the main thread, the
// worker threads that run the documents, and the rest (V8's background threads,
// which compile optimised code and help the garbage collector, and libuv's pool).
// Linux only (it reads /proc/self/task); elsewhere it reports nothing.
//
// Threads carry no telling names, so they are told apart by when they appear:
// those present before the run (main, V8's platform threads, libuv's pool, which
// start() wakes first) versus those started during it (the worker threads).
// The threads present before the run live until its end, so they are read once
// at the end; the worker threads, which end before the run does, are the rest
// of the process's CPU time (process.cpuUsage counts the threads that ended).
// Nothing is sampled during the run: sampling every 50 ms cost the main thread
// about a tenth of a CPU second per run, counted in the bench's figures.
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
  private started = false;

  /** Snapshots the threads there are (after waking libuv's pool, so that its threads are among them). */
  async start(): Promise<void> {
    if (!existsSync(TASKS)) return;
    // Wake libuv's thread pool (crypto work runs there) so that its threads count as background.
    await Promise.all([1, 2, 3, 4].map(() => promisify(pbkdf2)("x", "y", 1, 8, "sha256")));
    this.before = new Set(readdirSync(TASKS));
    this.started = true;
  }

  /** The CPU seconds of each kind of thread since the process started. */
  stop(): ThreadCpu | undefined {
    if (!this.started) return undefined;
    const usage = process.cpuUsage();
    const split: ThreadCpu = { main: 0, workers: 0, background: 0 };
    for (const tid of this.before) {
      const seconds = threadSeconds(tid);
      if (tid === String(process.pid)) split.main += seconds;
      else split.background += seconds;
    }
    // Every other thread started during the run: the worker threads (ended by now, or about to).
    split.workers = Math.max(0, Math.round((usage.user + usage.system) / 1e4 - 100 * (split.main + split.background)) / 100);
    return split;
  }
}

/** A thread's user + system CPU seconds (0 once it has ended). */
function threadSeconds(tid: string): number {
  try {
    const stat = readFileSync(`${TASKS}/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return 0;
  }
}
