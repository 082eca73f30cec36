import { calendarDay, dayNumberOf, DAY_MS, HOUR_MS, MINUTE_MS, monthLength } from './calendar.ts';
import { dayFilterOf, dayMatches, type DayFilter } from './day-filter.ts';
import type { RuleParts } from './rule-parts.ts';

// Module-level aliases: a global lookup (`Math`) is slow inside Jest's vm contexts.
const { floor, ceil, max } = Math;
const DateOf = Date;

/**
 * How much one search may spend. Steps are the unit of work (a day looked at, a time of
 * day combined with a day, a period begun), so a search costs the same on every machine
 * and its answer is deterministic: the saga, a replay and every instance decide alike.
 * There is deliberately no time limit: one that fired on a slow or busy machine would end
 * a series (or refuse a rule) there and not elsewhere.
 */
export interface ExpansionLimits {
  maxSteps: number;
}

/**
 * 100 000 steps take 7–15 ms of CPU on this machine (about 20 ms before the JIT has warmed
 * up) and cover ten years of any rule expanded day by day; the stall test holds every entry
 * point to this.
 */
export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = { maxSteps: 100_000 };

/** RFC 5545 dates end with year 9999; so does every expansion. */
const LAST_YEAR = 9999;
const LAST_DAY = dayNumberOf(LAST_YEAR, 12, 31);

export class ExpansionLimitReached extends Error {
  constructor(spent: number) {
    super(`the rule was expanded for ${spent} steps without an answer`);
    this.name = 'ExpansionLimitReached';
  }
}

export interface ExpansionInput {
  parts: RuleParts;
  /** DTSTART on the wall clock, as floating time (UTC fields = wall clock). */
  start: Date;
  /** The last allowed floating moment (inclusive), or null. COUNT is the caller's. */
  until: Date | null;
}

/**
 * A bounded RFC 5545 expansion (FREQ HOURLY to YEARLY with every BY part the contracts
 * accept), written for this system because the rrule library loops until year 9999 on a
 * rule that never matches (and forever on some hourly ones), which no option can stop.
 * One instance is one search: every generator it hands out draws on the same budget and
 * throws `ExpansionLimitReached` once it is spent. Pure: no I/O, no clock.
 */
export class Expansion {
  private readonly filter: DayFilter;
  private readonly startMs: number;
  private readonly startDay: number;
  private readonly untilMs: number | null;
  /** Milliseconds into the day of each occurrence time (all frequencies but HOURLY). */
  private readonly timesOfDay: number[];
  /** Milliseconds into the hour of each occurrence time (HOURLY). */
  private readonly timesOfHour: number[];
  private readonly hours: ReadonlySet<number> | null;
  private readonly input: ExpansionInput;
  private readonly limits: ExpansionLimits;
  private steps = 0;
  /** HOURLY looks at each day up to 24 times: the last answer is kept. */
  private lastDay = Number.NaN;
  private lastDayMatched = false;

  constructor(input: ExpansionInput, limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS) {
    this.input = input;
    this.limits = limits;
    const { parts, start } = input;
    this.startMs = start.getTime() - start.getUTCMilliseconds();
    this.startDay = floor(this.startMs / DAY_MS);
    this.filter = dayFilterOf(parts, calendarDay(this.startDay));
    this.untilMs = input.until?.getTime() ?? null;
    const second = start.getUTCSeconds() * 1000;
    const minutes = parts.byMinute ?? [start.getUTCMinutes()];
    this.timesOfHour = minutes.map((m) => m * MINUTE_MS + second);
    const hours = parts.byHour ?? [start.getUTCHours()];
    this.timesOfDay = hours.flatMap((h) => this.timesOfHour.map((t) => h * HOUR_MS + t));
    this.hours = parts.byHour ? new Set(parts.byHour) : null;
  }

  /** Steps spent so far by this search. */
  get spent(): number {
    return this.steps;
  }

  /** The occurrences strictly after `after` (floating), in order, up to UNTIL or year 9999. */
  *after(after: Date): Generator<Date, void, undefined> {
    const afterMs = after.getTime();
    for (let k = this.firstPeriodFor(afterMs); ; k++) {
      this.spend(1);
      const period = this.periodCandidates(k);
      if (period === 'ended') return;
      if (period.skipTo !== undefined) k = period.skipTo - 1;
      for (const ms of period.candidates) {
        if (this.untilMs !== null && ms > this.untilMs) return;
        if (ms > afterMs && ms >= this.startMs) yield new DateOf(ms);
      }
    }
  }

  /**
   * How many occurrences lie after `after` up to `through` (inclusive), counting no further
   * than `max`: what a long-overdue series used up of its COUNT, without a Date for each.
   */
  countThrough(after: Date, through: Date, max: number): number {
    const afterMs = after.getTime();
    const throughMs = through.getTime();
    let counted = 0;
    for (let k = this.firstPeriodFor(afterMs); counted < max; k++) {
      this.spend(1);
      const period = this.periodCandidates(k);
      if (period === 'ended') return counted;
      if (period.skipTo !== undefined) k = period.skipTo - 1;
      for (const ms of period.candidates) {
        if (ms > throughMs || (this.untilMs !== null && ms > this.untilMs)) return counted;
        if (ms > afterMs && ms >= this.startMs) counted += 1;
        if (counted === max) return counted;
      }
    }
    return counted;
  }

  private spend(n: number): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps) throw new ExpansionLimitReached(this.steps);
  }

  /** A period that begins after UNTIL ends the expansion even when nothing in between matched. */
  private pastUntil(periodStartMs: number): boolean {
    return this.untilMs !== null && periodStartMs > this.untilMs;
  }

  /** The index of the period that holds `ms` (periods are aligned on DTSTART and INTERVAL). */
  private firstPeriodFor(ms: number): number {
    if (ms < this.startMs) return 0;
    const { freq, interval } = this.input.parts;
    const start = calendarDay(this.startDay);
    const day = floor(ms / DAY_MS);
    const at = calendarDay(day);
    const periods = (() => {
      switch (freq) {
        case 'YEARLY':
          return at.year - start.year;
        case 'MONTHLY':
          return (at.year - start.year) * 12 + (at.month - start.month);
        case 'WEEKLY':
          return floor((day - this.weekStartOf(0)) / 7);
        case 'DAILY':
          return day - this.startDay;
        case 'HOURLY':
          return floor(ms / HOUR_MS) - floor(this.startMs / HOUR_MS);
      }
    })();
    return max(0, floor(periods / interval));
  }

  private weekStartOf(k: number): number {
    const offset = (calendarDay(this.startDay).weekday - this.filter.wkst + 7) % 7;
    return this.startDay - offset + k * 7 * this.input.parts.interval;
  }

  /** The days of period k, or 'ended' (past UNTIL or year 9999). */
  private periodDays(k: number): number[] | 'ended' {
    const { freq, interval } = this.input.parts;
    const start = calendarDay(this.startDay);
    let first: number;
    let length: number;
    switch (freq) {
      case 'YEARLY': {
        const year = start.year + k * interval;
        if (year > LAST_YEAR) return 'ended';
        first = dayNumberOf(year, 1, 1);
        length = dayNumberOf(year + 1, 1, 1) - first;
        break;
      }
      case 'MONTHLY': {
        const index = start.year * 12 + (start.month - 1) + k * interval;
        const year = floor(index / 12);
        if (year > LAST_YEAR) return 'ended';
        first = dayNumberOf(year, (index % 12) + 1, 1);
        length = monthLength(year, (index % 12) + 1);
        break;
      }
      case 'WEEKLY':
        first = this.weekStartOf(k);
        length = 7;
        break;
      case 'DAILY':
        first = this.startDay + k * interval;
        length = 1;
        break;
      case 'HOURLY':
        throw new Error('hourly periods are hours');
    }
    if (first > LAST_DAY || this.pastUntil(first * DAY_MS)) return 'ended';
    this.spend(length);
    const days: number[] = [];
    for (let d = first; d < first + length; d++) if (dayMatches(this.filter, d)) days.push(d);
    return days;
  }

  private periodCandidates(k: number): { candidates: number[]; skipTo?: number } | 'ended' {
    const { freq, interval, bySetPos } = this.input.parts;
    let candidates: number[];
    if (freq === 'HOURLY') {
      const firstHour = floor(this.startMs / HOUR_MS);
      const hour = firstHour + k * interval;
      const day = floor(hour / 24);
      if (day > LAST_DAY || this.pastUntil(hour * HOUR_MS)) return 'ended';
      if (day !== this.lastDay) {
        this.lastDay = day;
        this.lastDayMatched = dayMatches(this.filter, day);
      }
      if (!this.lastDayMatched) {
        // No hour of a day that is filtered out can match: go on with the next day's first period.
        return { candidates: [], skipTo: ceil(((day + 1) * 24 - firstHour) / interval) };
      }
      if (this.hours && !this.hours.has(hour % 24)) return { candidates: [] };
      candidates = this.timesOfHour.map((t) => hour * HOUR_MS + t);
    } else {
      const days = this.periodDays(k);
      if (days === 'ended') return days;
      candidates = days.flatMap((d) => this.timesOfDay.map((t) => d * DAY_MS + t));
    }
    this.spend(candidates.length);
    if (!bySetPos) return { candidates };
    const picked = new Set<number>();
    for (const pos of bySetPos) {
      const index = pos > 0 ? pos - 1 : candidates.length + pos;
      const ms = candidates[index];
      if (ms !== undefined) picked.add(ms);
    }
    return { candidates: [...picked].sort((a, b) => a - b) };
  }
}
