import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendTestEvents } from '../conformance/append-events.ts';
import { headerString } from './event-message.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from './testing/test-kafka.ts';
import { deadLetterTopic } from './topics.ts';

let env: KafkaTestEnv;
beforeAll(async () => {
  env = await createKafkaTestEnv(1);
});
afterAll(async () => env.close());

describe('a record that is not a valid event', () => {
  it('is logged, sent to the dead-letter topic and skipped; the consumer goes on', async () => {
    const user = randomUUID();
    const before = await appendTestEvents(env.store, user, 2);
    await env.relay.caughtUp();
    const valid = JSON.parse(JSON.stringify(before[0]));
    await env.producer.send({
      topic: env.topic,
      messages: [
        { key: user, value: Buffer.from([0xff, 0x00, 0x13, 0x37]) },
        { key: user, value: JSON.stringify({ ...valid, id: randomUUID(), userseq: 'three' }) },
        { key: user, value: JSON.stringify({ hello: 'world' }) },
        { key: user, value: null },
      ],
    });
    const after = await appendTestEvents(env.store, user, 2);
    await env.relay.caughtUp();

    await env.db.knex.raw('create table dlt_effects (event_id text not null)');
    const sub = env.log.subscribe(`dlt-${randomUUID()}`, async (events, trx) => {
      await trx('dlt_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    await sub.caughtUp();
    await sub.stop();
    const applied = (await env.db.knex('dlt_effects').select('event_id')).map((r) => r.event_id);
    expect(applied).toEqual([...before, ...after].map((e) => e.id));

    const dead: Array<{ reason: string | undefined; offset: string | undefined; value: Buffer | null }> = [];
    const reader = env.kafka.consumer({ groupId: `dlt-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(env.topic), fromBeginning: true });
    await new Promise<void>((resolve) => {
      void reader.run({
        eachMessage: async ({ message }) => {
          dead.push({
            reason: headerString(message.headers, 'dlt_reason'),
            offset: headerString(message.headers, 'dlt_original_offset'),
            value: message.value,
          });
          if (dead.length === 4) resolve();
        },
      });
    });
    await reader.disconnect();
    expect(dead.map((d) => d.offset)).toEqual(['2', '3', '4', '5']);
    expect(dead[0]!.value).toEqual(Buffer.from([0xff, 0x00, 0x13, 0x37]));
    expect(dead.map((d) => d.reason)).toEqual([
      'value is not JSON',
      expect.stringContaining('userseq'),
      expect.stringContaining('not an event envelope'),
      'empty value (tombstone)',
    ]);
  });

  it('is dead-lettered once, even when its chunk is read again after a failure (event by event)', async () => {
    const user = randomUUID();
    const [sent] = await env.producer.send({
      topic: env.topic,
      messages: [{ key: user, value: 'not json' }],
    });
    const written = await appendTestEvents(env.store, user, 2);
    await env.relay.caughtUp();

    await env.db.knex.raw('create table dlt_once_effects (event_id text not null)');
    const group = `dlt-once-${randomUUID()}`;
    let failedOnce = false;
    const sub = env.log.subscribe(group, async (events, trx) => {
      if (!failedOnce) {
        failedOnce = true; // the whole chunk fails once: it is applied again, event by event
        throw new Error('a failure of unknown kind, once');
      }
      await trx('dlt_once_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    await sub.caughtUp();
    await sub.stop();
    const applied = (await env.db.knex('dlt_once_effects').select('event_id')).map((r) => r.event_id);
    expect(applied).toEqual(expect.arrayContaining(written.map((e) => e.id)));
    expect(failedOnce).toBe(true);

    // The consumer has stopped and its dead-letter sends were acknowledged: read them all.
    const letters = await deadLettersOf(group);
    expect(letters.filter((l) => l.offset === sent!.baseOffset)).toEqual([
      { reason: 'value is not JSON', offset: sent!.baseOffset },
    ]);
    expect(new Set(letters.map((l) => l.offset)).size).toBe(letters.length);
  });
});

/** The dead letters `group` wrote, read to the end of the dead-letter topic. */
async function deadLettersOf(group: string): Promise<Array<{ reason?: string; offset?: string }>> {
  const topic = deadLetterTopic(env.topic);
  const admin = env.kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(topic)).reduce(
    (n, p) => n + Number(p.high) - Number(p.low),
    0,
  );
  await admin.disconnect();
  const all: Array<{ consumer?: string; reason?: string; offset?: string }> = [];
  const reader = env.kafka.consumer({ groupId: `dlt-reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void reader.run({
      eachMessage: async ({ message }) => {
        all.push({
          consumer: headerString(message.headers, 'dlt_consumer'),
          reason: headerString(message.headers, 'dlt_reason'),
          offset: headerString(message.headers, 'dlt_original_offset'),
        });
        if (all.length === total) resolve();
      },
    });
  });
  await reader.disconnect();
  return all.filter((l) => l.consumer === group).map(({ reason, offset }) => ({ reason, offset }));
}
