import fastifyStatic from '@fastify/static';
import { chatbot } from '@todo/chatbot';
import { commandApi, UserRepository, type LoginLimits } from '@todo/command-api';
import {
  ApiTokenVerifier,
  createServer,
  drainAndClose,
  migrate,
  openDatabase,
  PostgresEventLog,
  PostgresEventStore,
  randomIds,
  registerMetricsRoute,
  resolveJwtSecret,
  systemClock,
  TokenService,
  type Clock,
  type Config,
  type Database,
  type Logger,
  type Subscription,
  type ZodApp,
} from '@todo/platform';
import { runTasksProjection, TasksReadModel } from '@todo/projectors';
import { queryApi } from '@todo/query-api';
import { realtimeOptionsFromEnv, realtimeService } from '@todo/realtime';
import {
  emailActionRoute,
  emailRoutes,
  emailSetup,
  startSagas,
  webhookRoutes,
  type Timers,
} from '@todo/sagas';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseCheck, registerHealthRoutes } from '../http/health-routes.ts';
import { selfUrl as selfUrlOf } from '../http/loopback.ts';
import { registerMcpRoute } from '../http/mcp-route.ts';
import { builtSpaDir } from '../http/spa-dir.ts';
import { allMigrations } from './migrations.ts';

export interface RunningSystem {
  url: string;
  port: number;
  /** Whether the built SPA is served at `/`. */
  spa: boolean;
  app: ZodApp;
  db: Database;
  stop(): Promise<void>;
}

/**
 * Every service in one process: one PostgreSQL (embedded unless DATABASE_URL), the
 * PostgreSQL event log, one HTTP port for the SPA, the APIs and realtime.
 */
export async function startSystem(
  config: Config,
  logger: Logger,
  options: { clock?: Clock; timers?: Timers; loginLimits?: LoginLimits; emailFirstRetryMs?: number } = {},
): Promise<RunningSystem> {
  const clock = options.clock ?? systemClock;
  const started = Date.now();
  const db = await openDatabase(config, { info: (m) => logger.info(m), warn: (m) => logger.warn(m) });
  const background: Subscription[] = [];
  // The links in reminder emails point here unless PUBLIC_URL says otherwise.
  let ownUrl = `http://${config.host}:${config.port}`;
  try {
    await migrate(db.knex, allMigrations);
    const store = new PostgresEventStore(db.knex);
    const eventLog = new PostgresEventLog(db.knex, db.connectionString, logger);
    const tokens = new TokenService(
      resolveJwtSecret(config.jwtSecret, join(config.dataDir, 'jwt-secret')),
      config.tokenTtlSeconds,
      clock,
      config.sessionMaxSeconds,
    );
    const email = emailSetup(config, tokens);
    const spaDir = builtSpaDir();
    const spaIndexHtml = spaDir ? readFileSync(join(spaDir, 'index.html'), 'utf8') : undefined;
    const app = await createServer({
      logger,
      tokens,
      apiTokens: new ApiTokenVerifier(db.knex, clock),
      title: 'Todo API',
      ...(spaIndexHtml ? { spaIndexHtml } : {}),
    });

    registerHealthRoutes(app, [databaseCheck(db.knex)]);
    // Prometheus text format: the quarantine counters (alert on any increase).
    registerMetricsRoute(app);
    await commandApi(app, {
      knex: db.knex,
      store,
      tokens,
      ids: randomIds,
      clock,
      listMembers: new TasksReadModel(db.knex),
      ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    });
    await chatbot(app, {
      knex: db.knex,
      store,
      ids: randomIds,
      clock,
      userZones: new UserRepository(db.knex, clock),
    });
    // The user's webhook (served beside the commands, as in the cluster's command-api process).
    await webhookRoutes(app, { knex: db.knex, clock });
    // Email reminders: the settings, the verification link and the done/snooze links.
    await emailRoutes(app, { knex: db.knex, clock, email });
    await emailActionRoute(app, { store, clock, email });
    await queryApi(app, { knex: db.knex, clock, userZones: new UserRepository(db.knex, clock) });
    await realtimeService(app, {
      knex: db.knex,
      connectionString: db.connectionString,
      logger,
      options: realtimeOptionsFromEnv(),
      clock,
      ...(options.timers ? { timers: options.timers } : {}),
    });
    // The MCP server calls this system's REST API as the caller, on this port.
    let selfUrl = '';
    await registerMcpRoute(app, { apiUrl: () => selfUrl });
    if (spaDir) await app.register(fastifyStatic, { root: spaDir, wildcard: false, index: false });

    background.push(runTasksProjection(eventLog));
    background.push(
      await startSagas({
        knex: db.knex,
        connectionString: db.connectionString,
        eventLog,
        eventStore: store,
        logger,
        clock,
        ...(options.timers ? { timers: options.timers } : {}),
        email: {
          setup: email,
          publicUrl: () => email.publicUrl ?? ownUrl,
          ...(options.emailFirstRetryMs ? { firstRetryMs: options.emailFirstRetryMs } : {}),
        },
      }),
    );
    const address = await app.listen({ port: config.port, host: config.host });
    const port =
      app.server.address() && typeof app.server.address() === 'object'
        ? (app.server.address() as { port: number }).port
        : config.port;
    ownUrl = `http://${config.host}:${port}`;
    selfUrl = selfUrlOf(config.host, port);
    logger.info({ url: address, ms: Date.now() - started, spa: Boolean(spaIndexHtml) }, 'todo system ready');
    return {
      url: `http://${config.host}:${port}`,
      port,
      spa: Boolean(spaIndexHtml),
      app,
      db,
      // In order: stop taking requests and finish those in flight (their writes commit),
      // stop the consumers between batches, then shut PostgreSQL down cleanly.
      stop: async () => {
        logger.info('closing HTTP (answering every request still coming, finishing those in flight)');
        await drainAndClose(app, { graceMs: config.shutdownGraceMs });
        logger.info('stopping consumers');
        await Promise.all(background.map((s) => s.stop()));
        logger.info('stopping the database');
        await db.close();
      },
    };
  } catch (error) {
    await Promise.all(background.map((s) => s.stop()));
    await db.close();
    throw error;
  }
}
