import { InjectionToken } from '@angular/core';
import { SSE } from 'sse.js';

/**
 * The two transports behind one tiny interface, so the client's reconnect and resume logic
 * does not care which one is in use, and tests can hand in their own.
 */
export interface RealtimeConnection {
  close(): void;
}
export interface ConnectionHandlers {
  open(): void;
  message(data: string): void;
  /** The connection ended or could not be made; `opened` says whether it ever opened. */
  closed(opened: boolean): void;
}

export type WebSocketConnector = (url: string, handlers: ConnectionHandlers) => RealtimeConnection;
export type SseConnector = (
  url: string,
  headers: Record<string, string>,
  handlers: ConnectionHandlers,
) => RealtimeConnection;

export const WEB_SOCKET_CONNECTOR = new InjectionToken<WebSocketConnector>('WEB_SOCKET_CONNECTOR', {
  providedIn: 'root',
  factory: () => (url, handlers) => {
    const socket = new WebSocket(url);
    let opened = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      handlers.closed(opened);
    };
    socket.onopen = () => {
      opened = true;
      handlers.open();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') handlers.message(event.data);
    };
    socket.onerror = finish;
    socket.onclose = finish;
    return {
      close: () => {
        done = true;
        socket.close();
      },
    };
  },
});

export const SSE_CONNECTOR = new InjectionToken<SseConnector>('SSE_CONNECTOR', {
  providedIn: 'root',
  factory: () => (url, headers, handlers) => {
    // sse.js because the browser's EventSource cannot send the Authorization header.
    const source = new SSE(url, { headers, start: false, autoReconnect: false });
    let opened = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      source.close();
      handlers.closed(opened);
    };
    source.addEventListener('open', () => {
      opened = true;
      handlers.open();
    });
    source.addEventListener('message', (event: { data?: string }) => {
      if (typeof event.data === 'string') handlers.message(event.data);
    });
    source.addEventListener('error', finish);
    source.addEventListener('abort', finish);
    source.addEventListener('readystatechange', (event: { readyState?: number }) => {
      if (event.readyState === 2) finish();
    });
    source.stream();
    return {
      close: () => {
        done = true;
        source.close();
      },
    };
  },
});
