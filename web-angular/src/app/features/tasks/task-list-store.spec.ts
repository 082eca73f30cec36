import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { aTask } from '../../../testing/tasks';
import { TaskListStore } from './task-list-store';
import { provideFixedClock } from '../../../testing/clock';

describe('TaskListStore', () => {
  let store: TaskListStore;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
      ],
    });
    store = TestBed.inject(TaskListStore);
    http = TestBed.inject(HttpTestingController);
    const loading = store.load({ status: 'open', sort: 'due', order: 'asc' });
    const req = http.expectOne((r) => r.url === '/api/tasks');
    expect(req.request.params.get('status')).toBe('open');
    req.flush({
      items: [
        aTask({ id: 'a', dueAt: '2026-01-01T00:00:00Z' }),
        aTask({ id: 'c', dueAt: '2026-01-03T00:00:00Z' }),
      ],
      nextCursor: null,
    });
    await loading;
  });

  const ids = () => store.items().map((t) => t.id);

  it('places a live new task in sort order', () => {
    store.apply({
      type: 'task.upserted',
      position: '5',
      task: aTask({ id: 'b', dueAt: '2026-01-02T00:00:00Z' }),
    });
    expect(ids()).toEqual(['a', 'b', 'c']);
  });

  it('drops a task that no longer matches (completed while viewing open tasks)', () => {
    store.apply({
      type: 'task.upserted',
      position: '6',
      task: aTask({ id: 'a', status: 'completed', version: 2 }),
    });
    expect(ids()).toEqual(['c']);
  });

  it('ignores an older version arriving after a newer one', () => {
    store.upsert(aTask({ id: 'a', title: 'new', version: 3, dueAt: '2026-01-01T00:00:00Z' }));
    store.upsert(aTask({ id: 'a', title: 'old', version: 2, dueAt: '2026-01-01T00:00:00Z' }));
    expect(store.items()[0]?.title).toBe('new');
  });

  it('removes a deleted task', () => {
    store.apply({ type: 'task.deleted', position: '7', taskId: 'c' });
    expect(ids()).toEqual(['a']);
  });

  it('reloads the list on resync', () => {
    store.apply({ type: 'resync', position: '9', reason: 'position-too-old' });
    http.expectOne((r) => r.url === '/api/tasks').flush({ items: [aTask({ id: 'z' })], nextCursor: null });
    return Promise.resolve()
      .then(() => new Promise((r) => setTimeout(r, 0)))
      .then(() => expect(ids()).toEqual(['z']));
  });

  it('loads the next page with the cursor and skips duplicates', async () => {
    const first = store.load({ status: 'all' });
    http.expectOne((r) => r.url === '/api/tasks').flush({ items: [aTask({ id: 'a' })], nextCursor: 'cur1' });
    await first;
    const more = store.loadMore();
    const req = http.expectOne((r) => r.url === '/api/tasks' && r.params.get('cursor') === 'cur1');
    req.flush({ items: [aTask({ id: 'a' }), aTask({ id: 'b' })], nextCursor: null });
    await more;
    expect(ids()).toEqual(['a', 'b']);
  });
});
