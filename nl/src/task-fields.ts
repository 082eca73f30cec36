import { DateTime } from 'luxon';
import { formatRule, rruleProblem, type NlReminder, type NlTask } from '@todo/contracts';
import { runEnd } from './bounded-run.ts';
import { findDate, type DateMatch } from './dates.ts';
import { timesOnDay } from './day-times.ts';
import { firstOccurrence } from './first-occurrence.ts';
import {
  addDays,
  compareDates,
  isoOf,
  isPast,
  localIso,
  todayOf,
  type LocalDate,
  type LocalTime,
  type Reference,
} from './local-time.ts';
import { readPriority } from './priority.ts';
import { readRecurrence, type RecurrenceReading } from './recurrence.ts';
import { readReminders, type ReminderReading } from './reminders.ts';
import { consume, type Scanner } from './scanner.ts';
import { readTags } from './tags.ts';
import { untilEndOf } from './until.ts';
import { readList, type NlListRef } from './lists.ts';

/** Words that tie a date to the title ("due on", "by", "starting"); they go with the date. */
const CONNECTORS =
  /(?:\b(?:due(?:\s+(?:on|by|at|date))?|on|at|by|before|starting(?:\s+(?:on|from))?|from|for)\s+)+$/;

function consumeDate(s: Scanner, field: 'dueAt', start: number, end: number): void {
  const m = CONNECTORS.exec(s.work.slice(0, start));
  consume(s, field, m ? m.index : start, end);
}

/** "in 99999 years" or "99999 hours before" is a typo, not a due date. */
function plausible(ref: Reference, date: LocalDate): boolean {
  return date.year >= ref.now.year - 1 && date.year <= ref.now.year + 100;
}

function readDate(s: Scanner, ref: Reference, from: number, to: number): DateMatch | null {
  const region = ' '.repeat(from) + s.work.slice(from, to);
  const found = findDate(region, ref);
  if (!found || !plausible(ref, found.date)) return null;
  consumeDate(s, 'dueAt', found.start, found.end);
  for (const extra of found.extra ?? []) consumeDate(s, 'dueAt', extra.start, extra.end);
  return found;
}

interface Due {
  iso: string;
  date: LocalDate;
  time: LocalTime | null;
}

function resolveDue(
  ref: Reference,
  date: DateMatch | null,
  recurrence: RecurrenceReading | null,
): Due | null {
  const time = date?.time ?? recurrence?.time ?? null;
  if (date?.exactMillis !== undefined && !recurrence) {
    return { iso: isoOf(DateTime.fromMillis(date.exactMillis, { zone: ref.zone })), date: date.date, time };
  }
  const day: LocalDate | null = date?.hasDate ? date.date : null;
  if (recurrence) {
    if (!day && recurrence.parts.freq === 'HOURLY' && !time) {
      const next = ref.now.plus({ hours: 1 }).startOf('hour');
      return {
        iso: isoOf(next),
        date: { year: next.year, month: next.month, day: next.day },
        time: { hour: next.hour, minute: 0 },
      };
    }
    // The series starts on its first occurrence on or after the start given ("every other
    // tuesday starting 1 Nov" is due on the first Tuesday from 1 Nov), at its first time.
    const { dayTimes } = recurrence;
    const times =
      dayTimes.length > 0
        ? (d: LocalDate) => timesOnDay(dayTimes, d)
        : recurrence.times.length > 0
          ? recurrence.times
          : [time];
    const first = firstOccurrence(recurrence.parts, ref, times, day ?? undefined);
    if (first) return { iso: localIso(ref, first.date, first.time), date: first.date, time: first.time };
  }
  let due = day;
  if (!due && time) due = isPast(ref, todayOf(ref), time) ? addDays(todayOf(ref), 1) : todayOf(ref);
  if (!due) return null;
  return { iso: localIso(ref, due, time), date: due, time };
}

/**
 * The series' end, once its start is known: "for 4 weeks" counts the occurrences from the
 * first; "ending aug 3" is the first such day after the start ("every day starting aug 3
 * 2027 ending dec 3" ends in December 2027, not in the December before).
 */
function settleEnd(recurrence: RecurrenceReading, due: Due | null, ref: Reference): void {
  if (recurrence.run && due) {
    const end = runEnd(recurrence.parts, recurrence.run, due.date, due.time, ref.zone);
    if ('count' in end) recurrence.parts.count = end.count;
    else recurrence.parts.until = end.until;
  }
  if (recurrence.until) {
    let last = DateTime.fromObject(recurrence.until, { zone: ref.zone });
    if (due && compareDates(recurrence.until, due.date) < 0) last = last.plus({ years: 1 });
    recurrence.parts.until = untilEndOf(last);
  }
}

function resolveReminder(ref: Reference, r: ReminderReading, due: Due | null): NlReminder {
  if ('minutesBefore' in r) return r;
  let day = r.date;
  if (!r.hasDate) {
    if (due) day = due.date;
    else day = isPast(ref, todayOf(ref), r.time) ? addDays(todayOf(ref), 1) : todayOf(ref);
  }
  return { at: localIso(ref, day, r.time) };
}

export interface FieldOptions {
  /** "remind me to …": a reminder at the due time when nothing else was said. */
  remindAtDue?: boolean;
  /** The user's lists, for `#Name`; without them `#Name` stays in the title. */
  lists?: readonly NlListRef[];
}

/** Everything but the title, read from [from, to) in a fixed order so rules don't collide. */
export function readTaskFields(
  s: Scanner,
  ref: Reference,
  from: number,
  to: number,
  options: FieldOptions = {},
): Omit<NlTask, 'title'> {
  const task: Omit<NlTask, 'title'> = {};
  const list = readList(s, options.lists ?? [], from, to);
  if (list) {
    task.listId = list.listId;
    task.list = list.name;
  }
  const tags = readTags(s, from, to);
  if (tags.length) task.tags = tags;
  const priority = readPriority(s, from, to);
  if (priority) task.priority = priority;
  const reminders = readReminders(s, ref, from, to);
  const recurrence = readRecurrence(s, ref, from, to);
  const date = readDate(s, ref, from, to);
  const due = resolveDue(ref, date, recurrence);
  if (due) {
    task.dueAt = due.iso;
    task.allDay = due.time === null;
  }
  if (recurrence) {
    settleEnd(recurrence, due, ref);
    const rrule = formatRule(recurrence.parts);
    // A rule that never occurs ("every 30 February") is kept, so that the command refuses
    // it with a message saying so instead of silently creating a one-off task.
    if (rruleProblem(rrule) === null) task.recurrence = { rrule, anchor: recurrence.anchor };
  }
  const resolved = reminders.map((r) => resolveReminder(ref, r, due));
  if (options.remindAtDue && resolved.length === 0 && due) resolved.push({ minutesBefore: 0 });
  if (resolved.length) task.reminders = resolved;
  return task;
}

/**
 * "remind me about the dentist 30 min before / at 8am / tomorrow at 9": the reminders only.
 * A bare time is the next such time; the rest of the text names the task.
 */
export function readReminderChange(s: Scanner, ref: Reference, from: number, to: number): NlReminder[] {
  const readings: ReminderReading[] = readReminders(s, ref, from, to);
  if (readings.length === 0) {
    const region = ' '.repeat(from) + s.work.slice(from, to);
    const found = findDate(region, ref);
    if (found && found.time && plausible(ref, found.date)) {
      const m = CONNECTORS.exec(s.work.slice(0, found.start));
      consume(s, 'reminders', m ? m.index : found.start, found.end);
      if (found.exactMillis !== undefined)
        return [{ at: isoOf(DateTime.fromMillis(found.exactMillis, { zone: ref.zone })) }];
      readings.push({ date: found.date, time: found.time, hasDate: found.hasDate });
    }
  }
  return readings.map((r) => resolveReminder(ref, r, null));
}
