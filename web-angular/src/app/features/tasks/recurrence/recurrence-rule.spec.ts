import { describe, expect, it } from '@jest/globals';
import { buildRrule, defaultRecurrenceForm, parseRecurrenceForm } from './recurrence-rule';

describe('recurrence builder rules', () => {
  it('builds weekly rules with days in week order', () => {
    const form = { ...defaultRecurrenceForm(), interval: 2, weekdays: ['TH' as const, 'MO' as const] };
    expect(buildRrule(form)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH');
  });

  it('builds monthly by day, by weekday, and yearly rules with an end', () => {
    const base = defaultRecurrenceForm();
    expect(buildRrule({ ...base, frequency: 'MONTHLY', monthDay: 1 })).toBe('FREQ=MONTHLY;BYMONTHDAY=1');
    expect(
      buildRrule({ ...base, frequency: 'MONTHLY', monthlyMode: 'weekday', setPos: -1, setPosDay: 'FR' }),
    ).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(buildRrule({ ...base, frequency: 'YEARLY', month: 6, monthDay: 5, end: 'count', count: 3 })).toBe(
      'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5;COUNT=3',
    );
    expect(buildRrule({ ...base, frequency: 'DAILY', end: 'until', until: '2026-12-31' })).toBe(
      'FREQ=DAILY;UNTIL=20261231T235959Z',
    );
  });

  it.each([
    'FREQ=DAILY',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    'FREQ=MONTHLY;BYMONTHDAY=15',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=5;COUNT=3',
    'FREQ=DAILY;UNTIL=20261231T235959Z',
  ])('reads %s back into the same controls', (rule) => {
    const form = parseRecurrenceForm(rule);
    expect(form).not.toBeNull();
    expect(buildRrule(form!)).toBe(rule);
  });

  it('refuses rules it cannot show, so they are not silently rewritten', () => {
    expect(parseRecurrenceForm('FREQ=HOURLY')).toBeNull();
    expect(parseRecurrenceForm('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1')).toBeNull();
    expect(parseRecurrenceForm('FREQ=WEEKLY;BYHOUR=9')).toBeNull();
  });

  it.each([
    ['Europe/Paris', 'FREQ=DAILY;UNTIL=20261231T225959Z'],
    ['America/New_York', 'FREQ=DAILY;UNTIL=20270101T045959Z'],
    ['Asia/Tokyo', 'FREQ=DAILY;UNTIL=20261231T145959Z'],
  ])(
    'given a task in %s, an end date ends the series at the end of that local day (%s), as the language engine writes it',
    (zone, rule) => {
      const form = {
        ...defaultRecurrenceForm(),
        frequency: 'DAILY' as const,
        end: 'until' as const,
        until: '2026-12-31',
      };
      expect(buildRrule(form, zone)).toBe(rule);
      expect(parseRecurrenceForm(rule, zone)?.until).toBe('2026-12-31');
    },
  );
});
