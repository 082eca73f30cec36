import type { Consumer, ConsumerGroupJoinEvent } from 'kafkajs';
import type { Logger } from 'pino';

export interface SupervisedConsumerOptions {
  /** A new kafkajs consumer; `running` says whether kafkajs should still restart it. */
  create(running: () => boolean): Consumer;
  /** Connects, subscribes and runs it (resolves once kafkajs has started it). */
  run(consumer: Consumer): Promise<void>;
  /** Called on every assignment of the consumer that is current. */
  onJoin(consumer: Consumer, event: ConsumerGroupJoinEvent): void;
  logger: Logger;
}

export interface SupervisedConsumer {
  /** Resolves once a consumer of this supervisor has joined its group. */
  joined(): Promise<void>;
  stop(): Promise<void>;
}

/** Back-off before replacing a consumer: 0.5 s, doubling, at most 10 s. */
const replaceDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);

/**
 * Keeps one kafkajs consumer running for as long as it is not stopped. kafkajs restarts a
 * crashed consumer only after an error it deems retriable; it gives up for good on others
 * (a TypeError from a handler; "Failed to find group coordinator" when the broker went away
 * while the member looked for its coordinator), and so does a consumer whose first connect
 * ran out of retries. The process would go on without that member and the group never gets
 * it back. Such a consumer is disconnected and a new one takes its place after a back-off.
 */
export function superviseConsumer(options: SupervisedConsumerOptions): SupervisedConsumer {
  const { logger: log } = options;
  let running = true;
  let attempts = 0;
  let replacing: NodeJS.Timeout | null = null;
  let markJoined: () => void = () => undefined;
  const joined = new Promise<void>((resolve) => (markJoined = resolve));

  const launch = (): { consumer: Consumer; started: Promise<void> } => {
    const consumer = options.create(() => running);
    consumer.on(consumer.events.CRASH, (e) => {
      if (e.payload.restart) {
        log.warn({ err: e.payload.error }, 'consumer crashed; kafkajs restarts it');
        return;
      }
      log.error({ err: e.payload.error }, 'consumer crashed and kafkajs gave up on it; replacing it');
      replace(consumer);
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      attempts = 0;
      markJoined();
      options.onJoin(consumer, e);
    });
    const started = options.run(consumer);
    started.catch((err) => {
      log.error({ err }, 'consumer failed to start; replacing it');
      replace(consumer);
    });
    return { consumer, started };
  };

  let current = launch();

  function replace(dead: Consumer) {
    if (!running || dead !== current.consumer || replacing) return;
    replacing = setTimeout(() => {
      replacing = null;
      void dead
        .disconnect()
        .catch(() => undefined)
        .then(() => {
          if (running) current = launch();
        });
    }, replaceDelayMs(attempts++));
  }

  return {
    joined: () => joined,
    stop: async () => {
      running = false;
      if (replacing) clearTimeout(replacing);
      await current.started.catch(() => undefined);
      await current.consumer.disconnect();
    },
  };
}
