import type { KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetter {
  message: KafkaMessage;
  topic: string;
  partition: number;
  consumer: string;
  reason: string;
  /** When it was refused, from the log's clock. */
  at: Date;
}

/**
 * Copies an unreadable record to the dead-letter topic, bytes untouched, with where it came
 * from and why it was refused, so it can be inspected and replayed by hand.
 */
export async function publishToDeadLetter(
  producer: Producer,
  dlt: string,
  letter: DeadLetter,
): Promise<void> {
  await producer.send({
    topic: dlt,
    acks: -1,
    messages: [
      {
        key: letter.message.key,
        value: letter.message.value,
        headers: {
          ...letter.message.headers,
          dlt_original_topic: letter.topic,
          dlt_original_partition: String(letter.partition),
          dlt_original_offset: letter.message.offset,
          dlt_consumer: letter.consumer,
          dlt_reason: letter.reason,
          dlt_at: letter.at.toISOString(),
        },
      },
    ],
  });
}
