import { describe, expect, it } from '@jest/globals';
import { VIEW_CREATED, VIEW_DELETED, VIEWS_REORDERED, type AnyEnvelope } from '@todo/contracts';
import { evolveViewSet, toSavedViews, type ViewSetDoc } from './evolve-views.ts';

let version = 0;
const envelope = (type: string, data: unknown, streamversion = ++version): AnyEnvelope => ({
  specversion: '1.0',
  id: `e${streamversion}`,
  source: 'test',
  type,
  subject: 'views-stream',
  time: `2026-12-01T10:00:0${streamversion}.000Z`,
  datacontenttype: 'application/json',
  data,
  userid: 'u1',
  streamversion,
  position: String(streamversion),
  userseq: String(streamversion),
  correlationid: 'c',
  causationid: null,
});
const fold = (events: AnyEnvelope[]) => events.reduce<ViewSetDoc | null>(evolveViewSet, null);

describe('saved views fold', () => {
  it('given views created, reordered and one deleted, then positions follow the order', () => {
    version = 0;
    const set = fold([
      envelope(VIEW_CREATED, { viewId: 'a', name: 'A', filter: 'p1' }),
      envelope(VIEW_CREATED, { viewId: 'b', name: 'B', filter: 'p2' }),
      envelope(VIEW_CREATED, { viewId: 'c', name: 'C', filter: 'p3' }),
      envelope(VIEWS_REORDERED, { order: ['c', 'a', 'b'] }),
      envelope(VIEW_DELETED, { viewId: 'a' }),
    ]);
    expect(set?.version).toBe(5);
    expect(toSavedViews(set).map((v) => [v.id, v.position, v.version])).toEqual([
      ['c', 0, 3],
      ['b', 1, 2],
    ]);
  });

  it('given an event at or below the set’s version, then nothing changes (a redelivery)', () => {
    version = 0;
    const first = envelope(VIEW_CREATED, { viewId: 'a', name: 'A', filter: 'p1' });
    const set = fold([first]);
    expect(evolveViewSet(set, first)).toBe(set);
    expect(evolveViewSet(set, envelope(VIEW_DELETED, { viewId: 'a' }, 1))).toBe(set);
  });

  it('given an event of another kind or one that does not read, then the set is left as it is', () => {
    version = 0;
    const set = fold([envelope(VIEW_CREATED, { viewId: 'a', name: 'A', filter: 'p1' })]);
    expect(evolveViewSet(set, envelope('todo.task.created.v1', { title: 'x' }))).toBe(set);
    expect(evolveViewSet(set, envelope(VIEW_CREATED, { viewId: 'b' }))).toBe(set);
  });
});
