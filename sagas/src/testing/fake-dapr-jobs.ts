import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '@todo/platform';
import { realTimers, type Timers } from '../scheduler/timers.ts';

export interface FakeJob {
  name: string;
  dueTime: string;
  data: unknown;
}

/**
 * A stand-in for the Dapr sidecar's Jobs HTTP API, implementing only what the adapter
 * uses: POST /v1.0-alpha1/jobs/:name ({dueTime, data, overwrite}), GET and DELETE of the
 * same path, and the trigger: at dueTime it POSTs the job's data to the app's
 * /job/:name, retrying non-2xx answers. Tests against it prove the adapter speaks that
 * contract as documented and that its callback is idempotent under repeated delivery; they
 * do not prove the real Dapr scheduler's timing or storage.
 */
export class FakeDaprJobs {
  readonly jobs = new Map<string, FakeJob & { cancel: () => void }>();
  readonly requests: { method: string; name: string; body: unknown }[] = [];
  /** How many times each trigger is delivered (Dapr is at-least-once). */
  deliveries = 1;
  /** Where the app listens (the sidecar's `--app-port`). */
  appUrl = '';
  /** The sidecar's own clock and timers: a test may set them apart from the app's. */
  private readonly clock: Clock;
  private readonly timers: Timers;
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(options: { clock?: Clock; timers?: Timers } = {}) {
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? realTimers;
  }

  /** Resolves once every trigger already set off has been delivered. */
  async settled(): Promise<void> {
    // A timer that has gone off starts its trigger on a later turn of the event loop.
    await new Promise((r) => setImmediate(r));
    if (this.inFlight === 0) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const m = /^\/v1\.0-alpha1\/jobs\/([^/?]+)$/.exec(req.url ?? '');
        if (!m) return void res.writeHead(404).end();
        const name = decodeURIComponent(m[1]!);
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
        this.requests.push({ method: req.method ?? '', name, body });
        const existing = this.jobs.get(name);
        if (req.method === 'POST') {
          if (existing && body?.overwrite !== true) return void res.writeHead(409).end('job exists');
          if (existing) existing.cancel();
          const dueTime = String(body?.dueTime);
          const delay = Math.max(0, new Date(dueTime).getTime() - this.clock.now().getTime());
          const cancel = this.timers.set(() => void this.trigger(name), delay);
          this.jobs.set(name, { name, dueTime, data: body?.data, cancel });
          return void res.writeHead(204).end();
        }
        if (req.method === 'GET') {
          if (!existing) return void res.writeHead(404).end();
          const { cancel: _c, ...job } = existing;
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(job));
        }
        if (req.method === 'DELETE') {
          if (!existing) return void res.writeHead(404).end();
          existing.cancel();
          this.jobs.delete(name);
          return void res.writeHead(204).end();
        }
        res.writeHead(405).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const j of this.jobs.values()) j.cancel();
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await closed;
  }

  private async trigger(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) return;
    this.jobs.delete(name);
    this.inFlight++;
    try {
      await this.deliver(name, job);
    } finally {
      if (--this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    }
  }

  private async deliver(name: string, job: FakeJob): Promise<void> {
    for (let d = 0; d < this.deliveries; d++) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await fetch(`${this.appUrl}/job/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(job.data),
        }).catch(() => null);
        if (res?.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
