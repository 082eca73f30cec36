import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { BatchHandler, EventLog, SubscribeOptions, Subscription } from '../../event-log.ts';
import { DaprEventLog } from '../dapr-event-log.ts';
import { startDaprTestApp, type DaprTestApp } from './dapr-test-app.ts';

export interface AppPerConsumerOptions {
  knex: Knex;
  logger: Logger;
  pubsubName: string;
  topic: string;
  deadLetterTopic: string;
}

/**
 * The EventLog port as a Dapr deployment gives it: a consumer is an app id (its sidecar's
 * Kafka consumer group is the app id, deploy/helm/todo/dapr/components/pubsub-kafka.yaml), so each
 * `subscribe` starts an app with a DaprEventLog and its own real daprd under that id. Two
 * subscriptions of one name are two replicas of one app: they split the partitions.
 */
export class AppPerConsumerDaprLog implements EventLog {
  private readonly running = new Set<Promise<DaprTestApp>>();

  private readonly options: AppPerConsumerOptions;

  constructor(options: AppPerConsumerOptions) {
    this.options = options;
  }

  subscribe(consumer: string, handler: BatchHandler, _options?: SubscribeOptions): Subscription {
    let inner: Subscription | undefined;
    const started = startDaprTestApp({
      appId: consumer,
      register: (app) => {
        const log = new DaprEventLog(app, { ...this.options, programmatic: true });
        inner = log.subscribe(consumer, handler);
      },
    });
    // A failed start surfaces in caughtUp/stop; it must not also crash the run as unhandled.
    started.catch(() => undefined);
    this.running.add(started);
    return {
      caughtUp: async () => {
        await started;
        await inner!.caughtUp();
      },
      stop: async () => {
        const app = await started;
        this.running.delete(started);
        // The sidecar first: nothing is delivered to an app that is going away.
        await app.stop();
        await inner!.stop();
      },
    };
  }

  async close(): Promise<void> {
    const apps = await Promise.allSettled([...this.running]);
    for (const a of apps) if (a.status === 'fulfilled') await a.value.stop();
    this.running.clear();
  }
}
