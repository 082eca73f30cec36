import { describe, expect, it } from '@jest/globals';
import { walkable } from './page-walk.ts';
import type { TaskListQuery } from './task-list-query.ts';

const page = (overrides: Partial<TaskListQuery>): TaskListQuery => ({
  status: 'open',
  sort: 'due',
  order: 'asc',
  limit: 50,
  ...overrides,
});

describe('which pages a walk function serves', () => {
  it.each<[string, Partial<TaskListQuery>]>([
    ['a label', { tag: 'work' }],
    ['a search, sorted by update, next page', { q: 'invoice', sort: 'updated', cursor: 'c' }],
    ['a priority, completed tasks', { priority: 'high', status: 'completed' }],
    ['a label and a search', { tag: 'work', q: 'invoice', sort: 'priority', order: 'desc' }],
  ])('given %s, then a walk', (_name, query) => {
    expect(walkable(page(query))).toBe(true);
  });

  it.each<[string, Partial<TaskListQuery>]>([
    ['no label, search or priority (a named page)', {}],
    ['an empty label', { tag: '' }],
    ['a label in a list', { tag: 'work', list: 'inbox' }],
    ['a label and a due range', { tag: 'work', dueFrom: '2027-01-01T00:00:00.000Z' }],
    ['a label and due before', { tag: 'work', dueTo: '2027-01-01T00:00:00.000Z' }],
    ['a label, undated', { tag: 'work', undated: true }],
    ['a label and a completion range', { tag: 'work', completedFrom: '2027-01-01T00:00:00.000Z' }],
    ['a label and completed before', { tag: 'work', completedTo: '2027-01-01T00:00:00.000Z' }],
    ['a label, all tasks', { tag: 'work', status: 'all' }],
    ['a label, sorted by completion (no index in that order)', { tag: 'work', sort: 'completed' }],
    [
      'a filter',
      {
        priority: 'high',
        resolvedFilter: { kind: 'priority', priority: 'high' } as TaskListQuery['resolvedFilter'],
      },
    ],
  ])('given %s, then the page is planned, not walked', (_name, query) => {
    expect(walkable(page(query))).toBe(false);
  });
});
