import { REALTIME_POSITION_PATTERN, RealtimePosition } from '@todo/contracts';
import {
  badRequest,
  every,
  currentUser,
  type ApiTokenTable,
  type Clock,
  type Logger,
  type Timers,
  type ZodApp,
} from '@todo/platform';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RealtimeOptions } from './config.ts';
import type { ConnectionHub } from './connection-hub.ts';
import { serialise } from './feed-messages.ts';
import { parsePosition } from './positions.ts';
import type { MessageSink, Subscriber } from './subscriber.ts';
import { revokedAmong, tokenExpired, type StreamCredential } from './token-expiry.ts';

export const SSE_PATH = '/api/stream';

// Checked below, so that the problem names the header as clients spell it; the pattern
// (a position, or empty as EventSource sends before its first event) is published.
const LastEventId = z.string().meta({ pattern: `^(?:${REALTIME_POSITION_PATTERN.source.slice(1, -1)})?$` });
const StreamHeaders = z.object({ 'last-event-id': LastEventId.optional() }).loose();
const StreamQuery = z.strictObject({ after: RealtimePosition.optional() });

interface OpenStream {
  subscriber: Subscriber | null;
  credential: StreamCredential;
}

/** The open SSE responses, so heartbeats, token expiry and shutdown can reach them. */
export class SseConnections {
  private readonly open = new Map<ServerResponse, OpenStream>();
  private stopHeartbeat: (() => void) | null = null;
  private readonly options: RealtimeOptions;
  private readonly clock: Clock;
  private readonly apiTokens: Pick<ApiTokenTable, 'revokedAmong'>;
  private readonly logger: Logger;
  private readonly timers: Timers;

  constructor(
    options: RealtimeOptions,
    clock: Clock,
    apiTokens: Pick<ApiTokenTable, 'revokedAmong'>,
    logger: Logger,
    timers: Timers,
  ) {
    this.timers = timers;
    this.options = options;
    this.clock = clock;
    this.apiTokens = apiTokens;
    this.logger = logger;
  }

  get count(): number {
    return this.open.size;
  }

  start(): void {
    this.stopHeartbeat = every(this.timers, this.options.heartbeatMs, () => this.beat());
  }

  add(res: ServerResponse, credential: StreamCredential): void {
    this.open.set(res, { subscriber: null, credential });
    res.on('close', () => {
      const stream = this.open.get(res);
      this.open.delete(res);
      stream?.subscriber?.detach();
    });
  }

  bind(res: ServerResponse, subscriber: Subscriber): void {
    const stream = this.open.get(res);
    if (stream) stream.subscriber = subscriber;
    else subscriber.detach();
  }

  close(): void {
    this.stopHeartbeat?.();
    for (const res of this.open.keys()) res.end();
  }

  /**
   * Comments keep proxies from timing out idle streams; a write to a dead peer fails. A
   * stream whose token has expired is ended: the client reconnects with a fresh token,
   * resuming from its Last-Event-ID. One opened with an API token revoked since ends too.
   */
  private beat(): void {
    const now = this.clock.now();
    for (const [res, stream] of this.open) {
      if (tokenExpired(stream.credential.tokenValidUntil, now)) res.end();
      else if (res.writableLength === 0) res.write(': ping\n\n');
    }
    void this.endRevoked();
  }

  private async endRevoked(): Promise<void> {
    let revoked: Set<string>;
    try {
      revoked = await revokedAmong(
        this.apiTokens,
        [...this.open.values()].map((s) => s.credential),
      );
    } catch (err) {
      this.logger.warn(
        { err },
        'checking the API tokens of open streams failed; checking again next heartbeat',
      );
      return;
    }
    for (const [res, stream] of this.open) {
      if (stream.credential.apiTokenId && revoked.has(stream.credential.apiTokenId)) res.end();
    }
  }
}

/**
 * `GET /api/stream`: the same messages as the WebSocket, as Server-Sent Events with the
 * position as the event id, so a reconnecting EventSource resumes by itself. A `resync`
 * carries no id: the client must reload, not resume past it.
 */
export function sseRoute(app: ZodApp, hub: ConnectionHub, sse: SseConnections, logger: Logger): void {
  app.get(
    SSE_PATH,
    {
      schema: {
        tags: ['realtime'],
        summary: 'Stream of task changes (Server-Sent Events); resume with Last-Event-ID',
        headers: StreamHeaders,
        querystring: StreamQuery,
        response: {
          200: {
            description: 'An endless stream of `data:` lines, each a realtime message as JSON',
            content: {
              'text/event-stream': {
                schema: z.object({
                  data: z.string(),
                  id: z.string().optional(),
                  event: z.string().optional(),
                }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const rawAfter = request.headers['last-event-id'] ?? request.query.after;
      const after = parsePosition(rawAfter);
      if (rawAfter !== undefined && rawAfter !== '' && after === undefined) {
        throw badRequest('Last-Event-ID must be a position from a previous event', [
          { field: 'Last-Event-ID', message: 'must be a decimal position' },
        ]);
      }
      // Before the 200: the client must not see the stream open before its start is fixed
      // (a failure here is still an ordinary error answer).
      const prepared = await hub.prepare(user.userId, after);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      sse.add(res, { tokenValidUntil: user.tokenValidUntil ?? null, apiTokenId: user.apiTokenId ?? null });
      const sink: MessageSink = {
        send: (message) => {
          if (res.writableEnded) return;
          const id = message.type === 'resync' ? '' : `id: ${message.position}\n`;
          res.write(`${id}data: ${serialise(message)}\n\n`);
        },
        bufferedBytes: () => res.writableLength,
        close: () => {
          res.end();
          setTimeout(() => res.destroy(), 5000).unref();
        },
      };
      try {
        sse.bind(res, await hub.start(prepared, sink));
      } catch (err) {
        logger.error({ err }, 'opening a realtime stream failed');
        res.end();
      }
    },
  );
}
