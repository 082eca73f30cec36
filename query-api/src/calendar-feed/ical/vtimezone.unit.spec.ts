import { describe, expect, it } from '@jest/globals';
import { vtimezoneLines } from './vtimezone.ts';
import { instantOfWallClock, offsetChanges } from './zone-offsets.ts';

/** given a zone, when its VTIMEZONE is written for a year, then … */
const givenZone = (zone: string, fromYear = 2026, currentYear = 2026) => {
  const lines = vtimezoneLines(zone, fromYear, currentYear);
  const text = lines.join('\n');
  return {
    lines,
    thenItHasTheRules: (...rules: string[]) =>
      expect(lines.filter((l) => l.startsWith('RRULE:'))).toEqual(rules.map((r) => `RRULE:${r}`)),
    thenItContains: (block: string) => expect(text).toContain(block),
  };
};

describe('VTIMEZONE from the tz database', () => {
  it('New York: a yearly rule for each change, from its onset in the current year', () => {
    const ny = givenZone('America/New_York');
    ny.thenItHasTheRules('FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU');
    ny.thenItContains(
      'BEGIN:DAYLIGHT\nDTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    );
    expect(ny.lines.at(0)).toBe('BEGIN:VTIMEZONE');
    expect(ny.lines.at(1)).toBe('TZID:America/New_York');
    expect(ny.lines.at(-1)).toBe('END:VTIMEZONE');
  });

  it('Europe: the last Sunday, whichever week of the month it falls in', () => {
    givenZone('Europe/Berlin').thenItHasTheRules(
      'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    );
    givenZone('Europe/London').thenItContains(
      'DTSTART:20261025T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000',
    );
  });

  it('the southern hemisphere: daylight time starts in spring there (October)', () =>
    givenZone('Australia/Sydney').thenItContains(
      'BEGIN:DAYLIGHT\nDTSTART:20261004T020000\nTZOFFSETFROM:+1000\nTZOFFSETTO:+1100\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU',
    ));

  it('a zone without changes is one observance, and a half-hour offset is written as such', () => {
    const kolkata = givenZone('Asia/Kolkata');
    kolkata.thenItHasTheRules();
    expect(kolkata.lines.filter((l) => l.startsWith('BEGIN:'))).toEqual([
      'BEGIN:VTIMEZONE',
      'BEGIN:STANDARD',
    ]);
    kolkata.thenItContains('TZOFFSETFROM:+0530\nTZOFFSETTO:+0530');
  });

  it('the years before the current one are explicit changes (the rules may have differed)', () => {
    const ny = givenZone('America/New_York', 2024);
    ny.thenItContains('DTSTART:20240310T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT');
    ny.thenItContains('DTSTART:20251102T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD');
  });

  it('offset changes are found to the minute', () =>
    expect(
      offsetChanges('America/New_York', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).map((c) =>
        new Date(c.at).toISOString(),
      ),
    ).toEqual(['2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z']));

  it('a wall-clock time is its instant; in an overlap the earlier, in a gap moved forward by it', () => {
    const at = (floating: string) =>
      instantOfWallClock(new Date(`${floating}Z`), 'America/New_York').toISOString();
    expect(at('2026-07-01T09:00:00')).toBe('2026-07-01T13:00:00.000Z');
    expect(at('2026-11-01T01:30:00')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-03-08T02:30:00')).toBe('2026-03-08T07:30:00.000Z');
  });
});
