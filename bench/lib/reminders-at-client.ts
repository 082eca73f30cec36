import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { TASK_REMINDER_FIRED } from '@todo/contracts';
import { TokenService, type Knex } from '@todo/platform';
import type { WebSocket } from 'ws';
import { closedLoop } from './http-client.ts';
import { openRealtimeSocket } from './realtime-client.ts';
import { ms, summarise } from './stats.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const REMINDER_USERS = 100;
export const REMINDERS_PER_TASK = 10;

export interface ReminderCase {
  name: string;
  reminders: number;
  perTask: number;
  windowMs: number;
}

export const REMINDER_CASES: ReminderCase[] = [
  { name: 'quiet: 30 reminders within 30 s', reminders: 30, perTask: 1, windowMs: 30_000 },
  {
    name: `busy: ${env('BENCH_REMINDERS', 10_000)} reminders within ${env('BENCH_WINDOW_MS', 60_000) / 1000} s`,
    reminders: env('BENCH_REMINDERS', 10_000),
    perTask: REMINDERS_PER_TASK,
    windowMs: env('BENCH_WINDOW_MS', 60_000),
  },
];

/** Wall-clock milliseconds with sub-millisecond resolution (the system uses the same clock). */
const wallNow = () => performance.timeOrigin + performance.now();

interface Received {
  lateness: number[];
  /** `resync` messages: the gateway closed a client it could not bring up to date. */
  resyncs: number;
  early: number;
  firedEarly: number;
}

/** Recorded (the reminder-fired event's insert, database clock) − instant, for the events since `after`. */
async function firingLateness(knex: Knex, after: string): Promise<{ samples: number[]; last: string }> {
  const rows: { position: string; late_ms: number }[] = await knex('events')
    .where({ type: TASK_REMINDER_FIRED })
    .andWhere('position', '>', after)
    .orderBy('position')
    .select(
      'position',
      knex.raw(`extract(epoch from recorded_at - (data->>'scheduledFor')::timestamptz) * 1000 as late_ms`),
    );
  return { samples: rows.map((r) => Number(r.late_ms)), last: rows.at(-1)?.position ?? after };
}

/** One case: the tasks are written through the API, then the client sockets wait for every reminder. */
async function runCase(
  url: string,
  users: { token: string }[],
  c: ReminderCase,
  received: Received,
): Promise<{ setupSeconds: number; got: number }> {
  const tasks = Math.ceil(c.reminders / c.perTask);
  const setupStarted = Date.now();
  // Far enough ahead for the tasks to be written and the saga to schedule every job.
  const windowStart = setupStarted + 15_000 + c.reminders * 2;
  await closedLoop(tasks, 8, async (t) => {
    const reminders = Array.from({ length: Math.min(c.perTask, c.reminders - t * c.perTask) }, () => ({
      at: new Date(windowStart + Math.floor(Math.random() * c.windowMs)).toISOString(),
    }));
    const res = await fetch(`${url}/api/tasks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${users[t % users.length]!.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: `Reminded ${t}`, reminders }),
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  });
  const setupSeconds = (Date.now() - setupStarted) / 1000;
  if (Date.now() > windowStart) throw new Error(`setup took ${setupSeconds} s, past the window start`);
  const deadline = windowStart + c.windowMs + 30_000;
  while (received.lateness.length < c.reminders && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
  }
  return { setupSeconds, got: received.lateness.length };
}

export interface ReminderFigures {
  /** Markdown table rows: per case, the client's lateness, then the recorded firing's. */
  rows: string[];
  notes: string[];
}

export const REMINDER_TABLE_HEAD = [
  '| case | received | p50 | p95 | p99 | max | early | clients resynced | target |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];

/**
 * Reminder lateness where the user sees it: REMINDER_USERS users (tokens signed with the
 * system's secret), one WebSocket client each in this process; lateness = a `reminder.due`
 * message's arrival at the client − the reminder's instant. "Early" counts arrivals (or
 * recorded firings) before the instant; it must be 0. `label` prefixes each row's case.
 */
export async function measureRemindersAtClient(options: {
  url: string;
  jwtSecret: string;
  knex: Knex;
  label?: string;
}): Promise<ReminderFigures> {
  const { url, knex } = options;
  const label = options.label ? `${options.label}, ` : '';
  const sockets: WebSocket[] = [];
  try {
    const tokens = new TokenService(options.jwtSecret, 3600);
    const users = await Promise.all(
      Array.from({ length: REMINDER_USERS }, async () => {
        const userId = randomUUID();
        return tokens.issue({ userId, email: `${userId}@bench.example` });
      }),
    );
    let received: Received = { lateness: [], resyncs: 0, early: 0, firedEarly: 0 };
    const onMessage = (data: WebSocket.RawData) => {
      const at = wallNow();
      const m = JSON.parse(data.toString()) as { type: string; scheduledFor?: string; firedAt?: string };
      if (m.type === 'resync') received.resyncs++;
      if (m.type !== 'reminder.due') return;
      const due = new Date(m.scheduledFor!).getTime();
      received.lateness.push(at - due);
      if (at < due) received.early++;
      if (new Date(m.firedAt!).getTime() < due) received.firedEarly++;
    };
    for (const user of users) sockets.push(await openRealtimeSocket(url, user.token, onMessage));
    const rows: string[] = [];
    const notes: string[] = [];
    let seen = (await firingLateness(knex, '0')).last;
    for (const c of REMINDER_CASES) {
      received = { lateness: [], resyncs: 0, early: 0, firedEarly: 0 };
      const load = loadavg()[0]!;
      const { setupSeconds, got } = await runCase(url, users, c, received);
      const s = summarise(received.lateness);
      const fired = await firingLateness(knex, seen);
      seen = fired.last;
      const f = summarise(fired.samples);
      rows.push(
        `| ${label}${c.name} | ${got} / ${c.reminders} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${received.early + received.firedEarly} | ${received.resyncs} | p99 ≤ 250 ms, 0 early |`,
        `| of which: reminder-fired event recorded | ${f.count} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${ms(f.max)} | | | |`,
      );
      notes.push(
        `${label}${c.name}: setup ${setupSeconds.toFixed(1)} s, load average (1 min) ${load.toFixed(1)} on 2 cores`,
      );
    }
    return { rows, notes };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}
