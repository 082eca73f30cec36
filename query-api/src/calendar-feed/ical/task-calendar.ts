import { wallClockOf, type Priority, type Recurrence, type Reminder } from '@todo/contracts';
import { escapeText, serialiseLines } from './content-lines.ts';
import { feedRrule } from './feed-rrule.ts';
import { icalDate, icalLocalDateTime, icalUtcDateTime } from './ical-time.ts';
import { vtimezoneLines } from './vtimezone.ts';

/** What the feed shows of a task: an open task with a due time. */
export interface CalendarTask {
  id: string;
  title: string;
  description: string;
  priority: Priority;
  tags: string[];
  dueAt: string;
  allDay: boolean;
  timezone: string;
  recurrence: Recurrence | null;
  reminders: Reminder[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CalendarOptions {
  /** DTSTAMP of every event: the injected clock's now. */
  now: Date;
  /** The calendar's name in the apps (X-WR-CALNAME). */
  name: string;
}

export const PRODID = '-//todo-system//Calendar feed 1.0//EN';
/** A timed task is a short event at its due time, so it shows in the day's grid. */
export const TIMED_EVENT_MINUTES = 30;
/** Descriptions are cut here: the feed of 500 tasks stays a few hundred kilobytes at most. */
export const DESCRIPTION_MAX_IN_FEED = 1000;
/** How far back a zone's changes are written at most (older due times are rare). */
const HISTORY_YEARS = 10;
/**
 * The most zones one feed writes a VTIMEZONE for (those most tasks use): each costs some
 * milliseconds of CPU the first time. Timed tasks in other zones are written in UTC.
 */
export const MAX_FEED_ZONES = 20;

// RFC 5545 PRIORITY: 1 highest, 9 lowest, 0 undefined.
const PRIORITY: Record<Priority, number> = { high: 1, medium: 5, low: 9, none: 0 };

/**
 * The RFC 5545 calendar of a user's tasks: one VEVENT per task (a recurring task is one
 * VEVENT with its RRULE beside a TZID, never expanded), a VALARM per reminder, and a
 * VTIMEZONE per zone used. Pure: the same tasks and `now` give the same text.
 */
export function writeTaskCalendar(tasks: readonly CalendarTask[], options: CalendarOptions): string {
  const stamp = icalUtcDateTime(options.now);
  const currentYear = options.now.getUTCFullYear();
  const zones = feedZones(tasks, currentYear);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    // A hint how often to look again (Apple reads the first, Outlook the second).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...[...zones]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([zone, year]) => vtimezoneLines(zone, year, currentYear)),
    ...tasks.flatMap((task) => eventLines(task, stamp, zones.has(task.timezone))),
    'END:VCALENDAR',
  ];
  return serialiseLines(lines);
}

/**
 * The zones that get a VTIMEZONE (at most MAX_FEED_ZONES, those most timed tasks use), each
 * with the first year it must cover: the year before its earliest due time.
 */
function feedZones(tasks: readonly CalendarTask[], currentYear: number): Map<string, number> {
  const used = new Map<string, { tasks: number; firstYear: number }>();
  for (const task of tasks) {
    if (task.allDay) continue; // a DATE has no zone
    const year = Math.max(currentYear - HISTORY_YEARS, new Date(task.dueAt).getUTCFullYear() - 1);
    const seen = used.get(task.timezone);
    used.set(task.timezone, {
      tasks: (seen?.tasks ?? 0) + 1,
      firstYear: Math.min(year, seen?.firstYear ?? year),
    });
  }
  const ranked = [...used].sort(([a, x], [b, y]) => y.tasks - x.tasks || a.localeCompare(b));
  return new Map(ranked.slice(0, MAX_FEED_ZONES).map(([zone, { firstYear }]) => [zone, firstYear]));
}

function eventLines(task: CalendarTask, stamp: string, zoned: boolean): string[] {
  // Without its VTIMEZONE, a timed task is written in UTC: the right instant, and a rule
  // expanded in UTC (a DATE is on the task's own local day either way).
  const zone = task.allDay || zoned ? task.timezone : 'UTC';
  const wall = wallClockOf(task.dueAt, zone);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${task.id}@todo`,
    `DTSTAMP:${stamp}`,
    `CREATED:${icalUtcDateTime(new Date(task.createdAt))}`,
    `LAST-MODIFIED:${icalUtcDateTime(new Date(task.updatedAt))}`,
    `SEQUENCE:${task.version}`,
    `SUMMARY:${escapeText(task.title)}`,
  ];
  if (task.description) lines.push(`DESCRIPTION:${escapeText(cut(task.description))}`);
  if (task.tags.length) lines.push(`CATEGORIES:${task.tags.map(escapeText).join(',')}`);
  if (PRIORITY[task.priority]) lines.push(`PRIORITY:${PRIORITY[task.priority]}`);
  if (task.allDay) {
    const next = new Date(wall.getTime() + 86_400_000);
    lines.push(`DTSTART;VALUE=DATE:${icalDate(wall)}`, `DTEND;VALUE=DATE:${icalDate(next)}`);
  } else {
    const end = new Date(wall.getTime() + TIMED_EVENT_MINUTES * 60_000);
    if (zoned) {
      const tzid = `TZID=${zone}`;
      lines.push(`DTSTART;${tzid}:${icalLocalDateTime(wall)}`, `DTEND;${tzid}:${icalLocalDateTime(end)}`);
    } else lines.push(`DTSTART:${icalUtcDateTime(wall)}`, `DTEND:${icalUtcDateTime(end)}`);
  }
  if (task.recurrence) lines.push(`RRULE:${feedRrule(task.recurrence.rrule, task.timezone, task.allDay)}`);
  // A task takes no time of its own: it never makes its owner look busy.
  lines.push('TRANSP:TRANSPARENT');
  for (const reminder of task.reminders) lines.push(...alarmLines(reminder, task.title));
  lines.push('END:VEVENT');
  return lines;
}

function alarmLines(reminder: Reminder, title: string): string[] {
  const trigger =
    'at' in reminder
      ? `TRIGGER;VALUE=DATE-TIME:${icalUtcDateTime(new Date(reminder.at))}`
      : `TRIGGER:${reminder.minutesBefore === 0 ? 'PT0S' : `-PT${reminder.minutesBefore}M`}`;
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(title)}`, trigger, 'END:VALARM'];
}

function cut(text: string): string {
  const chars = [...text];
  return chars.length <= DESCRIPTION_MAX_IN_FEED
    ? text
    : `${chars.slice(0, DESCRIPTION_MAX_IN_FEED).join('')}…`;
}
