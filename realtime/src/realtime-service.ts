import type { ResyncReason } from '@todo/contracts';
import {
  ApiTokenTable,
  realTimers,
  systemClock,
  type Clock,
  type Knex,
  type Logger,
  type Timers,
  type ZodApp,
} from '@todo/platform';
import { TasksReadModel } from '@todo/projectors';
import { PostgresChangeFeed } from './change-feed.ts';
import { defaultRealtimeOptions, type RealtimeOptions } from './config.ts';
import { ConnectionHub } from './connection-hub.ts';
import { startFeedListener } from './feed-listener.ts';
import { startRetention } from './retention.ts';
import { SseConnections, sseRoute } from './sse-route.ts';
import { ticketRoute } from './ticket-route.ts';
import { TicketStore } from './tickets.ts';
import { WebSocketGateway } from './ws-gateway.ts';

export interface RealtimeDeps {
  knex: Knex;
  /** For this instance's own LISTEN connection. */
  connectionString: string;
  logger: Logger;
  options?: Partial<RealtimeOptions>;
  /** Whose "now" decides when a stream's token has expired. */
  clock?: Clock;
  /** How a slow client's drain timeout is waited for (a test's manual time drives it). */
  timers?: Timers;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by `realtimeService`: this instance's realtime gateway. */
    realtime: RealtimeService;
  }
}

export interface RealtimeStats {
  webSockets: number;
  eventStreams: number;
  users: number;
  resyncs: Record<ResyncReason, number>;
}

export interface RealtimeService {
  /** Open WebSocket and SSE connections on this instance. */
  connections(): number;
  stats(): RealtimeStats;
  /** Closes every connection and stops listening; idempotent. */
  stop(): Promise<void>;
  /**
   * A seam for tests: `hook` runs for each new stream after its client was told the stream
   * is open (WebSocket upgraded, SSE 200 and `hello` sent) and before the stream starts.
   */
  afterHandshake(hook: (userId: string) => Promise<void>): void;
}

/**
 * The realtime gateway on an existing server (call before `listen`): the ticket route,
 * the SSE route, the WebSocket upgrade on the same port, this instance's LISTEN on the
 * change feed and the feed's retention. Connections are closed in `preClose`, so
 * `app.close()` is not held up by open streams.
 */
export async function realtimeService(app: ZodApp, deps: RealtimeDeps): Promise<RealtimeService> {
  const options: RealtimeOptions = { ...defaultRealtimeOptions, ...deps.options };
  const logger = deps.logger.child({ service: 'realtime' });
  const feed = new PostgresChangeFeed(deps.knex);
  const tickets = new TicketStore(deps.knex, options.ticketTtlSeconds);
  const tasks = new TasksReadModel(deps.knex);
  const timers = deps.timers ?? realTimers;
  const hub = new ConnectionHub(feed, options, logger, (userId) => tasks.caughtUp(userId), timers);
  const clock = deps.clock ?? systemClock;
  const apiTokens = new ApiTokenTable(deps.knex);
  const sse = new SseConnections(options, clock, apiTokens, logger, timers);
  const gateway = new WebSocketGateway(hub, tickets, options, logger, clock, apiTokens, timers);

  ticketRoute(app, tickets);
  sseRoute(app, hub, sse, logger);

  let listener: { stop(): Promise<void> } | null = null;
  let retention: { stop(): Promise<void> } | null = null;
  let stopped: Promise<void> | null = null;

  app.addHook('onReady', async () => {
    gateway.attach(app.server);
    sse.start();
    listener = startFeedListener({
      connectionString: deps.connectionString,
      logger,
      onUsers: (ids) => hub.usersChanged(ids),
      onCheckAll: () => void hub.checkAll(),
      safetyPollMs: options.safetyPollMs,
    });
    retention = startRetention(feed, tickets, options, logger);
  });

  const stop = () =>
    (stopped ??= (async () => {
      sse.close();
      await gateway.close();
      await listener?.stop();
      await retention?.stop();
    })());
  app.addHook('preClose', async () => stop());

  const service: RealtimeService = {
    connections: () => gateway.connectionCount + sse.count,
    stats: () => ({
      webSockets: gateway.connectionCount,
      eventStreams: sse.count,
      users: hub.channels.userCount,
      resyncs: { ...hub.resyncs },
    }),
    stop,
    afterHandshake: (hook) => (hub.afterHandshake = hook),
  };
  app.decorate('realtime', service);
  return service;
}
