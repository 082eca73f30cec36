import { dayNumberOf, longestMonth } from './calendar.ts';
import { dayFilterOf, dayMatches, namesItsDays } from './day-filter.ts';
import type { RuleParts } from './rule-parts.ts';

/**
 * Every calendar shape a day filter can see (leap or not, each weekday for 1 January, the
 * neighbouring years' week numbering) occurs in 2000–2040; a few common years are tried first.
 */
const FIRST_TRY = [2024, 2028] as const;
const SCAN = [2000, 2040] as const;

function maxCandidatesPerPeriod(parts: RuleParts): number {
  const days =
    parts.freq === 'YEARLY'
      ? parts.byMonth
        ? parts.byMonth.reduce((sum, m) => sum + longestMonth(m), 0)
        : 366
      : parts.freq === 'MONTHLY'
        ? 31
        : parts.freq === 'WEEKLY'
          ? 7
          : 1;
  const minutes = parts.byMinute?.length ?? 1;
  const hours = parts.freq === 'HOURLY' ? 1 : (parts.byHour?.length ?? 1);
  return days * hours * minutes;
}

function someDayMatches(parts: RuleParts, fromYear: number, toYear: number): boolean {
  const filter = dayFilterOf(parts, null);
  const last = dayNumberOf(toYear, 12, 31);
  for (let d = dayNumberOf(fromYear, 1, 1); d <= last; d++) if (dayMatches(filter, d)) return true;
  return false;
}

const DAY_PARTS = ['BYMONTH', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYDAY'] as const;

/**
 * Why a rule can never occur whatever its start, or null when it may (then whether it does
 * depends on the start: see `occurrenceProblem`). A cheap static check: at most a scan of
 * 41 years of days, only for a rule that names its days, and no expansion.
 */
export function neverOccursProblem(parts: RuleParts): string | null {
  if (parts.bySetPos) {
    const max = maxCandidatesPerPeriod(parts);
    if (parts.bySetPos.every((p) => Math.abs(p) > max)) {
      return `it never occurs: BYSETPOS picks past the ${max} times a ${parts.freq} period can hold`;
    }
  }
  if (!namesItsDays(parts)) return null;
  const [a, b] = FIRST_TRY;
  if (someDayMatches(parts, a, b) || someDayMatches(parts, SCAN[0], SCAN[1])) return null;
  const named = DAY_PARTS.filter((p) => {
    const key = {
      BYMONTH: 'byMonth',
      BYMONTHDAY: 'byMonthDay',
      BYYEARDAY: 'byYearDay',
      BYWEEKNO: 'byWeekNo',
      BYDAY: 'byDay',
    }[p];
    return parts[key as keyof RuleParts] !== null;
  });
  return `it never occurs: no date has ${named.join(' and ')} as given`;
}
