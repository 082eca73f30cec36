import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../logger.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { appendTestEvents } from '../conformance/append-events.ts';
import { KafkaEventLog } from './kafka-event-log.ts';
import { createKafkaTestEnv, type KafkaTestEnv } from './testing/test-kafka.ts';

let env: KafkaTestEnv;
let other: TestDatabase;
beforeAll(async () => {
  env = await createKafkaTestEnv(2);
  other = await createTestDatabase();
});
afterAll(async () => {
  await other.drop();
  await env.close();
});

describe('KafkaEventLog positions', () => {
  it("a fresh database under an existing group name reads from the start: Kafka's offsets are only a hint", async () => {
    const user = randomUUID();
    const written = await appendTestEvents(env.store, user, 5);
    await env.relay.caughtUp();
    const group = `rebuilt-${randomUUID()}`;
    const create = 'create table hint_effects (event_id text not null)';
    await env.db.knex.raw(create);
    const first = env.log.subscribe(group, async (events, trx) => {
      await trx('hint_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    await first.caughtUp();
    await first.stop(); // the group's offsets in Kafka are now at the end of the topic

    // The same group name against a database that has applied nothing (restored, rebuilt).
    await other.knex.raw(create);
    const log = new KafkaEventLog({
      kafka: env.kafka,
      knex: other.knex,
      topic: env.topic,
      logger: createLogger('silent'),
    });
    const second = log.subscribe(group, async (events, trx) => {
      await trx('hint_effects').insert(events.map((e) => ({ event_id: e.id })));
    });
    await second.caughtUp();
    await second.stop();
    await log.close();
    const rows = await other.knex('hint_effects').select('event_id');
    expect(rows.map((r) => r.event_id)).toEqual(expect.arrayContaining(written.map((e) => e.id)));
    expect(rows).toHaveLength(written.length);
  });
});
