import { listen, type Clock, type Logger } from '@todo/platform';
import { Alarm } from '../scheduler/alarm.ts';
import type { Timers } from '../scheduler/timers.ts';

const IDLE_RECHECK_MS = 30_000;

export interface DeliveryLoopOptions<T> {
  connectionString: string;
  /** The NOTIFY channel that says "something was queued" (from any instance). */
  channel: string;
  logger: Logger;
  clock: Clock;
  timers?: Timers;
  /** Claims what is due now (with a lease, so the slow part runs outside any transaction). */
  claim(now: Date): Promise<T[]>;
  deliver(item: T): Promise<void>;
  /** The earliest next attempt still pending, to sleep until. */
  nextAttemptAt(): Promise<Date | null>;
}

/**
 * The loop of an outbox worker (webhooks, reminder emails): claim what is due, deliver it,
 * then sleep until the next attempt is due, a NOTIFY or a `wake()`, at most 30 s.
 */
export class DeliveryLoop<T> {
  private readonly o: DeliveryLoopOptions<T>;
  private readonly alarm: Alarm;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private listener: { close(): Promise<void> } | null = null;

  constructor(options: DeliveryLoopOptions<T>) {
    this.o = options;
    this.alarm = new Alarm(options.timers);
  }

  wake(): void {
    this.alarm.ring();
  }

  async start(): Promise<void> {
    this.running = true;
    this.listener = await listen(
      this.o.connectionString,
      this.o.channel,
      () => this.alarm.ring(),
      (err) => this.o.logger.warn({ err }, `${this.o.channel} LISTEN error`),
    ).catch(() => null);
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.alarm.ring();
    await this.loopDone;
    await this.listener?.close();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const ticket = this.alarm.ticket();
      try {
        const claimed = await this.o.claim(this.o.clock.now());
        await Promise.all(claimed.map((c) => this.o.deliver(c)));
        if (claimed.length > 0) continue;
        const next = await this.o.nextAttemptAt();
        const wait = next ? Math.max(5, next.getTime() - this.o.clock.now().getTime()) : IDLE_RECHECK_MS;
        await this.alarm.sleep(Math.min(wait, IDLE_RECHECK_MS), ticket);
      } catch (err) {
        this.o.logger.error({ err }, `${this.o.channel} delivery loop failed; retrying`);
        await this.alarm.sleep(1000, ticket);
      }
    }
  }
}
