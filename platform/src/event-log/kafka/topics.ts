import type { Admin } from 'kafkajs';

export interface TopicSettings {
  topic: string;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

/**
 * The task-event topic is a log of record: nothing expires (`retention.ms=-1`) and nothing
 * is compacted away (`cleanup.policy=delete` with infinite retention deletes nothing).
 * The dead-letter topic keeps what consumers could not read, for a human to look at.
 */
export async function ensureTopics(admin: Admin, settings: TopicSettings): Promise<void> {
  const configEntries = [
    { name: 'retention.ms', value: '-1' },
    { name: 'retention.bytes', value: '-1' },
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'min.insync.replicas', value: String(settings.minInsyncReplicas) },
  ];
  const existing = new Set(await admin.listTopics());
  const wanted = [settings.topic, deadLetterTopic(settings.topic)].filter((t) => !existing.has(t));
  if (wanted.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: wanted.map((topic) => ({
      topic,
      numPartitions: topic === settings.topic ? settings.partitions : 1,
      replicationFactor: settings.replicationFactor,
      configEntries,
    })),
  });
}
