import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { endingWithParent } from '../processes/parent-death.ts';

// Supervision of the processes the scripts start (Kafka broker, daprd, scheduler): one set of
// rules for "is it alive", "is it still ours" and "stop it", so a recycled PID is never signalled.

/** A process we started, by PID, with the log file it writes and the command line we gave it. */
export interface StartedProcess {
  pid: number;
  logFile: string;
  /** A string of its command line that only our process has (guards against a reused PID). */
  marker: string;
  /** The process whose death ends it (the kernel's parent-death signal); none: it outlives its starter. */
  endsWith?: number;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Only a live process whose command line has our marker is ours; without /proc, the PID is trusted. */
export function isOurs(p: Pick<StartedProcess, 'pid' | 'marker'>): boolean {
  try {
    return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(p.marker);
  } catch {
    return !existsSync('/proc/self') && isAlive(p.pid);
  }
}

/**
 * Starts a detached process whose output goes to `logFile` (appended: a restart keeps the
 * story). It is detached so that a terminal's Ctrl-C does not reach it before we stop it in
 * order; and unless `outlivesUs`, it gets SIGTERM from the kernel when this process dies
 * (a SIGKILL too), so it never stays behind holding its ports and data.
 */
export function launch(
  command: string,
  args: string[],
  logFile: string,
  marker: string,
  options: { outlivesUs?: boolean } = {},
): StartedProcess {
  const out = openSync(logFile, 'a');
  const run = options.outlivesUs ? { command, args } : endingWithParent(command, args);
  const child = spawn(run.command, run.args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${command}`);
  return { pid: child.pid, logFile, marker, ...(options.outlivesUs ? {} : { endsWith: process.pid }) };
}

export function logTail(logFile: string, chars = 3000): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-chars) : '';
}

/**
 * Waits (bounded) until `ready()` says yes; fails with the tail of `tailOf` (by default the
 * process's own output) if the process died or was not ready in time.
 */
export async function waitUntil(
  p: StartedProcess,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs = 90_000,
  tailOf = p.logFile,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(p.pid)) throw new Error(`${what} exited during start-up:\n${logTail(tailOf)}`);
    if (await ready().catch(() => false)) return;
    await sleep(100);
  }
  // Not ready in time: it is ours, so it does not outlive the failure.
  await stopProcess(p, 'SIGKILL');
  throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${logTail(tailOf)}`);
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

/** Stops a process we started: the signal, then SIGKILL after a timeout. A gone process is fine. */
export async function stopProcess(
  p: Pick<StartedProcess, 'pid' | 'marker'>,
  signal: NodeJS.Signals = 'SIGTERM',
  timeoutMs = 20_000,
): Promise<void> {
  if (!isOurs(p)) return;
  process.kill(p.pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(p.pid) && isOurs(p)) {
    if (Date.now() > deadline) {
      process.kill(p.pid, 'SIGKILL');
      await sleep(200);
      return;
    }
    await sleep(50);
  }
}
