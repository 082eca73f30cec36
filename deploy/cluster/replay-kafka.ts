// `npm run replay:kafka -- tasks [--keep]` (or node deploy/cluster/replay-kafka.ts): rebuilds
// the tasks projection from the Kafka log's earliest offset into a fresh table, shows
// progress, and checks that its checksum equals the live projection's at the same point.
// Uses DATABASE_URL and KAFKA_BROKERS (KAFKA_TOPIC) like the cluster's processes.
import { parseArgs } from 'node:util';
import { createKafka, createKnex, createLogger, kafkaSettingsFromEnv, runCli } from '@todo/platform';
import { replayTasksFromKafka } from './replay-tasks-from-kafka.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { keep: { type: 'boolean', default: false } },
});
const settings = kafkaSettingsFromEnv();
if (positionals[0] !== 'tasks' || !settings || !process.env.DATABASE_URL) {
  process.stderr.write(
    'usage: DATABASE_URL=… KAFKA_BROKERS=… node deploy/cluster/replay-kafka.ts tasks [--keep]\n',
  );
  process.exit(2);
}
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'replay');
const knex = createKnex(process.env.DATABASE_URL, 4);
let lastPrinted = 0;
await runCli(async () => {
  try {
    const result = await replayTasksFromKafka({
      knex,
      kafka: createKafka(settings, logger),
      topic: settings.topic,
      keep: values.keep,
      onProgress: (applied, total) => {
        if (Date.now() - lastPrinted < 500) return;
        lastPrinted = Date.now();
        process.stderr.write(
          `\r[replay] ${applied}/${total} records (${((100 * applied) / Math.max(total, 1)).toFixed(0)}%)`,
        );
      },
    });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.equal ? 0 : 1;
  } finally {
    await knex.destroy();
  }
});
