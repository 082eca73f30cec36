import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SchedulerState } from './scheduler.ts';

/** What the dapr test project's global setup started, for the tests (run in band). */
export interface TestDaprInfo {
  scheduler: SchedulerState;
}

function infoFile(): string {
  const file = process.env.TEST_DAPR_INFO;
  if (!file || !existsSync(file))
    throw new Error('no Dapr test runtime: run these tests with npm run test:dapr');
  return file;
}

export function testDaprInfo(): TestDaprInfo {
  return JSON.parse(readFileSync(infoFile(), 'utf8')) as TestDaprInfo;
}

/** A test that restarted the scheduler records its new PID, for the teardown. */
export function saveTestDaprInfo(info: TestDaprInfo): void {
  writeFileSync(infoFile(), JSON.stringify(info));
}
