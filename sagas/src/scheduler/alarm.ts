import { realTimers, type Timers } from './timers.ts';

/**
 * Lets several loops sleep until a deadline or until rung. A loop takes a ticket before
 * it looks at the table; a ring that happens after that makes its sleep return at once,
 * so a wake-up between "look" and "sleep" is never lost.
 */
export class Alarm {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private readonly timers: Timers;

  constructor(timers: Timers = realTimers) {
    this.timers = timers;
  }

  ticket(): number {
    return this.generation;
  }

  ring(): void {
    this.generation++;
    const waiting = [...this.waiters];
    this.waiters.clear();
    waiting.forEach((wake) => wake());
  }

  async sleep(ms: number, ticket: number): Promise<void> {
    if (ticket !== this.generation) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        cancel();
        this.waiters.delete(done);
        resolve();
      };
      const cancel = this.timers.set(done, ms);
      this.waiters.add(done);
    });
  }
}
