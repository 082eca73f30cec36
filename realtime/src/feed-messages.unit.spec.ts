import { describe, expect, it } from '@jest/globals';
import { TASK_REMINDER_FIRED, VIEW_CREATED, VIEWS_REORDERED } from '@todo/contracts';
import type { FeedRow } from './feed-row.ts';
import { messagesAfter, messagesOf } from './feed-messages.ts';
import { nextSeqFor, parsePosition, seqBefore } from './positions.ts';

const task = (id: string, version: number) => ({ id, title: 't', version });
const upsert = (seq: number, id = 'a'): FeedRow => ({
  userSeq: BigInt(seq),
  taskId: id,
  kind: 'upserted',
  task: task(id, seq),
  eventType: 'todo.task.updated.v1',
  eventData: {},
});
const reminderFired = (seq: number): FeedRow => ({
  ...upsert(seq),
  eventType: TASK_REMINDER_FIRED,
  eventData: {
    reminderId: 'r1',
    scheduledFor: '2026-01-01T09:00:00Z',
    firedAt: '2026-01-01T09:00:01Z',
    late: false,
  },
});

describe('feed row → messages', () => {
  it('an ordinary change is one message at 2N', () => {
    expect(messagesOf(upsert(3))).toEqual([{ type: 'task.upserted', position: '6', task: task('a', 3) }]);
    expect(messagesOf({ ...upsert(4), kind: 'deleted', task: null })).toEqual([
      { type: 'task.deleted', position: '8', taskId: 'a' },
    ]);
  });

  it("a row of no task (an API token event on the user's tokens stream) is no message", () => {
    const tokenEvent: FeedRow = {
      ...upsert(6, 'tokens-stream'),
      kind: 'deleted',
      task: null,
      eventType: 'todo.api-token.created.v1',
    };
    expect(messagesOf(tokenEvent)).toEqual([]);
    // A task event that deletes is still said, and so is an unknown event on a live task.
    expect(messagesOf({ ...tokenEvent, eventType: 'todo.task.deleted.v1' })).toHaveLength(1);
    expect(messagesOf({ ...upsert(7), eventType: 'todo.task.something-new.v1' })).toHaveLength(1);
  });

  it('a list event is list.upserted or list.deleted at 2N', () => {
    const list = { id: 'l1', name: 'Work', version: 2 };
    const row: FeedRow = {
      ...upsert(6, 'l1'),
      kind: 'list-upserted',
      task: list,
      eventType: 'todo.list.renamed.v1',
    };
    expect(messagesOf(row)).toEqual([{ type: 'list.upserted', position: '12', list }]);
    expect(messagesOf({ ...row, userSeq: 7n, kind: 'list-deleted', task: null })).toEqual([
      { type: 'list.deleted', position: '14', listId: 'l1' },
    ]);
  });

  it('a reminder firing is the changed task at 2N-1, then reminder.due at 2N', () => {
    expect(messagesOf(reminderFired(5))).toEqual([
      { type: 'task.upserted', position: '9', task: task('a', 5) },
      {
        type: 'reminder.due',
        position: '10',
        taskId: 'a',
        reminderId: 'r1',
        scheduledFor: '2026-01-01T09:00:00Z',
        firedAt: '2026-01-01T09:00:01Z',
      },
    ]);
  });

  it("a change of the user's saved views is views.changed at 2N, naming the view when there is one", () => {
    const viewRow = (seq: number, eventType: string, eventData: Record<string, unknown>): FeedRow => ({
      userSeq: BigInt(seq),
      taskId: 'views-stream',
      kind: 'deleted',
      task: null,
      eventType,
      eventData,
    });
    expect(messagesOf(viewRow(7, VIEW_CREATED, { viewId: 'v1', name: 'Urgent', filter: 'p1' }))).toEqual([
      { type: 'views.changed', position: '14', viewId: 'v1' },
    ]);
    expect(messagesOf(viewRow(8, VIEWS_REORDERED, { order: ['v1'] }))).toEqual([
      { type: 'views.changed', position: '16', viewId: null },
    ]);
  });

  it('a client resuming between the two messages of a row gets only the second', () => {
    const rows = [reminderFired(5), upsert(6)];
    expect(messagesAfter(rows, 9n).map((m) => m.position)).toEqual(['10', '12']);
    expect(messagesAfter(rows, 8n).map((m) => m.position)).toEqual(['9', '10', '12']);
    expect(messagesAfter(rows, 12n)).toEqual([]);
  });

  it('positions map back to the feed rows still needed', () => {
    expect([seqBefore(8n), nextSeqFor(8n)]).toEqual([4n, 5n]);
    expect([seqBefore(9n), nextSeqFor(9n)]).toEqual([4n, 5n]);
    // Beyond 2^53, up to two slots per bigint sequence number; past that no log can reach.
    expect(parsePosition('18446744073709551614')).toBe(18446744073709551614n);
    expect(parsePosition('18446744073709551616')).toBeUndefined();
    expect(['-1', '1.5', 'abc', '', '1e3'].map(parsePosition)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a feed row that cannot be turned into messages', () => {
  it('given rows around one that cannot be built, then the others are sent and the bad one is reported', () => {
    const unreadable: FeedRow = {
      ...reminderFired(6),
      // A value that refuses to become text (a row from a newer schema, say).
      eventData: { reminderId: { toString: () => Symbol('x') as unknown as string } },
    };
    const reported: bigint[] = [];
    const out = messagesAfter([upsert(5), unreadable, upsert(7)], 0n, (row) => reported.push(row.userSeq));
    expect(out.map((m) => m.position)).toEqual(['10', '14']);
    expect(reported).toEqual([6n]);
  });
});
