import { describe, expect, it } from '@jest/globals';
import { TaskView } from '@todo/contracts';
import fc from 'fast-check';
import { z } from 'zod';
import { toTaskView, type TaskDoc } from './task-doc.ts';
import { taskViewJson } from './task-view-json.ts';
import { taskDoc } from './testing/task-doc.ts';

// The stored view is the text the API's response serializer wrote for the task before lists
// were sent as stored: zod's encode of the view, then JSON.stringify. Byte for byte.

const serialised = (doc: TaskDoc) => JSON.stringify(z.encode(TaskView, toTaskView(doc)));

describe('a task as stored JSON', () => {
  it.each<[string, Partial<TaskDoc>]>([
    ['a plain task', {}],
    [
      'every field set',
      {
        title: 'Pay "rent" \\ now',
        description: 'line one\nline two\ttabbed\r\n',
        priority: 'high',
        tags: ['home', 'money'],
        dueAt: '2027-02-28T23:59:59.999Z',
        allDay: true,
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO', anchor: 'completion' },
        reminders: [
          { id: 'r1', at: '2027-02-28T08:00:00.000Z' },
          { id: 'r-2', minutesBefore: 30 },
        ],
        status: 'completed',
        completedAt: '2027-03-01T00:00:00.001Z',
        seriesId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
        listId: '9b2f7c1e-3a4d-4b5c-8d6e-7f8a9b0c1d2e',
        version: 2_000_000_000,
      },
    ],
    ['text outside ASCII and old control characters', { title: 'Café ☕ 😀 \u2028 \u007f \u0001\u001f\b\f' }],
  ])('given %s, then it is the text the response serializer wrote', (_name, fields) => {
    expect(taskViewJson(taskDoc(fields))).toBe(serialised(taskDoc(fields)));
  });

  it('given keys the response schema does not know in the stored shapes, then they are left out as it strips them', () => {
    const task = taskDoc({
      recurrence: { anchor: 'schedule', rrule: 'FREQ=DAILY', old: 1 } as unknown as TaskDoc['recurrence'],
      reminders: [
        { at: '2027-01-01T00:00:00.000Z', id: 'a', extra: true },
      ] as unknown as TaskDoc['reminders'],
    });
    expect(taskViewJson(task)).toBe(serialised(task));
  });

  it('given any text, tags, reminders and recurrence, then it is the text the response serializer wrote', () => {
    const reminder = fc.oneof(
      fc.record({ id: fc.string({ minLength: 1 }), at: fc.string() }),
      fc.record({ id: fc.string({ minLength: 1 }), minutesBefore: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }),
        fc.array(reminder, { maxLength: 3 }),
        fc.option(
          fc.record({
            rrule: fc.string(),
            anchor: fc.constantFrom('schedule' as const, 'completion' as const),
          }),
        ),
        (title, description, tags, reminders, recurrence) => {
          const task = taskDoc({ title, description, tags, reminders, recurrence });
          expect(taskViewJson(task)).toBe(serialised(task));
        },
      ),
      { numRuns: 500, seed: 13 },
    );
  });
});
