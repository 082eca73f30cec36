import { taskCreatedEvent } from '@todo/contracts/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  createKafka,
  createKnex,
  createLogger,
  ensureTopics,
  migrate,
  PostgresEventStore,
  startEmbeddedPostgres,
  type NewEvent,
} from '@todo/platform';
import { allMigrations } from '@todo/deploy';
import { startCluster } from '@todo/deploy';
import { startBroker, stopBroker, type BrokerState } from '@todo/platform/testing';
import { ms, summarise } from './lib/stats.ts';

const PARTITIONS = 6;
const THROUGHPUT_EVENTS = 60_000;
const CONCURRENT_EVENTS = 30_000;
const EVENTS_PER_APPEND = 10;
const WRITERS = 12;
const LAG_RATE = 300; // events/s, open loop
const LAG_SECONDS = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A task's life in `n` events: created, then edited; valid for the tasks projection. */
function taskEvents(n: number): NewEvent[] {
  const created: NewEvent = taskCreatedEvent({ title: 'bench' });
  return [
    created,
    ...Array.from({ length: n - 1 }, (_, i) => ({
      type: 'todo.task.updated.v1',
      data: { changes: { title: `bench ${i}` } },
    })),
  ];
}

/**
 * Issue 7's figures: events/s through store → relay → Kafka → projector, and the lag from
 * a committed write to the read model, in cluster mode: the relay and two projector
 * instances are their own processes (deploy/cluster), on a single-node KRaft broker.
 */
export async function run(): Promise<string> {
  const logger = createLogger('silent');
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-bench-kafka-'));
  const pgServer = await startEmbeddedPostgres(dataDir);
  let broker: BrokerState | null = null;
  const external = process.env.KAFKA_BROKERS;
  if (!external) broker = await startBroker();
  const brokers = external ?? broker!.brokers;
  const topic = `bench.task-events.${randomBytes(4).toString('hex')}`;
  const knex = createKnex(pgServer.connectionString, WRITERS + 4);
  const listener = new pg.Client({ connectionString: pgServer.connectionString });
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  try {
    await migrate(knex, allMigrations);
    const admin = createKafka({ brokers: brokers.split(','), clientId: 'bench' }, logger).admin();
    await admin.connect();
    await ensureTopics(admin, { topic, partitions: PARTITIONS, replicationFactor: 1, minInsyncReplicas: 1 });
    await admin.disconnect();
    cluster = await startCluster({
      databaseUrl: pgServer.connectionString,
      kafkaBrokers: brokers,
      jwtSecret: randomBytes(32).toString('base64url'),
      host: '127.0.0.1',
      port: 0,
      logger,
      instances: { relay: 1, projector: 2, 'command-api': 0, 'query-api': 0, saga: 0, realtime: 0 },
      env: { KAFKA_TOPIC: topic, LOG_LEVEL: 'error' },
      output: 'ignore',
      restart: false,
    });
    const store = new PostgresEventStore(knex);
    const append = (user: string, n: number) =>
      store.append(randomUUID(), 0, taskEvents(n), { userId: user, source: 'bench', correlationId: 'bench' });
    const applied = async () =>
      Number(
        (
          await knex('projection_user_progress')
            .where({ projection: 'tasks' })
            .sum<{ s: string }[]>('applied as s')
        )[0]?.s ?? 0,
      );

    // Warm-up: group membership, producer id, JIT.
    await append(randomUUID(), EVENTS_PER_APPEND);
    while ((await applied()) < EVENTS_PER_APPEND) await sleep(20);

    const writeAll = async (total: number) => {
      const t = performance.now();
      await Promise.all(
        Array.from({ length: WRITERS }, async () => {
          const user = randomUUID();
          for (let i = 0; i < total / WRITERS / EVENTS_PER_APPEND; i++) await append(user, EVENTS_PER_APPEND);
        }),
      );
      return performance.now() - t;
    };
    const untilApplied = async (target: number) => {
      while ((await applied()) < target) await sleep(10);
    };

    // Relay → Kafka → projectors alone: a backlog written while the relay was down, drained
    // from the moment the relay process is started again (its start-up included).
    await cluster.kill('relay', 1, 'SIGTERM');
    const backlogBase = await applied();
    await writeAll(THROUGHPUT_EVENTS);
    const t0 = performance.now();
    await cluster.revive('relay', 1);
    await untilApplied(backlogBase + THROUGHPUT_EVENTS);
    const drainRate = THROUGHPUT_EVENTS / ((performance.now() - t0) / 1000);

    // End to end with the writers running at the same time: the clock stops when the read
    // model has applied every event.
    const base = await applied();
    const t1 = performance.now();
    const writeMs = await writeAll(CONCURRENT_EVENTS);
    await untilApplied(base + CONCURRENT_EVENTS);
    const endToEndRate = CONCURRENT_EVENTS / ((performance.now() - t1) / 1000);
    const storeRate = CONCURRENT_EVENTS / (writeMs / 1000);

    // Lag: an open loop at a fixed rate, one event per append. A write's lag runs from the
    // moment its append committed (the promise resolved) to the first moment the projection's
    // per-user count was seen to include it: after a NOTIFY from the projector's commit
    // naming the user, the count is read and the time taken after the read (so the figure
    // errs on the high side). Observations are kept and matched at the end, so a write whose
    // continuation runs late is never mismatched.
    const lagUsers = Array.from({ length: 20 }, () => randomUUID());
    const observations = new Map<string, Array<{ at: number; applied: number }>>(
      lagUsers.map((u) => [u, []]),
    );
    const dirty = new Set<string>();
    const waker: { wake: (() => void) | null } = { wake: null };
    let measuring = true;
    await listener.connect();
    listener.on('notification', (msg) => {
      for (const user of (msg.payload ?? '').split(',')) if (observations.has(user)) dirty.add(user);
      waker.wake?.();
    });
    await listener.query('listen todo_projection');
    const resolver = (async () => {
      while (measuring || dirty.size > 0) {
        if (dirty.size === 0) {
          await new Promise<void>((r) => {
            waker.wake = r;
            setTimeout(r, 50);
          });
          continue;
        }
        const users = [...dirty];
        dirty.clear();
        const rows: Array<{ user_id: string; applied: string }> = await knex('projection_user_progress')
          .where({ projection: 'tasks' })
          .whereIn('user_id', users)
          .select('user_id', 'applied');
        const at = performance.now();
        for (const row of rows) observations.get(row.user_id)!.push({ at, applied: Number(row.applied) });
      }
    })();

    // Where the lag lives: when each event reaches a plain Kafka consumer in this process,
    // which joins at the end of the topic before the writes start.
    const arrivedAt = new Map<string, number>();
    const observer = createKafka(
      { brokers: brokers.split(','), clientId: 'bench-observer' },
      logger,
    ).consumer({
      groupId: `bench-observer-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    await observer.connect();
    await observer.subscribe({ topic, fromBeginning: false });
    let observerReady = false;
    observer.on(observer.events.GROUP_JOIN, () => (observerReady = true));
    void observer.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        if (id) arrivedAt.set(id, performance.now());
      },
    });
    while (!observerReady) await sleep(20);
    await sleep(1000);

    const writes: Array<{ id: string; user: string; seq: number; committedAt: number }> = [];
    const interval = 1000 / LAG_RATE;
    const start = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < LAG_RATE * LAG_SECONDS; i++) {
      const wait = start + i * interval - performance.now();
      if (wait > 1) await sleep(wait);
      const user = lagUsers[i % lagUsers.length]!;
      inFlight.push(
        append(user, 1).then((r) => {
          const e = r.events[0]!;
          writes.push({ id: e.id, user, seq: Number(e.userseq), committedAt: performance.now() });
        }),
      );
    }
    await Promise.all(inFlight);
    const offeredRate = (LAG_RATE * LAG_SECONDS) / ((performance.now() - start) / 1000);
    const seen = (w: (typeof writes)[number]) => observations.get(w.user)!.find((o) => o.applied >= w.seq);
    const lagDeadline = Date.now() + 30_000;
    while (writes.some((w) => !seen(w)) && Date.now() < lagDeadline) await sleep(50);
    measuring = false;
    waker.wake?.();
    await resolver;
    const lags = writes.flatMap((w) => {
      const o = seen(w);
      return o ? [Math.max(0, o.at - w.committedAt)] : [];
    });
    const onKafka = writes.flatMap((w) => {
      const at = arrivedAt.get(w.id);
      return at === undefined ? [] : [Math.max(0, at - w.committedAt)];
    });
    const lag = summarise(lags);
    const kafkaLag = summarise(onKafka);
    await observer.disconnect();

    return [
      '## Kafka: store → relay → Kafka → projector (issue 7)',
      '',
      `Cluster mode on one machine: PostgreSQL (embedded), Apache Kafka ${process.env.KAFKA_VERSION ?? '4.2.0'} single-node KRaft${external ? ` (${external})` : ' started from the Maven Central jars'},`,
      `topic with ${PARTITIONS} partitions; the relay and 2 projector instances (tasks projection) are their own processes`,
      '(deploy/cluster); writers append in the benchmark process. All on the same 2-core machine.',
      '',
      `- Relay → Kafka → projectors: a backlog of ${THROUGHPUT_EVENTS.toLocaleString('en')} events written while the relay was stopped, drained from the relay process's start until the read model had applied the last: **${drainRate.toFixed(0)} events/s** (target ≥ 5,000).`,
      `- End to end with ${WRITERS} writers appending at the same time (${EVENTS_PER_APPEND} events per append, ${CONCURRENT_EVENTS.toLocaleString('en')} events): ${endToEndRate.toFixed(0)} events/s from the first append to the last applied; the writers alone stored ${storeRate.toFixed(0)} events/s, so here the store's write rate on this machine is the limit, not Kafka.`,
      `- Lag (committed write → read-model transaction committed): open loop of ${LAG_RATE} events/s (achieved ${offeredRate.toFixed(0)}/s) for ${LAG_SECONDS} s, one event per append, ${lagUsers.length} users; ${lag.count} samples.`,
      '',
      '| case | samples | p50 | p95 | p99 | max | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| write → read model at ${LAG_RATE}/s | ${lag.count} | ${ms(lag.p50)} | ${ms(lag.p95)} | ${ms(lag.p99)} | ${ms(lag.max)} | p99 ≤ 200 ms |`,
      `| of which write → on Kafka (relay) | ${kafkaLag.count} | ${ms(kafkaLag.p50)} | ${ms(kafkaLag.p95)} | ${ms(kafkaLag.p99)} | ${ms(kafkaLag.max)} | |`,
      '',
    ].join('\n');
  } finally {
    await listener.end().catch(() => undefined);
    await cluster?.stop();
    await knex.destroy();
    if (broker) await stopBroker(broker);
    await pgServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(await run());
