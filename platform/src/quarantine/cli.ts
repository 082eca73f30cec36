import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { EVENTS_CHANNEL } from '../event-store/postgres-event-store.ts';
import { runCli } from '../cli/run-cli.ts';
import { listQuarantined, requestRetry, type QuarantinedRow } from './quarantine-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const USAGE = `usage: npm run quarantine -- list  [--consumer <name>] [--json]
       npm run quarantine -- retry [--consumer <name>] [--event <id>] [--wait <seconds>]

list   shows the events consumers have set aside (quarantined, or parked behind one of the
       same stream), with their error, attempts and first/last failure.
retry  asks the live consumers to re-apply them with their own handlers, in stream order
       (an event's whole parked stream is retried with it), and waits for the outcome:
       an event that applies leaves the quarantine, one that fails stays with attempts + 1.
Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (attaching to it if
\`npm start\` is running). The consumers must be running to take a retry; the request stays
until they do.`;

/** A bad invocation: one line saying what is wrong, then the usage, exit 2. */
function refuse(reason: string): never {
  process.stderr.write(`${reason}\n${USAGE}\n`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      consumer: { type: 'string' },
      event: { type: 'string' },
      wait: { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  refuse(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = parsed;

const command = positionals[0];
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (command !== 'list' && command !== 'retry') refuse(`unknown command: ${command ?? '(none)'}`);
const waitSeconds = Number(values.wait);
if (!/^\d+(\.\d+)?$/.test(values.wait) || waitSeconds <= 0 || waitSeconds > 3600)
  refuse(`--wait must be a number of seconds between 0 and 3600, got ${JSON.stringify(values.wait)}`);
if (values.event !== undefined && !UUID.test(values.event))
  refuse(`--event must be an event id (a UUID), got ${JSON.stringify(values.event)}`);

const filter = {
  ...(values.consumer ? { consumer: values.consumer } : {}),
  ...(values.event ? { eventId: values.event } : {}),
};

function describe(row: QuarantinedRow): string {
  return [
    `${row.consumer}  event ${row.event_id}  ${row.type}`,
    `  stream ${row.stream_id}  user ${row.user_id}  at ${row.cursor}`,
    row.blocked_by
      ? `  parked behind ${row.blocked_by}`
      : `  attempts ${row.attempts}  first ${row.first_failed_at.toISOString()}  last ${row.last_failed_at.toISOString()}`,
    `  error: ${row.error}`,
  ].join('\n');
}

await runCli(async () => {
  const db = await openDatabase(loadConfig());
  try {
    if (command === 'list') {
      const rows = await listQuarantined(db.knex, filter);
      if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else
        process.stdout.write(rows.length ? `${rows.map(describe).join('\n')}\n` : 'no quarantined events\n');
    } else {
      const flagged = await requestRetry(db.knex, filter);
      if (flagged.length === 0) {
        process.stdout.write('nothing to retry\n');
      } else {
        // Wake the consumers of the PostgreSQL log now (the others poll for requests).
        await db.knex.raw('select pg_notify(?, ?)', [EVENTS_CHANNEL, '']);
        process.stderr.write(`retry requested for ${flagged.length} event(s); waiting for the consumers\n`);
        const ids = flagged.map((f) => f.event_id);
        const deadline = Date.now() + waitSeconds * 1000;
        let pending = ids.length;
        while (pending > 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          pending = Number(
            (
              await db
                .knex('quarantined_events')
                .whereIn('event_id', ids)
                .whereNotNull('retry_requested_at')
                .count<{ n: string }[]>({ n: '*' })
            )[0]!.n,
          );
        }
        const left = (
          await listQuarantined(db.knex, values.consumer ? { consumer: values.consumer } : {})
        ).filter((r) => ids.includes(r.event_id));
        const applied = ids.length - left.length;
        process.stdout.write(`re-applied: ${applied}, still quarantined: ${left.length}\n`);
        for (const row of left) process.stdout.write(`${describe(row)}\n`);
        if (pending > 0) {
          process.stdout.write(
            `${pending} event(s) not taken within ${values.wait} s: is the consumer running? The request stays.\n`,
          );
          return 3;
        }
        if (left.length > 0) return 1;
      }
    }
    return 0;
  } finally {
    await db.close();
  }
});
