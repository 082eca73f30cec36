// `npm run kafka:start`: starts a single-node KRaft broker and writes its PID and address
// to .cache/kafka-broker.json (or KAFKA_STATE_FILE). Prints KAFKA_BROKERS=host:port.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_STATE_FILE, readBrokerState, startBroker } from '@todo/platform/testing';

const file = process.env.KAFKA_STATE_FILE ?? DEFAULT_STATE_FILE;
const log = (msg: string) => process.stderr.write(`[kafka] ${msg}\n`);
const existing = readBrokerState(file);
if (existing) {
  log(`a broker is already recorded in ${file} (pid ${existing.pid}); run npm run kafka:stop first`);
  process.exit(1);
}
// It runs on after this script: `npm run kafka:stop` stops it by the PID in the file.
const state = await startBroker(log, { outlivesUs: true });
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(state, null, 2));
process.stdout.write(`KAFKA_BROKERS=${state.brokers}\n`);
