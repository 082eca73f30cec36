import { describe, expect, it } from '@jest/globals';
import { filterQuestion } from './filter-list.ts';

const now = new Date('2026-03-28T22:30:00Z');

describe('a chat question in the filter language', () => {
  it('given "filter: p1 & today", when read, then it is that filter, resolved in the user zone', () => {
    expect(filterQuestion('show filter: p1 & today', now, 'UTC')).toEqual({
      ok: true,
      text: 'p1 & today',
      status: 'open',
      filter: {
        kind: 'and',
        left: { kind: 'priority', priority: 'high' },
        right: { kind: 'due', from: '2026-03-28T00:00:00.000Z', to: '2026-03-29T00:00:00.000Z' },
      },
    });
  });

  it('given a message without "filter:", when read, then it is not a filter question', () => {
    expect(filterQuestion('what is due today?', now, 'UTC')).toBeNull();
  });

  it('given a filter that mentions done, when read, then it searches all tasks', () => {
    expect(filterQuestion('filter: done & @work', now, 'UTC')).toMatchObject({ ok: true, status: 'all' });
  });

  it('given a broken filter or several lists, when read, then the reply says why', () => {
    expect(filterQuestion('filter: p1 &', now, 'UTC')).toMatchObject({
      ok: false,
      reply: expect.stringContaining('at position 4'),
    });
    expect(filterQuestion('filter: p1, p2', now, 'UTC')).toMatchObject({
      ok: false,
      reply: expect.stringContaining('one filter'),
    });
  });
});
