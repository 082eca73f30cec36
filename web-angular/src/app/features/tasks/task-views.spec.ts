import { describe, expect, it } from '@jest/globals';
import { aTask } from '../../../testing/tasks';
import { compareTasks, EMPTY_FILTERS, matchesQuery, queryFor } from './task-views';

const now = Date.parse('2026-01-15T10:00:00Z');

describe('queryFor', () => {
  it('Today is open tasks due before tomorrow, overdue included', () => {
    expect(queryFor('today', EMPTY_FILTERS, now, 'UTC')).toEqual({
      status: 'open',
      sort: 'due',
      order: 'asc',
      limit: 100,
      dueTo: '2026-01-15T23:59:59.999Z',
    });
  });

  it('Upcoming starts tomorrow in the user zone', () => {
    expect(queryFor('upcoming', EMPTY_FILTERS, now, 'Asia/Tokyo').dueFrom).toBe('2026-01-15T15:00:00.000Z');
  });

  it('All and Completed pick the status; filters narrow them', () => {
    const filters = {
      ...EMPTY_FILTERS,
      priority: 'high' as const,
      tag: '#Home',
      q: ' rent ',
      sort: 'priority' as const,
      order: 'desc' as const,
    };
    expect(queryFor('all', filters, now, 'UTC')).toEqual({
      status: 'all',
      priority: 'high',
      tag: 'home',
      q: 'rent',
      sort: 'priority',
      order: 'desc',
      limit: 100,
    });
    expect(queryFor('completed', EMPTY_FILTERS, now, 'UTC').status).toBe('completed');
  });

  it('intersects the filter date range with the view range', () => {
    const q = queryFor('today', { ...EMPTY_FILTERS, dueFrom: '2026-01-10', dueTo: '2026-01-20' }, now, 'UTC');
    expect(q.dueFrom).toBe('2026-01-10T00:00:00.000Z');
    expect(q.dueTo).toBe('2026-01-15T23:59:59.999Z');
  });
});

describe('matchesQuery', () => {
  it('checks status, priority, tag, text and due range', () => {
    const task = aTask({
      title: 'Pay rent',
      priority: 'high',
      tags: ['home'],
      dueAt: '2026-01-15T09:00:00.000Z',
    });
    expect(matchesQuery(task, { status: 'open', tag: 'home', priority: 'high', q: 'RENT' })).toBe(true);
    expect(matchesQuery(task, { status: 'completed' })).toBe(false);
    expect(matchesQuery(task, { status: 'all', tag: 'work' })).toBe(false);
    expect(matchesQuery(task, { status: 'open', dueTo: '2026-01-15T08:00:00.000Z' })).toBe(false);
    expect(matchesQuery(aTask(), { status: 'open', dueFrom: '2026-01-01T00:00:00.000Z' })).toBe(false);
  });

  // 23:30 on 14 January in Paris is already the 15th in Tokyo: "today" is the user's day.
  const at = { now: Date.parse('2026-01-14T22:30:00.000Z'), zone: 'Europe/Paris' };

  it('places a live task by its list: a list id, or inbox for none', () => {
    const filed = aTask({ listId: 'l1' });
    expect(matchesQuery(filed, { status: 'open', list: 'l1' })).toBe(true);
    expect(matchesQuery(filed, { status: 'open', list: 'inbox' })).toBe(false);
    expect(matchesQuery(aTask({ listId: null }), { status: 'open', list: 'inbox' })).toBe(true);
    expect(matchesQuery(aTask({ listId: null }), { status: 'open', list: 'l1' })).toBe(false);
  });

  it('places a live task by a #list filter only with the user’s lists to read it by', () => {
    const lists = [{ id: 'l1', name: 'Work' }];
    expect(matchesQuery(aTask({ listId: 'l1' }), { filter: '#work' }, { ...at, lists })).toBe(true);
    expect(matchesQuery(aTask({ listId: null }), { filter: '#work' }, { ...at, lists })).toBe(false);
    // Without them it cannot tell, and leaves the task where it is until the next reload.
    expect(matchesQuery(aTask({ listId: null }), { filter: '#work' }, at)).toBe(true);
  });

  it('places a live task by the filter, resolved in the user zone as the server does', () => {
    const task = aTask({ priority: 'high', dueAt: '2026-01-14T10:00:00.000Z' });
    expect(matchesQuery(task, { filter: 'today & p1' }, at)).toBe(true);
    expect(matchesQuery(task, { filter: 'today & p1' }, { ...at, zone: 'Asia/Tokyo' })).toBe(false);
    expect(matchesQuery(task, { filter: '!p1 | tomorrow' }, at)).toBe(false);
  });

  it('with a filter, lets the filter decide the status, as the server does', () => {
    const done = aTask({ status: 'completed', priority: 'high' });
    expect(matchesQuery(done, { status: 'completed', filter: 'p1' }, at)).toBe(false);
    expect(matchesQuery(done, { status: 'open', filter: 'done & p1' }, at)).toBe(true);
  });

  it('keeps a task whose filter names a date only the server reads, until the reload decides', () => {
    expect(matchesQuery(aTask(), { filter: 'due before: next friday' }, at)).toBe(true);
  });
});

describe('compareTasks', () => {
  it('orders by due date with undated tasks last', () => {
    const a = aTask({ id: 'a', dueAt: '2026-01-02T00:00:00Z' });
    const b = aTask({ id: 'b', dueAt: null });
    const c = aTask({ id: 'c', dueAt: '2026-01-01T00:00:00Z' });
    expect([a, b, c].sort(compareTasks('due', 'asc')).map((t) => t.id)).toEqual(['c', 'a', 'b']);
    expect([a, b, c].sort(compareTasks('due', 'desc')).map((t) => t.id)).toEqual(['a', 'c', 'b']);
  });

  it('orders by priority rank', () => {
    const tasks = [
      aTask({ id: 'l', priority: 'low' }),
      aTask({ id: 'h', priority: 'high' }),
      aTask({ id: 'n' }),
    ];
    expect(tasks.sort(compareTasks('priority', 'desc')).map((t) => t.id)).toEqual(['h', 'l', 'n']);
  });
});
