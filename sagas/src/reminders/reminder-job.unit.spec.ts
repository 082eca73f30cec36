import { describe, expect, it } from '@jest/globals';
import { isReminderJob } from './reminder-job.ts';

const good = {
  kind: 'reminder',
  taskId: '7d9f2c1e-4b3a-4c5d-8e6f-0a1b2c3d4e5f',
  userId: 'user-1',
  reminderId: 'r1',
  scheduledFor: '2030-03-04T08:00:00.000Z',
};

describe('a reminder job that can be fired', () => {
  it('is the data the reminder saga writes', () => {
    expect(isReminderJob(good)).toBe(true);
  });

  it.each([
    ['no object', null],
    ['another kind', { ...good, kind: 'webhook' }],
    ['a task id the store cannot look up', { ...good, taskId: 'task-1' }],
    ['no user', { ...good, userId: undefined }],
    ['an instant that is no date', { ...good, scheduledFor: 'tomorrow-ish' }],
  ])('is not %s', (_what, data) => {
    expect(isReminderJob(data)).toBe(false);
  });
});
