import type { Recurrence, Reminder } from '@todo/contracts';
import type { DateTime } from 'luxon';
import { floatingRule, parseRule, pinTimeOfDay, withCount } from './rule-parts.ts';
import { fromFloating, localIn, toFloating } from './wall-clock.ts';

/** The parts of a recurring task that decide its next occurrence. */
export interface RecurringTask {
  dueAt: string;
  timezone: string;
  allDay: boolean;
  recurrence: Recurrence;
  reminders: Reminder[];
}

export interface Occurrence {
  dueAt: string;
  /** The rule for the rest of the series: COUNT counts down what is left. */
  recurrence: Recurrence;
  /** Absolute reminders keep their distance to the due time; relative ones are unchanged. */
  reminders: Reminder[];
}

/** Steps taken one occurrence at a time before jumping straight to the completion time. */
const MAX_STEPS = 1_000;

/**
 * The occurrence that follows `task` once it was closed (completed or skipped) at
 * `closedAt`, or null when the series has ended (UNTIL passed or COUNT used up).
 *
 * - anchor `schedule` (Todoist `every`): the first occurrence of the rule after the current
 *   due time that is still ahead of the completion; occurrences missed while the task was
 *   overdue are skipped, and count towards COUNT. For an all-day task an occurrence on the
 *   completion day itself still counts as ahead.
 * - anchor `completion` (Todoist `every!`): the rule restarted on the completion day, at the
 *   due time of day; its first occurrence after that.
 *
 * The rule is expanded on the task's wall clock (DTSTART = due time with TZID = the task's
 * time zone), so "09:00 every day" stays 09:00 local on both sides of a DST change.
 * COUNT is the number of occurrences left including this one; the next gets COUNT - used.
 */
export function nextOccurrence(task: RecurringTask, closedAt: string): Occurrence | null {
  const zone = task.timezone;
  const due = localIn(task.dueAt, zone);
  const closed = localIn(closedAt, zone);
  const parsed = parseRule(task.recurrence.rrule, zone);
  const found =
    task.recurrence.anchor === 'completion'
      ? fromCompletion(parsed, due, closed, zone)
      : fromSchedule(parsed, due, closed, zone, task.allDay);
  if (!found) return null;
  const remaining = parsed.count === null ? null : parsed.count - found.used;
  if (remaining !== null && remaining < 1) return null;
  const dueAt = found.next.toUTC().toISO()!;
  const shift = found.next.toMillis() - due.toMillis();
  // A wall-clock time skipped by a DST gap was moved past it; the rule must not drift to
  // that later time for the rest of the series, so the intended time of day is pinned.
  const movedByGap = toFloating(found.next).getTime() !== found.wallClock.getTime();
  const counted = withCount(task.recurrence.rrule, remaining);
  const rrule = movedByGap ? pinTimeOfDay(counted, found.wallClock) : counted;
  return {
    dueAt,
    recurrence: { ...task.recurrence, rrule },
    reminders: task.reminders.map((r) =>
      'at' in r ? { ...r, at: new Date(new Date(r.at).getTime() + shift).toISOString() } : r,
    ),
  };
}

interface Found {
  next: DateTime;
  /** How many occurrences of the rule this step used up (for COUNT). */
  used: number;
  /** The occurrence as the rule gave it, on the wall clock (floating). */
  wallClock: Date;
}

function fromSchedule(
  parsed: ReturnType<typeof parseRule>,
  due: DateTime,
  closed: DateTime,
  zone: string,
  allDay: boolean,
): Found | null {
  const rule = floatingRule(parsed, due);
  let cursor = rule.options.dtstart;
  for (let used = 1; used <= MAX_STEPS; used++) {
    const candidate = rule.after(cursor, false);
    if (!candidate) return null;
    const next = fromFloating(candidate, zone);
    const ahead = allDay ? next.startOf('day') >= closed.startOf('day') : next > closed;
    if (ahead) return { next, used, wallClock: candidate };
    cursor = candidate;
  }
  // Very long overdue (e.g. an hourly rule untouched for years): jump to the completion's
  // wall-clock time and count what was skipped, instead of stepping one by one.
  const jumped = rule.after(toFloating(closed), false);
  if (!jumped) return null;
  const skipped = rule.between(cursor, jumped, false).length;
  return { next: fromFloating(jumped, zone), used: MAX_STEPS + skipped + 1, wallClock: jumped };
}

function fromCompletion(
  parsed: ReturnType<typeof parseRule>,
  due: DateTime,
  closed: DateTime,
  zone: string,
): Found | null {
  const restart = closed.set({ hour: due.hour, minute: due.minute, second: due.second, millisecond: 0 });
  const rule = floatingRule(parsed, restart);
  const candidate = rule.after(rule.options.dtstart, false);
  return candidate ? { next: fromFloating(candidate, zone), used: 1, wallClock: candidate } : null;
}
