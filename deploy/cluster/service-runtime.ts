import {
  createKnex,
  DaprEventLog,
  deadLetterTopic,
  TASK_EVENTS_TOPIC,
  createLogger,
  kafkaSettingsFromEnv,
  openKafkaEventLog,
  serviceSecretsFor,
  tokenServiceFromEnv,
  type TokenService,
  type KafkaEventLog,
  type Knex,
  type Logger,
  type ZodApp,
} from '@todo/platform';
import type { ReadinessCheck } from '../http/health-routes.ts';
import { daprSidecarCheck } from '../http/sidecar-check.ts';

/** What every cluster process gets from its environment (set by the launcher or Helm). */
export interface ServiceContext {
  name: string;
  instance: string;
  logger: Logger;
  knex: Knex;
  databaseUrl: string;
  eventLog: () => Promise<KafkaEventLog>;
  /** EVENT_LOG=dapr: the log through the sidecar's pub/sub, delivered to this app's server. */
  viaDapr: boolean;
  daprEventLog: (app: ZodApp) => DaprEventLog;
  tokens: () => TokenService;
  /** Readiness beyond the database: the sidecar's, when DAPR_HTTP_PORT says one runs. */
  readiness: ReadinessCheck[];
  port: number;
  host: string;
}

export interface RunningService {
  port?: number;
  stop(): Promise<void>;
}

const SHUTDOWN_LIMIT_MS = 20_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/**
 * Runs one service as its own process: opens its resources from the environment, starts
 * it, tells the launcher it is ready (IPC when spawned by it), and on SIGTERM stops it
 * between batches/requests and closes its connections.
 */
export async function runService(name: string, start: (ctx: ServiceContext) => Promise<RunningService>) {
  const instance = process.env.INSTANCE_ID ?? '1';
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info', `${name}-${instance}`);
  // On a sidecar the database URL, the JWT secret and the brokers come from the Dapr secret
  // store; they are laid over the environment before anything (Kafka's and the tokens'
  // settings too) reads it.
  try {
    const secrets = await serviceSecretsFor(process.env);
    Object.assign(process.env, secrets.values);
    logger.info({ from: secrets.from, secrets: Object.keys(secrets.values) }, 'configuration read');
  } catch (err) {
    logger.fatal({ err }, `${name} could not read its secrets`);
    process.exit(1);
  }
  const databaseUrl = required('DATABASE_URL');
  const knex = createKnex(databaseUrl, Number(process.env.DB_POOL_MAX) || 6);
  let kafkaLog: Promise<{ log: KafkaEventLog; close(): Promise<void> }> | null = null;
  const ctx: ServiceContext = {
    name,
    instance,
    logger,
    knex,
    databaseUrl,
    port: Number(process.env.PORT) || 0,
    host: process.env.HOST ?? '127.0.0.1',
    eventLog: async () => {
      const settings = kafkaSettingsFromEnv();
      if (!settings) throw new Error('KAFKA_BROKERS is required in cluster mode');
      kafkaLog ??= openKafkaEventLog(settings, knex, logger);
      return (await kafkaLog).log;
    },
    viaDapr: process.env.EVENT_LOG === 'dapr',
    daprEventLog: (app) => {
      const topic = process.env.KAFKA_TOPIC ?? TASK_EVENTS_TOPIC;
      // The route exists before the server listens, so the sidecar finds the subscription.
      return new DaprEventLog(app, {
        knex,
        logger,
        pubsubName: process.env.DAPR_PUBSUB ?? 'task-events',
        topic,
        deadLetterTopic: deadLetterTopic(topic),
        programmatic: true,
      });
    },
    tokens: () => tokenServiceFromEnv(required('JWT_SECRET')),
    readiness: process.env.DAPR_HTTP_PORT
      ? [daprSidecarCheck(`http://127.0.0.1:${process.env.DAPR_HTTP_PORT}`)]
      : [],
  };
  let running: RunningService | null = null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A stop that hangs (its broker or database going away at the same moment, as when the
    // launcher died and took them along) must not keep the process, and its port, forever.
    setTimeout(() => {
      logger.error(`stopping took longer than ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    try {
      await running?.stop();
      await (await kafkaLog?.catch(() => null))?.close();
      await knex.destroy();
    } catch (err) {
      logger.error({ err }, 'error while stopping');
      code = 1;
    }
    process.exit(code);
  };
  // Registered before start-up, so a launcher giving up on a slow start can stop it too.
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  // Forked by the launcher: the IPC channel closes when the launcher goes away, however it
  // ends (a SIGKILL too), and this process then stops as it does on SIGTERM.
  process.on('disconnect', () => {
    if (!stopping) logger.warn('the launcher is gone; stopping');
    void shutdown(0);
  });
  try {
    running = await start(ctx);
    logger.info({ port: running.port }, `${name} ready`);
    process.send?.({ type: 'ready', port: running.port });
  } catch (err) {
    logger.fatal({ err }, `${name} failed to start`);
    await shutdown(1);
  }
}
