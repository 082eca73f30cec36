import { describe, expect, it } from '@jest/globals';
import { rruleProblem } from '@todo/contracts';
import { given } from './testing/given-text.ts';

// Reference for every case unless `.at()` says otherwise: Thursday 26 Nov 2026, 09:00 in Paris.

describe('natural-language engine: dates in the user zone', () => {
  it('reads "tomorrow 5pm" in the user zone, with its offset', () =>
    given('Buy milk tomorrow 5pm').then({
      intent: 'create_task',
      task: { title: 'Buy milk', dueAt: '2026-11-27T17:00:00+01:00', allDay: false },
    }));

  it('resolves the same words differently in another zone (server runs in UTC)', () =>
    given('Buy milk tomorrow 5pm')
      .at('2026-11-26T08:00:00Z', 'America/New_York')
      .then({
        intent: 'create_task',
        task: { title: 'Buy milk', dueAt: '2026-11-27T17:00:00-05:00', allDay: false },
      }));

  it("uses the user's date, not UTC's, late in the evening", () =>
    given('call mom tomorrow')
      .at('2026-11-26T23:30:00Z', 'Asia/Tokyo')
      .then({
        intent: 'create_task',
        task: { title: 'call mom', dueAt: '2026-11-28T00:00:00+09:00', allDay: true },
      }));

  it('keeps "in 2 hours" exact across a DST change', () =>
    given('water plants in 2 hours')
      .at('2026-03-29T00:30:00Z', 'Europe/Paris')
      .then({
        intent: 'create_task',
        task: { title: 'water plants', dueAt: '2026-03-29T04:30:00+02:00', allDay: false },
      }));

  it('reads "next friday", "on March 3", "tonight" and "end of month"', () => {
    given('call mom next friday').then({
      intent: 'create_task',
      task: { title: 'call mom', dueAt: '2026-12-04T00:00:00+01:00', allDay: true },
    });
    given('pay rent on March 3').then({
      intent: 'create_task',
      task: { title: 'pay rent', dueAt: '2027-03-03T00:00:00+01:00', allDay: true },
    });
    given('read tonight').then({
      intent: 'create_task',
      task: { title: 'read', dueAt: '2026-11-26T22:00:00+01:00', allDay: false },
    });
    given('send invoice end of month').then({
      intent: 'create_task',
      task: { title: 'send invoice', dueAt: '2026-11-30T00:00:00+01:00', allDay: true },
    });
  });

  it('moves a time that has passed today to tomorrow, and reads a bare "at 5" as 17:00', () => {
    given('stretch at 8am').then({
      intent: 'create_task',
      task: { title: 'stretch', dueAt: '2026-11-27T08:00:00+01:00', allDay: false },
    });
    given('call at 5').then({
      intent: 'create_task',
      task: { title: 'call', dueAt: '2026-11-26T17:00:00+01:00', allDay: false },
    });
  });
});

describe('natural-language engine: recurrence', () => {
  const rule = (text: string) => given(text).result().task?.recurrence;

  it.each([
    ['standup every weekday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['chores every weekend', 'FREQ=WEEKLY;BYDAY=SA,SU'],
    ['stretch every day', 'FREQ=DAILY'],
    ['gym every 3 days', 'FREQ=DAILY;INTERVAL=3'],
    ['review every 2 weeks on mon and thu', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH'],
    ['yoga every monday to friday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['team lunch every last friday', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['pay rent on the 1st of every month', 'FREQ=MONTHLY;BYMONTHDAY=1'],
    ['pay bills every 15th', 'FREQ=MONTHLY;BYMONTHDAY=15'],
    ['birthday every year on june 5', 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5'],
    ['water plants every day until dec 31', 'FREQ=DAILY;UNTIL=20261231T225959Z'],
    ['pills every day for 10 times', 'FREQ=DAILY;COUNT=10'],
    ['newsletter monthly', 'FREQ=MONTHLY'],
  ])('"%s" → %s', (text, rrule) => {
    expect(rule(text)).toEqual({ rrule, anchor: 'schedule' });
    expect(rruleProblem(rrule)).toBeNull();
  });

  it('anchors "after done" and "every!" on the completion date', () => {
    expect(rule('haircut every 3 months after done')).toEqual({
      rrule: 'FREQ=MONTHLY;INTERVAL=3',
      anchor: 'completion',
    });
    expect(rule('clean fridge every! 2 weeks')).toEqual({
      rrule: 'FREQ=WEEKLY;INTERVAL=2',
      anchor: 'completion',
    });
  });

  it('starts the series on the first matching day, at the time given', () =>
    given('standup every weekday at 9am').then({
      intent: 'create_task',
      task: {
        title: 'standup',
        dueAt: '2026-11-27T09:00:00+01:00',
        allDay: false,
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', anchor: 'schedule' },
      },
    }));

  it('starts a monthly "last friday" rule on the last Friday of the month', () =>
    expect(given('team lunch every last friday').result().task?.dueAt).toBe('2026-11-27T00:00:00+01:00'));
});

describe('natural-language engine: priority, tags, reminders', () => {
  it('reads p1..p4, "urgent" and "high priority"', () => {
    expect(given('fix server p1').result().task?.priority).toBe('high');
    expect(given('fix server p2').result().task?.priority).toBe('medium');
    expect(given('fix server p3').result().task?.priority).toBe('low');
    expect(given('fix server p4').result().task?.priority).toBe('none');
    expect(given('urgent fix the server').result().task).toEqual({
      title: 'fix the server',
      priority: 'high',
    });
    expect(given('taxes high priority').result().task).toEqual({ title: 'taxes', priority: 'high' });
  });

  it('reads tags in lower case, without duplicates', () =>
    expect(given('Plan trip @Travel @family @travel').result().task).toEqual({
      title: 'Plan trip',
      tags: ['travel', 'family'],
    }));

  it('reads a reminder before the due time and one at a time on the due day', () => {
    given('dentist friday 3pm remind me 30 min before').then({
      intent: 'create_task',
      task: {
        title: 'dentist',
        dueAt: '2026-11-27T15:00:00+01:00',
        allDay: false,
        reminders: [{ minutesBefore: 30 }],
      },
    });
    expect(given('dentist friday 3pm remind me at 8am').result().task?.reminders).toEqual([
      { at: '2026-11-27T08:00:00+01:00' },
    ]);
  });

  it('reads "remind me to …" as a task with a reminder at its due time', () =>
    given('remind me to call mom tomorrow at 6pm').then({
      intent: 'create_task',
      task: {
        title: 'call mom',
        dueAt: '2026-11-27T18:00:00+01:00',
        allDay: false,
        reminders: [{ minutesBefore: 0 }],
      },
    }));
});

describe('natural-language engine: intents on existing tasks', () => {
  it('reads complete, reopen and delete with the words naming the task', () => {
    given('mark the report as done').then({ intent: 'complete_task', target: 'report' });
    given('done: buy milk').then({ intent: 'complete_task', target: 'buy milk' });
    given('reopen the report').then({ intent: 'reopen_task', target: 'report' });
    given('delete buy milk').then({ intent: 'delete_task', target: 'buy milk' });
  });

  it('reads updates: a new date, a new title, a new priority', () => {
    given('move report to friday').then({
      intent: 'update_task',
      target: 'report',
      task: { dueAt: '2026-11-27T00:00:00+01:00', allDay: true },
    });
    given('rename report to Quarterly report').then({
      intent: 'update_task',
      target: 'report',
      task: { title: 'Quarterly report' },
    });
    given('make report urgent').then({ intent: 'update_task', target: 'report', task: { priority: 'high' } });
  });

  it('reads "remind me about …" as a reminder added to an existing task', () =>
    given('remind me about the dentist 30 min before').then({
      intent: 'update_task',
      target: 'dentist',
      task: { reminders: [{ minutesBefore: 30 }] },
    }));

  it('keeps "move couch to garage" a new task, since it names no new date or priority', () =>
    given('move couch to garage').then({ intent: 'create_task', task: { title: 'move couch to garage' } }));

  it('reads snooze with a duration, and defaults to 10 minutes', () => {
    given('snooze dentist for 15 minutes').then({
      intent: 'snooze_reminder',
      target: 'dentist',
      snooze: { until: '2026-11-26T09:15:00+01:00' },
    });
    given('snooze').then({ intent: 'snooze_reminder', snooze: { until: '2026-11-26T09:10:00+01:00' } });
  });

  it('reads list questions into a filter with resolved bounds', () => {
    given("what's due today?").then({
      intent: 'list_tasks',
      filter: {
        status: 'open',
        due: 'today',
        dueFrom: '2026-11-26T00:00:00+01:00',
        dueTo: '2026-11-27T00:00:00+01:00',
      },
    });
    given('show overdue tasks').then({
      intent: 'list_tasks',
      filter: { status: 'open', due: 'overdue', dueTo: '2026-11-26T09:00:00+01:00' },
    });
    given('list @home tasks').then({ intent: 'list_tasks', filter: { status: 'open', tag: 'home' } });
  });

  it('reads undo and help', () => {
    given('undo').then({ intent: 'undo' });
    given('help').then({ intent: 'help' });
  });
});

describe('natural-language engine: spans and bad input', () => {
  it('points every understood field at the characters that produced it', () =>
    given('Pay rent every month on the 1st @home p1').thenSpans([
      ['recurrence', 'every month on the 1st'],
      ['tags', '@home'],
      ['priority', 'p1'],
    ]));

  it('takes the connecting word along with the date', () =>
    given('Submit report by friday at 5pm').thenSpans([['dueAt', 'by friday at 5pm']]));

  it('answers unknown for empty text and emoji only, and keeps other languages as a title', () => {
    given('').then({ intent: 'unknown' });
    given('🎉🎉').then({ intent: 'unknown' });
    given('acheter du pain').then({ intent: 'create_task', task: { title: 'acheter du pain' } });
  });

  it('reads a very long text without failing', () => {
    const result = given('call '.repeat(2000)).result();
    expect(result.intent).toBe('create_task');
    expect(result.task?.title?.length).toBeLessThanOrEqual(500);
  });
});
