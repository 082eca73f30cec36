import { taskCreatedEvent } from '@todo/contracts/testing';
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { createKafka, PostgresEventStore, type Knex, type Logger, type NewEvent } from '@todo/platform';
import type { Cluster } from '@todo/deploy';
import { summarise, type Summary } from './stats.ts';

export const PARTITIONS = 6;
export const THROUGHPUT_EVENTS = 60_000;
export const CONCURRENT_EVENTS = 30_000;
export const EVENTS_PER_APPEND = 10;
export const WRITERS = 12;
export const LAG_RATE = 300; // events/s, open loop
export const LAG_SECONDS = 15;
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

export interface LogPathFigures {
  /** events/s draining a backlog, from the relay's start to the last event applied. */
  drainRate: number;
  /** events/s with the writers running, first append to last applied; and the writers alone. */
  endToEndRate: number;
  storeRate: number;
  /** The open loop's achieved rate and its users. */
  offeredRate: number;
  lagUsers: number;
  /** committed write → read-model commit; committed write → the broker appended its record. */
  lag: Summary;
  kafkaLag: Summary;
}

/** The record's event id: the kafkajs relay's `ce_id` header, or the raw payload's `id` (Dapr). */
function eventIdOf(message: { headers?: Record<string, unknown>; value: Buffer | null }): string | undefined {
  const header = message.headers?.ce_id;
  if (header) return String(header);
  try {
    return (JSON.parse(message.value?.toString() ?? '') as { id?: string }).id;
  } catch {
    return undefined;
  }
}

/**
 * Makes the broker stamp the topic's records with the time it appends them. alterConfigs
 * replaces the topic's dynamic settings, so the ones it has are given again.
 */
async function stampOnAppend(brokers: string, topic: string, logger: Logger): Promise<void> {
  // kafkajs is CommonJS: its enums are properties of the default export.
  const { ConfigResourceTypes, ConfigSource } = kafkajs;
  const admin = createKafka({ brokers: brokers.split(','), clientId: 'bench-admin' }, logger).admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      includeSynonyms: false,
    });
    const own = (described.resources[0]?.configEntries ?? []).filter(
      (e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== 'message.timestamp.type',
    );
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [
            ...own.map((e) => ({ name: e.configName, value: e.configValue })),
            { name: 'message.timestamp.type', value: 'LogAppendTime' },
          ],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The event log path's figures (issue 7, and issue 12 for the Dapr path): the drain rate of a
 * backlog, the end-to-end rate with writers running, and the lag from a committed write to
 * the read model, on a cluster whose relay and projectors run as its own processes. The
 * writers append in this process, through `knex` (a pool of at least WRITERS + 4).
 */
export async function measureLogPath(options: {
  knex: Knex;
  connectionString: string;
  brokers: string;
  topic: string;
  cluster: Cluster;
  logger: Logger;
}): Promise<LogPathFigures> {
  const { knex, connectionString, brokers, topic, cluster, logger } = options;
  const listener = new pg.Client({ connectionString });
  try {
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

    // Where the lag lives: when the broker appended each event's record. The topic stamps its
    // records with the broker's clock (LogAppendTime, whole milliseconds, so the figure errs
    // half a millisecond low); a plain consumer in this process reads the stamps. Its own
    // arrival time is no measure of the relay: under load it added tens of milliseconds of
    // its fetch loop and of this busy process (70 ms at the p50 at a load of 10).
    await stampOnAppend(brokers, topic, logger);
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
        const id = eventIdOf(message);
        // On this process's performance.now() scale, as the writes' commit times.
        if (id) arrivedAt.set(id, Number(message.timestamp) - performance.timeOrigin);
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
    await observer.disconnect();

    return {
      drainRate,
      endToEndRate,
      storeRate,
      offeredRate,
      lagUsers: lagUsers.length,
      lag: summarise(lags),
      kafkaLag: summarise(onKafka),
    };
  } finally {
    await listener.end().catch(() => undefined);
  }
}
