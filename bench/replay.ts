import { cpus, loadavg } from 'node:os';
import type { Knex } from '@todo/platform';
import { allMigrations } from '@todo/deploy';
import { rebuildTasks, TASKS_CONSUMER } from '@todo/projectors';
import { benchDatabase } from './lib/bench-database.ts';

// Overridable for experiments; the report uses the sizes.
const SIZES = (process.env.BENCH_REPLAY_SIZES ?? '100000,1000000').split(',').map(Number);
/** Each task has three events; each user about 33 tasks. */
const EVENTS_PER_TASK = 3;
const EVENTS_PER_USER = 100;
/** Events per seeding statement (one transaction each). */
const SEED_CHUNK = 100_000;

/**
 * Seeds `events` with `count` events written by SQL in PostgreSQL (no round trip per row):
 * per task a creation, an update (title, priority) and then a completion for two tasks in
 * three or a second update (tags) for the third; tasks spread over `count / 100` users.
 * The log is in rounds: every user's j-th task is created, then updated, then closed, so a
 * replay batch touches many users and rows created by an earlier batch, and each user's
 * `user_seq` is dense and in log order, as the event store writes it. The live checkpoint
 * of the tasks projection is set at the end of the log, as a projection that has caught up
 * leaves it: that is what a replay rebuilds up to.
 */
async function seed(knex: Knex, count: number): Promise<number> {
  await knex.raw('truncate events, consumer_checkpoints');
  const tasks = Math.floor(count / EVENTS_PER_TASK);
  const users = Math.max(1, Math.round(count / EVENTS_PER_USER));
  const rounds = Math.ceil(tasks / users);
  const roundsPerChunk = Math.max(1, Math.floor(SEED_CHUNK / (users * EVENTS_PER_TASK)));
  const started = performance.now();
  for (let from = 0; from < rounds; from += roundsPerChunk) {
    const to = Math.min(rounds, from + roundsPerChunk);
    await knex.raw(
      `insert into events (event_id, stream_id, stream_version, user_id, user_seq, type, data, source,
                           correlation_id, recorded_at)
       select gen_random_uuid(), t.stream_id, k, t.user_id, t.j * 3 + k,
              case when k = 1 then 'todo.task.created.v1'
                   when k = 3 and t.n % 3 <> 0 then 'todo.task.completed.v1'
                   else 'todo.task.updated.v1' end,
              case when k = 1 then jsonb_build_object(
                     'title', 'Task ' || t.n, 'description', case when t.n % 4 = 0 then 'Some notes' else '' end,
                     'priority', 'none', 'tags', case when t.n % 3 = 0 then '["work"]'::jsonb else '[]'::jsonb end,
                     'dueAt', case when t.n % 2 = 0 then to_char(t.at + interval '3 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end,
                     'allDay', false, 'timezone', 'UTC', 'recurrence', null, 'reminders', '[]'::jsonb,
                     'seriesId', null, 'spawnedFrom', null, 'listId', null)
                   when k = 2 then jsonb_build_object('changes',
                     jsonb_build_object('title', 'Task ' || t.n || ' (edited)', 'priority', 'high'))
                   when t.n % 3 <> 0 then jsonb_build_object('completedAt', to_char(t.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                   else jsonb_build_object('changes', jsonb_build_object('tags', '["home"]'::jsonb)) end,
              'bench', 'bench', t.at
         from (select n, n / ?::bigint as j,
                      ('00000000-0000-4000-8000-' || lpad(to_hex(n % ?::bigint), 12, '0'))::uuid as user_id,
                      ('10000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid as stream_id,
                      timestamp '2026-01-01' + make_interval(secs => n) as at
                 from generate_series(?::bigint * ?, least(?::bigint * ?, ?) - 1) as n) t
        cross join generate_series(1, 3) as k
        order by t.j, k, t.n`,
      [users, users, from, users, to, users, tasks],
    );
  }
  await knex.raw(
    `insert into consumer_checkpoints (consumer, transaction_id, position, updated_at)
     select ?, transaction_id, position, now() from events order by transaction_id desc, position desc limit 1`,
    [TASKS_CONSUMER],
  );
  await knex.raw('analyze events');
  return (performance.now() - started) / 1000;
}

/**
 * How a replay of the tasks projection scales with the log (issue 13, item 6): the real
 * replay code (`rebuildTasks`, what `npm run replay -- tasks --dry-run` runs) over logs of
 * 100,000 and 1,000,000 events, each seeded afresh into one embedded PostgreSQL.
 */
export async function run(): Promise<string> {
  const db = await benchDatabase(allMigrations);
  const loadAtStart = loadavg()[0]!;
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const seedSeconds = await seed(db.knex, size);
      const started = performance.now();
      const result = await rebuildTasks(db.knex, { swap: false });
      const seconds = (performance.now() - started) / 1000;
      rows.push(
        `| ${size.toLocaleString('en-US')} | ${result.checksum.rows.toLocaleString('en-US')} | ${seedSeconds.toFixed(1)} s | ${seconds.toFixed(1)} s | **${Math.round(result.events / seconds).toLocaleString('en-US')}** |`,
      );
      process.stderr.write(`[bench] replay of ${size} events: ${seconds.toFixed(1)} s\n`);
    }
  } finally {
    await db.close();
  }
  return [
    '## Replay of the tasks projection (issue 13)',
    '',
    'The replay tool (`rebuildTasks`, as `npm run replay -- tasks --dry-run` runs it) on one embedded PostgreSQL,',
    'over a log seeded by SQL: per task a creation, an update and a completion (or a second update),',
    `about ${EVENTS_PER_USER / EVENTS_PER_TASK} tasks per user (${EVENTS_PER_USER} events), in rounds across the users. The time includes building the`,
    "table's indexes and the checksums of the rebuilt and the live table (empty here).",
    '',
    `- Load average (1 min) when the run started: ${loadAtStart.toFixed(1)} on ${cpus().length} cores.`,
    '',
    '| events | tasks rebuilt | seeding | replay | events/s |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
