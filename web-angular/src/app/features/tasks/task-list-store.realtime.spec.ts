import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { aTask } from '../../../testing/tasks';
import { signedInWithStream, type SignedInWithStream } from '../../../testing/realtime';
import type { RealtimeClient } from '../../core/realtime/realtime-client';
import type { ConnectionHandlers } from '../../core/realtime/realtime-transports';
import { TaskListStore } from './task-list-store';

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** The list read and the stream together: no change may fall between them. */
describe('TaskListStore with the realtime stream', () => {
  let sockets: ConnectionHandlers[];
  let http: HttpTestingController;
  let realtime: RealtimeClient;
  let store: TaskListStore;
  let session: SignedInWithStream;

  beforeEach(() => {
    session = signedInWithStream();
    ({ sockets, http, realtime } = session);
    store = TestBed.inject(TaskListStore);
  });

  afterEach(() => session.tearDown());

  const ids = () => store.items().map((t) => t.id);
  const listRequests = () => http.match((r) => r.url === '/api/tasks');
  const send = (socket: ConnectionHandlers, message: object) => socket.message(JSON.stringify(message));

  async function openSocket(): Promise<ConnectionHandlers> {
    realtime.start();
    http.expectOne('/api/realtime/ticket').flush({ ticket: 't' });
    await flush();
    const socket = sockets.at(-1)!;
    socket.open();
    return socket;
  }

  it('reads the list only once the stream has started, and applies what came during the read', async () => {
    const socket = await openSocket();
    const loading = store.load({ status: 'all' });
    await flush();
    expect(listRequests()).toEqual([]); // the socket is open, but its start is not known yet

    send(socket, { type: 'hello', position: '6' });
    await flush();
    const read = http.expectOne((r) => r.url === '/api/tasks');
    // Another device adds a task while the list is read; the read does not show it.
    send(socket, { type: 'task.upserted', position: '8', task: aTask({ id: 'b' }) });
    read.flush({ items: [aTask({ id: 'a' })], nextCursor: null });
    await loading;
    expect(ids()).toEqual(['a', 'b']);
  });

  it('reads the list again when the stream starts only after a read made while it could not connect', async () => {
    realtime.start();
    http.expectOne('/api/realtime/ticket').flush('down', { status: 503, statusText: 'Unavailable' });
    await flush();
    const loading = store.load({ status: 'all' });
    http.expectOne((r) => r.url === '/api/tasks').flush({ items: [aTask({ id: 'a' })], nextCursor: null });
    await loading;

    jest.advanceTimersByTime(600);
    await flush();
    http.expectOne('/api/realtime/ticket').flush({ ticket: 't2' });
    await flush();
    sockets.at(-1)!.open();
    send(sockets.at(-1)!, { type: 'hello', position: '4' });
    await flush();
    http
      .expectOne((r) => r.url === '/api/tasks')
      .flush({ items: [aTask({ id: 'a' }), aTask({ id: 'made-meanwhile' })], nextCursor: null });
    await flush();
    expect(ids()).toEqual(['a', 'made-meanwhile']);
  });
});
