import { existsSync, readdirSync, rmSync } from 'node:fs';

const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
  '/usr/local/lib/faketime/libfaketime.so.1',
];

/**
 * Environment that runs a process (and every process it starts: initdb, pg_ctl, the embedded
 * PostgreSQL, which inherit LD_PRELOAD) with its wall clock `offsetMs` away from the machine's,
 * with libfaketime (Debian package `faketime`). A relative offset, not faketime's '@' start-at
 * mode: '@' restarts the clock at the given instant in every process that is exec'd, so the
 * PostgreSQL started seconds after node would run seconds behind it; an offset gives every
 * process of the tree the same clock, ticking at the machine's pace.
 */
export function clockOffsetEnv(offsetMs: number): Record<string, string> {
  const lib = LIBFAKETIME.find((path) => existsSync(path));
  if (!lib) throw new Error('libfaketime not found: install the Debian package "faketime"');
  const seconds = (offsetMs / 1000).toFixed(3);
  return {
    LD_PRELOAD: lib,
    FAKETIME: offsetMs < 0 ? seconds : `+${seconds}`,
    // The offset is fixed for the process's whole life: no re-reading of FAKETIME.
    FAKETIME_NO_CACHE: '0',
    // Timers and monotonic clocks keep real pace; only the wall clock moves.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  };
}

/** The clock of a process started now with its wall clock `seconds` ahead of the machine's. */
export function clockAheadBy(seconds: number): Record<string, string> {
  return clockOffsetEnv(seconds * 1000);
}

/**
 * A clock pinned to start at `start` (epoch ms) for a process about to be started: the
 * environment for it, and `now()`, the instant its clock shows, for the test that drives it.
 * The offset is taken from the machine's clock once, here; from then on `now()` is the pinned
 * start plus the time elapsed, which is the only thing read from the machine's clock.
 */
export interface PinnedClock {
  offsetMs: number;
  env: Record<string, string>;
  now(): number;
}

export function clockStartingAt(start: number, offsetMs = start - Date.now()): PinnedClock {
  return { offsetMs, env: clockOffsetEnv(offsetMs), now: () => Date.now() + offsetMs };
}

/**
 * libfaketime keeps a semaphore and a shared-memory object in /dev/shm named by the PID of the
 * first process it runs in, and removes them when that process exits. One killed with SIGKILL
 * leaves them behind (and pids wrap; faketime's wrapper then refuses to start on a reused pid):
 * drop the objects of our `pid` once it is gone, nothing else.
 */
export function dropFaketimeObjectsOf(pid: number): void {
  if (isRunning(pid)) return;
  let names: string[];
  try {
    names = readdirSync('/dev/shm');
  } catch {
    return;
  }
  for (const name of names)
    if (name === `faketime_shm_${pid}` || name === `sem.faketime_sem_${pid}`)
      rmSync(`/dev/shm/${name}`, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
