import { DateTime } from 'luxon';

// The rule in words is contracts' one wording, shared with the SPA.
export { describeRecurrence, joinWords } from '@todo/contracts';

/** "Fri, Nov 27 at 15:00" or "Fri, Nov 27" for an all-day date, in the user's zone. */
export function describeDue(dueAt: string, allDay: boolean, timezone: string): string {
  const dt = DateTime.fromISO(dueAt, { setZone: false }).setZone(timezone);
  return allDay ? dt.toFormat('ccc, LLL d') : dt.toFormat("ccc, LLL d 'at' HH:mm");
}
