import { randomUUID } from 'node:crypto';
import { PostgresEventLog } from '../../postgres-event-log.ts';
import { daprPublisher } from '../../../relay/dapr-publisher.ts';
import { startRelay } from '../../../relay/outbox-relay.ts';
import type { KafkaTestEnv } from '../../kafka/testing/test-kafka.ts';
import { startDaprTestApp, type DaprTestApp } from './dapr-test-app.ts';

export const TEST_PUBSUB = 'task-events';

/**
 * Swaps the test env's kafkajs relay for the relay as it runs with a sidecar: publishing
 * through its own real daprd (call before anything is appended). Returns the relay's app,
 * to stop after the env's relay.
 */
export async function useDaprRelay(env: KafkaTestEnv): Promise<DaprTestApp> {
  await env.relay.stop();
  const relayApp = await startDaprTestApp({
    appId: `relay-${randomUUID().slice(0, 8)}`,
    register: () => undefined,
  });
  env.relay = startRelay({
    source: new PostgresEventLog(env.db.knex, env.db.connectionString, env.logger),
    publish: daprPublisher({
      daprHttpUrl: relayApp.sidecar.httpUrl,
      pubsubName: TEST_PUBSUB,
      topic: env.topic,
    }),
    topic: env.topic,
    logger: env.logger,
  });
  return relayApp;
}
