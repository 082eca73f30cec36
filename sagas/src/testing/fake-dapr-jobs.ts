import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  readonly jobs = new Map<string, FakeJob & { timer: NodeJS.Timeout }>();
  readonly requests: { method: string; name: string; body: unknown }[] = [];
  /** How many times each trigger is delivered (Dapr is at-least-once). */
  deliveries = 1;
  /** Where the app listens (the sidecar's `--app-port`). */
  appUrl = '';
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
          if (existing) clearTimeout(existing.timer);
          const dueTime = String(body?.dueTime);
          const delay = Math.max(0, new Date(dueTime).getTime() - Date.now());
          const timer = setTimeout(() => void this.trigger(name), delay);
          this.jobs.set(name, { name, dueTime, data: body?.data, timer });
          return void res.writeHead(204).end();
        }
        if (req.method === 'GET') {
          if (!existing) return void res.writeHead(404).end();
          const { timer: _t, ...job } = existing;
          return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(job));
        }
        if (req.method === 'DELETE') {
          if (!existing) return void res.writeHead(404).end();
          clearTimeout(existing.timer);
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
    for (const j of this.jobs.values()) clearTimeout(j.timer);
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
