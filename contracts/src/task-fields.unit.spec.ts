import { describe, expect, it } from '@jest/globals';
import { CreateTaskBody, PatchTaskBody } from './rest.ts';
import { Instant, Tags, TimeZone } from './task-fields.ts';

describe('task field schemas', () => {
  it('normalises tags to lower case without duplicates', () => {
    expect(Tags.parse(['Home', ' home ', 'Work'])).toEqual(['home', 'work']);
    expect(Tags.safeParse(['has space']).success).toBe(false);
    expect(Tags.safeParse(Array.from({ length: 21 }, (_, i) => `t${i}`)).success).toBe(false);
    expect(Tags.safeParse(['x'.repeat(41)]).success).toBe(false);
  });

  it('stores instants in UTC and refuses ones without an offset', () => {
    expect(Instant.parse('2026-03-01T09:00:00+01:00')).toBe('2026-03-01T08:00:00.000Z');
    expect(Instant.safeParse('2026-03-01T09:00:00').success).toBe(false);
    expect(Instant.safeParse('tomorrow').success).toBe(false);
  });

  it('refuses instants outside 1970-9999 UTC once the offset is applied, naming the range', () => {
    expect(Instant.parse('1970-01-01T00:00:00Z')).toBe('1970-01-01T00:00:00.000Z');
    expect(Instant.parse('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
    expect(Instant.parse('9999-12-31T23:59:59+01:00')).toBe('9999-12-31T22:59:59.000Z');
    for (const outside of [
      '0001-01-01T00:00:00+14:00', // year 0 in UTC
      '9999-12-31T23:59:59-14:00', // year 10000 in UTC
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00+00:01',
    ]) {
      const result = Instant.safeParse(outside);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([
        'must lie between 1970-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z (UTC, after applying the offset)',
      ]);
    }
  });

  it('accepts IANA zones only', () => {
    expect(TimeZone.safeParse('America/New_York').success).toBe(true);
    expect(TimeZone.safeParse('UTC').success).toBe(true);
    expect(TimeZone.safeParse('Mars/Olympus').success).toBe(false);
    expect(TimeZone.safeParse('EST5EDT-ish').success).toBe(false);
  });

  it('refuses unknown fields and an empty patch', () => {
    expect(CreateTaskBody.safeParse({ title: 'x', colour: 'red' }).success).toBe(false);
    expect(PatchTaskBody.safeParse({}).success).toBe(false);
    expect(PatchTaskBody.safeParse({ dueAt: null }).success).toBe(true);
  });
});
