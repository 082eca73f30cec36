import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** /proc/<pid>/stat after the command name: state, parent pid, … */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Whether the process exists and is not a zombie waiting for its new parent to reap it. */
export function isAlive(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return statFields(pid)?.[0] !== 'Z';
}

/** The parent of a process, or null if it is gone. */
export function parentPid(pid: number): number | null {
  const fields = statFields(pid);
  if (fields) return Number(fields[1]);
  if (existsSync('/proc')) return null;
  try {
    return (
      Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim()) || null
    );
  } catch {
    return null;
  }
}

/** Pids of the PostgreSQL servers running on a data directory (Linux), for checks and tests. */
export function postgresProcessesOf(pgDir: string): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.endsWith('/postgres')) && args.includes(pgDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}
