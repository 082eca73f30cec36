import {
  DEFAULT_EXPANSION_LIMITS,
  Expansion,
  isInstantInRange,
  OCCURRENCE_HORIZON_YEARS,
  readRuleParts,
  ruleFields,
  untilOnWallClock,
  withRuleFields,
  yearsLater,
  type ExpansionLimits,
  type Recurrence,
  type Reminder,
  type RuleParts,
} from '@todo/contracts';
import type { DateTime } from 'luxon';
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

/**
 * The occurrence that follows `task` once it was closed (completed or skipped) at
 * `closedAt`, or null when the series has ended (UNTIL passed or COUNT used up, or the next
 * due time would lie past 9999-12-31 UTC, the end of the instants every part of the system
 * can store: `Instant` in contracts). An absolute reminder that would move past that end is
 * dropped, as the upcaster drops one there.
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
 *
 * Bounded: the search looks at most OCCURRENCE_HORIZON_YEARS past the completion (no
 * occurrence there ends the series, like UNTIL) and spends at most `limits`, throwing
 * `ExpansionLimitReached` beyond them, so a rule that never matches costs milliseconds.
 */
export function nextOccurrence(
  task: RecurringTask,
  closedAt: string,
  limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS,
): Occurrence | null {
  const zone = task.timezone;
  const due = localIn(task.dueAt, zone);
  const closed = localIn(closedAt, zone);
  const parts = readRuleParts(task.recurrence.rrule);
  const parsed: ParsedRule = {
    parts,
    count: parts.count,
    untilFloating: parts.until === null ? null : untilOnWallClock(parts.until, zone),
  };
  const found =
    task.recurrence.anchor === 'completion'
      ? fromCompletion(parsed, due, closed, zone, limits)
      : fromSchedule(parsed, due, closed, zone, task.allDay, limits);
  if (!found) return null;
  const remaining = parsed.count === null ? null : parsed.count - found.used;
  if (remaining !== null && remaining < 1) return null;
  const dueAt = found.next.toUTC().toISO()!;
  if (!isInstantInRange(dueAt)) return null;
  const shift = found.next.toMillis() - due.toMillis();
  // A wall-clock time skipped by a DST gap was moved past it; the rule must not drift to
  // that later time for the rest of the series, so the intended time of day is pinned.
  const movedByGap = toFloating(found.next).getTime() !== found.wallClock.getTime();
  const counted = withCount(task.recurrence.rrule, remaining);
  const rrule = movedByGap ? pinTimeOfDay(counted, found.wallClock) : counted;
  return {
    dueAt,
    recurrence: { ...task.recurrence, rrule },
    reminders: task.reminders.flatMap((r): Reminder[] => {
      if (!('at' in r)) return [r];
      const at = new Date(new Date(r.at).getTime() + shift).toISOString();
      return isInstantInRange(at) ? [{ ...r, at }] : [];
    }),
  };
}

interface ParsedRule {
  /** The rule's parts; COUNT and UNTIL are handled here, in wall-clock time. */
  parts: RuleParts;
  count: number | null;
  /** The last allowed wall-clock moment (inclusive) as floating time, or null. */
  untilFloating: Date | null;
}

/** The rule text with COUNT set to what is left of the series (other parts unchanged). */
function withCount(rule: string, count: number | null): string {
  return count === null ? rule : withRuleFields(rule, { COUNT: String(count) });
}

/**
 * Adds BYHOUR/BYMINUTE for the given wall-clock time when the rule does not fix the time
 * of day itself (and repeats daily or less often, where that changes nothing else).
 */
function pinTimeOfDay(rule: string, wallClock: Date): string {
  const fields = ruleFields(rule);
  if (fields.has('BYHOUR') || fields.has('BYMINUTE') || fields.get('FREQ') === 'HOURLY') return rule;
  return withRuleFields(rule, {
    BYHOUR: String(wallClock.getUTCHours()),
    BYMINUTE: String(wallClock.getUTCMinutes()),
  });
}

interface Found {
  next: DateTime;
  /** How many occurrences of the rule this step used up (for COUNT). */
  used: number;
  /** The occurrence as the rule gave it, on the wall clock (floating). */
  wallClock: Date;
}

/** A search from `start`, ending at UNTIL or OCCURRENCE_HORIZON_YEARS after `searchFrom`. */
function expansionOf(parsed: ParsedRule, start: Date, searchFrom: Date, limits: ExpansionLimits): Expansion {
  const horizon = yearsLater(searchFrom, OCCURRENCE_HORIZON_YEARS);
  const until = parsed.untilFloating && parsed.untilFloating < horizon ? parsed.untilFloating : horizon;
  return new Expansion({ parts: parsed.parts, start, until }, limits);
}

/** The largest change of a zone's UTC offset at one transition, with room to spare. */
const OFFSET_CHANGE_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;

function fromSchedule(
  parsed: ParsedRule,
  due: DateTime,
  closed: DateTime,
  zone: string,
  allDay: boolean,
  limits: ExpansionLimits,
): Found | null {
  const start = toFloating(due);
  const closedFloating = toFloating(closed);
  const expansion = expansionOf(parsed, start, closedFloating > start ? closedFloating : start, limits);
  // Ahead of the completion: after it, or for an all-day task on its local day or later.
  // Wall-clock times far from that line are on one side of it in any zone, and near it the
  // offset turns them into instants when it does not change that day either side; only
  // otherwise (a DST change near the completion) does luxon, the slow part, decide.
  const line = allDay ? Math.floor(closedFloating.getTime() / DAY_MS) * DAY_MS : closedFloating.getTime();
  const offset = closed.offset;
  const steady = closed.minus({ days: 1 }).offset === offset && closed.plus({ days: 1 }).offset === offset;
  const isAhead = (candidate: Date, next: () => DateTime): boolean => {
    const ms = candidate.getTime();
    if (ms < line - OFFSET_CHANGE_MS) return false;
    if (allDay ? ms >= line : ms > line + OFFSET_CHANGE_MS) return true;
    if (steady) return allDay ? false : ms - offset * 60_000 > closed.toMillis();
    return allDay ? next().startOf('day') >= closed.startOf('day') : next() > closed;
  };
  const nearLine = new Date(line - OFFSET_CHANGE_MS - 1);
  // Occurrences missed while overdue count towards COUNT: counted without being listed.
  let used = 0;
  if (parsed.count !== null && nearLine > start) {
    used = expansion.countThrough(start, nearLine, parsed.count);
    if (used >= parsed.count) return null;
  }
  for (const candidate of expansion.after(nearLine > start ? nearLine : start)) {
    used += 1;
    if (parsed.count !== null && used >= parsed.count) return null;
    let next: DateTime | undefined;
    const nextOf = () => (next ??= fromFloating(candidate, zone));
    if (isAhead(candidate, nextOf)) return { next: nextOf(), used, wallClock: candidate };
  }
  return null;
}

function fromCompletion(
  parsed: ParsedRule,
  due: DateTime,
  closed: DateTime,
  zone: string,
  limits: ExpansionLimits,
): Found | null {
  const restart = toFloating(
    closed.set({ hour: due.hour, minute: due.minute, second: due.second, millisecond: 0 }),
  );
  const first = expansionOf(parsed, restart, restart, limits).after(restart).next();
  return first.done ? null : { next: fromFloating(first.value, zone), used: 1, wallClock: first.value };
}
