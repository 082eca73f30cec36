// `npm run kafka:stop`: stops the broker recorded by kafka:start, by its PID, and removes
// its data directory and the state file.
import { rmSync } from 'node:fs';
import { DEFAULT_STATE_FILE, readBrokerState, stopBroker } from '@todo/platform/testing';

const file = process.env.KAFKA_STATE_FILE ?? DEFAULT_STATE_FILE;
const state = readBrokerState(file);
if (!state) {
  process.stderr.write(`[kafka] no broker recorded in ${file}\n`);
} else {
  await stopBroker(state);
  rmSync(file, { force: true });
  process.stderr.write(`[kafka] stopped pid ${state.pid}\n`);
}
