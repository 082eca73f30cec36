import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SESSION_STORAGE, SessionStore } from '../auth/session-store';
import { RealtimeClient, WS_FAILURES_BEFORE_SSE } from './realtime-client';
import type { RealtimeMessage } from './realtime-message';
import { type ConnectionHandlers, SSE_CONNECTOR, WEB_SOCKET_CONNECTOR } from './realtime-transports';
import { provideFixedClock } from '../../../testing/clock';

interface Opened {
  kind: 'ws' | 'sse';
  url: string;
  headers?: Record<string, string>;
  handlers: ConnectionHandlers;
  closed: boolean;
}

/** Hands the client pretend connections the test drives: open, deliver, drop. */
function transports() {
  const opened: Opened[] = [];
  const ws = (url: string, handlers: ConnectionHandlers) => {
    const c: Opened = { kind: 'ws', url, handlers, closed: false };
    opened.push(c);
    return { close: () => (c.closed = true) };
  };
  const sse = (url: string, headers: Record<string, string>, handlers: ConnectionHandlers) => {
    const c: Opened = { kind: 'sse', url, headers, handlers, closed: false };
    opened.push(c);
    return { close: () => (c.closed = true) };
  };
  return { opened, ws, sse };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('RealtimeClient', () => {
  let t: ReturnType<typeof transports>;
  let client: RealtimeClient;
  let http: HttpTestingController;
  let received: RealtimeMessage[];

  beforeEach(() => {
    jest.useFakeTimers();
    t = transports();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SESSION_STORAGE, useValue: sessionStorage },
        { provide: WEB_SOCKET_CONNECTOR, useValue: t.ws },
        { provide: SSE_CONNECTOR, useValue: t.sse },
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
      ],
    });
    TestBed.inject(SessionStore).signIn({
      token: 'tok',
      expiresAt: '2026-06-15T13:00:00.000Z',
      user: { id: 'u', email: 'u@example.com' },
    });
    client = TestBed.inject(RealtimeClient);
    http = TestBed.inject(HttpTestingController);
    received = [];
    client.messages$.subscribe((m) => received.push(m));
  });

  afterEach(() => {
    client.stop();
    jest.useRealTimers();
    sessionStorage.clear();
  });

  async function giveTicket(ticket: string) {
    http.expectOne('/api/realtime/ticket').flush({ ticket });
    await flush();
  }

  it('connects over WebSocket with a ticket and passes messages on in order', async () => {
    client.start();
    expect(client.status()).toBe('connecting');
    await giveTicket('t1');
    const ws = t.opened[0]!;
    expect(ws.url).toBe('ws://localhost/ws?ticket=t1');
    ws.handlers.open();
    expect(client.status()).toBe('live');
    ws.handlers.message(JSON.stringify({ type: 'task.deleted', position: '9007199254740993', taskId: 'a' }));
    ws.handlers.message('not json');
    expect(received).toEqual([{ type: 'task.deleted', position: '9007199254740993', taskId: 'a' }]);
    expect(client.position).toBe('9007199254740993');
  });

  it('drops duplicates and resumes after the last position when reconnecting', async () => {
    client.start();
    await giveTicket('t1');
    const ws = t.opened[0]!;
    ws.handlers.open();
    ws.handlers.message(JSON.stringify({ type: 'task.deleted', position: '10', taskId: 'a' }));
    ws.handlers.message(JSON.stringify({ type: 'task.deleted', position: '10', taskId: 'a' }));
    ws.handlers.message(JSON.stringify({ type: 'task.deleted', position: '9', taskId: 'b' }));
    expect(received).toHaveLength(1);

    ws.handlers.closed(true);
    expect(client.status()).toBe('disconnected');
    jest.advanceTimersByTime(600);
    await giveTicket('t2');
    expect(t.opened[1]!.url).toBe('ws://localhost/ws?ticket=t2&after=10');
    t.opened[1]!.handlers.open();
    expect(client.status()).toBe('live');
  });

  it(`falls back to SSE with the bearer header and Last-Event-ID after ${WS_FAILURES_BEFORE_SSE} failed WebSocket attempts`, async () => {
    client.start();
    await giveTicket('t1');
    t.opened[0]!.handlers.open();
    t.opened[0]!.handlers.message(JSON.stringify({ type: 'task.deleted', position: '42', taskId: 'a' }));
    t.opened[0]!.handlers.closed(true);
    jest.advanceTimersByTime(600);
    await giveTicket('t2');
    t.opened[1]!.handlers.closed(false);
    jest.advanceTimersByTime(1100);
    await giveTicket('t3');
    t.opened[2]!.handlers.closed(false);
    jest.advanceTimersByTime(2100);
    await flush();
    const sse = t.opened[3]!;
    expect(sse.kind).toBe('sse');
    expect(sse.url).toBe('/api/stream');
    expect(sse.headers).toEqual({ Authorization: 'Bearer tok', 'Last-Event-ID': '42' });
    sse.handlers.open();
    expect(client.transport()).toBe('sse');
    expect(client.status()).toBe('live');
  });

  it('counts a refused ticket as a failed attempt and keeps retrying', async () => {
    client.start();
    http.expectOne('/api/realtime/ticket').flush('no', { status: 404, statusText: 'Not Found' });
    await flush();
    expect(client.status()).toBe('disconnected');
    jest.advanceTimersByTime(600);
    await flush();
    http.expectOne('/api/realtime/ticket').flush('no', { status: 404, statusText: 'Not Found' });
    await flush();
    jest.advanceTimersByTime(1100);
    await flush();
    expect(t.opened.at(-1)?.kind).toBe('sse');
  });

  it("passes a fresh stream's hello on and resumes after it, even before any change", async () => {
    client.start();
    await giveTicket('t1');
    t.opened[0]!.handlers.open();
    let ready = false;
    void client.ready().then(() => (ready = true));
    await flush();
    expect(ready).toBe(false); // open, but where the stream starts is not known yet
    t.opened[0]!.handlers.message(JSON.stringify({ type: 'hello', position: '6' }));
    await flush();
    expect(ready).toBe(true);
    expect(client.streaming()).toBe(true);
    expect(received).toEqual([{ type: 'hello', position: '6' }]);

    t.opened[0]!.handlers.closed(true);
    jest.advanceTimersByTime(600);
    await giveTicket('t2');
    expect(t.opened[1]!.url).toBe('ws://localhost/ws?ticket=t2&after=6');
    t.opened[1]!.handlers.message(JSON.stringify({ type: 'hello', position: '6' }));
    expect(received).toHaveLength(1); // a resumed stream's hello is no news
  });

  it('passes resync on and stops cleanly', async () => {
    client.start();
    await giveTicket('t1');
    t.opened[0]!.handlers.open();
    t.opened[0]!.handlers.message(
      JSON.stringify({ type: 'resync', position: '100', reason: 'slow-consumer' }),
    );
    expect(received).toEqual([{ type: 'resync', position: '100', reason: 'slow-consumer' }]);
    expect(client.position).toBe('100');
    client.stop();
    expect(t.opened[0]!.closed).toBe(true);
    expect(client.status()).toBe('idle');
  });
});
