import { describe, expect, it } from '@jest/globals';
import { MAX_FEED_ZONES, PRODID, writeTaskCalendar, type CalendarTask } from './task-calendar.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const task = (fields: Partial<CalendarTask>): CalendarTask => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Task',
  description: '',
  priority: 'none',
  tags: [],
  dueAt: '2026-03-02T14:00:00.000Z',
  allDay: false,
  timezone: 'America/New_York',
  recurrence: null,
  reminders: [],
  createdAt: '2026-02-01T10:00:00.000Z',
  updatedAt: '2026-02-02T10:00:00.000Z',
  version: 3,
  ...fields,
});

/** given tasks, when the calendar is written, then its (unfolded) lines and events are … */
const givenTasks = (...tasks: CalendarTask[]) => {
  const text = writeTaskCalendar(tasks, { now: NOW, name: 'Todo' });
  const lines = text.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
  const events: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else current?.push(line);
  }
  return {
    text,
    lines,
    events,
    thenTheEventHas: (...expected: string[]) => expect(events[0]).toEqual(expect.arrayContaining(expected)),
    thenTheEventLacks: (prefix: string) => expect(events[0]?.some((l) => l.startsWith(prefix))).toBe(false),
  };
};

describe('the calendar of a user’s tasks (RFC 5545)', () => {
  it('is a VCALENDAR with VERSION and PRODID, CRLF line ends, and nothing for no tasks', () => {
    const empty = givenTasks();
    expect(empty.lines).toEqual(
      expect.arrayContaining(['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`]),
    );
    expect(empty.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(empty.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(empty.events).toEqual([]);
    expect(empty.lines.some((l) => l.startsWith('BEGIN:VTIMEZONE'))).toBe(false);
  });

  it('a timed task: UID from its id, DTSTAMP from now, DTSTART in its zone, a 30-minute event', () =>
    givenTasks(task({})).thenTheEventHas(
      'UID:00000000-0000-4000-8000-000000000001@todo',
      'DTSTAMP:20260301T120000Z',
      'DTSTART;TZID=America/New_York:20260302T090000',
      'DTEND;TZID=America/New_York:20260302T093000',
      'CREATED:20260201T100000Z',
      'LAST-MODIFIED:20260202T100000Z',
      'SEQUENCE:3',
      'TRANSP:TRANSPARENT',
    ));

  it('one VTIMEZONE per zone a timed task uses, none for an all-day task', () => {
    const { lines } = givenTasks(
      task({}),
      task({ id: 'b', timezone: 'Europe/Paris' }),
      task({ id: 'c' }),
      task({ id: 'd', allDay: true, timezone: 'Asia/Tokyo' }),
    );
    expect(lines.filter((l) => l.startsWith('TZID:'))).toEqual([
      'TZID:America/New_York',
      'TZID:Europe/Paris',
    ]);
  });

  it('at most MAX_FEED_ZONES VTIMEZONEs, for the zones most tasks use; a task in another is written in UTC', () => {
    const zones = Intl.supportedValuesOf('timeZone')
      .filter((z) => z.startsWith('America/'))
      .slice(0, MAX_FEED_ZONES + 1);
    const rare = zones.at(-1)!;
    const tasks = zones.flatMap((zone, i) =>
      Array.from({ length: zone === rare ? 1 : 2 }, (_, k) => task({ id: `${i}-${k}`, timezone: zone })),
    );
    const given = givenTasks(...tasks);
    const written = given.lines.filter((l) => l.startsWith('TZID:')).map((l) => l.slice('TZID:'.length));
    expect(written).toHaveLength(MAX_FEED_ZONES);
    expect(written).not.toContain(rare);
    const inRare = given.events.find((e) => e.includes(`UID:${zones.length - 1}-0@todo`));
    expect(inRare).toEqual(expect.arrayContaining(['DTSTART:20260302T140000Z', 'DTEND:20260302T143000Z']));
  });

  it('an all-day task is a DATE on the local day of its due time, one day long', () =>
    givenTasks(
      task({ allDay: true, dueAt: '2026-03-09T23:00:00.000Z', timezone: 'Europe/Berlin' }),
    ).thenTheEventHas('DTSTART;VALUE=DATE:20260310', 'DTEND;VALUE=DATE:20260311'));

  it('title, description and tags are escaped TEXT; priority maps to RFC 5545’s 1–9', () => {
    const given = givenTasks(
      task({
        title: 'Call Bob; then, Alice',
        description: 'line\nnext \\ end',
        tags: ['work', 'calls'],
        priority: 'high',
      }),
    );
    given.thenTheEventHas(
      'SUMMARY:Call Bob\\; then\\, Alice',
      'DESCRIPTION:line\\nnext \\\\ end',
      'CATEGORIES:work,calls',
      'PRIORITY:1',
    );
    givenTasks(task({ priority: 'none' })).thenTheEventLacks('PRIORITY');
    givenTasks(task({})).thenTheEventLacks('DESCRIPTION');
  });

  it('a long description is cut at 1000 characters', () => {
    const [event] = givenTasks(task({ description: 'x'.repeat(5000) })).events;
    expect(event!.find((l) => l.startsWith('DESCRIPTION:'))).toBe(`DESCRIPTION:${'x'.repeat(1000)}…`);
  });

  it('a recurring task is one VEVENT with its RRULE; UNTIL becomes UTC beside a TZID', () => {
    const given = givenTasks(
      task({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231', anchor: 'schedule' } }),
    );
    expect(given.events).toHaveLength(1);
    // The end of 31 December in New York (EST, UTC-5).
    given.thenTheEventHas('RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T045959Z');
  });

  it('beside a DATE, UNTIL is a DATE and a time of day is dropped', () =>
    givenTasks(
      task({
        allDay: true,
        recurrence: { rrule: 'FREQ=DAILY;BYHOUR=3;BYMINUTE=0;UNTIL=20260401T120000Z', anchor: 'schedule' },
      }),
    ).thenTheEventHas('RRULE:FREQ=DAILY;UNTIL=20260401'));

  it('COUNT is kept: it is what is left of the series from this occurrence on', () =>
    givenTasks(task({ recurrence: { rrule: 'FREQ=DAILY;COUNT=4', anchor: 'completion' } })).thenTheEventHas(
      'RRULE:FREQ=DAILY;COUNT=4',
    ));

  it('each reminder is a VALARM: relative before the start, absolute at its instant', () => {
    const [event] = givenTasks(
      task({
        title: 'Pay',
        reminders: [
          { id: 'a', minutesBefore: 15 },
          { id: 'b', minutesBefore: 0 },
          { id: 'c', at: '2026-03-02T08:00:00.000Z' },
        ],
      }),
    ).events;
    const alarms = event!
      .join('\n')
      .split('BEGIN:VALARM\n')
      .slice(1)
      .map((a) => a.trim());
    expect(alarms).toEqual([
      'ACTION:DISPLAY\nDESCRIPTION:Pay\nTRIGGER:-PT15M\nEND:VALARM',
      'ACTION:DISPLAY\nDESCRIPTION:Pay\nTRIGGER:PT0S\nEND:VALARM',
      'ACTION:DISPLAY\nDESCRIPTION:Pay\nTRIGGER;VALUE=DATE-TIME:20260302T080000Z\nEND:VALARM',
    ]);
  });

  it('the same tasks and now give the same text', () =>
    expect(givenTasks(task({ title: 'A' })).text).toBe(givenTasks(task({ title: 'A' })).text));
});
