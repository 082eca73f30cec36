import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import startKafkaAndPostgres from './kafka-global-setup.ts';
import { ensureDaprBinaries, ensureDaprdWithSmtp, startScheduler } from '@todo/platform/testing';

/** One file per test run, like the Kafka one: the scheduler's state, rewritten on restart. */
export const TEST_DAPR_INFO = join(process.cwd(), '.cache', `test-dapr-${process.pid}.json`);

/**
 * The dapr test project: what the kafka project has (a migrated PostgreSQL template and a
 * real broker) plus the real Dapr binaries (built once, cached) and one Dapr scheduler.
 * Sidecars are started by the tests themselves: one per app, on free ports.
 */
export default async function globalSetup(): Promise<void> {
  ensureDaprBinaries((msg) => process.stderr.write(`[dapr] ${msg}\n`));
  // The mail adapter's test needs the SMTP binding, which the stable build leaves out.
  ensureDaprdWithSmtp((msg) => process.stderr.write(`[dapr] ${msg}\n`));
  await startKafkaAndPostgres();
  const scheduler = await startScheduler(mkdtempSync(join(tmpdir(), 'todo-dapr-scheduler-')));
  process.stderr.write(`[dapr] scheduler ${scheduler.address} (pid ${scheduler.pid})\n`);
  process.env.TEST_DAPR_INFO = TEST_DAPR_INFO;
  writeFileSync(TEST_DAPR_INFO, JSON.stringify({ scheduler }));
}
