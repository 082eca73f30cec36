import { spawnSync } from 'node:child_process';

// A process we start must not outlive us, however we end: a SIGKILL runs none of our exit
// hooks, and the child (daprd, the scheduler, Kafka's JVM, PostgreSQL) would go on holding
// its ports and data directory. Linux's parent-death signal (prctl PR_SET_PDEATHSIG) is sent
// by the kernel when the parent dies, whatever the way. util-linux's `setpriv` sets it and
// then execs the command, which keeps it (the program is not set-uid), so the child is the
// program itself under the same pid: no wrapper process, no native addon.
//
// The kernel sends it when the *thread* that forked the child ends: Node spawns from the
// main thread, which lives as long as the process (never spawn a child that should outlive
// a worker thread from that thread).

let setprivWorks: boolean | undefined;

/** Whether `setpriv --pdeathsig` is there (Linux with util-linux ≥ 2.33); checked once. */
export function parentDeathSignalAvailable(): boolean {
  if (setprivWorks === undefined) {
    const probe =
      process.platform === 'linux'
        ? spawnSync('setpriv', ['--pdeathsig', 'keep', '--', 'true'], { stdio: 'ignore' })
        : null;
    setprivWorks = probe?.status === 0;
  }
  return setprivWorks;
}

/**
 * The command line that runs `command` so that the kernel sends it `signal` when this
 * process dies. Without setpriv (not Linux), the command as it is: the child then ends only
 * when we stop it, as before.
 */
export function endingWithParent(
  command: string,
  args: readonly string[],
  signal: NodeJS.Signals = 'SIGTERM',
): { command: string; args: string[] } {
  if (!parentDeathSignalAvailable()) return { command, args: [...args] };
  return { command: 'setpriv', args: ['--pdeathsig', signal, '--', command, ...args] };
}
