import { describe, expect, it } from '@jest/globals';
import { TASK_COMPLETED, TASK_CREATED, TASK_UPDATED, toTaskEvent } from './events.ts';
import { TASK_REMINDER_FIRED, TASK_REMINDER_SNOOZED } from './saga-events.ts';
import { taskCreatedData as created } from './testing/fixtures.ts';
import { upcastEnvelope, upcastEventData } from './upcast.ts';

/** given an old event as stored, when it is read, then its data is … */
const given = (type: string, data: unknown) => ({
  whenRead: () => upcastEnvelope({ type, data, id: 'e1' }),
});

describe('upcasting events with instants outside 1970-9999 UTC', () => {
  it('drops a due date in year 0 and the event becomes a valid task event', () => {
    const read = given(TASK_CREATED, created({ dueAt: '0000-12-31T10:00:00.000Z' })).whenRead();
    expect(read.data).toEqual(created({ dueAt: null }));
    expect(toTaskEvent(read)).not.toBeNull();
  });

  it('drops a due date in year 10000 (expanded-year ISO form)', () => {
    const read = given(TASK_CREATED, created({ dueAt: '+010000-01-01T13:59:59.000Z' })).whenRead();
    expect(read.data).toEqual(created({ dueAt: null }));
  });

  it('removes an absolute reminder outside the range and keeps the others', () => {
    const keep = [
      { id: 'a', at: '2026-03-01T09:00:00.000Z' },
      { id: 'b', minutesBefore: 10 },
    ];
    const read = given(TASK_UPDATED, {
      changes: {
        dueAt: '0000-01-01T00:00:00.000Z',
        reminders: [keep[0], { id: 'x', at: '0000-06-01T00:00:00.000Z' }, keep[1]],
      },
    }).whenRead();
    expect(read.data).toEqual({ changes: { dueAt: null, reminders: keep } });
    expect(toTaskEvent(read)).not.toBeNull();
  });

  it('clamps required instants to the nearest bound, keeping what the event says', () => {
    expect(given(TASK_COMPLETED, { completedAt: '0000-12-31T10:00:00.000Z' }).whenRead().data).toEqual({
      completedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(
      given(TASK_REMINDER_FIRED, {
        reminderId: 'r',
        scheduledFor: '+010000-01-01T00:00:00.000Z',
        firedAt: '2026-01-01T00:00:00.000Z',
        late: false,
      }).whenRead().data,
    ).toEqual({
      reminderId: 'r',
      scheduledFor: '9999-12-31T23:59:59.999Z',
      firedAt: '2026-01-01T00:00:00.000Z',
      late: false,
    });
    expect(
      given(TASK_REMINDER_SNOOZED, { reminderId: 'r', snoozedUntil: '1900-01-01T00:00:00.000Z' }).whenRead()
        .data,
    ).toEqual({ reminderId: 'r', snoozedUntil: '1970-01-01T00:00:00.000Z' });
  });

  it('returns the very same envelope when nothing needs repair (no copy on the hot path)', () => {
    const envelope = { type: TASK_CREATED, data: created({ dueAt: '2026-03-01T09:00:00.000Z' }) };
    expect(upcastEnvelope(envelope)).toBe(envelope);
  });

  it('leaves unknown types and values that are not date-times alone', () => {
    const data = { dueAt: '0000-01-01T00:00:00.000Z' };
    expect(upcastEventData('todo.other.happened.v1', data)).toBe(data);
    const garbage = created({ dueAt: 'not a date' });
    expect(upcastEventData(TASK_CREATED, garbage)).toBe(garbage);
  });
});

describe('upcasting a created event whose series id is not a UUID', () => {
  it('given an old event with a series id the read model cannot store, when it is read, then the series id is dropped', () => {
    const read = given(TASK_CREATED, created({ seriesId: 'not-a-uuid' })).whenRead();
    expect(read.data).toEqual(created({ seriesId: null }));
    expect(toTaskEvent(read)).not.toBeNull();
  });

  it('keeps a UUID series id, and the same object when nothing changes', () => {
    const stored = {
      type: TASK_CREATED,
      data: created({ seriesId: '7d8f6c3e-2c1a-4c55-9a59-0b8f1c2d3e4f' }),
      id: 'e1',
    };
    expect(upcastEnvelope(stored)).toBe(stored);
  });

  it('today the schema refuses a series id that is not a UUID', () => {
    expect(toTaskEvent({ type: TASK_CREATED, data: created({ seriesId: 'not-a-uuid' }) })).toBeNull();
  });
});

describe('upcasting task events written before lists', () => {
  it('reads a created event without a list as a task in the Inbox', () => {
    const { listId: _listId, ...before } = created();
    const read = given(TASK_CREATED, before).whenRead();
    expect(read.data).toEqual(created({ listId: null }));
    expect(toTaskEvent(read)).not.toBeNull();
  });

  it('leaves a created event that names its list as it is', () => {
    const data = created({ listId: '5b0d7a52-5d0f-4a57-8c61-1b3f4c7f0e11' });
    expect(given(TASK_CREATED, data).whenRead().data).toBe(data);
  });

  it('leaves an update without a list as it is: it moves nothing', () => {
    const data = { changes: { title: 'x' } };
    expect(given(TASK_UPDATED, data).whenRead().data).toBe(data);
  });
});
