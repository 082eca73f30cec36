import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import startPostgres from '../../deploy/testing/global-setup.ts';
import { startBroker } from './broker.ts';

export const TEST_KAFKA_INFO = join(process.cwd(), '.cache', 'test-kafka.json');

/**
 * The kafka test project needs what the int project needs (a migrated PostgreSQL template)
 * plus a real broker: a single-node KRaft Kafka started here and stopped in the teardown.
 */
export default async function globalSetup(): Promise<void> {
  await startPostgres();
  const state = await startBroker((msg) => process.stderr.write(`[kafka] ${msg}\n`));
  process.env.KAFKA_BROKERS = state.brokers;
  mkdirSync(join(process.cwd(), '.cache'), { recursive: true });
  writeFileSync(TEST_KAFKA_INFO, JSON.stringify(state));
}
