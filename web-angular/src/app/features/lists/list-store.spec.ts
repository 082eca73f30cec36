import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ListView } from '@todo/contracts';
import { signedInWithStream, type SignedInWithStream } from '../../../testing/realtime';
import type { RealtimeClient } from '../../core/realtime/realtime-client';
import type { ConnectionHandlers } from '../../core/realtime/realtime-transports';
import { ListStore } from './list-store';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const aList = (over: Partial<ListView> & { id: string }): ListView => ({
  name: 'Work',
  colour: '#db4035',
  order: 0,
  archived: false,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  version: 1,
  ...over,
});

/** The lists in the navigation, kept current by the stream's list messages. */
describe('ListStore', () => {
  let sockets: ConnectionHandlers[];
  let http: HttpTestingController;
  let realtime: RealtimeClient;
  let store: ListStore;
  let session: SignedInWithStream;

  beforeEach(() => {
    session = signedInWithStream();
    ({ sockets, http, realtime } = session);
    store = TestBed.inject(ListStore);
  });

  afterEach(() => session.tearDown());

  const names = () => store.active().map((l) => l.name);

  it('given lists read with the archived ones, then the navigation shows the active ones in order', async () => {
    const loading = store.load();
    const read = http.expectOne((r) => r.url === '/api/lists');
    expect(read.request.params.get('archived')).toBe('true');
    read.flush({
      items: [
        aList({ id: 'b', name: 'Home', order: 2 }),
        aList({ id: 'a', name: 'Work', order: 1 }),
        aList({ id: 'c', name: 'Old', order: 0, archived: true }),
      ],
    });
    await loading;
    expect(names()).toEqual(['Work', 'Home']);
    expect(store.lookup('c')?.name).toBe('Old');
    expect(store.lookup(null)).toBeUndefined();
  });

  it('given list messages on the stream, then lists appear, change and go, never older over newer', async () => {
    realtime.start();
    http.expectOne('/api/realtime/ticket').flush({ ticket: 't' });
    await flush();
    const socket = sockets.at(-1)!;
    socket.open();
    const send = (message: object) => socket.message(JSON.stringify(message));
    send({ type: 'hello', position: '0' });
    send({ type: 'list.upserted', position: '2', list: aList({ id: 'a', name: 'Work' }) });
    send({ type: 'list.upserted', position: '4', list: aList({ id: 'a', name: 'Job', version: 2 }) });
    send({ type: 'list.upserted', position: '6', list: aList({ id: 'b', name: 'Home', order: 3 }) });
    await flush();
    expect(names()).toEqual(['Job', 'Home']);
    store.apply({ type: 'list.upserted', position: '4', list: aList({ id: 'a', name: 'Work', version: 1 }) });
    expect(names()).toEqual(['Job', 'Home']);
    send({ type: 'list.deleted', position: '8', listId: 'a' });
    await flush();
    expect(names()).toEqual(['Home']);
  });

  it('deletes a list with its tasks only when asked to', async () => {
    const inbox = store.delete('a', 'inbox');
    const first = http.expectOne((r) => r.url === '/api/lists/a');
    expect([first.request.method, first.request.params.get('tasks')]).toEqual(['DELETE', 'inbox']);
    first.flush(null, { status: 204, statusText: 'No Content' });
    await inbox;
    const all = store.delete('b', 'delete');
    const second = http.expectOne((r) => r.url === '/api/lists/b');
    expect(second.request.params.get('tasks')).toBe('delete');
    second.flush(null, { status: 204, statusText: 'No Content' });
    await all;
  });
});
