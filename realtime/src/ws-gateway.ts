import { PROBLEM_CONTENT_TYPE, REALTIME_CLOSE_CODES } from '@todo/contracts';
import { every, type ApiTokenTable, type Clock, type Logger, type Timers } from '@todo/platform';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RealtimeOptions } from './config.ts';
import type { ConnectionHub, PreparedStream } from './connection-hub.ts';
import { encode } from './feed-messages.ts';
import { parsePosition } from './positions.ts';
import type { Subscriber, MessageSink } from './subscriber.ts';
import type { TicketHolder, TicketStore } from './tickets.ts';
import { revokedAmong, tokenExpired, type StreamCredential } from './token-expiry.ts';

export const WS_PATH = '/ws';
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP problem and closes the socket. */
function refuse(socket: Duplex, status: number, detail: string, path: string): void {
  const body = JSON.stringify({
    type: `https://todo.example/problems/${status === 401 ? 'unauthorized' : 'realtime-refused'}`,
    title: STATUS_TEXT[status],
    status,
    detail,
    instance: path,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

interface Live {
  ws: WebSocket;
  alive: boolean;
  subscriber: Subscriber | null;
  credential: StreamCredential;
}

/**
 * WebSocket endpoint on the HTTP server's own port: the ticket is checked before the
 * upgrade, so a refused client gets an HTTP status, never an open socket.
 */
export class WebSocketGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  private readonly live = new Set<Live>();
  private readonly hub: ConnectionHub;
  private readonly tickets: TicketStore;
  private readonly options: RealtimeOptions;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly apiTokens: Pick<ApiTokenTable, 'revokedAmong'>;
  private readonly timers: Timers;
  private stopHeartbeat: (() => void) | null = null;
  private accepting = true;
  private server: Server | null = null;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void this.upgrade(req, socket, head);

  constructor(
    hub: ConnectionHub,
    tickets: TicketStore,
    options: RealtimeOptions,
    logger: Logger,
    clock: Clock,
    apiTokens: Pick<ApiTokenTable, 'revokedAmong'>,
    timers: Timers,
  ) {
    this.apiTokens = apiTokens;
    this.timers = timers;
    this.hub = hub;
    this.tickets = tickets;
    this.options = options;
    this.logger = logger;
    this.clock = clock;
  }

  get connectionCount(): number {
    return this.live.size;
  }

  attach(server: Server): void {
    this.server = server;
    server.on('upgrade', this.onUpgrade);
    this.stopHeartbeat = every(this.timers, this.options.heartbeatMs, () => this.beat());
  }

  /** Stops accepting and closes every socket (1001), cutting those that do not answer. */
  async close(): Promise<void> {
    this.accepting = false;
    this.server?.off('upgrade', this.onUpgrade);
    this.stopHeartbeat?.();
    const closing = [...this.live].map(
      ({ ws }) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close(1001, 'server shutting down');
          setTimeout(() => ws.terminate(), this.options.closeGraceMs).unref();
        }),
    );
    await Promise.all(closing);
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH)
      return refuse(socket, 404, `no WebSocket endpoint at ${url.pathname}`, url.pathname);
    if (!this.accepting) return refuse(socket, 503, 'the server is shutting down', WS_PATH);
    const ticket = url.searchParams.get('ticket');
    if (!ticket) return refuse(socket, 401, 'missing ticket: POST /api/realtime/ticket first', WS_PATH);
    const rawAfter = url.searchParams.get('after');
    const after = parsePosition(rawAfter);
    if (rawAfter !== null && after === undefined) {
      return refuse(socket, 400, 'after must be a position from a previous message', WS_PATH);
    }
    let holder: TicketHolder | null;
    try {
      holder = await this.tickets.redeem(ticket);
    } catch (err) {
      this.logger.error({ err }, 'redeeming a realtime ticket failed');
      return refuse(socket, 503, 'tickets cannot be checked right now; retry', WS_PATH);
    }
    if (!holder) return refuse(socket, 401, 'the ticket is unknown, expired or already used', WS_PATH);
    let prepared: PreparedStream;
    try {
      // Before the upgrade: the client must not see the socket open before its start is fixed.
      prepared = await this.hub.prepare(holder.userId, after);
    } catch (err) {
      this.logger.error({ err }, 'opening a realtime stream failed');
      return refuse(socket, 503, 'the stream cannot be opened right now; retry', WS_PATH);
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(
      req,
      socket,
      head,
      (ws) =>
        void this.connected(ws, prepared, {
          tokenValidUntil: holder.tokenValidUntil,
          apiTokenId: holder.apiTokenId,
        }),
    );
  }

  private async connected(
    ws: WebSocket,
    prepared: PreparedStream,
    credential: StreamCredential,
  ): Promise<void> {
    const entry: Live = { ws, alive: true, subscriber: null, credential };
    this.live.add(entry);
    ws.on('pong', () => (entry.alive = true));
    ws.on('message', () => undefined); // the stream is one-way; clients have nothing to say
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.live.delete(entry);
      entry.subscriber?.detach();
    });
    const sink: MessageSink = {
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(encode(message), { binary: false });
      },
      bufferedBytes: () => ws.bufferedAmount,
      close: (why) => {
        ws.close(why === 'resync' ? REALTIME_CLOSE_CODES.resync : 1011, why);
        setTimeout(() => ws.terminate(), this.options.closeGraceMs).unref();
      },
    };
    try {
      entry.subscriber = await this.hub.start(prepared, sink);
      if (ws.readyState !== ws.OPEN) entry.subscriber.detach();
    } catch (err) {
      this.logger.error({ err }, 'opening a realtime stream failed');
      sink.close('error');
    }
  }

  /**
   * A socket that has not answered the previous ping is dead; one whose token has expired
   * is closed (4001), so that its client comes back with a fresh ticket, resuming.
   */
  private beat(): void {
    const now = this.clock.now();
    for (const entry of this.live) {
      if (tokenExpired(entry.credential.tokenValidUntil, now)) {
        this.endForToken(entry, 'token expired');
        continue;
      }
      if (!entry.alive) {
        entry.ws.terminate();
        continue;
      }
      entry.alive = false;
      entry.ws.ping();
    }
    void this.closeRevoked();
  }

  /** Closed like an expired token's (4001): a client with a valid credential comes back. */
  private endForToken(entry: Live, reason: string): void {
    entry.ws.close(REALTIME_CLOSE_CODES.tokenExpired, reason);
    setTimeout(() => entry.ws.terminate(), this.options.closeGraceMs).unref();
  }

  private async closeRevoked(): Promise<void> {
    let revoked: Set<string>;
    try {
      revoked = await revokedAmong(
        this.apiTokens,
        [...this.live].map((e) => e.credential),
      );
    } catch (err) {
      this.logger.warn(
        { err },
        'checking the API tokens of open sockets failed; checking again next heartbeat',
      );
      return;
    }
    for (const entry of this.live) {
      if (entry.credential.apiTokenId && revoked.has(entry.credential.apiTokenId)) {
        this.endForToken(entry, 'token revoked');
      }
    }
  }
}
