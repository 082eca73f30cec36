import { describe, expect, it } from '@jest/globals';
import {
  VIEW_CREATED,
  VIEW_DELETED,
  VIEW_FILTER_CHANGED,
  VIEW_RENAMED,
  VIEWS_MAX_PER_USER,
  VIEWS_REORDERED,
  type ViewEvent,
} from '@todo/contracts';
import { givenViews } from '../testing/given-views.ts';
import { evolveViews, initialViewsState } from './views.ts';

const a = '0b9a8c3e-1d2f-4a5b-8c6d-7e8f9a0b1c2d';
const b = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const c = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
const createdA: ViewEvent = {
  type: VIEW_CREATED,
  data: { viewId: a, name: 'Urgent', filter: 'today & p1 | overdue' },
};
const createdB: ViewEvent = { type: VIEW_CREATED, data: { viewId: b, name: 'Waiting', filter: '@waiting' } };

describe('views decider', () => {
  describe('create', () => {
    it('saves a named filter', () =>
      givenViews([])
        .when({ type: 'CreateView', viewId: a, name: 'Urgent', filter: 'today & p1 | overdue' })
        .then([createdA]));

    it('trims the name', () =>
      givenViews([])
        .when({ type: 'CreateView', viewId: a, name: '  Urgent ', filter: 'today & p1 | overdue' })
        .then([createdA]));

    it('refuses a filter that does not parse, naming the filter', () =>
      givenViews([])
        .when({ type: 'CreateView', viewId: a, name: 'Broken', filter: 'today & (p1' })
        .thenRefuses('invalid-filter', 'filter'));

    it('refuses an empty or too long name', () => {
      givenViews([])
        .when({ type: 'CreateView', viewId: a, name: '  ', filter: 'p1' })
        .thenRefuses('invalid-name', 'name');
      givenViews([])
        .when({ type: 'CreateView', viewId: a, name: 'x'.repeat(61), filter: 'p1' })
        .thenRefuses('invalid-name', 'name');
    });

    it('refuses the same id twice', () =>
      givenViews([createdA])
        .when({ type: 'CreateView', viewId: a, name: 'Again', filter: 'p2' })
        .thenRefuses('view-exists'));

    it(`refuses a view past ${VIEWS_MAX_PER_USER}`, () => {
      const many: ViewEvent[] = Array.from({ length: VIEWS_MAX_PER_USER }, (_, i) => ({
        type: VIEW_CREATED,
        data: { viewId: `view-${i}`, name: `View ${i}`, filter: 'p1' },
      }));
      givenViews(many)
        .when({ type: 'CreateView', viewId: a, name: 'One more', filter: 'p1' })
        .thenRefuses('too-many-views');
      givenViews(many.slice(1))
        .when({ type: 'CreateView', viewId: a, name: 'Last one', filter: 'p1' })
        .then([{ type: VIEW_CREATED, data: { viewId: a, name: 'Last one', filter: 'p1' } }]);
    });
  });

  describe('rename and change filter', () => {
    it('renames a view', () =>
      givenViews([createdA])
        .when({ type: 'UpdateView', viewId: a, name: 'Now' })
        .then([{ type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } }]));

    it('renames and changes the filter in one decision', () =>
      givenViews([createdA])
        .when({ type: 'UpdateView', viewId: a, name: 'Now', filter: 'p1' })
        .then([
          { type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } },
          { type: VIEW_FILTER_CHANGED, data: { viewId: a, filter: 'p1' } },
        ]));

    it('writes nothing when the name is the same', () =>
      givenViews([createdA]).when({ type: 'UpdateView', viewId: a, name: 'Urgent' }).then([]));

    it('changes the filter, checked like a new one', () => {
      givenViews([createdA])
        .when({ type: 'UpdateView', viewId: a, filter: 'p1' })
        .then([{ type: VIEW_FILTER_CHANGED, data: { viewId: a, filter: 'p1' } }]);
      givenViews([createdA])
        .when({ type: 'UpdateView', viewId: a, filter: 'frobnicate' })
        .thenRefuses('invalid-filter', 'filter');
    });

    it('refuses a view that does not exist or was deleted', () => {
      givenViews([]).when({ type: 'UpdateView', viewId: a, name: 'X' }).thenRefuses('view-not-found');
      givenViews([createdA, { type: VIEW_DELETED, data: { viewId: a } }])
        .when({ type: 'UpdateView', viewId: a, filter: 'p1' })
        .thenRefuses('view-not-found');
    });

    it("compares If-Match with the view's own version, not the other views'", () => {
      // A at version 1, B at 2: A's version is still 1.
      givenViews([createdA, createdB])
        .when({ type: 'UpdateView', viewId: a, name: 'Now', expectedVersion: 1 })
        .then([{ type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } }]);
      givenViews([createdA, { type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } }])
        .when({ type: 'UpdateView', viewId: a, name: 'Later', expectedVersion: 1 })
        .thenRefuses('view-moved-on');
    });
  });

  describe('reorder', () => {
    it('puts the views in the order given', () =>
      givenViews([createdA, createdB])
        .when({ type: 'ReorderViews', order: [b, a] })
        .then([{ type: VIEWS_REORDERED, data: { order: [b, a] } }]));

    it('writes nothing for the order they are in', () =>
      givenViews([createdA, createdB])
        .when({ type: 'ReorderViews', order: [a, b] })
        .then([]));

    it('refuses an order that leaves one out, repeats one or names another', () => {
      const views = givenViews([createdA, createdB]);
      views.when({ type: 'ReorderViews', order: [b] }).thenRefuses('invalid-order', 'order');
      views.when({ type: 'ReorderViews', order: [b, b] }).thenRefuses('invalid-order', 'order');
      views.when({ type: 'ReorderViews', order: [b, c] }).thenRefuses('invalid-order', 'order');
    });
  });

  describe('delete', () => {
    it('deletes a view', () =>
      givenViews([createdA])
        .when({ type: 'DeleteView', viewId: a })
        .then([{ type: VIEW_DELETED, data: { viewId: a } }]));

    it('refuses a stale If-Match', () =>
      givenViews([createdA, { type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } }])
        .when({ type: 'DeleteView', viewId: a, expectedVersion: 1 })
        .thenRefuses('view-moved-on'));
  });

  describe('evolve', () => {
    it('keeps the order, each view with the version that last changed it', () => {
      const events: ViewEvent[] = [
        createdA,
        createdB,
        { type: VIEW_RENAMED, data: { viewId: a, name: 'Now' } },
        { type: VIEWS_REORDERED, data: { order: [b, a] } },
      ];
      const state = events.reduce((s, e, i) => evolveViews(s, e, i + 1), initialViewsState);
      expect(state.views).toEqual([
        { id: b, name: 'Waiting', filter: '@waiting', version: 2 },
        { id: a, name: 'Now', filter: 'today & p1 | overdue', version: 3 },
      ]);
    });
  });
});
