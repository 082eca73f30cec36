import { describe, expect, it } from '@jest/globals';
import type { TaskView } from '@todo/contracts';
import { bodyFromDraft, draftFromTask, emptyDraft, normaliseTag } from './editor-model';

const task: TaskView = {
  id: 't1',
  title: 'Standup',
  description: '',
  priority: 'medium',
  tags: ['work'],
  dueAt: '2026-01-15T08:00:00.000Z',
  allDay: false,
  timezone: 'Europe/Paris',
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', anchor: 'schedule' },
  reminders: [
    { id: 'r1', minutesBefore: 10 },
    { id: 'r2', at: '2026-01-15T07:00:00.000Z' },
  ],
  status: 'open',
  completedAt: null,
  seriesId: null,
  listId: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 3,
};

describe('editor model', () => {
  it('shows due and reminder times in the task zone', () => {
    const draft = draftFromTask(task);
    expect(draft.dueDate).toBe('2026-01-15');
    expect(draft.dueTime).toBe('09:00');
    expect(draft.reminders).toEqual([
      { id: 'r1', kind: 'before', minutes: 10, at: '' },
      { id: 'r2', kind: 'at', minutes: 0, at: '2026-01-15T08:00' },
    ]);
  });

  it('sends back exactly the fields it showed, keeping reminder ids', () => {
    const body = bodyFromDraft(draftFromTask(task));
    expect(body).toEqual({
      title: 'Standup',
      description: '',
      priority: 'medium',
      tags: ['work'],
      dueAt: '2026-01-15T08:00:00.000Z',
      allDay: false,
      timezone: 'Europe/Paris',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', anchor: 'schedule' },
      reminders: [
        { id: 'r1', minutesBefore: 10 },
        { id: 'r2', at: '2026-01-15T07:00:00.000Z' },
      ],
      listId: null,
    });
  });

  it('treats a date without a time as all day, and no date as no due date', () => {
    const allDay = bodyFromDraft({ ...emptyDraft('UTC'), title: 'x', dueDate: '2026-02-01' });
    expect(allDay).toMatchObject({ dueAt: '2026-02-01T00:00:00.000Z', allDay: true });
    expect(bodyFromDraft({ ...emptyDraft('UTC'), title: 'x' })).toMatchObject({ dueAt: null, allDay: false });
  });

  it('normalises typed tags the way the API stores them', () => {
    expect(normaliseTag('  #Home Office ')).toBe('home-office');
  });
});
