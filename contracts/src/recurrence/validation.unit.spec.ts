import { describe, expect, it } from '@jest/globals';
import { rruleProblem } from './validation.ts';

describe('RRULE syntax', () => {
  it('validates RRULEs and says what is wrong', () => {
    expect(rruleProblem('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH')).toBeNull();
    expect(rruleProblem('FREQ=MONTHLY;BYDAY=-1FR')).toBeNull();
    expect(rruleProblem('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3')).toBeNull();
    expect(rruleProblem('FREQ=DAILY;UNTIL=20261231T235959Z')).toBeNull();
    expect(rruleProblem('INTERVAL=2')).toMatch(/FREQ is required/);
    expect(rruleProblem('FREQ=SECONDLY')).toMatch(/FREQ/);
    expect(rruleProblem('FREQ=DAILY;COUNT=3;UNTIL=20261231')).toMatch(/COUNT and UNTIL/);
    expect(rruleProblem('FREQ=DAILY;DTSTART=20260101T000000Z')).toMatch(/DTSTART/);
    expect(rruleProblem('FREQ=MONTHLY;BYMONTHDAY=32')).toMatch(/BYMONTHDAY/);
    expect(rruleProblem('FREQ=WEEKLY;BYDAY=XX')).toMatch(/BYDAY/);
  });
});
