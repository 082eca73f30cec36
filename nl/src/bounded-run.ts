import { DateTime } from 'luxon';
import { Expansion, ExpansionLimitReached, formatRule, readRuleParts, type RuleSpec } from '@todo/contracts';
import type { LocalDate, LocalTime } from './local-time.ts';
import { untilEndOf } from './until.ts';
import { cardinalOf } from './vocabulary.ts';

/**
 * A bounded run: "every day for 4 weeks", "every monday for the next 6 weeks". It is the
 * run's length, not a date: the rule gets the COUNT of its own occurrences within that
 * span, counted from the first (every day for 4 weeks = 28, every weekday for 4 weeks = 20,
 * every monday for 6 weeks = 6). Only an absurd run (more occurrences than COUNT may hold,
 * or more than one bounded expansion may count) ends by UNTIL instead, at the span's end.
 */
export interface RunLength {
  n: number;
  unit: 'day' | 'week' | 'month' | 'year';
}

export const FOR_RUN =
  /\b(?:for|during|over)\s+(?:the\s+(?:next|following)\s+)?(\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(days?|weeks?|months?|years?)\b/g;

export function runLength(amount: string, unit: string): RunLength | null {
  const n = cardinalOf(amount);
  if (n === null || n < 1) return null;
  return { n, unit: unit.replace(/s$/, '') as RunLength['unit'] };
}

const COUNT_MAX = 99_999;
/**
 * A parse stays well under a millisecond: a run that would take more steps than this to
 * count (about three years of a daily rule) ends by UNTIL, which for such a run means the same.
 */
const LIMITS = { maxSteps: 4_000 };
const DAY_MS = 86_400_000;

/** About what counting costs (a step per day looked at, and per time of day on it), without counting. */
function countingSteps(parts: RuleSpec, days: number): number {
  if (parts.freq === 'HOURLY') return (days * 24) / (parts.interval ?? 1);
  return days * (1 + (parts.byHour?.length ?? 1) * (parts.byMinute?.length ?? 1));
}

export type RunEnd = { count: number } | { until: string };

/** The occurrences in [start, end) of floating time, or null when counting would cost too much. */
function countWithin(parts: RuleSpec, start: DateTime, end: DateTime): number | null {
  if (countingSteps(parts, (end.toMillis() - start.toMillis()) / DAY_MS) > LIMITS.maxSteps) return null;
  const expansion = new Expansion(
    { parts: readRuleParts(formatRule(parts)), start: start.toJSDate(), until: null },
    LIMITS,
  );
  try {
    const count = expansion.countThrough(
      new Date(start.toMillis() - 1),
      new Date(end.toMillis() - 1),
      COUNT_MAX + 1,
    );
    return count >= 1 && count <= COUNT_MAX ? count : null;
  } catch (error) {
    if (error instanceof ExpansionLimitReached) return null;
    throw error;
  }
}

/** The run's end for a series whose first occurrence is `date` at `time` in `zone`. */
export function runEnd(
  parts: RuleSpec,
  run: RunLength,
  date: LocalDate,
  time: LocalTime | null,
  zone: string,
): RunEnd {
  // The expansion works on the wall clock as floating time (UTC fields = local fields).
  const start = DateTime.fromObject(
    { ...date, hour: time?.hour ?? 0, minute: time?.minute ?? 0 },
    { zone: 'UTC' },
  );
  const count = countWithin(parts, start, start.plus({ [`${run.unit}s`]: run.n }));
  if (count !== null) return { count };
  // UNTIL is the end of the run's last day, as "until <date>" is read, so the words said
  // back ("until November 25, 2056") mean the same rule.
  const lastDay = DateTime.fromObject(date, { zone })
    .plus({ [`${run.unit}s`]: run.n })
    .minus({ days: 1 });
  return { until: untilEndOf(lastDay) };
}
