import { writeFileSync } from 'node:fs';
import { restartBroker } from './broker.ts';
import { testBroker, testBrokerFile } from './test-kafka.ts';

/** Stops the test broker and starts it again on the same port and data: an outage. */
export async function restartTestBroker(downMs: number): Promise<void> {
  const state = testBroker();
  const restarted = await restartBroker(state, downMs);
  // The teardown stops the broker by the PID in this file.
  writeFileSync(testBrokerFile(), JSON.stringify(restarted));
}
