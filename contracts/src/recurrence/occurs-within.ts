import { calendarDay, DAY_MS, floatingMs } from './calendar.ts';
import {
  DEFAULT_EXPANSION_LIMITS,
  Expansion,
  ExpansionLimitReached,
  type ExpansionLimits,
} from './expansion.ts';
import { neverOccursProblem } from './never-occurs.ts';
import { readRuleParts } from './rule-parts.ts';

/** A rule must show an occurrence this soon after its start to be accepted. */
export const OCCURRENCE_HORIZON_YEARS = 10;

/** The same wall-clock moment `years` later (29 February becomes 1 March). */
export function yearsLater(floating: Date, years: number): Date {
  const day = calendarDay(Math.floor(floating.getTime() / DAY_MS));
  const timeOfDay = floating.getTime() - Math.floor(floating.getTime() / DAY_MS) * DAY_MS;
  return new Date(floatingMs(day.year + years, day.month, day.day) + timeOfDay);
}

/**
 * Why a well-formed rule (see `rruleProblem`) is refused when it is set, or null. No date
 * may satisfy it (a static check), or, from `start` (floating wall-clock time: the task's
 * due time in its zone), it has no occurrence after it within OCCURRENCE_HORIZON_YEARS,
 * found by a bounded search. COUNT and UNTIL aside: they end a series, they do not make a
 * rule that never matches. With `start` null only the static check runs.
 */
export function occurrenceProblem(
  rrule: string,
  start: Date | null,
  limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS,
): string | null {
  const parts = readRuleParts(rrule);
  const never = neverOccursProblem(parts);
  if (never !== null || start === null) return never;
  const horizon = yearsLater(start, OCCURRENCE_HORIZON_YEARS);
  const expansion = new Expansion({ parts, start, until: horizon }, limits);
  try {
    if (!expansion.after(start).next().done) return null;
    return `it has no occurrence in the ${OCCURRENCE_HORIZON_YEARS} years after its start (${start.toISOString().slice(0, 16)} local time)`;
  } catch (error) {
    if (!(error instanceof ExpansionLimitReached)) throw error;
    return `no occurrence could be found within ${OCCURRENCE_HORIZON_YEARS} years of its start in a bounded search (${expansion.spent} steps): the rule matches too rarely`;
  }
}
