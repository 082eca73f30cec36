import { describe, expect, it } from '@jest/globals';
import { ExpansionLimitReached } from '@todo/contracts';
import { nextOccurrence, type Occurrence, type RecurringTask } from './next-occurrence.ts';

/** given(task).whenClosedAt(instant).then…: the recurrence rules as a table of examples. */
function given(overrides: Partial<RecurringTask> & { rrule?: string; anchor?: 'schedule' | 'completion' }) {
  const { rrule = 'FREQ=DAILY', anchor = 'schedule', ...rest } = overrides;
  const task: RecurringTask = {
    dueAt: '2026-03-01T14:00:00.000Z',
    timezone: 'America/New_York',
    allDay: false,
    reminders: [],
    recurrence: { rrule, anchor },
    ...rest,
  };
  return {
    whenClosedAt(closedAt: string) {
      let next: Occurrence | null = null;
      let gaveUp: unknown = null;
      try {
        next = nextOccurrence(task, closedAt);
      } catch (error) {
        if (!(error instanceof ExpansionLimitReached)) throw error;
        gaveUp = error;
      }
      return {
        thenNextDueIs(dueAt: string) {
          expect(next?.dueAt).toBe(dueAt);
        },
        thenNext(expected: Partial<Occurrence>) {
          expect(next).toMatchObject(expected);
        },
        thenTheSeriesHasEnded() {
          expect(gaveUp).toBeNull();
          expect(next).toBeNull();
        },
        thenTheSearchGivesUp() {
          expect(gaveUp).toBeInstanceOf(ExpansionLimitReached);
        },
      };
    },
  };
}

describe('next occurrence', () => {
  describe('DST', () => {
    it('keeps 09:00 New York across spring-forward (EST → EDT)', () =>
      given({ dueAt: '2026-03-07T14:00:00.000Z' })
        .whenClosedAt('2026-03-07T15:00:00.000Z')
        .thenNextDueIs('2026-03-08T13:00:00.000Z'));

    it('keeps 09:00 New York across fall-back (EDT → EST)', () =>
      given({ dueAt: '2026-10-31T13:00:00.000Z' })
        .whenClosedAt('2026-10-31T14:00:00.000Z')
        .thenNextDueIs('2026-11-01T14:00:00.000Z'));

    it('moves a time skipped by spring-forward past the gap, pinning the intended time of day', () =>
      given({ dueAt: '2026-03-28T01:30:00.000Z', timezone: 'Europe/Paris' })
        .whenClosedAt('2026-03-28T02:00:00.000Z')
        .thenNext({
          dueAt: '2026-03-29T01:30:00.000Z',
          recurrence: { rrule: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30', anchor: 'schedule' },
        }));

    it('returns to the rule’s wall-clock time the day after the gap (02:30 CEST)', () =>
      given({
        dueAt: '2026-03-29T01:30:00.000Z',
        timezone: 'Europe/Paris',
        rrule: 'FREQ=DAILY;BYHOUR=2;BYMINUTE=30',
      })
        .whenClosedAt('2026-03-29T02:00:00.000Z')
        .thenNextDueIs('2026-03-30T00:30:00.000Z'));

    it('an hourly rule completed in the repeated hour at fall-back goes on at 02:00 EST', () =>
      given({ rrule: 'FREQ=HOURLY', dueAt: '2026-11-01T04:00:00.000Z' })
        .whenClosedAt('2026-11-01T06:30:00.000Z')
        .thenNextDueIs('2026-11-01T07:00:00.000Z'));

    it('takes the first of a time that happens twice at fall-back (01:30 EDT)', () =>
      given({ dueAt: '2026-10-31T05:30:00.000Z' })
        .whenClosedAt('2026-10-31T06:00:00.000Z')
        .thenNextDueIs('2026-11-01T05:30:00.000Z'));
  });

  describe('calendar edges', () => {
    it('skips months without a 31st (RFC 5545): 31 January → 31 March', () =>
      given({ dueAt: '2026-01-31T14:00:00.000Z', rrule: 'FREQ=MONTHLY' })
        .whenClosedAt('2026-01-31T15:00:00.000Z')
        .thenNextDueIs('2026-03-31T13:00:00.000Z'));

    it('uses the last day of a short month with BYMONTHDAY=-1', () =>
      given({ dueAt: '2026-01-31T14:00:00.000Z', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' })
        .whenClosedAt('2026-01-31T15:00:00.000Z')
        .thenNextDueIs('2026-02-28T14:00:00.000Z'));

    it('repeats 29 February only in leap years', () =>
      given({ dueAt: '2028-02-29T14:00:00.000Z', rrule: 'FREQ=YEARLY' })
        .whenClosedAt('2028-02-29T15:00:00.000Z')
        .thenNextDueIs('2032-02-29T14:00:00.000Z'));

    it('finds the last Friday of the month (BYDAY=-1FR)', () =>
      given({ dueAt: '2026-01-30T14:00:00.000Z', rrule: 'FREQ=MONTHLY;BYDAY=-1FR' })
        .whenClosedAt('2026-01-30T15:00:00.000Z')
        .thenNextDueIs('2026-02-27T14:00:00.000Z'));

    it('follows weekdays (BYDAY=MO,WE,FR)', () =>
      given({ dueAt: '2026-03-06T14:00:00.000Z', rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' })
        .whenClosedAt('2026-03-06T15:00:00.000Z')
        .thenNextDueIs('2026-03-09T13:00:00.000Z'));
  });

  describe('the end of a series', () => {
    it('stops after UNTIL (a date: the whole local day counts)', () =>
      given({ dueAt: '2026-03-05T14:00:00.000Z', rrule: 'FREQ=DAILY;UNTIL=20260305' })
        .whenClosedAt('2026-03-05T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('still spawns the occurrence on the UNTIL day', () =>
      given({ dueAt: '2026-03-04T14:00:00.000Z', rrule: 'FREQ=DAILY;UNTIL=20260305' })
        .whenClosedAt('2026-03-04T15:00:00.000Z')
        .thenNextDueIs('2026-03-05T14:00:00.000Z'));

    it('reads a UTC UNTIL as an instant', () =>
      given({ dueAt: '2026-03-04T14:00:00.000Z', rrule: 'FREQ=DAILY;UNTIL=20260305T135959Z' })
        .whenClosedAt('2026-03-04T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    // 20:00 in Los Angeles on 9999-12-31 is 10000-01-01T04:00Z: no part of the system can
    // store it (instants lie in 1970-9999 UTC), so the series ends there, as at UNTIL.
    it('ends where the next occurrence would lie after 9999-12-31 UTC once the offset is applied', () =>
      given({ dueAt: '9999-12-31T04:00:00.000Z', timezone: 'America/Los_Angeles' })
        .whenClosedAt('9999-12-31T05:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('still spawns the last occurrence that lies inside 9999 UTC', () =>
      given({ dueAt: '9999-12-30T04:00:00.000Z', timezone: 'America/Los_Angeles' })
        .whenClosedAt('9999-12-30T05:00:00.000Z')
        .thenNextDueIs('9999-12-31T04:00:00.000Z'));

    it('drops an absolute reminder that would move past 9999 UTC, keeping the occurrence', () =>
      given({
        dueAt: '9999-12-30T04:00:00.000Z',
        timezone: 'America/Los_Angeles',
        reminders: [
          { id: 'early', at: '9999-12-30T03:00:00.000Z' },
          { id: 'late', at: '9999-12-31T23:00:00.000Z' },
          { id: 'rel', minutesBefore: 10 },
        ],
      })
        .whenClosedAt('9999-12-30T05:00:00.000Z')
        .thenNext({
          dueAt: '9999-12-31T04:00:00.000Z',
          reminders: [
            { id: 'early', at: '9999-12-31T03:00:00.000Z' },
            { id: 'rel', minutesBefore: 10 },
          ],
        }));

    it('counts COUNT down on each occurrence', () =>
      given({ rrule: 'FREQ=DAILY;COUNT=3' })
        .whenClosedAt('2026-03-01T15:00:00.000Z')
        .thenNext({
          dueAt: '2026-03-02T14:00:00.000Z',
          recurrence: { rrule: 'FREQ=DAILY;COUNT=2', anchor: 'schedule' },
        }));

    it('ends with the last occurrence of COUNT', () =>
      given({ rrule: 'FREQ=DAILY;COUNT=1' })
        .whenClosedAt('2026-03-01T15:00:00.000Z')
        .thenTheSeriesHasEnded());
  });

  describe('anchoring', () => {
    it('on the schedule, skips occurrences missed while overdue and counts them', () =>
      given({ rrule: 'FREQ=DAILY;COUNT=10' })
        .whenClosedAt('2026-03-04T15:00:00.000Z')
        .thenNext({
          dueAt: '2026-03-05T14:00:00.000Z',
          recurrence: { rrule: 'FREQ=DAILY;COUNT=6', anchor: 'schedule' },
        }));

    it('on the schedule, catches up with an hourly rule overdue for years (and counts what it skipped)', () =>
      given({ rrule: 'FREQ=HOURLY;COUNT=100000', timezone: 'UTC', dueAt: '2026-03-01T14:00:00.000Z' })
        .whenClosedAt('2028-03-01T14:30:00.000Z')
        .thenNext({
          dueAt: '2028-03-01T15:00:00.000Z',
          recurrence: { rrule: `FREQ=HOURLY;COUNT=${100000 - (731 * 24 + 1)}`, anchor: 'schedule' },
        }));

    it('on the schedule, keeps an occurrence still ahead of the completion', () =>
      given({}).whenClosedAt('2026-03-03T13:00:00.000Z').thenNextDueIs('2026-03-03T14:00:00.000Z'));

    it('on the schedule, an all-day occurrence on the completion day still counts as ahead', () =>
      given({ dueAt: '2026-03-01T05:00:00.000Z', allDay: true })
        .whenClosedAt('2026-03-03T20:00:00.000Z')
        .thenNextDueIs('2026-03-03T05:00:00.000Z'));

    it('from completion (every!), counts from the completion day at the due time of day', () =>
      given({
        dueAt: '2026-03-01T08:00:00.000Z',
        timezone: 'Europe/Paris',
        rrule: 'FREQ=DAILY;INTERVAL=3',
        anchor: 'completion',
      })
        .whenClosedAt('2026-03-05T17:00:00.000Z')
        .thenNextDueIs('2026-03-08T08:00:00.000Z'));

    it('from completion, uses the completion’s local day (late evening in New York is still that day)', () =>
      given({ anchor: 'completion', rrule: 'FREQ=WEEKLY' })
        .whenClosedAt('2026-03-11T03:00:00.000Z')
        .thenNextDueIs('2026-03-17T13:00:00.000Z'));

    it('from completion, COUNT still ends the series', () =>
      given({ anchor: 'completion', rrule: 'FREQ=DAILY;COUNT=2' })
        .whenClosedAt('2026-03-05T15:00:00.000Z')
        .thenNext({ recurrence: { rrule: 'FREQ=DAILY;COUNT=1', anchor: 'completion' } }));
  });

  it('moves absolute reminders with the due time and keeps relative ones', () =>
    given({
      reminders: [
        { id: 'a', at: '2026-03-01T13:30:00.000Z' },
        { id: 'b', minutesBefore: 10 },
      ],
    })
      .whenClosedAt('2026-03-01T15:00:00.000Z')
      .thenNext({
        reminders: [
          { id: 'a', at: '2026-03-02T13:30:00.000Z' },
          { id: 'b', minutesBefore: 10 },
        ],
      }));

  describe("rules the language engine writes for Todoist's forms", () => {
    const paris = { timezone: 'Europe/Paris' };
    it('several times a day (BYHOUR=7,19): done at 19:00, next is 07:00 the next morning', () =>
      given({ ...paris, rrule: 'FREQ=DAILY;BYHOUR=7,19', dueAt: '2026-11-26T18:00:00.000Z' })
        .whenClosedAt('2026-11-26T18:05:00.000Z')
        .thenNextDueIs('2026-11-27T06:00:00.000Z'));

    it('times with different minutes (BYSETPOS picks 07:30 and 19:00 of each day)', () =>
      given({
        ...paris,
        rrule: 'FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3',
        dueAt: '2026-11-26T18:00:00.000Z',
      })
        .whenClosedAt('2026-11-26T18:05:00.000Z')
        .thenNextDueIs('2026-11-27T06:30:00.000Z'));

    it('a time of its own on each day (Monday 09:00, Friday 17:00): done on Friday, next is Monday 09:00', () =>
      given({
        ...paris,
        rrule: 'FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=1,4',
        dueAt: '2026-11-27T16:00:00.000Z',
      })
        .whenClosedAt('2026-11-27T16:30:00.000Z')
        .thenNextDueIs('2026-11-30T08:00:00.000Z'));

    it('the first workday of the month: done on Tue 1 Dec, next is Fri 1 Jan', () =>
      given({
        ...paris,
        allDay: true,
        rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
        dueAt: '2026-11-30T23:00:00.000Z',
      })
        .whenClosedAt('2026-12-01T10:00:00.000Z')
        .thenNextDueIs('2026-12-31T23:00:00.000Z'));

    it('the last workday: done on Mon 30 Nov, next is Thu 31 Dec', () =>
      given({
        ...paris,
        allDay: true,
        rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
        dueAt: '2026-11-29T23:00:00.000Z',
      })
        .whenClosedAt('2026-11-30T10:00:00.000Z')
        .thenNextDueIs('2026-12-30T23:00:00.000Z'));
  });

  describe('a rule that never matches, from an event written before such rules were refused', () => {
    it('ends the series: no occurrence within 10 years of the completion (31 February)', () =>
      given({ rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31' })
        .whenClosedAt('2026-03-01T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('ends the series for the hourly variant with every hour and minute', () =>
      given({
        rrule: `FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30,31;BYHOUR=${[...Array(24).keys()].join(',')};BYMINUTE=${[...Array(60).keys()].join(',')}`,
      })
        .whenClosedAt('2026-03-01T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('ends the series when every 24 hours never reaches BYHOUR (rrule.js looped forever)', () =>
      given({ rrule: 'FREQ=HOURLY;INTERVAL=24;BYHOUR=5' })
        .whenClosedAt('2026-03-01T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('from the completion too: every 4 years on 29 February, restarted in 2029', () =>
      given({ rrule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', anchor: 'completion' })
        .whenClosedAt('2029-03-01T15:00:00.000Z')
        .thenTheSeriesHasEnded());

    it('gives up within its budget on a series too large to count (COUNT, minute by minute, 9 years late)', () =>
      given({ rrule: `FREQ=HOURLY;COUNT=99999;BYMINUTE=${[...Array(60).keys()].join(',')}`, timezone: 'UTC' })
        .whenClosedAt('2035-03-01T15:00:00.000Z')
        .thenTheSearchGivesUp());
  });
});
