import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TASK_CREATED, type AnyEnvelope } from '@todo/contracts';
import { taskCreatedData } from '@todo/contracts/testing';
import { removeDataDir, spawnSystem } from '@todo/deploy/testing';
import { createKnex, resolveJwtSecret, startEmbeddedPostgres, TokenService, type Knex } from '@todo/platform';
import { applyToTasks } from '@todo/projectors';
import { openLoop, request, timed } from './http-client.ts';
import { ms, summarise } from './stats.ts';

/**
 * Issue 13 item 6: how list latency and memory grow with one user's tasks and with the number
 * of users. The tasks are seeded straight into the read model through the projection's own
 * fold and row writer (`applyToTasks`, as replay writes), not through HTTP: a million creates
 * through the API would take the whole run. The read path is the real one: `GET /api/tasks`
 * on the standalone system, timed at the HTTP client, with session tokens the system's own
 * secret signs (minted here: a sign-up's scrypt would cost ~0.1 s of CPU per user).
 */
export interface ScalingCase {
  label: string;
  users: number;
  tasksPerUser: number;
}

const LIST_RATE = 300;
const LIST_SECONDS = 5;
const QUERY = 'sort=due&limit=50';
const TAG_QUERY = 'tag=work&sort=priority&order=desc&limit=50';

let position = 0;
function createdEvent(userId: string, i: number): AnyEnvelope {
  const seq = String(++position);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'bench',
    type: TASK_CREATED,
    subject: randomUUID(),
    time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    datacontenttype: 'application/json',
    data: taskCreatedData({
      title: `Item ${i} ${i % 10 === 0 ? 'invoice' : 'chore'}`,
      priority: (['none', 'low', 'medium', 'high'] as const)[i % 4]!,
      tags: [i % 3 === 0 ? 'work' : 'home'],
      dueAt: new Date(Date.UTC(2027, 0, 1) + (i % 365) * 86_400_000).toISOString(),
    }),
    userid: userId,
    streamversion: 1,
    position: seq,
    userseq: seq,
    correlationid: 'bench',
    causationid: null,
  } as AnyEnvelope;
}

/**
 * Adds `count` tasks (numbered from `from`) to each user: 2,000 events per transaction (the
 * insert binds ~20 values a row; PostgreSQL takes at most 65,535), two transactions at once
 * (disjoint tasks), so that seeding uses both cores.
 */
async function seed(knex: Knex, users: readonly string[], from: number, count: number): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let batch: AnyEnvelope[] = [];
  const flush = async () => {
    const events = batch;
    batch = [];
    const done: Promise<void> = knex
      .transaction((trx) => applyToTasks(trx, events, { live: false }))
      .then(() => void inFlight.delete(done));
    inFlight.add(done);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  };
  for (const user of users)
    for (let i = from; i < from + count; i++) {
      batch.push(createdEvent(user, i));
      if (batch.length >= 2000) await flush();
    }
  if (batch.length) await flush();
  await Promise.all(inFlight);
  await knex.raw('analyze tasks');
}

const rssMiB = (pid: number) => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * Runs one series on a fresh system: each case grows the data of the one before (more tasks
 * for the same user, or more users) and measures `GET /api/tasks` at LIST_RATE requests/s,
 * each request by one of the users in turn.
 */
export async function scalingSeries(
  series: readonly ScalingCase[],
): Promise<{ rows: string[]; seedSeconds: number[] }> {
  const system = await spawnSystem();
  const pg = await startEmbeddedPostgres(system.dataDir, { log: { info: () => {}, warn: () => {} } });
  const knex = createKnex(pg.connectionString, 4);
  const tokens = new TokenService(resolveJwtSecret(undefined, join(system.dataDir, 'jwt-secret')), 3600);
  const users: { id: string; token: string }[] = [];
  const rows: string[] = [];
  const seedSeconds: number[] = [];
  let seeded = 0;
  try {
    for (const c of series) {
      const t0 = performance.now();
      // More users: the new ones get every task; more tasks: the same users get the rest.
      const fresh: string[] = [];
      while (users.length < c.users) {
        const id = randomUUID();
        fresh.push(id);
        users.push({ id, token: (await tokens.issue({ userId: id, email: `${id}@example.com` })).token });
      }
      const old = users.slice(0, users.length - fresh.length).map((u) => u.id);
      if (old.length) await seed(knex, old, seeded, c.tasksPerUser - seeded);
      if (fresh.length) await seed(knex, fresh, 0, c.tasksPerUser);
      seeded = c.tasksPerUser;
      seedSeconds.push((performance.now() - t0) / 1000);
      const list = (query: string) => (i: number) =>
        timed(
          () =>
            request(`${system.url}/api/tasks?${query}`, {
              headers: { authorization: `Bearer ${users[i % users.length]!.token}` },
            }),
          200,
        );
      await openLoop(LIST_RATE, 1, list(QUERY)); // warm-up: connections, caches
      const due = summarise(await openLoop(LIST_RATE, LIST_SECONDS, list(QUERY)));
      const tag = summarise(await openLoop(LIST_RATE, LIST_SECONDS, list(TAG_QUERY)));
      const size = (
        await knex.raw(`select pg_total_relation_size('tasks') as total, pg_relation_size('tasks') as heap`)
      ).rows[0] as { total: string; heap: string };
      rows.push(
        `| ${c.label} | ${(c.users * c.tasksPerUser).toLocaleString('en')} | ${ms(due.p50)} | ${ms(due.p99)} | ${ms(tag.p50)} | ${ms(tag.p99)} | ${rssMiB(system.pid).toFixed(0)} MiB | ${mib(Number(size.heap))} / ${mib(Number(size.total))} |`,
      );
    }
  } finally {
    await knex.destroy();
    await pg.stop(); // attached: the system owns PostgreSQL's shutdown
    await system.stop();
    removeDataDir(system.dataDir);
  }
  return { rows, seedSeconds };
}

export const SCALING_QUERIES = { due: QUERY, tag: TAG_QUERY, rate: LIST_RATE, seconds: LIST_SECONDS };
