import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import stopPostgres from './global-teardown.ts';
import { stopBroker, type BrokerState } from '@todo/platform/testing';
import { TEST_KAFKA_INFO } from './kafka-global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  // The file, not the set-up's memory: a test that restarted the broker recorded its new PID.
  if (existsSync(TEST_KAFKA_INFO)) {
    const state = JSON.parse(readFileSync(TEST_KAFKA_INFO, 'utf8')) as BrokerState;
    // The broker's own log (group joins, rebalances) outlives its data: kept for a post-mortem.
    const brokerLog = join(state.dataDir, 'server.log');
    if (existsSync(brokerLog))
      copyFileSync(brokerLog, join(process.cwd(), '.cache', 'kafka-test-broker.log'));
    await stopBroker(state);
    rmSync(TEST_KAFKA_INFO, { force: true });
  }
  await stopPostgres();
}
