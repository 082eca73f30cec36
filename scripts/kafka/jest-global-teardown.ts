import { rmSync } from 'node:fs';
import stopPostgres from '../../deploy/testing/global-teardown.ts';
import { stopBroker, type BrokerState } from './broker.ts';
import { TEST_KAFKA_INFO } from './jest-global-setup.ts';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __TEST_KAFKA__?: BrokerState }).__TEST_KAFKA__;
  if (state) await stopBroker(state);
  rmSync(TEST_KAFKA_INFO, { force: true });
  await stopPostgres();
}
