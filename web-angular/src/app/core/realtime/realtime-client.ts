import { HttpClient } from '@angular/common/http';
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { firstValueFrom, Subject } from 'rxjs';
import { SessionStore } from '../auth/session-store';
import { isAfter, parseRealtimeMessage, type RealtimeMessage } from './realtime-message';
import { type RealtimeConnection, SSE_CONNECTOR, WEB_SOCKET_CONNECTOR } from './realtime-transports';

export type RealtimeStatus = 'idle' | 'connecting' | 'live' | 'disconnected';
export type Transport = 'websocket' | 'sse';

/** After this many WebSocket attempts that never opened, the client falls back to SSE. */
export const WS_FAILURES_BEFORE_SSE = 2;
const MAX_BACKOFF_MS = 15_000;

/**
 * Live changes for the signed-in user: WebSocket first, SSE (sse.js, so the bearer header
 * can be sent) when WebSockets do not get through. Every reconnect resumes after the last
 * position seen (at first the `hello` of the first stream), so no change is missed;
 * duplicates (position not after the last) are dropped.
 *
 * The first `hello` after `start()` is passed on: from then on every change is delivered,
 * so a list read that begins after it misses nothing (see `ready()`).
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);
  private readonly document = inject(DOCUMENT);
  private readonly connectWebSocket = inject(WEB_SOCKET_CONNECTOR);
  private readonly connectSse = inject(SSE_CONNECTOR);

  readonly status = signal<RealtimeStatus>('idle');
  readonly transport = signal<Transport>('websocket');
  /** A stream has started (its first `hello` came) and every change since is delivered. */
  readonly streaming = signal(false);
  private readonly messagesSubject = new Subject<RealtimeMessage>();
  readonly messages$ = this.messagesSubject.asObservable();

  private lastPosition: string | null = null;
  private connection: RealtimeConnection | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wsFailures = 0;
  private attempt = 0;
  private running = false;
  /** Each connection gets a generation so late callbacks of an old one are ignored. */
  private generation = 0;
  private waiting: (() => void)[] = [];

  get position(): string | null {
    return this.lastPosition;
  }

  /**
   * Resolves once a read begun now misses no change: the stream has started, or it is not
   * running, or it failed to connect (then a `hello` comes later and readers read again).
   */
  ready(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** `ready()` would resolve at once. */
  get isReady(): boolean {
    return this.streaming() || !this.running || this.status() === 'disconnected';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connection?.close();
    this.connection = null;
    this.lastPosition = null;
    this.wsFailures = 0;
    this.attempt = 0;
    this.transport.set('websocket');
    this.status.set('idle');
    this.streaming.set(false);
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resolve) => resolve());
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    if (this.status() !== 'disconnected') this.status.set('connecting');
    const handlers = {
      open: () => {
        if (generation !== this.generation) return;
        this.attempt = 0;
        if (this.transport() === 'websocket') this.wsFailures = 0;
        this.status.set('live');
      },
      message: (data: string) => {
        if (generation === this.generation) this.receive(data);
      },
      closed: (opened: boolean) => {
        if (generation !== this.generation) return;
        this.connection = null;
        if (this.transport() === 'websocket' && !opened) this.wsFailures++;
        this.scheduleReconnect();
      },
    };
    try {
      if (this.wsFailures >= WS_FAILURES_BEFORE_SSE) {
        this.transport.set('sse');
        const headers: Record<string, string> = { Authorization: `Bearer ${this.session.token() ?? ''}` };
        if (this.lastPosition) headers['Last-Event-ID'] = this.lastPosition;
        this.connection = this.connectSse('/api/stream', headers, handlers);
      } else {
        this.transport.set('websocket');
        const { ticket } = await firstValueFrom(
          this.http.post<{ ticket: string }>('/api/realtime/ticket', {}),
        );
        if (generation !== this.generation) return;
        const location = this.document.location;
        const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
        const after = this.lastPosition ? `&after=${encodeURIComponent(this.lastPosition)}` : '';
        const url = `${scheme}//${location.host}/ws?ticket=${encodeURIComponent(ticket)}${after}`;
        this.connection = this.connectWebSocket(url, handlers);
      }
    } catch {
      // No ticket (service down, route missing): count it as a failed WebSocket attempt.
      if (generation !== this.generation) return;
      this.wsFailures++;
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.status.set('disconnected');
    this.wake();
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
    this.attempt++;
    // A WebSocket that keeps failing may be blocked by a proxy: give SSE its turn, then
    // try WebSocket again later so a healed network gets the better transport back.
    if (this.transport() === 'sse' && this.attempt % 4 === 0) this.wsFailures = 0;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private receive(data: string): void {
    const message = parseRealtimeMessage(data);
    if (!message) return;
    if (message.type === 'hello') {
      // A resumed stream says where we already are; only a fresh one is news.
      if (this.lastPosition !== null) return;
      this.lastPosition = message.position;
      this.streaming.set(true);
      this.messagesSubject.next(message);
      this.wake();
      return;
    }
    if (message.type === 'resync') {
      // The server cannot continue from our position: the list reloads from the query API
      // and the reconnect (the server closes after resync) resumes after this position.
      this.lastPosition = message.position;
      this.messagesSubject.next(message);
      return;
    }
    if (!isAfter(message.position, this.lastPosition)) return;
    this.lastPosition = message.position;
    this.messagesSubject.next(message);
  }
}
