import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyEnvelope } from '@todo/contracts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { insertQuarantined, listQuarantined, parkedKeys } from './quarantine-store.ts';

// The quarantine row is how a consumer gets past an event it cannot apply, so writing it must
// not fail on an event PostgreSQL cannot store: that would stop the log at the same event.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('insertQuarantined, given an event PostgreSQL cannot store as it is', () => {
  it('keeps the row, with NULs and unpaired surrogates shown as U+FFFD, and parks its key', async () => {
    const consumer = `unstorable-${randomUUID()}`;
    const userId = randomUUID();
    const stream = `s\u0000${randomUUID()}`;
    const event: AnyEnvelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: 'kafka',
      type: 'todo.task.created.v1',
      subject: stream,
      time: '2026-12-01T10:00:00.000Z',
      datacontenttype: 'application/json',
      userid: userId,
      userseq: '7',
      streamversion: 1,
      position: '7',
      correlationid: randomUUID(),
      causationid: null,
      data: { title: 'nul \u0000 and half \uD83D pair' },
    };
    const at = new Date('2026-12-01T10:00:00.000Z');
    await insertQuarantined(db.knex, {
      consumer,
      event,
      orderBy: 'stream',
      cursor: '0:41',
      error: 'Error: invalid byte sequence \u0000',
      attempts: 1,
      blockedBy: null,
      firstFailedAt: at,
      lastFailedAt: at,
    });

    const [row] = await listQuarantined(db.knex, { consumer });
    expect(row).toMatchObject({
      event_id: event.id,
      stream_id: stream.replace('\u0000', '\uFFFD'),
      error: 'Error: invalid byte sequence \uFFFD',
      envelope: { data: { title: 'nul \uFFFD and half \uFFFD pair' } },
    });
    expect(await parkedKeys(db.knex, consumer, [stream])).toEqual(new Map([[row!.order_key, event.id]]));
  });
});
