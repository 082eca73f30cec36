import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createKafka,
  createKnex,
  createLogger,
  ensureTopics,
  migrate,
  startEmbeddedPostgres,
} from '@todo/platform';
import { allMigrations } from '@todo/deploy';
import { startCluster } from '@todo/deploy';
import { startBroker, stopBroker, type BrokerState } from '@todo/platform/testing';
import {
  CONCURRENT_EVENTS,
  EVENTS_PER_APPEND,
  LAG_RATE,
  LAG_SECONDS,
  measureLogPath,
  PARTITIONS,
  THROUGHPUT_EVENTS,
  WRITERS,
} from './lib/log-path.ts';
import { ms } from './lib/stats.ts';

/**
 * Issue 7's figures: events/s through store → relay → Kafka → projector, and the lag from
 * a committed write to the read model, in cluster mode: the relay and two projector
 * instances are their own processes (deploy/cluster), on a single-node KRaft broker.
 */
export async function run(): Promise<string> {
  const logger = createLogger('silent');
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-bench-kafka-'));
  const pgServer = await startEmbeddedPostgres(dataDir);
  let broker: BrokerState | null = null;
  const external = process.env.KAFKA_BROKERS;
  if (!external) broker = await startBroker();
  const brokers = external ?? broker!.brokers;
  const topic = `bench.task-events.${randomBytes(4).toString('hex')}`;
  const knex = createKnex(pgServer.connectionString, WRITERS + 4);
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  try {
    await migrate(knex, allMigrations);
    const admin = createKafka({ brokers: brokers.split(','), clientId: 'bench' }, logger).admin();
    await admin.connect();
    await ensureTopics(admin, { topic, partitions: PARTITIONS, replicationFactor: 1, minInsyncReplicas: 1 });
    await admin.disconnect();
    cluster = await startCluster({
      databaseUrl: pgServer.connectionString,
      kafkaBrokers: brokers,
      jwtSecret: randomBytes(32).toString('base64url'),
      host: '127.0.0.1',
      port: 0,
      logger,
      instances: { relay: 1, projector: 2, 'command-api': 0, 'query-api': 0, saga: 0, realtime: 0 },
      env: { KAFKA_TOPIC: topic, LOG_LEVEL: 'error' },
      output: 'ignore',
      restart: false,
    });
    const f = await measureLogPath({
      knex,
      connectionString: pgServer.connectionString,
      brokers,
      topic,
      cluster,
      logger,
    });
    return [
      '## Kafka: store → relay → Kafka → projector (issue 7)',
      '',
      `Cluster mode on one machine: PostgreSQL (embedded), Apache Kafka ${process.env.KAFKA_VERSION ?? '4.2.0'} single-node KRaft${external ? ` (${external})` : ' started from the Maven Central jars'},`,
      `topic with ${PARTITIONS} partitions; the relay and 2 projector instances (tasks projection) are their own processes`,
      '(deploy/cluster); writers append in the benchmark process. All on the same 2-core machine.',
      '',
      `- Relay → Kafka → projectors: a backlog of ${THROUGHPUT_EVENTS.toLocaleString('en')} events written while the relay was stopped, drained from the relay process's start until the read model had applied the last: **${f.drainRate.toFixed(0)} events/s** (target ≥ 5,000).`,
      `- End to end with ${WRITERS} writers appending at the same time (${EVENTS_PER_APPEND} events per append, ${CONCURRENT_EVENTS.toLocaleString('en')} events): ${f.endToEndRate.toFixed(0)} events/s from the first append to the last applied; the writers alone stored ${f.storeRate.toFixed(0)} events/s, so here the store's write rate on this machine is the limit, not Kafka.`,
      `- Lag (committed write → read-model transaction committed): open loop of ${LAG_RATE} events/s (achieved ${f.offeredRate.toFixed(0)}/s) for ${LAG_SECONDS} s, one event per append, ${f.lagUsers} users; ${f.lag.count} samples.`,
      '',
      '| case | samples | p50 | p95 | p99 | max | target |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| write → read model at ${LAG_RATE}/s | ${f.lag.count} | ${ms(f.lag.p50)} | ${ms(f.lag.p95)} | ${ms(f.lag.p99)} | ${ms(f.lag.max)} | p99 ≤ 200 ms |`,
      `| of which write → on Kafka (relay) | ${f.kafkaLag.count} | ${ms(f.kafkaLag.p50)} | ${ms(f.kafkaLag.p95)} | ${ms(f.kafkaLag.p99)} | ${ms(f.kafkaLag.max)} | |`,
      '',
    ].join('\n');
  } finally {
    await cluster?.stop();
    await knex.destroy();
    if (broker) await stopBroker(broker);
    await pgServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(await run());
