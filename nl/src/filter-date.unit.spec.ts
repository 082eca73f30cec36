import { describe, expect, it } from '@jest/globals';
import { filterDateSpan } from './filter-date.ts';

const options = { now: new Date('2026-03-28T22:30:00Z'), timezone: 'Europe/Paris' };

describe('dates in a filter, read by the NL engine', () => {
  it('given "next friday", when read, then it is that whole day in the user zone', () => {
    expect(filterDateSpan('next friday', options)).toEqual({
      from: '2026-04-02T22:00:00.000Z',
      to: '2026-04-03T22:00:00.000Z',
    });
  });

  it('given a date with a time, when read, then it is that instant', () => {
    expect(filterDateSpan('next friday 5pm', options)).toEqual({
      from: '2026-04-03T15:00:00.000Z',
      to: '2026-04-03T15:00:00.001Z',
    });
  });

  it('given words that are not all a date, when read, then nothing is understood', () => {
    expect(filterDateSpan('the heat death', options)).toBeNull();
    expect(filterDateSpan('next friday blah', options)).toBeNull();
  });
});
