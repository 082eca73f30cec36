import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NewEvent, Subscription } from '@todo/platform';
import { createKafkaTestEnv, type KafkaTestEnv } from '@todo/platform/testing';
import { runTasksProjection } from '@todo/projectors';
import { replayTasksFromKafka } from './replay-tasks-from-kafka.ts';

let env: KafkaTestEnv;
let live: Subscription;
beforeAll(async () => {
  env = await createKafkaTestEnv(3);
  live = runTasksProjection(env.log);
});
afterAll(async () => {
  await live.stop();
  await env.close();
});

const created = (title: string): NewEvent => ({
  type: 'todo.task.created.v1',
  data: {
    title,
    description: '',
    priority: 'none',
    tags: ['replay'],
    dueAt: null,
    allDay: false,
    timezone: 'UTC',
    recurrence: null,
    reminders: [],
    seriesId: null,
    spawnedFrom: null,
  },
});
const renamed = (title: string): NewEvent => ({ type: 'todo.task.updated.v1', data: { changes: { title } } });

async function writeTasks(user: string, n: number) {
  for (let i = 0; i < n; i++) {
    await env.store.append(randomUUID(), 0, [created(`t${i}`), renamed(`t${i} renamed`)], {
      userId: user,
      source: 'test',
      correlationId: 'c',
    });
  }
}

describe('replaying the tasks projection from the Kafka log', () => {
  it('rebuilds into a fresh table from the earliest offset, with progress, to the live checksum', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all(users.map((u) => writeTasks(u, 10)));
    await env.relay.caughtUp();
    // Writers keep going during the replay: the comparison is still at one point of the log.
    let writing = true;
    const background = (async () => {
      while (writing) await writeTasks(users[0]!, 1);
    })();
    const progress: number[] = [];
    const result = await replayTasksFromKafka({
      knex: env.db.knex,
      kafka: env.kafka,
      topic: env.topic,
      onProgress: (applied) => progress.push(applied),
    });
    writing = false;
    await background;
    expect(result.events).toBeGreaterThanOrEqual(60);
    expect(progress.length).toBeGreaterThan(0);
    expect(result.checksum.rows).toBeGreaterThanOrEqual(30);
    expect(result.checksum).toEqual(result.liveChecksum);
    expect(result.equal).toBe(true);
  });

  it('reports a live projection that differs from the log', async () => {
    await env.relay.caughtUp();
    await live.caughtUp();
    await env.db
      .knex('tasks')
      .update({ title: 'tampered' })
      .whereIn('id', env.db.knex('tasks').select('id').limit(1));
    const result = await replayTasksFromKafka({ knex: env.db.knex, kafka: env.kafka, topic: env.topic });
    expect(result.equal).toBe(false);
    expect(result.checksum.rows).toBe(result.liveChecksum.rows);
  });
});
