import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { jest } from '@jest/globals';
import { SESSION_STORAGE, SessionStore } from '../app/core/auth/session-store';
import { RealtimeClient } from '../app/core/realtime/realtime-client';
import {
  type ConnectionHandlers,
  SSE_CONNECTOR,
  WEB_SOCKET_CONNECTOR,
} from '../app/core/realtime/realtime-transports';
import { provideFixedClock } from './clock';

export interface SignedInWithStream {
  /** Every WebSocket the client opened, in order: a spec delivers messages through them. */
  sockets: ConnectionHandlers[];
  http: HttpTestingController;
  realtime: RealtimeClient;
  /** Stops the stream and restores real timers and the session storage. */
  tearDown(): void;
}

/**
 * A signed-in user on a pinned clock and zone, whose realtime stream runs over pretend
 * WebSockets the spec drives (SSE never answers), with fake timers: what a store that reads
 * over HTTP and follows the stream is tested with.
 */
export function signedInWithStream(): SignedInWithStream {
  jest.useFakeTimers();
  const sockets: ConnectionHandlers[] = [];
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: SESSION_STORAGE, useValue: sessionStorage },
      {
        provide: WEB_SOCKET_CONNECTOR,
        useValue: (_url: string, handlers: ConnectionHandlers) => {
          sockets.push(handlers);
          return { close: () => undefined };
        },
      },
      { provide: SSE_CONNECTOR, useValue: () => ({ close: () => undefined }) },
      provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
    ],
  });
  TestBed.inject(SessionStore).signIn({
    token: 'tok',
    expiresAt: '2026-06-15T13:00:00.000Z',
    user: { id: 'u', email: 'u@example.com' },
  });
  const realtime = TestBed.inject(RealtimeClient);
  return {
    sockets,
    http: TestBed.inject(HttpTestingController),
    realtime,
    tearDown: () => {
      realtime.stop();
      jest.useRealTimers();
      sessionStorage.clear();
    },
  };
}
