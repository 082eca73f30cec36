import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { SavedViewWithCount } from '@todo/contracts';
import { Subject } from 'rxjs';
import { settle } from '../../../testing/dom';
import { aTask } from '../../../testing/tasks';
import { aView } from '../../../testing/views';
import { SessionStore } from '../../core/auth/session-store';
import { RealtimeClient } from '../../core/realtime/realtime-client';
import type { RealtimeMessage } from '../../core/realtime/realtime-message';
import { countLabel, SavedViewsStore } from './saved-views-store';

describe('SavedViewsStore', () => {
  let store: SavedViewsStore;
  let http: HttpTestingController;
  let messages: Subject<RealtimeMessage>;
  const signedIn = signal(true);

  beforeEach(() => {
    messages = new Subject();
    signedIn.set(true);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RealtimeClient, useValue: { messages$: messages.asObservable() } },
        { provide: SessionStore, useValue: { signedIn } },
      ],
    });
    store = TestBed.inject(SavedViewsStore);
    http = TestBed.inject(HttpTestingController);
  });

  const answer = async (items: SavedViewWithCount[], version = 1) => {
    http.expectOne((r) => r.url === '/api/views' && r.method === 'GET').flush({ items, version });
    await settle();
  };

  it('given the views are read, then they show with their counts', async () => {
    void store.refresh();
    await answer([aView()]);
    expect(store.views().map((v) => [v.name, countLabel(v)])).toEqual([['Urgent', '2']]);
  });

  it('given a view changed in another tab, when views.changed arrives, then the views are read again', async () => {
    void store.refresh();
    await answer([aView()]);
    messages.next({ type: 'views.changed', position: '4', viewId: 'v1' });
    await answer([aView({ name: 'Now', version: 2 })], 2);
    expect(store.views()[0]?.name).toBe('Now');
    expect(store.version()).toBe(2);
  });

  it('given a task changes, then the counts are read again, once for a burst of changes', async () => {
    void store.refresh();
    await answer([aView()]);
    messages.next({ type: 'task.upserted', position: '6', task: aTask({ id: 'a' }) });
    // Three more while the first read is on its way: one more read after it, not three.
    messages.next({ type: 'task.upserted', position: '8', task: aTask({ id: 'b' }) });
    messages.next({ type: 'task.deleted', position: '10', taskId: 'a' });
    messages.next({ type: 'task.upserted', position: '12', task: aTask({ id: 'c' }) });
    await answer([aView({ count: 3 })]);
    await answer([aView({ count: 4 })]);
    http.expectNone('/api/views');
    expect(store.views()[0]?.count).toBe(4);
  });

  it('given a reminder message, then nothing is read again', async () => {
    void store.refresh();
    await answer([aView()]);
    messages.next({
      type: 'reminder.due',
      position: '3',
      taskId: 'a',
      reminderId: 'r',
      scheduledFor: '2026-06-15T10:00:00.000Z',
      firedAt: '2026-06-15T10:00:00.000Z',
    });
    http.expectNone('/api/views');
  });

  it('given a move down, then the whole order is sent with the version of the views', async () => {
    void store.refresh();
    await answer([aView(), aView({ id: 'v2', name: 'Waiting', position: 1 })], 5);
    const moving = store.move(store.views()[0]!, 1);
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/views');
    expect(put.request.body).toEqual({ order: ['v2', 'v1'] });
    expect(put.request.headers.get('If-Match')).toBe('"5"');
    put.flush({ version: 6 });
    await settle();
    await answer([aView({ id: 'v2', name: 'Waiting' }), aView({ position: 1 })], 6);
    await moving;
    expect(store.views().map((v) => v.id)).toEqual(['v2', 'v1']);
  });

  it('given a rename or delete, then If-Match carries the view’s own version', async () => {
    void store.refresh();
    await answer([aView({ version: 7 })], 9);
    void store.rename(store.views()[0]!, 'Now');
    const patch = http.expectOne((r) => r.method === 'PATCH');
    expect([patch.request.url, patch.request.body, patch.request.headers.get('If-Match')]).toEqual([
      '/api/views/v1',
      { name: 'Now' },
      '"7"',
    ]);
    patch.flush({ id: 'v1', version: 10 });
    await settle();
    await answer([aView({ name: 'Now', version: 10 })], 10);
    void store.remove(store.views()[0]!);
    const del = http.expectOne((r) => r.method === 'DELETE');
    expect(del.request.headers.get('If-Match')).toBe('"10"');
  });

  it('given the user signs out, then nothing of theirs stays', async () => {
    void store.refresh();
    await answer([aView()]);
    signedIn.set(false);
    TestBed.tick();
    expect(store.views()).toEqual([]);
    expect(store.loaded()).toBe(false);
  });

  it('counts at the cap read "999+"; a filter that cannot be counted shows none', () => {
    expect(countLabel({ count: 1000, countCapped: true })).toBe('999+');
    expect(countLabel({ count: null, countCapped: false })).toBe('');
  });
});
