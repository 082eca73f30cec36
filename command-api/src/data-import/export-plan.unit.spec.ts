import { describe, expect, it } from '@jest/globals';
import type { ImportExportBody } from '@todo/contracts';
import { planExportImport } from './export-plan.ts';

const ANA = '5b0c6f0e-8f37-4a51-9d64-3f4f1f7bd001';
const BO = '5b0c6f0e-8f37-4a51-9d64-3f4f1f7bd002';
const TASK = '0f1e2d3c-4b5a-4968-8776-655443322110';
const now = new Date('2026-12-01T10:00:00Z');

const exported = (
  task: Partial<ImportExportBody['tasks'][number]['task']>,
  account = ANA,
): ImportExportBody => ({
  format: 'todo-system/export',
  version: 1,
  account: { id: account },
  tasks: [
    {
      task: {
        id: TASK,
        title: 'Pay rent',
        description: '',
        priority: 'high',
        tags: ['bills'],
        dueAt: '2026-12-01T08:00:00.000Z',
        allDay: false,
        timezone: 'Europe/Paris',
        recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
        reminders: [{ id: 'r1', minutesBefore: 30 }],
        status: 'open',
        completedAt: null,
        ...task,
      },
      events: [],
    },
  ],
});
const steps = (file: ImportExportBody, userId: string) => [...planExportImport(file, { userId, now }).steps];

describe('our own export as an import', () => {
  it('given a task of another account, then it is created with its fields under an id of its own', () => {
    const [step] = steps(exported({}), BO);
    expect(step!.item!.body).toMatchObject({
      title: 'Pay rent',
      priority: 'high',
      tags: ['bills'],
      dueAt: '2026-12-01T08:00:00.000Z',
      timezone: 'Europe/Paris',
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
      reminders: [{ id: 'r1', minutesBefore: 30 }],
    });
    expect(step!.item!.taskId).not.toBe(TASK);
    expect(steps(exported({}), BO)[0]!.item!.taskId).toBe(step!.item!.taskId);
  });

  it('given the export of the same account, then its tasks keep their ids (so they are found there)', () => {
    expect(steps(exported({}), ANA)[0]!.item!.taskId).toBe(TASK);
  });

  it('given a completed task, then it is completed at its time; a recurring one loses its rule, reported', () => {
    const [step] = steps(exported({ status: 'completed', completedAt: '2026-11-30T12:00:00+01:00' }), BO);
    expect(step!.item).toMatchObject({ completedAt: '2026-11-30T11:00:00.000Z', body: { recurrence: null } });
    expect(step!.report).toEqual([
      expect.objectContaining({ row: 1, column: 'task.recurrence', outcome: 'partly' }),
    ]);
  });

  it('given fields a create refuses, then the task is skipped naming the field', () => {
    const [step] = steps(exported({ title: '   ' }), BO);
    expect(step).toEqual({
      item: null,
      report: [expect.objectContaining({ row: 1, column: 'task.title', outcome: 'skipped' })],
    });
    expect(steps(exported({ recurrence: { rrule: 'FREQ=SOMETIMES' } }), BO)[0]!.report[0]!.column).toBe(
      'task.recurrence.rrule',
    );
  });
});
