import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import startPostgres from './global-setup.ts';
import { startBroker } from '@todo/platform/testing';

/** One file per test run: two runs at once (two people in one checkout) must not mix. */
export const TEST_KAFKA_INFO = join(process.cwd(), '.cache', `test-kafka-${process.pid}.json`);

/**
 * The kafka test project needs what the int project needs (a migrated PostgreSQL template)
 * plus a real broker: a single-node KRaft Kafka started here and stopped in the teardown.
 */
export default async function globalSetup(): Promise<void> {
  await startPostgres();
  const state = await startBroker((msg) => process.stderr.write(`[kafka] ${msg}\n`));
  process.env.KAFKA_BROKERS = state.brokers;
  // In-band tests share this process's environment: they find the broker through it.
  process.env.TEST_KAFKA_INFO = TEST_KAFKA_INFO;
  mkdirSync(join(process.cwd(), '.cache'), { recursive: true });
  writeFileSync(TEST_KAFKA_INFO, JSON.stringify(state));
}
