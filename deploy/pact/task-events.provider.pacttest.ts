import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Verifier } from '@pact-foundation/pact';
import { createTestDatabase, type TestDatabase } from '@todo/platform/testing';
import { existsSync } from 'node:fs';
import { TASKS_PROJECTION, WRITE_SIDE, pactFile } from './pact-files.ts';
import { WriteSide } from './write-side-messages.ts';

let db: TestDatabase;
let writeSide: WriteSide;

beforeAll(async () => {
  db = await createTestDatabase();
  writeSide = new WriteSide(db);
});
afterAll(async () => {
  await writeSide?.stop();
  await db?.drop();
});

describe('the write side produces the task events the read side expects (provider)', () => {
  it('produces every message in the contract', async () => {
    const pact = pactFile(TASKS_PROJECTION, WRITE_SIDE);
    expect(existsSync(pact)).toBe(true); // written by task-events.consumer.pacttest.ts in this run
    await new Verifier({
      provider: WRITE_SIDE,
      pactUrls: [pact],
      messageProviders: writeSide.providers(),
      // 'warn' would note, for every message, that its (empty) provider state has no handler.
      logLevel: 'error',
    }).verifyProvider();
  });
});
