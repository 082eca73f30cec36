import { randomUUID } from 'node:crypto';
import { TASK_COMPLETED, TASK_CREATED, type CreateTask } from '@todo/contracts';
import { handleTaskCommand } from '@todo/domain';
import { PostgresEventLog, PostgresEventStore } from '@todo/platform';
import { nextOccurrence, startSagas } from '@todo/sagas';
import { benchDatabase, silentLogger } from './lib/bench-database.ts';
import { allMigrations } from '@todo/deploy';
import { closedLoop, openLoop } from './lib/http-client.ts';
import { ms, summarise } from './lib/stats.ts';

const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 500);
const RATE = 25;
const RULES = [
  'FREQ=DAILY',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=MONTHLY;BYDAY=-1FR',
  'FREQ=MONTHLY;BYMONTHDAY=31',
  'FREQ=YEARLY;COUNT=10',
];

/** The pure rule expansion alone: how long one next-occurrence computation takes. */
function computeTimes(): number[] {
  const times: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const rrule = RULES[i % RULES.length]!;
    const t0 = performance.now();
    nextOccurrence(
      {
        dueAt: '2026-03-07T14:00:00.000Z',
        timezone: 'America/New_York',
        allDay: false,
        recurrence: { rrule, anchor: i % 2 ? 'schedule' : 'completion' },
        reminders: [{ id: 'r', minutesBefore: 10 }],
      },
      '2026-03-07T15:00:00.000Z',
    );
    if (i >= 1000) times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Issue 3: next-occurrence latency after completion. Recurring tasks are completed at a
 * steady rate with the recurrence saga running in the same process on the PostgreSQL event
 * log; latency is from the completion event's insert to the next occurrence's created
 * event's insert, both stamped by PostgreSQL's clock (clock_timestamp()).
 */
export async function run(): Promise<string> {
  const pure = summarise(computeTimes());
  const db = await benchDatabase(allMigrations);
  const logger = silentLogger();
  const store = new PostgresEventStore(db.knex);
  const eventLog = new PostgresEventLog(db.knex, db.connectionString, logger);
  const sagas = await startSagas({
    knex: db.knex,
    connectionString: db.connectionString,
    eventLog,
    eventStore: store,
    logger,
    webhooks: false,
  });
  try {
    const users = Array.from({ length: 50 }, () => randomUUID());
    const tasks = await closedLoop(COMPLETIONS, 8, async (i) => {
      const taskId = randomUUID();
      const create: CreateTask = {
        type: 'CreateTask',
        taskId,
        title: `Recurring ${i}`,
        description: '',
        priority: 'none',
        tags: [],
        dueAt: '2030-03-07T14:00:00.000Z',
        allDay: false,
        timezone: 'America/New_York',
        recurrence: { rrule: RULES[i % RULES.length]!, anchor: 'schedule' },
        reminders: [],
        seriesId: taskId,
        listId: null,
        spawnedFrom: null,
      };
      const userId = users[i % users.length]!;
      await handleTaskCommand(store, create, { userId, correlationId: 'bench', source: 'bench' });
      return { taskId, userId };
    });
    await sagas.caughtUp();
    await openLoop(RATE, COMPLETIONS / RATE, async (i) => {
      const { taskId, userId } = tasks[i]!;
      await handleTaskCommand(
        store,
        { type: 'CompleteTask', taskId, completedAt: new Date().toISOString() },
        { userId, correlationId: 'bench', source: 'bench' },
      );
    });
    await sagas.caughtUp();
    const rows: { ms: string }[] = (
      await db.knex.raw(
        `select extract(epoch from (n.recorded_at - c.recorded_at)) * 1000 as ms
           from events c
           join events n on n.type = ? and n.data->'spawnedFrom'->>'eventId' = c.event_id::text
          where c.type = ?`,
        [TASK_CREATED, TASK_COMPLETED],
      )
    ).rows;
    const s = summarise(rows.map((r) => Number(r.ms)));
    return [
      '## Recurrence: next occurrence after completion',
      '',
      `${COMPLETIONS} recurring tasks (rules: ${RULES.map((r) => `\`${r}\``).join(', ')}) completed at ${RATE}/s; ` +
        'recurrence saga in the same process on the PostgreSQL event log (LISTEN/NOTIFY + gap-safe polling). ' +
        'Latency = the next occurrence written − the completion written (PostgreSQL clock).',
      '',
      '| measure | count | p50 | p95 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- |',
      `| completion → next occurrence in the log | ${s.count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`,
      `| computing the next occurrence (pure, in-process) | ${pure.count} | ${ms(pure.p50)} | ${ms(pure.p95)} | ${ms(pure.p99)} | ${ms(pure.max)} |`,
      '',
    ].join('\n');
  } finally {
    await sagas.stop();
    await db.close();
  }
}
