import { describe, expect, it, jest } from '@jest/globals';
import {
  DEFAULT_EXPANSION_LIMITS,
  Expansion,
  ExpansionLimitReached,
  occurrenceProblem,
  Rrule,
  wallClockOf,
  type CreateTask,
} from '@todo/contracts';
import { decide, TaskRuleViolation, initialState } from '@todo/domain';
import { describeRecurrence, parse } from '@todo/nl';
import { nextOccurrence, type RecurringTask } from '@todo/sagas';

/**
 * Issue 10: a rule that never matches made one expansion block the event loop for seconds
 * (6.6 s for the repro, forever for some hourly rules), for every user of the process.
 * The worst rules we could build go through every place a rule is expanded or checked, and
 * each may spend at most the budget of two searches (`MAX_SEARCHES`; today the worst spends
 * one whole budget and a few steps more): every search is
 * bounded by `DEFAULT_EXPANSION_LIMITS.maxSteps` and gives up with ExpansionLimitReached,
 * and no entry point may run searches without end. Steps, not milliseconds: the bound must
 * hold on any machine under any load; what a step costs in time is the benchmark's to say.
 * A search without a bound never returns, and the test fails by its timeout.
 *
 * It lives with the launchers because its entry points span the packages a process runs
 * (contracts, the domain, the sagas, the language engine): only here may one test import
 * them all without a package depending on one above it.
 */
const MAX_SEARCHES = 2;

const all = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from).join(',');

const WORST_RULES = [
  // The repro of issue 10 and its hourly variant.
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
  `FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30,31;BYHOUR=${all(24)};BYMINUTE=${all(60)}`,
  // rrule.js loops forever on this one (its hour stepping never reaches 05:00).
  'FREQ=HOURLY;INTERVAL=24;BYHOUR=5',
  'FREQ=HOURLY;INTERVAL=2;BYHOUR=0,2,4,6,8,10,12,14,16,18,20,22;BYMONTHDAY=31;BYMONTH=4,6,9,11',
  // Never matches only from the start it is given (its day comes from the due date).
  'FREQ=YEARLY;BYMONTH=2',
  'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
  // Rare: 29 February on a Monday, Friday the 13th in February at 13:13.
  'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
  'FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=13;BYDAY=FR;BYHOUR=13;BYMINUTE=13',
  // BYSETPOS: a huge list, and positions no period can hold.
  `FREQ=YEARLY;BYMONTH=1;BYSETPOS=${all(120, 40)}`,
  `FREQ=HOURLY;BYMINUTE=${all(60)};BYSETPOS=-1,1,30`,
  'FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2',
  // BYWEEKNO with months it cannot reach, and week 53 in January.
  'FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6',
  'FREQ=YEARLY;BYWEEKNO=53;BYMONTH=1;BYDAY=MO',
  'FREQ=YEARLY;BYYEARDAY=366;BYMONTH=12;BYMONTHDAY=31;BYDAY=MO',
  // Huge COUNT and INTERVAL.
  `FREQ=HOURLY;COUNT=99999;BYMINUTE=${all(60)}`,
  'FREQ=HOURLY;INTERVAL=9999',
  'FREQ=DAILY;INTERVAL=9999;BYMONTH=2;BYMONTHDAY=29',
  'FREQ=YEARLY;INTERVAL=9999',
  // Refused by the syntax check: they must be refused just as fast.
  'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31',
  `FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;BYMINUTE=${all(60)}`,
];

const DUE = '2026-12-01T09:00:00.000Z';
const ZONE = 'Europe/Paris';

function recurring(rrule: string, anchor: 'schedule' | 'completion'): RecurringTask {
  return { dueAt: DUE, timezone: ZONE, allDay: false, reminders: [], recurrence: { rrule, anchor } };
}

/** Runs the work; an answer "no", a refusal or "gave up within the bound" are all fine. */
function tolerant(work: () => unknown): () => void {
  return () => {
    try {
      work();
    } catch (error) {
      if (error instanceof ExpansionLimitReached || error instanceof TaskRuleViolation) return;
      if (error instanceof Error && /not an RRULE this system expands/.test(error.message)) return;
      throw error;
    }
  };
}

const ENTRY_POINTS: Record<string, (rule: string) => () => void> = {
  'the RRULE schema (every REST body, contracts)': (rule) => () => void Rrule.safeParse(rule),
  'the decider on create (REST, chat, MCP)': (rule) =>
    tolerant(() => {
      const command: CreateTask = {
        type: 'CreateTask',
        taskId: '7d8f6c3e-2c1a-4c55-9a59-0b8f1c2d3e4f',
        title: 't',
        description: '',
        priority: 'none',
        tags: [],
        dueAt: DUE,
        allDay: false,
        timezone: ZONE,
        recurrence: { rrule: rule, anchor: 'schedule' },
        reminders: [],
        seriesId: null,
        listId: null,
        spawnedFrom: null,
      };
      decide(command, initialState);
    }),
  'the 10-year occurrence check alone': (rule) =>
    tolerant(() => occurrenceProblem(rule, wallClockOf(DUE, ZONE))),
  'the saga, on the schedule, completed the next day': (rule) =>
    tolerant(() => nextOccurrence(recurring(rule, 'schedule'), '2026-12-02T09:00:00.000Z')),
  'the saga, on the schedule, completed 9 years late (an old event)': (rule) =>
    tolerant(() => nextOccurrence(recurring(rule, 'schedule'), '2035-12-02T09:00:00.000Z')),
  'the saga, from the completion': (rule) =>
    tolerant(() => nextOccurrence(recurring(rule, 'completion'), '2027-01-15T10:00:00.000Z')),
  'the rule in words (chat confirmations)': (rule) =>
    tolerant(() => describeRecurrence(rule, 'schedule', { timezone: ZONE })),
  'language: a never-matching date in quick-add and chat': () =>
    tolerant(() => parse('pay rent every February 31st at 9am', { now: new Date(DUE), timezone: ZONE })),
};

/** Expansion steps spent by `work`, over every search it runs, counted where each is paid. */
function stepsOf(work: () => void): number {
  const spend = jest.spyOn(Expansion.prototype as unknown as { spend(n: number): void }, 'spend');
  try {
    work();
    return spend.mock.calls.reduce((sum, [n]) => sum + n, 0);
  } finally {
    spend.mockRestore();
  }
}

describe(`no entry point expands a rule for more than ${MAX_SEARCHES} searches' budget`, () => {
  for (const [entry, workFor] of Object.entries(ENTRY_POINTS)) {
    describe(entry, () => {
      it.each(WORST_RULES)('%s', (rule) => {
        const steps = stepsOf(workFor(rule));
        expect(steps).toBeLessThanOrEqual(MAX_SEARCHES * (DEFAULT_EXPANSION_LIMITS.maxSteps + 1));
      });
    });
  }
});
