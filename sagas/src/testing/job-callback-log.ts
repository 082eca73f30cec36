import type { FastifyInstance } from 'fastify';

/** One call of the sidecar to `/job/<name>`: when it came, when and how the app answered. */
export interface JobCallback {
  arrivedAt: number;
  answeredAt: number;
  status: number;
}

// Test support for the specs against the real Dapr scheduler. "Never early" is the app's
// promise, not the scheduler's: the scheduler turns a due instant into a timer once, from the
// wall clock, and the timer runs on the monotonic clock. On this VM the wall clock gained
// 0.9 ms on the monotonic one in 30 s, so a job set 25 s ahead was called back 1 ms before
// its instant by the machine's time. The adapter holds such a callback until the instant,
// so the answer (a 200 is a firing) is what must never come before it.
export class JobCallbackLog {
  private readonly calls = new Map<string, JobCallback[]>();
  private readonly arrivals = new WeakMap<object, number>();

  /** Records every `/job/<name>` call of the app; register before the route. */
  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request) => {
      if (jobName(request.url)) this.arrivals.set(request, Date.now());
    });
    app.addHook('onResponse', async (request, reply) => {
      const name = jobName(request.url);
      const arrivedAt = this.arrivals.get(request);
      if (!name || arrivedAt === undefined) return;
      const call = { arrivedAt, answeredAt: Date.now(), status: reply.statusCode };
      this.calls.set(name, [...this.of(name), call]);
    });
  }

  /** The calls answered so far for one job, in order. */
  of(name: string): JobCallback[] {
    return this.calls.get(name) ?? [];
  }
}

/** The job a callback URL is for, if it is one. */
export function jobName(url: string): string | undefined {
  return /^\/job\/(.+)$/.exec(url)?.[1];
}
