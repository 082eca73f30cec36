import { existsSync, readFileSync, rmSync } from 'node:fs';
import stopPostgres from '../../deploy/testing/global-teardown.ts';
import { stopBroker, type BrokerState } from './broker.ts';
import { TEST_KAFKA_INFO } from './jest-global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  // The file, not the set-up's memory: a test that restarted the broker recorded its new PID.
  if (existsSync(TEST_KAFKA_INFO)) {
    const state = JSON.parse(readFileSync(TEST_KAFKA_INFO, 'utf8')) as BrokerState;
    await stopBroker(state);
    rmSync(TEST_KAFKA_INFO, { force: true });
  }
  await stopPostgres();
}
