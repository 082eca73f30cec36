import { describe, expect, it } from '@jest/globals';
import type { TodoistRow } from './todoist-csv.ts';
import { planTodoistImport } from './todoist-plan.ts';
import { todoistTask } from './todoist-task.ts';

// Tuesday 1 December 2026, 10:00 UTC.
const context = {
  userId: '5b0c6f0e-8f37-4a51-9d64-3f4f1f7bd001',
  now: new Date('2026-12-01T10:00:00Z'),
  timezone: 'UTC',
};
const row = (line: number, cells: TodoistRow['cells']): TodoistRow => ({
  line,
  cells: { TYPE: 'task', ...cells },
});
const given = (cells: TodoistRow['cells'], notes: TodoistRow[] = []) => ({
  when: () => todoistTask({ task: row(2, cells), notes, occurrence: 0 }, context),
});

describe('a Todoist task row as a new task', () => {
  it('given labels in the content, then they are tags and leave the title', () => {
    const { item } = given({ CONTENT: 'Pay rent @Bills @home' }).when();
    expect(item?.body).toMatchObject({ title: 'Pay rent', tags: ['bills', 'home'] });
  });

  it.each([
    ['4', 'high'],
    ['3', 'medium'],
    ['2', 'low'],
    ['1', 'none'],
    ['', 'none'],
  ])('given PRIORITY %p (Todoist counts 4 as p1), then the priority is %p', (priority, expected) => {
    expect(given({ CONTENT: 'Tea', PRIORITY: priority }).when().item?.body.priority).toBe(expected);
  });

  it('given "every …" in DATE, then it is a rule read by the NL engine in the row\'s zone', () => {
    const { item, report } = given({
      CONTENT: 'Stand-up',
      DATE: 'every weekday at 9:30',
      TIMEZONE: 'Europe/Berlin',
    }).when();
    expect(item?.body).toMatchObject({
      dueAt: '2026-12-02T08:30:00.000Z',
      allDay: false,
      timezone: 'Europe/Berlin',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', anchor: 'schedule' },
    });
    expect(report).toEqual([]);
  });

  it('given "every! 2 weeks", then the rule counts from the completion', () => {
    expect(given({ CONTENT: 'Backup', DATE: 'every! 2 weeks' }).when().item?.body.recurrence).toEqual({
      rrule: 'FREQ=WEEKLY;INTERVAL=2',
      anchor: 'completion',
    });
  });

  it('given a date, then it is the due date, all-day when it names no time', () => {
    expect(given({ CONTENT: 'Passport', DATE: 'Dec 15 2026' }).when().item?.body).toMatchObject({
      dueAt: '2026-12-15T00:00:00.000Z',
      allDay: true,
      recurrence: null,
    });
  });

  it('given a date the engine cannot read, then the task comes without a date and the row is reported', () => {
    const { item, report } = given({ CONTENT: 'Paint', DATE: 'jeden Montag', DATE_LANG: 'de' }).when();
    expect(item?.body.dueAt).toBeUndefined();
    expect(report).toEqual([
      {
        row: 2,
        column: 'DATE',
        outcome: 'partly',
        message:
          'could not understand the date "jeden Montag" (only English dates are read; DATE_LANG is de): imported without a date',
      },
    ]);
  });

  it('given a rule with no date, then the row is reported as never occurring', () => {
    expect(given({ CONTENT: 'Party', DATE: 'every feb 30' }).when().report).toEqual([
      expect.objectContaining({ column: 'DATE', message: expect.stringMatching(/never occurs/) }),
    ]);
  });

  it('given notes, then they follow the description', () => {
    const { item } = given({ CONTENT: 'Passport', DESCRIPTION: 'Photos' }, [
      { line: 3, cells: { TYPE: 'note', CONTENT: 'Bring the old one' } },
    ]).when();
    expect(item?.body.description).toBe('Photos\n\nBring the old one');
  });

  it('given what a task here has no field for, then each is reported and the task imported', () => {
    const { item, report } = given({
      CONTENT: 'Offsite',
      PRIORITY: '9',
      TIMEZONE: 'Mars/Olympus',
      DEADLINE: '2026-12-20',
      DURATION: '30',
      RESPONSIBLE: 'Rui',
      INDENT: '2',
    }).when();
    expect(item?.body).toMatchObject({ title: 'Offsite', priority: 'none', timezone: 'UTC' });
    expect(report.map((line) => line.column)).toEqual([
      'PRIORITY',
      'TIMEZONE',
      'DEADLINE',
      'DURATION',
      'RESPONSIBLE',
      'INDENT',
    ]);
  });

  it('given only labels, then there is no title and the row is skipped', () => {
    expect(given({ CONTENT: '@someday @maybe' }).when()).toEqual({
      item: null,
      report: [{ row: 2, column: 'CONTENT', outcome: 'skipped', message: 'the task has no title' }],
    });
  });

  it('given the same row twice, then the ids differ; given it in another import, then the id is the same', () => {
    const cells = { CONTENT: 'Buy milk', DATE: 'tomorrow' };
    const first = todoistTask({ task: row(2, cells), notes: [], occurrence: 0 }, context).item!.taskId;
    const second = todoistTask({ task: row(4, cells), notes: [], occurrence: 1 }, context).item!.taskId;
    const again = todoistTask({ task: row(9, cells), notes: [], occurrence: 0 }, context).item!.taskId;
    const otherUser = todoistTask(
      { task: row(2, cells), notes: [], occurrence: 0 },
      { ...context, userId: 'x' },
    ).item!.taskId;
    expect(new Set([first, second, otherUser]).size).toBe(3);
    expect(again).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the rows of a Todoist export as an import plan', () => {
  it('given sections, notes, meta and blank rows, then tasks are counted, notes joined and the rest reported', () => {
    const plan = planTodoistImport(
      [
        { line: 2, cells: { TYPE: 'meta', CONTENT: 'view_style=list' } },
        { line: 3, cells: { TYPE: '', CONTENT: '' } },
        row(4, { CONTENT: 'Tea' }),
        { line: 5, cells: { TYPE: 'note', CONTENT: 'green' } },
        { line: 6, cells: { TYPE: 'section', CONTENT: 'Work' } },
        { line: 7, cells: { TYPE: 'note', CONTENT: 'orphan' } },
        { line: 8, cells: { TYPE: 'board', CONTENT: 'Kanban' } },
        row(9, { CONTENT: 'Coffee' }),
      ],
      context,
    );
    expect(plan.total).toBe(2);
    expect(plan.report.map((line) => [line.row, line.outcome])).toEqual([
      [6, 'partly'],
      [7, 'skipped'],
      [8, 'skipped'],
    ]);
    expect([...plan.steps].map((step) => step.item?.body.description)).toEqual(['green', '']);
  });
});

describe('values of the file quoted in the report', () => {
  it('given control characters and a long value, then the report shows them as spaces, cut', () => {
    const { report } = given({ CONTENT: 'Tea', PRIORITY: 'x\u0000y', DATE: 'z'.repeat(200) }).when();
    expect(report[0]!.message).toBe('"x y" is not a priority from 1 to 4');
    expect(report[1]!.message).toContain(`"${'z'.repeat(80)}…"`);
  });
});
