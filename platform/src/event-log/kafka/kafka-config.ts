import { Kafka, logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { intFromEnv } from '../../env-int.ts';

export const TASK_EVENTS_TOPIC = 'todo.task-events.v1';

/** The Kafka settings of a process, read from the environment. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topic: string;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
}

const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number) =>
  intFromEnv(env, name, fallback, 1);

export function kafkaSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSettings | null {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) return null;
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID ?? 'todo-system',
    topic: env.KAFKA_TOPIC ?? TASK_EVENTS_TOPIC,
    partitions: positiveInt(env, 'KAFKA_PARTITIONS', 6),
    replicationFactor: positiveInt(env, 'KAFKA_REPLICATION_FACTOR', 1),
    minInsyncReplicas: positiveInt(env, 'KAFKA_MIN_INSYNC_REPLICAS', 1),
  };
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs through the process's pino logger (its own errors are often transient). */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...rest } = log;
      // kafkajs reports what it retries (a broker restart, a rebalance, a coordinator still
      // loading) as errors and warnings: one level down keeps the log about real trouble.
      const pinoLevel =
        level === logLevel.ERROR ? 'warn' : level === logLevel.WARN ? 'info' : (LEVELS[level] ?? 'debug');
      logger[pinoLevel]({ kafkajs: rest }, message);
    };
}

/** kafkajs's own level (KAFKAJS_LOG_LEVEL=debug shows joins, heartbeats and fetches). */
function kafkajsLogLevel(name: string | undefined): logLevel {
  const levels: Record<string, logLevel> = {
    error: logLevel.ERROR,
    warn: logLevel.WARN,
    info: logLevel.INFO,
    debug: logLevel.DEBUG,
  };
  return levels[name ?? ''] ?? logLevel.WARN;
}

export function createKafka(settings: Pick<KafkaSettings, 'brokers' | 'clientId'>, logger: Logger): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: kafkajsLogLevel(process.env.KAFKAJS_LOG_LEVEL),
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    // A broker restart takes seconds: keep retrying rather than crashing the client.
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 30 },
    connectionTimeout: 3000,
  });
}
