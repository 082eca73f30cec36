import { formatRuleFields, ruleFields, untilDate, untilOnWallClock } from '@todo/contracts';
import { icalUtcDateTime } from './ical-time.ts';
import { instantOfWallClock } from './zone-offsets.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A task's rule as an RRULE property value beside its DTSTART. The system's rules take UNTIL
 * as a date, a UTC or a local date-time (all read on the task's wall clock); RFC 5545 wants
 * it of DTSTART's kind: a DATE for an all-day task, a UTC date-time beside a TZID. A time of
 * day (BYHOUR…, which the saga adds to keep a time moved by a DST gap) means nothing to a
 * DATE and is left out there.
 */
export function feedRrule(rule: string, zone: string, allDay: boolean): string {
  const fields = ruleFields(rule);
  const until = fields.get('UNTIL');
  if (allDay) {
    for (const key of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) fields.delete(key);
    const date = until === undefined ? null : untilDate(until, zone);
    if (date) fields.set('UNTIL', `${pad(date[0], 4)}${pad(date[1])}${pad(date[2])}`);
  } else if (until !== undefined) {
    fields.set('UNTIL', icalUtcDateTime(instantOfWallClock(untilOnWallClock(until, zone), zone)));
  }
  return formatRuleFields(fields);
}
