import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startEmbeddedPostgres, TokenService } from '@todo/platform';
import { listen } from '@todo/platform/event-log/pg-listener.ts';
import { WebSocket } from 'ws';
import { removeDataDir, spawnSystem } from '../deploy/testing/system-process.ts';
import { closedLoop, openLoop } from './lib/http-client.ts';
import { ms, summarise } from './lib/stats.ts';

// Overridable for experiments; the report uses the issue's figures.
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const USERS = env('BENCH_RT_USERS', 1000);
const DEVICES = 5;
const WRITE_RATE = env('BENCH_RT_RATE', 200);
const WRITE_SECONDS = env('BENCH_RT_SECONDS', 30);
const CONNECT_CONCURRENCY = 100;
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** Resident set of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * Issue 4's figures: 5,000 WebSocket clients (1,000 users × 5 devices) on one standalone
 * system, 200 task creations/s spread over the users, and the time from a write being
 * accepted (its 201 arriving) to its message having reached every device of its user.
 */
export async function run(): Promise<string> {
  const system = await spawnSystem({ env: { JWT_SECRET } });
  const sockets: WebSocket[] = [];
  try {
    const tokens = new TokenService(JWT_SECRET, 3600);
    const users = await Promise.all(
      Array.from({ length: USERS }, async () => {
        const userId = randomUUID();
        const { token } = await tokens.issue({ userId, email: `${userId}@bench.example` });
        return { userId, token };
      }),
    );
    const rssIdle = rssMiB(system.pid);
    const userOfToken = new Map(users.map((u) => [u.token, u.userId]));

    // When the projection announced each user's new feed rows (the realtime part starts there).
    const pg = await startEmbeddedPostgres(system.dataDir); // attaches to the system's server
    const notified = new Map<string, number[]>();
    const listener = await listen(
      pg.connectionString,
      'todo_projection',
      (payload) => {
        const at = performance.now();
        for (const id of payload.split(',')) {
          const list = notified.get(id);
          if (list) list.push(at);
          else notified.set(id, [at]);
        }
      },
      () => undefined,
    );

    // taskId → when each device received its message (performance.now()).
    const receipts = new Map<string, number[]>();
    let messages = 0;
    let unexpected = 0;
    const onMessage = (data: WebSocket.RawData) => {
      messages++;
      const m = JSON.parse(data.toString()) as { type: string; task?: { id: string } };
      if (m.type !== 'task.upserted' || !m.task) {
        unexpected++;
        return;
      }
      const list = receipts.get(m.task.id);
      if (list) list.push(performance.now());
      else receipts.set(m.task.id, [performance.now()]);
    };

    const connectOne = async (i: number) => {
      const user = users[i % USERS]!;
      const res = await fetch(`${system.url}/api/realtime/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}` },
      });
      if (res.status !== 200) throw new Error(`ticket: ${res.status}`);
      const { ticket } = (await res.json()) as { ticket: string };
      const ws = new WebSocket(`${system.url.replace('http', 'ws')}/ws?ticket=${ticket}`, {
        perMessageDeflate: false,
      });
      sockets.push(ws);
      ws.on('message', onMessage);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
    };
    const t0 = performance.now();
    await closedLoop(USERS * DEVICES, CONNECT_CONCURRENCY, connectOne);
    const connectSeconds = (performance.now() - t0) / 1000;
    const accepted = (USERS * DEVICES) / connectSeconds;
    await new Promise((r) => setTimeout(r, 2000));
    const rssConnected = rssMiB(system.pid);

    let rssPeak = rssConnected;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(system.pid))), 500);
    const acceptedAt = new Map<string, number>();
    const sentAt = new Map<string, number>();
    const ownerOf = new Map<string, string>();
    let failedWrites = 0;
    await openLoop(WRITE_RATE, WRITE_SECONDS, async (i) => {
      const user = users[Math.floor(Math.random() * USERS)]!;
      const started = performance.now();
      const res = await fetch(`${system.url}/api/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `bench ${i}`, timezone: 'UTC' }),
      });
      const at = performance.now();
      if (res.status !== 201) {
        failedWrites++;
        await res.arrayBuffer();
        return;
      }
      const { id } = (await res.json()) as { id: string };
      acceptedAt.set(id, at);
      sentAt.set(id, started);
      ownerOf.set(id, userOfToken.get(user.token)!);
    });
    // Let the last messages arrive.
    const settleDeadline = Date.now() + 10_000;
    const complete = () => [...acceptedAt.keys()].every((id) => (receipts.get(id)?.length ?? 0) >= DEVICES);
    while (!complete() && Date.now() < settleDeadline) await new Promise((r) => setTimeout(r, 100));
    clearInterval(sampler);
    await listener.close();

    const fromAccepted: number[] = [];
    const fromSent: number[] = [];
    const fromNotify: number[] = [];
    let incomplete = 0;
    for (const [id, at] of acceptedAt) {
      const got = receipts.get(id) ?? [];
      if (got.length < DEVICES) {
        incomplete++;
        continue;
      }
      const last = Math.max(...got);
      fromAccepted.push(Math.max(0, last - at));
      fromSent.push(last - sentAt.get(id)!);
      // The first announcement for the user after the request was sent, before the delivery.
      const first = Math.min(...got);
      const notice = (notified.get(ownerOf.get(id)!) ?? []).find((t) => t >= sentAt.get(id)! && t <= first);
      if (notice !== undefined) fromNotify.push(last - notice);
    }
    const a = summarise(fromAccepted);
    const s = summarise(fromSent);
    const n = summarise(fromNotify);
    const writes = acceptedAt.size;
    return [
      '## Realtime (issue 4)',
      '',
      `The standalone system in a child process (embedded PostgreSQL); ${USERS * DEVICES} WebSocket clients`,
      `(${USERS} users × ${DEVICES} devices) and the writer in the benchmark process, loopback only.`,
      `Writes: \`POST /api/tasks\` open loop at ${WRITE_RATE}/s for ${WRITE_SECONDS} s, each for a random user.`,
      'Latency of a write = the last of its user’s 5 devices receiving `task.upserted`, measured from',
      'the 201 arriving at the writer ("accepted") and from the request being sent.',
      '',
      `- Connections: ${USERS * DEVICES} opened (ticket + upgrade, ${CONNECT_CONCURRENCY} at a time) in ${connectSeconds.toFixed(1)} s: **${accepted.toFixed(0)} connections accepted/s**.`,
      `- Writes accepted: ${writes} (${failedWrites} failed); messages received: ${messages} (expected ${writes * DEVICES}; ${incomplete} writes did not reach all devices within 10 s; ${unexpected} other messages).`,
      `- System process RSS (realtime runs inside it; PostgreSQL is separate): idle ${rssIdle.toFixed(0)} MiB, with ${USERS * DEVICES} connections ${rssConnected.toFixed(0)} MiB, peak under load ${rssPeak.toFixed(0)} MiB (target ≤ 500 MB).`,
      '',
      '| latency to all 5 devices | writes | p50 | p95 | p99 | max | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| from write accepted | ${a.count} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(a.p99)} | ${ms(a.max)} | p99 ≤ 100 ms |`,
      `| from request sent | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | |`,
      `| from the projection's NOTIFY (realtime's own share) | ${n.count} | ${ms(n.p50)} | ${ms(n.p95)} | ${ms(n.p99)} | ${ms(n.max)} | |`,
      '',
    ].join('\n');
  } finally {
    for (const ws of sockets) ws.terminate();
    await system.stop();
    removeDataDir(system.dataDir);
  }
}
