import { systemClock, type Clock, type Knex, type Logger } from '@todo/platform';
import { CallbackBatches } from './callback-batches.ts';
import type { JobHandler, JobSpec, Scheduler } from './scheduler.ts';
import { realTimers, type Timers } from './timers.ts';

export interface DaprJobsOptions {
  /** The sidecar's HTTP endpoint, e.g. http://127.0.0.1:3500. */
  daprHttpUrl: string;
  /** `v1.0-alpha1` until the runtime serves the stable path. */
  apiVersion?: string;
  daprApiToken?: string;
  /** Where the firings of the callbacks commit, in batches (callback-batches.ts). */
  knex: Knex;
  logger: Logger;
  clock?: Clock;
  /** How an early callback waits for the due instant; tests pass manual time with their clock. */
  timers?: Timers;
}

/**
 * A callback that fails (the app restarting, the database away) is retried every second
 * until it succeeds. Dapr's default (1 s, at most 3 retries) would drop the reminder after
 * four failures.
 */
const RETRY_UNTIL_HANDLED = { constant: { interval: '1s' } };

/** What we store as the job's `data`: the due instant travels with it, for the callback. */
interface Envelope {
  dueAt: string;
  payload: Record<string, unknown>;
}

/**
 * Scheduler over the Dapr Jobs HTTP API (the JS SDK we use has no jobs client). One-shot
 * jobs at `/v1.0-alpha1/jobs/<name>`: `dueTime` is an RFC 3339 instant in UTC (the
 * scheduler's own zone is never assumed), `overwrite: true` makes scheduling a name again a
 * reschedule, DELETE cancels, `failurePolicy` retries a failed callback without limit.
 * Dapr calls the app back at `POST /job/:name` (see dapr-job-callback-route.ts); the
 * callbacks waiting at a time fire together in one transaction (callback-batches.ts), each
 * answered once its firing committed. Delivery is at-least-once, so the handler must be
 * idempotent (reminder firings are, by event id).
 * Dapr can call back a little early by our clock (its timer is set once from the wall clock
 * and runs on the monotonic one, docs/dapr.md), or ours may be ahead: the callback waits
 * until the due instant so `firedAt` is never before it.
 */
export class DaprJobsScheduler implements Scheduler {
  /** Each call is its own round trip to the sidecar: eight of a batch's tasks at a time. */
  readonly concurrentWrites = 8;
  private readonly base: string;
  private readonly headers: Record<string, string>;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly batches: CallbackBatches;
  private handler: JobHandler | null = null;

  constructor(options: DaprJobsOptions) {
    this.base = `${options.daprHttpUrl.replace(/\/$/, '')}/${options.apiVersion ?? 'v1.0-alpha1'}/jobs/`;
    this.headers = {
      'content-type': 'application/json',
      ...(options.daprApiToken ? { 'dapr-api-token': options.daprApiToken } : {}),
    };
    this.log = options.logger.child({ component: 'dapr-jobs-scheduler' });
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? realTimers;
    this.batches = new CallbackBatches(options.knex, this.clock);
  }

  async schedule(job: JobSpec): Promise<void> {
    const data: Envelope = { dueAt: job.dueAt.toISOString(), payload: job.data };
    const res = await fetch(this.url(job.name), {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify({
        dueTime: job.dueAt.toISOString(),
        data,
        overwrite: true,
        failurePolicy: RETRY_UNTIL_HANDLED,
      }),
    });
    if (!res.ok)
      throw new Error(`Dapr jobs: scheduling ${job.name} failed: ${res.status} ${await res.text()}`);
  }

  async cancel(name: string): Promise<void> {
    const res = await fetch(this.url(name), { method: 'DELETE', headers: this.headers });
    // Cancelling a job that already fired (or never existed) is fine.
    if (!res.ok && res.status !== 404) {
      throw new Error(`Dapr jobs: cancelling ${name} failed: ${res.status} ${await res.text()}`);
    }
  }

  async start(handler: JobHandler): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {
    this.handler = null;
  }

  /** Called by the `/job/:name` route. Throws (→ non-2xx → Dapr retries) when not handled. */
  async handleCallback(name: string, body: unknown): Promise<void> {
    if (!this.handler) throw new Error('scheduler not started');
    const envelope = unwrap(body);
    if (!envelope) {
      this.log.warn({ job: name }, 'job callback without our envelope; ignored');
      return;
    }
    const dueAt = new Date(envelope.dueAt);
    const early = dueAt.getTime() - this.clock.now().getTime();
    if (early > 0) await new Promise<void>((r) => this.timers.set(r, early));
    const handler = this.handler;
    if (!handler) throw new Error('scheduler stopped');
    await this.batches.fire({ name, dueAt, data: envelope.payload, attempts: 0 }, handler);
  }

  private url(name: string): string {
    return this.base + encodeURIComponent(name);
  }
}

/** Dapr sends the job's data as the body; some versions wrap it as `{ data }` (or base64 `value`). */
function unwrap(body: unknown): Envelope | null {
  // A payload that is no object (null included) or an instant that is no date would fail
  // its whole batch of firings on every retry: such a callback is not ours.
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const isEnvelope = (v: unknown): v is Envelope =>
    isObject(v) &&
    typeof v.dueAt === 'string' &&
    !Number.isNaN(new Date(v.dueAt).getTime()) &&
    isObject(v.payload);
  if (isEnvelope(body)) return body;
  if (typeof body === 'object' && body !== null) {
    const inner = (body as { data?: unknown }).data;
    if (isEnvelope(inner)) return inner;
    const value = (inner as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') {
      try {
        const decoded: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
        if (isEnvelope(decoded)) return decoded;
      } catch {
        return null;
      }
    }
  }
  return null;
}
