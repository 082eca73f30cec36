import { readdirSync, readFileSync } from 'node:fs';

// What a launcher started, read from /proc: the tests that kill a launcher with SIGKILL look
// at every process below it first, then wait until each one is gone.

/** One process, told apart from a later one on the same pid by its start time. */
export interface ProcessIdentity {
  pid: number;
  parent: number;
  /** Clock ticks since boot at which it started (field 22 of /proc/<pid>/stat). */
  startTime: string;
  /** Its command line, for the failure message. */
  command: string;
}

function identity(pid: number): (ProcessIdentity & { state: string }) | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, state: fields[0]!, parent: Number(fields[1]), startTime: fields[19]!, command };
  } catch {
    return null;
  }
}

/** Every process below `pid` (children, their children, …), as they are now. */
export function descendantsOf(pid: number): ProcessIdentity[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => identity(Number(name)))
    .filter((p): p is ProcessIdentity & { state: string } => p !== null && p.state !== 'Z');
  const below = new Set([pid]);
  const found: ProcessIdentity[] = [];
  // Parents before children is not guaranteed by pid order: go round until nothing is added.
  for (let added = true; added;) {
    added = false;
    for (const p of all) {
      if (below.has(p.parent) && !below.has(p.pid)) {
        below.add(p.pid);
        found.push({ pid: p.pid, parent: p.parent, startTime: p.startTime, command: p.command });
        added = true;
      }
    }
  }
  return found;
}

/** Whether that very process still runs (not a zombie waiting to be reaped, not a reused pid). */
export function stillRunning(p: ProcessIdentity): boolean {
  const now = identity(p.pid);
  return now !== null && now.state !== 'Z' && now.startTime === p.startTime;
}

/**
 * Waits (bounded: a liveness deadline, not a timing) until none of `processes` runs, and
 * returns those still running at the deadline (none, when all ended).
 */
export async function survivorsAfter(
  processes: ProcessIdentity[],
  deadlineMs: number,
): Promise<ProcessIdentity[]> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const running = processes.filter(stillRunning);
    if (running.length === 0 || Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
