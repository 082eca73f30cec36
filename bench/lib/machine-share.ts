import { readFileSync } from 'node:fs';

interface CpuTicks {
  busy: number;
  steal: number;
  total: number;
}

/** The machine's CPU ticks so far (all cores, from /proc/stat); null where there is none. */
function ticks(): CpuTicks | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq;
    return { busy, steal, total: busy + idle + iowait + steal };
  } catch {
    return null;
  }
}

/** How busy the machine was while `work` ran: its cores' busy share and the share the host stole. */
export interface MachineShare {
  busyPercent: number;
  stolenPercent: number;
}

/**
 * Runs `work` and says how the machine's cores were spent meanwhile. On a virtual machine the
 * host may run other guests on our cores ("steal"): latency tails then come from outside the
 * system measured, and the figure says so beside them.
 */
export async function measuringShare<T>(
  work: () => Promise<T>,
): Promise<{ result: T; share: MachineShare | null }> {
  const before = ticks();
  const result = await work();
  const after = ticks();
  if (!before || !after || after.total === before.total) return { result, share: null };
  const total = after.total - before.total;
  return {
    result,
    share: {
      busyPercent: (100 * (after.busy - before.busy)) / total,
      stolenPercent: (100 * (after.steal - before.steal)) / total,
    },
  };
}

export const shareText = (share: MachineShare | null) =>
  share ? `${share.busyPercent.toFixed(0)} % / ${share.stolenPercent.toFixed(1)} %` : 'n/a';
