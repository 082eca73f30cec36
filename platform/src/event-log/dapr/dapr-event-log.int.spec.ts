import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { createLogger } from '../../logger.ts';
import { PostgresEventStore } from '../../event-store/postgres-event-store.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { appendTestEvents } from '../conformance/append-events.ts';
import { DEFAULT_BULK } from './bulk-delivery.ts';
import { DaprEventLog, daprEventRoute } from './dapr-event-log.ts';

// The sidecar's side of the contract (HTTP deliveries of CloudEvents, answers SUCCESS /
// RETRY / DROP) is played by these requests; the app side is the real adapter, server and
// database.
let db: TestDatabase;
let app: FastifyInstance;
let log: DaprEventLog;
let base: string;
let store: PostgresEventStore;
const topic = 'todo.task-events.v1';

beforeAll(async () => {
  db = await createTestDatabase();
  store = new PostgresEventStore(db.knex);
  app = Fastify();
  log = new DaprEventLog(app, {
    knex: db.knex,
    logger: createLogger('silent'),
    pubsubName: 'task-events',
    topic,
    deadLetterTopic: `${topic}.dlt`,
    programmatic: true,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await db.knex.raw('create table dapr_effects (event_id text not null, consumer text not null)');
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

async function deliver(body: unknown): Promise<string> {
  const res = await fetch(`${base}${daprEventRoute(topic)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { status: string }).status;
}

/** What the sidecar adds to a structured CloudEvent it read from Kafka. */
const asDelivered = (e: AnyEnvelope) => ({
  ...e,
  pubsubname: 'task-events',
  topic,
  traceid: '00-abc-def-01',
});

const effects = (consumer: string) => db.knex('dapr_effects').where({ consumer }).select('event_id');

describe('DaprEventLog (Dapr pub/sub deliveries over HTTP)', () => {
  it('tells the sidecar its subscription, with the dead-letter topic, in bulk of raw records', async () => {
    const res = await fetch(`${base}/dapr/subscribe`);
    expect(await res.json()).toEqual([
      {
        pubsubname: 'task-events',
        topic,
        route: daprEventRoute(topic),
        deadLetterTopic: `${topic}.dlt`,
        bulkSubscribe: { enabled: true, ...DEFAULT_BULK },
        metadata: { rawPayload: 'true' },
      },
    ]);
  });

  it('asks for a retry while no consumer is subscribed, instead of losing the event', async () => {
    const [event] = await appendTestEvents(store, randomUUID(), 1);
    expect(await deliver(asDelivered(event!))).toBe('RETRY');
  });

  it('applies each event once per consumer; a redelivery is acknowledged without a second effect', async () => {
    const consumer = `c-${randomUUID()}`;
    const sub = log.subscribe(consumer, async (events, trx) => {
      await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
    });
    const events = await appendTestEvents(store, randomUUID(), 3);
    for (const e of events) expect(await deliver(asDelivered(e))).toBe('SUCCESS');
    expect(await deliver(asDelivered(events[1]!))).toBe('SUCCESS');
    expect((await effects(consumer)).map((r) => r.event_id)).toEqual(events.map((e) => e.id));
    await sub.stop();
  });

  it('a consumer of derived data only commits without waiting for the WAL flush; another waits', async () => {
    const modes = new Map<string, string>();
    const commitMode = (consumer: string) => async (_events: AnyEnvelope[], trx: Knex.Transaction) => {
      const row = await trx.raw(`select current_setting('synchronous_commit') as mode`);
      modes.set(consumer, row.rows[0].mode);
    };
    const derived = log.subscribe(`derived-${randomUUID()}`, commitMode('derived'), {
      derivedEffectsOnly: true,
    });
    const durable = log.subscribe(`durable-${randomUUID()}`, commitMode('durable'));
    const [event] = await appendTestEvents(store, randomUUID(), 1);
    expect(await deliver(asDelivered(event!))).toBe('SUCCESS');
    const [bulkEvent] = await appendTestEvents(store, randomUUID(), 1);
    const res = await fetch(`${base}${daprEventRoute(topic)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entries: [{ entryId: 'e1', event: asDelivered(bulkEvent!) }] }),
    });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(modes)).toEqual({ derived: 'off', durable: 'on' });
    await derived.stop();
    await durable.stop();
  });

  it('answers RETRY when the handler fails, with its effect rolled back, and applies it on the retry', async () => {
    const consumer = `flaky-${randomUUID()}`;
    let failures = 1;
    const sub = log.subscribe(consumer, async (events, trx) => {
      await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
      if (failures-- > 0) throw new Error('database hiccup');
    });
    const [event] = await appendTestEvents(store, randomUUID(), 1);
    expect(await deliver(asDelivered(event!))).toBe('RETRY');
    expect(await effects(consumer)).toHaveLength(0);
    expect(await deliver(asDelivered(event!))).toBe('SUCCESS');
    expect(await effects(consumer)).toHaveLength(1);
    await sub.stop();
  });

  it('drops what is not an event (garbage bytes, wrong schema) so the dead-letter topic keeps it', async () => {
    const sub = log.subscribe(`dropper-${randomUUID()}`, async () => undefined);
    expect(await deliver('\u0000\u00ff not json')).toBe('DROP');
    expect(await deliver({ specversion: '1.0', id: 'x', hello: 'world' })).toBe('DROP');
    await sub.stop();
  });

  it('caughtUp waits until the consumer has applied every event the store had given out', async () => {
    const consumer = `catching-${randomUUID()}`;
    const sub = log.subscribe(consumer, async (events, trx) => {
      await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
    });
    // Everything written so far by the other tests, delivered in log order.
    const all = await db.knex('events').orderBy('position').select('event_id');
    const pending = await appendTestEvents(store, randomUUID(), 2);
    let caughtUp = false;
    const waiting = sub.caughtUp().then(() => (caughtUp = true));
    for (const row of all) {
      const stored = await store.readStream(
        (await db.knex('events').where({ event_id: row.event_id }).first('stream_id')).stream_id,
      );
      for (const e of stored.events) await deliver(asDelivered(e));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(caughtUp).toBe(false);
    for (const e of pending) await deliver(asDelivered(e));
    await waiting;
    expect(caughtUp).toBe(true);
    await sub.stop();
  });
});

describe('DaprEventLog: an event a consumer cannot apply', () => {
  it('answers RETRY a few times, then quarantines it and answers SUCCESS; other streams flow on, its stream is parked', async () => {
    const consumer = `poisoned-${randomUUID()}`;
    const user = randomUUID();
    const [bad] = await appendTestEvents(store, user, 1);
    const [later] = await store
      .append(bad!.subject, 1, [{ type: 'todo.test.happened.v1', data: { n: 2 } }], {
        userId: user,
        source: 'test',
        correlationId: randomUUID(),
      })
      .then((r) => r.events);
    const [other] = await appendTestEvents(store, user, 1);
    const sub = log.subscribe(
      consumer,
      async (events, trx) => {
        if (events.some((e) => e.id === bad!.id)) throw new Error('cannot apply this one');
        await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
      },
      { maxAttempts: 3 },
    );
    expect(await deliver(asDelivered(bad!))).toBe('RETRY');
    expect(await deliver(asDelivered(bad!))).toBe('RETRY');
    expect(await deliver(asDelivered(bad!))).toBe('SUCCESS');
    expect(await deliver(asDelivered(later!))).toBe('SUCCESS');
    expect(await deliver(asDelivered(other!))).toBe('SUCCESS');
    expect((await effects(consumer)).map((r) => r.event_id)).toEqual([other!.id]);
    const rows = await db.knex('quarantined_events').where({ consumer }).orderBy('user_seq');
    expect(rows.map((r) => [r.event_id, r.blocked_by, r.attempts])).toEqual([
      [bad!.id, null, 3],
      [later!.id, bad!.id, 0],
    ]);
    await sub.stop();
  });

  it('in a bulk delivery, sets aside the events of a parked stream and applies the others in the batch', async () => {
    const consumer = `parked-bulk-${randomUUID()}`;
    const user = randomUUID();
    const [bad] = await appendTestEvents(store, user, 1);
    const appendTo = (stream: string, version: number) =>
      store
        .append(stream, version, [{ type: 'todo.test.happened.v1', data: { n: version + 1 } }], {
          userId: user,
          source: 'test',
          correlationId: randomUUID(),
        })
        .then((r) => r.events[0]!);
    const second = await appendTo(bad!.subject, 1);
    const [other] = await appendTestEvents(store, user, 1);
    const third = await appendTo(bad!.subject, 2);
    const sub = log.subscribe(
      consumer,
      async (events, trx) => {
        if (events.some((e) => e.id === bad!.id)) throw new Error('cannot apply this one');
        await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
      },
      { maxAttempts: 1 },
    );
    expect(await deliver(asDelivered(bad!))).toBe('SUCCESS');

    const res = await fetch(`${base}${daprEventRoute(topic)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entries: [second, other!, third].map((e, i) => ({ entryId: `e${i}`, event: asDelivered(e) })),
      }),
    });
    const answer = (await res.json()) as { statuses: Array<{ status: string }> };

    expect(answer.statuses.map((s) => s.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect((await effects(consumer)).map((r) => r.event_id)).toEqual([other!.id]);
    const rows = await db.knex('quarantined_events').where({ consumer }).orderBy('user_seq');
    expect(rows.map((r) => [r.event_id, r.blocked_by])).toEqual([
      [bad!.id, null],
      [second.id, bad!.id],
      [third.id, bad!.id],
    ]);
    await sub.stop();
  });
});

describe('DaprEventLog: a planned subscription (SubscribeOptions.plan and prefetch)', () => {
  const deliverBulk = async (events: AnyEnvelope[]) => {
    const res = await fetch(`${base}${daprEventRoute(topic)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entries: events.map((e, i) => ({ entryId: `e${i}`, event: asDelivered(e) })) }),
    });
    return ((await res.json()) as { statuses: Array<{ status: string }> }).statuses.map((s) => s.status);
  };
  const subscribePlanned = (consumer: string) =>
    log.subscribe(
      consumer,
      async (events, trx) => {
        await trx('dapr_effects').insert(events.map((e) => ({ event_id: `handler:${e.id}`, consumer })));
      },
      {
        prefetch: 'events.stream_id::text',
        plan: async (events, db, prefetched) => ({
          statements: [
            db('dapr_effects').insert(
              events.map((e, i) => ({ event_id: `plan:${e.id}:${String(prefetched[i])}`, consumer })),
            ),
          ],
        }),
      },
    );

  it('applies a batch by its plan, on the values the claim prefetched from the events’ rows', async () => {
    const consumer = `planned-${randomUUID()}`;
    const events = await appendTestEvents(store, randomUUID(), 3);
    const sub = subscribePlanned(consumer);

    expect(await deliverBulk(events)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(await deliverBulk(events)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);

    expect((await effects(consumer)).map((r) => r.event_id)).toEqual(
      events.map((e) => `plan:${e.id}:${e.subject}`),
    );
    await sub.stop();
  });

  it('applies a batch by the handler when one of its events has no row in this database', async () => {
    const consumer = `planned-unknown-${randomUUID()}`;
    const [stored] = await appendTestEvents(store, randomUUID(), 1);
    const unknown = { ...stored!, id: randomUUID(), userid: randomUUID(), userseq: '1' };
    const sub = subscribePlanned(consumer);

    expect(await deliverBulk([stored!, unknown])).toEqual(['SUCCESS', 'SUCCESS']);

    expect((await effects(consumer)).map((r) => r.event_id)).toEqual([
      `handler:${stored!.id}`,
      `handler:${unknown.id}`,
    ]);
    await sub.stop();
  });
});

// Last: the other tests replay every stored event, and this one stores a full batch.
describe('DaprEventLog: a full bulk batch', () => {
  it('takes a bulk delivery larger than 1 MiB (a full batch of large records), not 413', async () => {
    const consumer = `big-${randomUUID()}`;
    const sub = log.subscribe(consumer, async (events, trx) => {
      await trx('dapr_effects').insert(events.map((e) => ({ event_id: e.id, consumer })));
    });
    const events = await appendTestEvents(store, randomUUID(), DEFAULT_BULK.maxMessagesCount);
    // What the sidecar sends besides the record: metadata per entry (here 8 KiB of it).
    const padding = 'x'.repeat(8192);
    const body = JSON.stringify({
      entries: events.map((e, i) => ({ entryId: `e${i}`, event: asDelivered(e), metadata: { padding } })),
    });
    expect(body.length).toBeGreaterThan(1_048_576);
    const res = await fetch(`${base}${daprEventRoute(topic)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { statuses: Array<{ status: string }> };
    expect(answer.statuses.every((s) => s.status === 'SUCCESS')).toBe(true);
    expect(await effects(consumer)).toHaveLength(events.length);
    await sub.stop();
  });
});
