import { existsSync, readFileSync, rmSync } from 'node:fs';
import stopKafkaAndPostgres from './kafka-global-teardown.ts';
import { TEST_DAPR_INFO } from './dapr-global-setup.ts';
import { stopScheduler, type SchedulerState } from '@todo/platform/testing';

export default async function globalTeardown(): Promise<void> {
  // The file, not the set-up's memory: a test that restarted the scheduler recorded its PID.
  if (existsSync(TEST_DAPR_INFO)) {
    const { scheduler } = JSON.parse(readFileSync(TEST_DAPR_INFO, 'utf8')) as { scheduler: SchedulerState };
    await stopScheduler(scheduler);
    rmSync(scheduler.dataDir, { recursive: true, force: true });
    rmSync(TEST_DAPR_INFO, { force: true });
  }
  await stopKafkaAndPostgres();
}
