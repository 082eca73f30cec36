import { describe, expect, it } from '@jest/globals';
import { wallClockOf } from './wall-clock.ts';

/** given an instant and a zone, then the wall clock there (as floating time) is … */
const givenInstant = (instant: string, zone: string) => ({
  thenTheWallClockIs: (floating: string) => expect(wallClockOf(instant, zone).toISOString()).toBe(floating),
});

describe('the wall clock of a zone at an instant', () => {
  it('New York before and after spring-forward', () => {
    givenInstant('2026-03-08T06:59:00Z', 'America/New_York').thenTheWallClockIs('2026-03-08T01:59:00.000Z');
    givenInstant('2026-03-08T07:00:00Z', 'America/New_York').thenTheWallClockIs('2026-03-08T03:00:00.000Z');
  });

  it('a date line zone a day ahead of UTC, with milliseconds kept', () =>
    givenInstant('2026-12-31T12:30:00.250Z', 'Pacific/Kiritimati').thenTheWallClockIs(
      '2027-01-01T02:30:00.250Z',
    ));

  it('midnight is hour 0, not 24', () =>
    givenInstant('2026-12-01T23:00:00Z', 'Europe/Paris').thenTheWallClockIs('2026-12-02T00:00:00.000Z'));
});
