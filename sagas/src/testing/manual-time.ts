import type { Clock } from '@todo/platform';
import type { Timers } from '../scheduler/timers.ts';

interface PendingTimer {
  deadline: number;
  callback: () => void;
}

export interface ManualTime {
  /** The clock the product reads: it stands still until the test advances it. */
  clock: Clock;
  /** Timers that go off only when the test moves `now` to their deadline. */
  timers: Timers;
  now(): Date;
  /** Moves now forward; every timer whose deadline has come goes off. */
  advance(ms: number): void;
  /** Sets off every pending timer now, whatever its deadline: a spurious, early wake-up. */
  wakeEarly(): void;
  /**
   * Resolves once `count` timers are pending with exactly this deadline, i.e. the loops
   * have looked and gone to sleep until `at`. A bounded wait: it fails only by timing out.
   */
  asleepUntil(at: Date, count?: number, timeoutMs?: number): Promise<void>;
  /** How many timers are pending with exactly this deadline, now (a look, no wait). */
  sleepersUntil(at: Date): number;
}

/**
 * Time a test drives: `now` is pinned and moves only when the test says, and sleeps end
 * only when `now` reaches their deadline. So "never before its instant" and "at its
 * instant" become facts the test checks, not races against the machine's clock.
 */
export function manualTime(iso: string): ManualTime {
  let current = new Date(iso).getTime();
  const pending = new Set<PendingTimer>();
  const watchers = new Set<() => void>();
  const notify = () => [...watchers].forEach((check) => check());
  // A timer goes off on a later turn of the event loop, as a real one does.
  const fire = (timer: PendingTimer) => {
    pending.delete(timer);
    setImmediate(timer.callback);
  };

  const timers: Timers = {
    set(callback, ms) {
      const timer = { deadline: current + Math.max(0, ms), callback };
      if (timer.deadline <= current) {
        const handle = setImmediate(callback);
        return () => clearImmediate(handle);
      }
      pending.add(timer);
      notify();
      return () => {
        pending.delete(timer);
      };
    },
  };

  return {
    clock: { now: () => new Date(current) },
    timers,
    now: () => new Date(current),
    advance(ms) {
      current += ms;
      for (const timer of [...pending]) if (timer.deadline <= current) fire(timer);
    },
    wakeEarly() {
      for (const timer of [...pending]) fire(timer);
    },
    sleepersUntil(at) {
      return [...pending].filter((t) => t.deadline === at.getTime()).length;
    },
    asleepUntil(at, count = 1, timeoutMs = 10_000) {
      const matches = () => [...pending].filter((t) => t.deadline === at.getTime()).length >= count;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!matches()) return;
          done();
          resolve();
        };
        const timeout = setTimeout(() => {
          done();
          const deadlines = [...pending].map((t) => new Date(t.deadline).toISOString());
          reject(
            new Error(`nothing went to sleep until ${at.toISOString()} (pending: ${deadlines.join(', ')})`),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timeout);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
  };
}
