import { describe, expect, it } from '@jest/globals';
import { describeDue, instantToZoned, startOfDay, zonedToInstant, zoneOffsetMs } from './zoned-time';

describe('zoned time', () => {
  it('turns a wall time in a zone into the UTC instant, in winter and in summer', () => {
    expect(zonedToInstant('2026-01-15', '09:00', 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedToInstant('2026-07-15', '09:00', 'Europe/Paris')).toBe('2026-07-15T07:00:00.000Z');
    expect(zonedToInstant('2026-03-01', '00:00', 'America/New_York')).toBe('2026-03-01T05:00:00.000Z');
  });

  it('lands right on the day the clocks change', () => {
    // Paris springs forward at 02:00 on 29 March 2026; 09:00 that day is already summer time.
    expect(zonedToInstant('2026-03-29', '09:00', 'Europe/Paris')).toBe('2026-03-29T07:00:00.000Z');
    expect(zonedToInstant('2026-10-25', '09:00', 'Europe/Paris')).toBe('2026-10-25T08:00:00.000Z');
  });

  it('reads an instant back as the wall date and time in a zone', () => {
    expect(instantToZoned('2026-01-15T23:30:00Z', 'Asia/Tokyo')).toEqual({
      date: '2026-01-16',
      time: '08:30',
    });
    expect(instantToZoned('2026-01-15T23:30:00Z', 'UTC')).toEqual({ date: '2026-01-15', time: '23:30' });
  });

  it('knows the offset of a zone', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3600_000);
  });

  it('finds the start of today and of later days in a zone', () => {
    const now = Date.parse('2026-01-15T23:30:00Z');
    expect(startOfDay(now, 'Asia/Tokyo')).toBe('2026-01-15T15:00:00.000Z');
    expect(startOfDay(now, 'UTC', 1)).toBe('2026-01-16T00:00:00.000Z');
    expect(startOfDay(Date.parse('2026-01-31T12:00:00Z'), 'UTC', 1)).toBe('2026-02-01T00:00:00.000Z');
  });

  it('describes a due date relative to today', () => {
    const now = Date.parse('2026-01-15T10:00:00Z');
    expect(describeDue('2026-01-15T17:00:00Z', false, 'UTC', now)).toBe('Today 17:00');
    expect(describeDue('2026-01-16T00:00:00Z', true, 'UTC', now)).toBe('Tomorrow');
    expect(describeDue('2026-01-20T09:30:00Z', false, 'UTC', now)).toBe('Tue 20 Jan 09:30');
    expect(describeDue('2027-03-03T00:00:00Z', true, 'UTC', now)).toBe('3 Mar 2027');
  });
});
