import { describe, expect, it } from '@jest/globals';
import { parseFilter } from './parse-filter.ts';
import {
  mentionsCompleted,
  resolveFilter,
  type FilterContext,
  type ResolvedFilter,
} from './resolve-filter.ts';
import { matchesFilter, type FilterableTask } from './evaluate-filter.ts';

// 2026-03-28 22:30 UTC is already Sunday 29 March 11:30 in Auckland, and Saturday in Paris.
const now = new Date('2026-03-28T22:30:00Z');

function resolved(text: string, context: Partial<FilterContext> = {}): ResolvedFilter {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = resolveFilter(parsed.query.groups[0]!.expr, { now, timezone: 'UTC', ...context });
  if (!result.ok) throw new Error(result.error.message);
  return result.filter;
}

const task = (over: Partial<FilterableTask>): FilterableTask => ({
  title: 'Pay rent',
  description: '',
  priority: 'none',
  tags: [],
  dueAt: null,
  allDay: false,
  recurrence: null,
  status: 'open',
  createdAt: '2026-01-01T00:00:00.000Z',
  listId: null,
  ...over,
});

describe('resolving a filter in the user time zone', () => {
  it('given "today" in Auckland, when resolved, then it is Auckland’s Sunday, midnight to midnight', () => {
    expect(resolved('today', { timezone: 'Pacific/Auckland' })).toEqual({
      kind: 'due',
      from: '2026-03-28T11:00:00.000Z',
      to: '2026-03-29T11:00:00.000Z',
    });
  });

  it('given "tomorrow" in Paris across the spring DST change, when resolved, then the day is 23 hours long', () => {
    expect(resolved('tomorrow', { timezone: 'Europe/Paris' })).toEqual({
      kind: 'due',
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
  });

  it('given "7 days", when resolved, then it runs from the start of today for seven days', () => {
    expect(resolved('7 days')).toEqual({
      kind: 'due',
      from: '2026-03-28T00:00:00.000Z',
      to: '2026-04-04T00:00:00.000Z',
    });
  });

  it('given "overdue", when resolved, then it keeps now and the start of today', () => {
    expect(resolved('overdue', { timezone: 'America/New_York' })).toEqual({
      kind: 'overdue',
      now: '2026-03-28T22:30:00.000Z',
      startOfToday: '2026-03-28T04:00:00.000Z',
    });
  });

  it('given "created before: -7 days", when resolved, then it ends where the day a week ago starts', () => {
    expect(resolved('created before: -7 days')).toEqual({
      kind: 'created',
      from: null,
      to: '2026-03-21T00:00:00.000Z',
    });
  });

  it('given "due after: 2026-04-01", when resolved, then it starts after that whole day', () => {
    expect(resolved('due after: 2026-04-01', { timezone: 'Asia/Tokyo' })).toEqual({
      kind: 'due',
      from: '2026-04-01T15:00:00.000Z',
      to: null,
    });
  });

  it('given a date only the resolver knows, when resolved, then the resolver’s span is used', () => {
    const resolveDate = (text: string) =>
      text === 'next friday' ? { from: '2026-04-03T00:00:00.000Z', to: '2026-04-04T00:00:00.000Z' } : null;
    expect(resolved('due before: next friday', { resolveDate })).toEqual({
      kind: 'due',
      from: null,
      to: '2026-04-03T00:00:00.000Z',
    });
  });

  it('given a date nobody understands, when resolved, then it is refused at the date', () => {
    const parsed = parseFilter('p1 & due before: the heat death');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = resolveFilter(parsed.query.groups[0]!.expr, { now, timezone: 'UTC' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'date', position: 17 } });
  });

  it('given a date past the instants the system stores, when resolved, then it is refused, not sent to SQL', () => {
    const parsed = parseFilter('due after: 9999-12-31');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = resolveFilter(parsed.query.groups[0]!.expr, { now, timezone: 'Pacific/Honolulu' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'date', position: 11 } });
  });

  const work = '5b0d7a52-5d0f-4a57-8c61-1b3f4c7f0e11';
  const job = '6c1e8b63-6e10-4b68-9d72-2c405d8a1f22';
  const lists = [
    { id: work, name: 'Work' },
    { id: job, name: 'Job' },
  ];

  it('given a #list, when resolved with the user’s lists, then it is that list, whatever the case', () => {
    expect(resolved('#work', { lists })).toEqual({ kind: 'list', listIds: [work] });
    expect(matchesFilter(task({ listId: work }), resolved('#WORK', { lists }))).toBe(true);
    expect(matchesFilter(task({ listId: job }), resolved('#Work', { lists }))).toBe(false);
    expect(matchesFilter(task({ listId: null }), resolved('!#Work', { lists }))).toBe(true);
  });

  it('given an unknown #list, or no lists at all, when resolved, then it matches nothing (as Todoist)', () => {
    expect(resolved('#Holidays', { lists })).toEqual({ kind: 'nothing' });
    expect(resolved('#Work')).toEqual({ kind: 'nothing' });
  });

  it('given #Inbox, when resolved, then it is the tasks in no list', () => {
    const inbox = resolved('#inbox', { lists });
    expect(matchesFilter(task({ listId: null }), inbox)).toBe(true);
    expect(matchesFilter(task({ listId: work }), inbox)).toBe(false);
  });

  it('given filters with and without completed, when asked, then only the first mentions it', () => {
    const parsed = parseFilter('p1 & !done, today');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.query.groups.map((g) => mentionsCompleted(g.expr))).toEqual([true, false]);
  });
});

describe('the reference evaluation', () => {
  it('given an all-day task due today and a timed one due an hour ago, when "overdue", then only the timed one is', () => {
    const filter = resolved('overdue');
    expect(matchesFilter(task({ dueAt: '2026-03-28T00:00:00.000Z', allDay: true }), filter)).toBe(false);
    expect(matchesFilter(task({ dueAt: '2026-03-28T21:30:00.000Z' }), filter)).toBe(true);
    expect(matchesFilter(task({ dueAt: null }), filter)).toBe(false);
  });

  it('given a task without a date, when "!today", then it matches (negation includes undated tasks)', () => {
    expect(matchesFilter(task({}), resolved('!today'))).toBe(true);
  });

  it('given "search: pay re", when evaluated, then word prefixes match in any order', () => {
    expect(matchesFilter(task({ title: 'Rent: pay it' }), resolved('search: pay re'))).toBe(true);
    expect(matchesFilter(task({ title: 'Prepay rent' }), resolved('search: pay'))).toBe(false);
  });

  it('given p1 & @work, when evaluated, then both must hold', () => {
    const filter = resolved('p1 & @work');
    expect(matchesFilter(task({ priority: 'high', tags: ['work'] }), filter)).toBe(true);
    expect(matchesFilter(task({ priority: 'high', tags: ['home'] }), filter)).toBe(false);
  });
});
