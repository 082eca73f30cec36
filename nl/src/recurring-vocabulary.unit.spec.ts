import { describe, expect, it } from '@jest/globals';
import { describeRecurrence, occurrenceProblem, rruleProblem, wallClockOf } from '@todo/contracts';
import { parse } from './parse.ts';
import { given } from './testing/given-text.ts';

// Todoist's recurring-date vocabulary (its "Introduction to recurring dates" help article and
// the page on completing recurring tasks); docs/nl-recurring-dates.md lists every form.
// Reference unless `.at()` says otherwise: Thursday 26 Nov 2026, 09:00 in Paris.
const WORKDAYS = 'BYDAY=MO,TU,WE,TH,FR';

const task = (
  title: string,
  dueAt: string,
  rrule: string,
  anchor: 'schedule' | 'completion' = 'schedule',
) => ({
  intent: 'create_task' as const,
  task: { title, dueAt, allDay: dueAt.includes('T00:00:00'), recurrence: { rrule, anchor } },
});

describe('several times a day', () => {
  it('given "every day at 7am and 7pm" at 09:00, then the hours are a BYHOUR list and it is due at 19:00 today', () =>
    given('take pills every day at 7am and 7pm').then(
      task('take pills', '2026-11-26T19:00:00+01:00', 'FREQ=DAILY;BYHOUR=7,19'),
    ));

  it('given three times with a comma and "and", then all three are hours, the next one due', () =>
    given('check glucose every day at 8am, 2pm and 8pm').then(
      task('check glucose', '2026-11-26T14:00:00+01:00', 'FREQ=DAILY;BYHOUR=8,14,20'),
    ));

  it('given times that share their minutes, then BYMINUTE says the minute', () =>
    given('feed the cat every day at 7:30 and 18:30').then(
      task('feed the cat', '2026-11-26T18:30:00+01:00', 'FREQ=DAILY;BYHOUR=7,18;BYMINUTE=30'),
    ));

  it('given times with different minutes, then BYSETPOS picks the said ones among BYHOUR × BYMINUTE', () =>
    given('feed the fish every day at 7:30am and 7pm').then(
      task('feed the fish', '2026-11-26T19:00:00+01:00', 'FREQ=DAILY;BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3'),
    ));

  it('given named days and different minutes, then it becomes a daily rule on those days (periods of one day)', () =>
    given('take the train every monday at 7:30 and 19:00').then(
      task(
        'take the train',
        '2026-11-30T07:30:00+01:00',
        'FREQ=DAILY;BYDAY=MO;BYHOUR=7,19;BYMINUTE=0,30;BYSETPOS=2,3',
      ),
    ));

  it('given "twice a day" with its times and no "every", then it is daily at those times', () =>
    given('take vitamins twice a day at 8am and 8pm').then(
      task('take vitamins', '2026-11-26T20:00:00+01:00', 'FREQ=DAILY;BYHOUR=8,20'),
    ));

  it('given the times before the schedule, then they are still its hours', () =>
    given('pills at 10am and 10pm every day').then(
      task('pills', '2026-11-26T10:00:00+01:00', 'FREQ=DAILY;BYHOUR=10,22'),
    ));

  it('given one time only, then it stays the due time and the rule has no BYHOUR', () =>
    given('stretch every day at 7pm').then(task('stretch', '2026-11-26T19:00:00+01:00', 'FREQ=DAILY')));

  it('given two times but no schedule, then nothing repeats', () =>
    expect(
      parse('call 7am and 7pm', { now: new Date('2026-11-26T08:00:00Z'), timezone: 'UTC' }).task?.recurrence,
    ).toBeUndefined());
});

describe('a time of its own on each day', () => {
  it('given "every monday at 9am, friday at 5pm", then BYSETPOS picks Monday 09:00 and Friday 17:00 of each week', () =>
    given('gym every monday at 9am, friday at 5pm').then(
      task('gym', '2026-11-27T17:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9,17;BYSETPOS=1,4'),
    ));

  it('given a day with two times and another with one, then all three pairs are picked', () =>
    given('meds every tuesday at 8am and 6pm, saturday at 10am').then(
      task('meds', '2026-11-28T10:00:00+01:00', 'FREQ=WEEKLY;BYDAY=TU,SA;BYHOUR=8,10,18;BYSETPOS=1,3,5'),
    ));

  it('given the same time on each day, then no BYSETPOS is needed and the time is the due time', () =>
    given('swim every monday at 9am and friday at 9am').then(
      task('swim', '2026-11-27T09:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO,FR'),
    ));
});

describe('a bounded run ("for 4 weeks") is a COUNT of the rule\'s own occurrences', () => {
  it.each([
    ['physio every day for 4 weeks', '2026-11-26T00:00:00+01:00', 'FREQ=DAILY;COUNT=28'],
    ['stretch every weekday for 4 weeks', '2026-11-26T00:00:00+01:00', `FREQ=WEEKLY;${WORKDAYS};COUNT=20`],
    ['team retro every monday for 4 weeks', '2026-11-30T00:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
    ['water cactus every 2 days for 4 weeks', '2026-11-26T00:00:00+01:00', 'FREQ=DAILY;INTERVAL=2;COUNT=14'],
    ['antibiotics every 8 hours for 5 days', '2026-11-26T10:00:00+01:00', 'FREQ=HOURLY;INTERVAL=8;COUNT=15'],
    [
      'inhaler every day at 7am and 7pm for 2 weeks',
      '2026-11-26T19:00:00+01:00',
      'FREQ=DAILY;BYHOUR=7,19;COUNT=28',
    ],
    ['taxes every 3 months for a year', '2026-11-26T00:00:00+01:00', 'FREQ=MONTHLY;INTERVAL=3;COUNT=4'],
    ['review every week for the next 3 weeks', '2026-11-26T00:00:00+01:00', 'FREQ=WEEKLY;COUNT=3'],
  ])('given "%s", then it is due %s with %s, not a due date weeks away', (text, dueAt, rrule) =>
    given(text).then(task(text.slice(0, text.indexOf(' every')), dueAt, rrule)),
  );

  it('given a run starting later, then it counts from the start', () =>
    given('water plants every 3 days starting tomorrow for 2 weeks').then(
      task('water plants', '2026-11-27T00:00:00+01:00', 'FREQ=DAILY;INTERVAL=3;COUNT=5'),
    ));

  it('given a run too long to count in a bounded search, then it ends by UNTIL at the end of its last day', () =>
    given('stand up every hour for 30 years').then({
      intent: 'create_task',
      task: {
        title: 'stand up',
        dueAt: '2026-11-26T10:00:00+01:00',
        allDay: false,
        recurrence: { rrule: 'FREQ=HOURLY;UNTIL=20561125T225959Z', anchor: 'schedule' },
      },
    }));

  it('given a run without a schedule, then it is left to the title', () =>
    given('vacation for 2 weeks').then({ intent: 'create_task', task: { title: 'vacation for 2 weeks' } }));
});

describe("workday ordinals: positions among the month's working days (BYSETPOS)", () => {
  it.each([
    ['pay suppliers every first workday', '2026-12-01', 'BYSETPOS=1'],
    ['send payslips every 1st workday', '2026-12-01', 'BYSETPOS=1'],
    ['file expenses every last workday', '2026-11-30', 'BYSETPOS=-1'],
    ['invoice every 1st business day', '2026-12-01', 'BYSETPOS=1'],
    ['run payroll every 15th workday', '2026-12-21', 'BYSETPOS=15'],
    ['payroll every 15th workday, last workday', '2026-11-30', 'BYSETPOS=15,-1'],
    ['close every 1st and 15th working day', '2026-12-01', 'BYSETPOS=1,15'],
    ['report every month on the last weekday', '2026-11-30', 'BYSETPOS=-1'],
    ['pay contractor on the first workday of every month', '2026-12-01', 'BYSETPOS=1'],
  ])('given "%s", then it is due %s, the rule MONTHLY with %s', (text, day, setPos) => {
    const title = text.slice(0, text.search(/ (?:every|on the) /));
    given(text).then(task(title, `${day}T00:00:00+01:00`, `FREQ=MONTHLY;${WORKDAYS};${setPos}`));
  });

  it('given a position no month has ("every 25th workday"), then the rule is kept for the command to refuse', () => {
    const result = parse('pay every 25th workday', {
      now: new Date('2026-11-26T08:00:00Z'),
      timezone: 'Europe/Paris',
    });
    const rrule = result.task?.recurrence?.rrule ?? '';
    expect(rrule).toBe(`FREQ=MONTHLY;${WORKDAYS};BYSETPOS=25`);
    expect(occurrenceProblem(rrule, wallClockOf('2026-11-26T00:00:00+01:00', 'Europe/Paris'))).toMatch(
      /no occurrence/,
    );
  });
});

describe('the rest of the documented forms', () => {
  it('given "ev", Todoist\'s short "every", then it repeats', () =>
    given('swim ev mon, fri').then(task('swim', '2026-11-27T00:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO,FR')));

  it('given a bare day of the month ("every 27"), then it is that day monthly', () =>
    given('pay the gardener every 27').then(
      task('pay the gardener', '2026-11-27T00:00:00+01:00', 'FREQ=MONTHLY;BYMONTHDAY=27'),
    ));

  it('given "every 10 min", then a bare number before a unit is no day of the month', () =>
    expect(given('stand up every 10 min').result().task?.recurrence?.rrule).not.toBe(
      'FREQ=MONTHLY;BYMONTHDAY=10',
    ));

  it('given a start that is not one of the named days, then it is due on the first one from the start', () =>
    given('piano every other Tues 7am starting 1 Nov').then(
      task('piano', '2027-11-02T07:00:00+01:00', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'),
    ));

  it('given an end date before the start, then the end is the next such day after the start', () =>
    given('choir every 3rd friday starting aug 3 ending dec 3').then(
      task('choir', '2027-08-20T00:00:00+02:00', 'FREQ=MONTHLY;BYDAY=3FR;UNTIL=20271203T225959Z'),
    ));

  it('given "every!", then the next one counts from completion', () =>
    given('replace filter every! 3 days').then(
      task('replace filter', '2026-11-26T00:00:00+01:00', 'FREQ=DAILY;INTERVAL=3', 'completion'),
    ));
});

/** Phrase → rule → the describer's English → the same rule: what the chip and the chat say reads back. */
describe('round trip: phrase → rule → English → rule', () => {
  const now = new Date('2026-11-26T08:00:00Z');
  const timezone = 'Europe/Paris';
  it.each([
    ['every day at 7am and 7pm', 'every day at 07:00 and 19:00'],
    ['every day at 7:30am and 7pm', 'every day at 07:30 and 19:00'],
    ['every monday at 7:30 and 19:00', 'every Monday at 07:30 and 19:00'],
    ['every weekday at 10am and 4pm', 'every weekday at 10:00 and 16:00'],
    ['every day for 4 weeks', 'every day, 28 times'],
    ['every weekday for 4 weeks', 'every weekday, 20 times'],
    ['every hour for 30 years', 'every hour, until November 25, 2056'],
    ['every first workday', 'every month on the 1st weekday'],
    ['every last workday', 'every month on the last weekday'],
    ['every 15th workday, last workday', 'every month on the 15th and last weekday'],
    ['every 27', 'every month on the 27th'],
    ['ev mon, fri', 'every Monday and Friday'],
    ['every! 2 months', 'every 2 months after completion'],
    ['every day ending aug 3', 'every day, until August 3, 2027'],
    ['every monday at 9am, friday at 5pm', 'every Monday at 09:00 and Friday at 17:00'],
    [
      'every tuesday at 8am and 6pm, saturday at 10am',
      'every Tuesday at 08:00 and 18:00 and Saturday at 10:00',
    ],
    ['every mon 7am and 7pm, wed 7am and 7pm', 'every Monday and Wednesday at 07:00 and 19:00'],
  ])('given "%s", then it reads "%s", which parses back to the same rule', (phrase, words) => {
    const first = parse(`task ${phrase}`, { now, timezone }).task?.recurrence;
    expect(first && rruleProblem(first.rrule)).toBeNull();
    const said = describeRecurrence(first!.rrule, first!.anchor, { timezone });
    expect(said).toBe(words);
    expect(parse(`task ${said}`, { now, timezone }).task?.recurrence).toEqual(first);
  });
});
